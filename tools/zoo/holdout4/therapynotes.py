"""TherapyNotes (United States, mental health): the downloaded client contact list, the printed
schedule, insurance policies, notes, staff and the patient balance list. Clients named in one
column `Last, First M`; active and inactive clients; a sample client made to practise on; phones
with extensions (`x204`); appointments with date, 12-hour time and `50 min` durations, `Show`,
`No Show`, `Late Canceled`, blocked time with no client; CPT service codes; policies with
primary and secondary order, copays as `$25.00`, a policy entered twice; intake and progress
notes with line breaks; clinicians with credentials and NPI beside a scheduler and a biller;
balances with credits in parentheses."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout4.common import last_first
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

STATUS = {"completed": "Show", "arrived": "Show", "booked": "Scheduled",
          "cancelled": "Canceled", "no_show": "No Show"}
SERVICES = ("90791 Psychiatric Diagnostic Evaluation", "90834 Psychotherapy, 45 min",
            "90837 Psychotherapy, 60 min", "90847 Family Psychotherapy w/ Patient")
PAYERS = (("Aetna", "60054"), ("Cigna Behavioral Health", "62308"), ("Optum", "87726"),
          ("Blue Cross Blue Shield of Texas", "84980"), ("Tricare East", "99726"))
NOTE_TYPES = ("Psychotherapy Intake Note", "Progress Note", "Progress Note",
              "Psychotherapy Note")


def therapynotes_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout4/therapynotes-us", "us", patients=104, providers=4, staff=2,
                   visits=226)
    rng = w.rng
    creds = ("PhD", "LCSW", "LPC", "LMFT")
    clin = [f"{p.first} {p.last}, {creds[i]}" for i, p in enumerate(w.providers)]
    ids = [str(1203 + 3 * i) for i in range(len(w.patients))]
    cols = {
        "Patient ID": "patient.source_id",
        "Patient Name": "patient.last_name (full name, Last, First M)",
        "Date of Birth": "patient.date_of_birth (MM/DD/YYYY)", "Sex": "patient.sex",
        "Mobile Phone": "patient.phone_mobile", "Home Phone": "patient.phone_home",
        "Work Phone": "patient.phone_work (with extensions, x204)",
        "Email": "patient.email", "Street Address": "patient.address_line1",
        "City": "patient.city", "State": "patient.state", "ZIP": "patient.postal_code",
        "Reminder Preference": "patient.contact_preference (Text / Email / Voice / None)",
        "Status": "patient.status (Active / Inactive)",
        "Assigned Clinician": "patient.primary_provider_source_id (by name with credentials)",
        "Referred By": "referral.referrer_name",
        "Date Added": "patient.created_at (MM/DD/YYYY)",
    }
    rows: list[list[Any]] = []
    refs = 0
    for i, p in enumerate(w.patients):
        by = rng.choice(("", "", "", "Dr. Susan Park (PCP)", "Psychology Today",
                         "Dr. Alan Reyes, MD"))
        refs += bool(by)
        rows.append([
            ids[i], last_first(p.first, p.last, p.middle), fmt.mdy(p.dob),
            {"female": "Female", "male": "Male"}.get(p.sex, "Unknown"), p.mobile, p.home,
            f"{p.work} x{rng.randrange(100, 999)}" if p.work else "", p.email, p.line1,
            p.city, p.state, p.postcode, rng.choice(("Text", "Text", "Email", "Voice", "None")),
            "Inactive" if rng.random() < .15 else "Active", clin[i % 4], by,
            fmt.mdy(p.created.date())])
    rows.insert(5, ["1000", "Sample, Patient", "01/01/1990", "Unknown", "", "", "", "", "", "",
                    "", "", "None", "Active", clin[0], "", "07/13/2015"])
    patients = Table("Patient Contact Information.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "referral": refs},
                     bad_rows=[{"row": 6, "reason": "a sample patient made to practise notes "
                                "on (Sample, Patient)"}],
                     notes=["one row, up to two records: the client and who referred them",
                            "the client's name in one column, Last, First M"])
    ap_cols = {"Date": "appointment.starts_at (date part, MM/DD/YYYY)",
               "Time": "appointment.starts_at (time part, 12-hour)",
               "Duration": "appointment.ends_at (start plus duration, '50 min')",
               "Patient": "appointment.patient_source_id (by name, Last, First M)",
               "Clinician": "appointment.provider_source_id (by name with credentials)",
               "Service": "appointment.appointment_type (CPT code and description)",
               "Location": "appointment.location", "Status": "appointment.status"}
    ap_rows, blocked = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        status = STATUS[v.status]
        if v.status == "cancelled" and rng.random() < .4:
            status = "Late Canceled"
        ap_rows.append([fmt.mdy(v.start.date()), fmt.time12(v.start, upper=True),
                        f"{rng.choice((50, 53, 60)) if v.minutes > 30 else 45} min",
                        last_first(p.first, p.last, p.middle), clin[v.provider],
                        rng.choice(SERVICES), rng.choice(("Main Office", "Telehealth")),
                        status])
        if k % 44 == 21:
            ap_rows.append([fmt.mdy(v.start.date()), "12:00 PM", "60 min", "",
                            clin[v.provider], "Blocked: Supervision", "Main Office", ""])
            blocked.append({"row": len(ap_rows), "reason": "blocked time for supervision: "
                            "no client, not an appointment"})
    schedule = Table("Scheduling Calendar.csv", "appointment", ap_cols, ap_rows,
                     {"appointment": len(ap_rows) - len(blocked)}, bad_rows=blocked,
                     notes=["no appointment id; the client by name",
                            "Show: attended; Late Canceled: cancelled"])
    in_cols = {"Patient ID": "insurance.patient_source_id",
               "Policy Order": "insurance.is_primary (Primary / Secondary)",
               "Insurance Payer": "insurance.carrier_name", "Payer ID": "custom",
               "Member ID": "insurance.member_id", "Group Number": "insurance.group_number",
               "Plan Type": "insurance.plan_type", "Copay": "insurance.copay ($25.00)",
               "Coverage Start": "insurance.effective_from (MM/DD/YYYY)",
               "Coverage End": "insurance.effective_to (MM/DD/YYYY, blank: open)"}
    in_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .3:
            continue
        for order in ("Primary", "Secondary")[:2 if rng.random() < .1 else 1]:
            payer, pid = rng.choice(PAYERS)
            start = (p.created + timedelta(days=rng.randrange(0, 90))).date()
            in_rows.append([ids[i], order, payer, pid,
                            f"{rng.choice('UWX')}{rng.randrange(10**8, 10**9)}",
                            str(rng.randrange(10000, 999999)), rng.choice(("PPO", "HMO", "EPO")),
                            fmt.money(Decimal(rng.choice((0, 20, 25, 30, 40)))), fmt.mdy(start),
                            fmt.mdy(start + timedelta(days=365)) if rng.random() < .2 else ""])
    in_rows.insert(17, list(in_rows[16]))
    policies = Table("Insurance Policies.csv", "insurance", in_cols, in_rows,
                     {"insurance": len(in_rows) - 1},
                     duplicate_rows=[{"row": 18, "of_row": 17, "reason": "the same policy "
                                      "entered twice for one client"}],
                     notes=["no policy id: one row per client and order"])
    nt_cols = {"Patient ID": "clinical_note.patient_source_id",
               "Note Type": "clinical_note.title",
               "Date of Service": "clinical_note.created_at (MM/DD/YYYY)",
               "Clinician": "clinical_note.author_source_id (by name with credentials)",
               "Note Text": "clinical_note.body (sections on separate lines)",
               "Signed": "drop"}
    nt_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or len(nt_rows) >= 118:
            continue
        nt_rows.append([ids[v.patient], rng.choice(NOTE_TYPES), fmt.mdy(v.start.date()),
                        clin[v.provider],
                        "Current Mental Status: oriented x3, mood euthymic.\n"
                        f"Session Focus: {rng.choice(('sleep hygiene', 'grief', 'work stress'))}."
                        "\nPlan: continue weekly sessions.", rng.choice(("Yes", "Yes", "No"))])
    notes = Table("Notes.csv", "clinical_note", nt_cols, nt_rows,
                  {"clinical_note": len(nt_rows)}, notes=["no note id"])
    st_cols = {"Name": "provider.last_name (full name with credentials)",
               "Role": "provider.role", "NPI": "provider.npi",
               "Email": "provider.email", "Phone": "provider.phone (with extension)",
               "Active": "provider.active (Yes / No)"}
    roles = ("Clinical Administrator", "Clinician", "Clinician", "Intern", "Scheduler",
             "Biller")
    st_rows = [[clin[i] if i < 4 else f"{p.first} {p.last}", roles[i],
                str(rng.randrange(10**9, 2 * 10**9)) if i < 4 else "",
                f"{p.first[0].lower()}{p.last.lower()}@hillcountrycounseling.example.com"
                .replace("'", ""), f"(512) 555-01{10 + i} x{200 + i}", "No" if i == 3 else "Yes"]
               for i, p in enumerate(w.providers + w.staff)]
    staff = Table("Staff.csv", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                  notes=["a scheduler and a biller beside clinicians"])
    bl_cols = {"Patient ID": "billing.patient_source_id", "Patient": "drop",
               "Patient Balance": "billing.outstanding_balance ($, credits in parentheses)",
               "Insurance Balance": "custom",
               "Last Payment": "billing.last_payment_date (MM/DD/YYYY)",
               "Last Payment Amount": "billing.last_payment_amount"}
    bl_rows = []
    for i, p in enumerate(w.patients):
        if rng.random() < .6:
            continue
        owed = money(rng, 400) if rng.random() < .85 else -money(rng, 60)
        bl_rows.append([ids[i], last_first(p.first, p.last), fmt.money(owed, negative="()"),
                        fmt.money(money(rng, 300)),
                        fmt.mdy((p.created + timedelta(days=rng.randrange(20, 700))).date()),
                        fmt.money(money(rng, 200) + 20)])
    balances = Table("Patient Balances.csv", "billing", bl_cols, bl_rows,
                     {"billing": len(bl_rows)},
                     layout=Layout(title=[["Patient Balances"], ["Hill Country Counseling"],
                                          ["As of 06/30/2025"]]),
                     notes=["a report with title lines", "credits as ($45.00)"])
    meta = {"export": "therapynotes-us", "vendor": "TherapyNotes", "country": "US",
            "currency": "USD", "date_order": "MDY", "half": "holdout4"}
    return meta, [patients, schedule, policies, notes, staff, balances]
