"""TheraNest (United States, behavioral health): CSV downloads of its lists and reports and the
invoice aging report as Excel. Client ids the practice types itself (`TN-0042`); prospective
clients in the client list (leads, not clients) and archived clients (inactive); month-first
dates without leading zeros (`3/7/1984`) and 12-hour times; appointments with date, start and
end in separate columns, `Show`, `No Show`, `Late Cancel`; staff named with credentials; SOAP
progress notes with line breaks; diagnoses with ICD-10 codes where `Diagnosis deferred` is no
condition; bill-to rows with no id where `Self Pay` means no insurer, copays as `$25.00`; the
aging buckets by client name as number cells; therapists beside a biller and an admin."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.tuning2.common import usd
from tools.zoo.world import make_world, money
from tools.zoo.writers import Table

ATTEND = {"completed": "Show", "arrived": "Show", "booked": "Scheduled",
          "cancelled": "Canceled", "no_show": "No Show"}
SERVICES = ("90837 Psychotherapy 60 min", "90834 Psychotherapy 45 min",
            "90791 Diagnostic Evaluation", "90847 Family Psychotherapy")
DIAGNOSES = (("F41.1", "Generalized anxiety disorder"), ("F32.1", "Major depressive disorder, "
             "single episode, moderate"), ("F43.10", "Post-traumatic stress disorder, "
             "unspecified"), ("F90.0", "ADHD, predominantly inattentive type"),
             ("F43.23", "Adjustment disorder with mixed anxiety and depressed mood"))
PAYERS = (("Aetna", "60054"), ("Blue Cross Blue Shield", "00621"), ("Cigna", "62308"),
          ("UnitedHealthcare", "87726"), ("Medicaid", "77027"))
SOURCES = ("Psychology Today", "Physician referral", "Insurance directory", "Friend",
           "Website")


def _d(day: date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def theranest_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/tuning2/theranest-us", "us", patients=106, providers=4, staff=2,
                   visits=230)
    rng = w.rng
    creds = ("LCSW", "LPC", "PsyD", "LMFT")
    staff = [f"{p.first} {p.last}, {creds[i]}" for i, p in enumerate(w.providers)]
    status = rng.choices(("Active", "Archived", "Prospective"), (78, 12, 10),
                         k=len(w.patients))
    clients = [i for i, s in enumerate(status) if s != "Prospective"]
    ids = [f"TN-{40 + 2 * i:04d}" for i in range(len(w.patients))]
    cols = {
        "Client ID": "patient.source_id", "Last Name": "patient.last_name",
        "First Name": "patient.first_name", "Preferred Name": "patient.preferred_name",
        "Date of Birth": "patient.date_of_birth (M/D/YYYY)", "Legal Gender": "patient.sex",
        "Status": "patient.status (Archived: inactive; Prospective routes to lead)",
        "Email": "patient.email", "Mobile Phone": "patient.phone_mobile",
        "Home Phone": "patient.phone_home", "Address": "patient.address_line1",
        "City": "patient.city", "State": "patient.state", "Zip": "patient.postal_code",
        "Intake Date": "patient.created_at", "Default Service Type": "custom",
        "Assigned Staff": "patient.primary_provider_source_id (by name with credentials)",
        "Referral Source": "referral.referral_type",
    }
    rows: list[list[Any]] = []
    refs = 0
    for i, p in enumerate(w.patients):
        lead = status[i] == "Prospective"
        src = rng.choice(SOURCES) if rng.random() < .6 else ""
        refs += bool(src) and not lead
        rows.append([
            ids[i], p.last, p.first, p.preferred, "" if lead else _d(p.dob),
            "" if lead else {"female": "Female", "male": "Male"}.get(p.sex, "X"), status[i],
            p.email, p.mobile, "" if lead else p.home, "" if lead else p.line1,
            "" if lead else p.city, "" if lead else p.state, "" if lead else p.postcode,
            _d(p.created.date()), "" if lead else rng.choice(SERVICES[:2]),
            "" if lead else staff[i % 4], "" if lead else src])
    patients = Table("Clients.csv", "patient", cols, rows,
                     {"patient": len(clients), "lead": len(w.patients) - len(clients),
                      "referral": refs},
                     routed={"column": "Status", "values": {"Prospective": "lead"},
                             "why": "prospective clients have shown interest but not started"},
                     notes=["one row, up to two records: the client and the referral source",
                            "Prospective: a lead (name and contact details only)"])
    ap_cols = {"Date": "appointment.starts_at (date part, M/D/YYYY)",
               "Start Time": "appointment.starts_at (time part, 12-hour)",
               "End Time": "appointment.ends_at (time part, on Date)",
               "Client ID": "appointment.patient_source_id", "Client": "drop",
               "Staff": "appointment.provider_source_id (by name with credentials)",
               "Service Type": "appointment.appointment_type",
               "Location": "appointment.location", "Status": "appointment.status"}
    ap_rows, bad = [], []
    for k, v in enumerate(w.visits):
        i = clients[v.patient % len(clients)]
        p = w.patients[i]
        end = v.start + timedelta(minutes=60 if v.minutes > 45 else 45)
        ap_rows.append([_d(v.start.date()), fmt.time12(v.start, upper=True),
                        fmt.time12(end, upper=True), ids[i], f"{p.first} {p.last}",
                        staff[v.provider], rng.choice(SERVICES),
                        rng.choice(("Main Office", "Telehealth")),
                        ATTEND[v.status] if v.status != "cancelled" else
                        rng.choice(("Canceled", "Late Cancel"))])
        if k % 50 == 9:
            ap_rows.append([_d(v.start.date()), "12:00 PM", "1:00 PM", "", "",
                            staff[v.provider], "Staff Meeting", "Main Office", ""])
            bad.append({"row": len(ap_rows), "reason": "a staff meeting on the calendar: no "
                        "client, not an appointment"})
    appointments = Table("Appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad,
                         notes=["no appointment id", "Show: attended; Late Cancel: cancelled"])
    pn_cols = {"Note ID": "clinical_note.source_id",
               "Client ID": "clinical_note.patient_source_id",
               "Staff": "clinical_note.author_source_id (by name with credentials)",
               "Date of Service": "clinical_note.created_at", "Note Type": "clinical_note.title",
               "Note": "clinical_note.body (SOAP sections on separate lines)"}
    pn_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or len(pn_rows) >= 115:
            continue
        i = clients[v.patient % len(clients)]
        pn_rows.append([str(88100 + 7 * len(pn_rows)), ids[i], staff[v.provider],
                        _d(v.start.date()), rng.choice(("SOAP Note", "Standard Note")),
                        "S: Client reports " + rng.choice(("improved sleep", "more worry this "
                                                           "week", "conflict at work")) +
                        ".\nO: Affect congruent, engaged.\nA: Progressing toward goals.\n"
                        "P: Continue weekly CBT; practice grounding skills."])
    notes = Table("Progress Notes.csv", "clinical_note", pn_cols, pn_rows,
                  {"clinical_note": len(pn_rows)})
    dx_cols = {"Client ID": "allergy_condition.patient_source_id",
               "ICD-10 Code": "allergy_condition.code",
               "Diagnosis": "allergy_condition.name ('Diagnosis deferred' is none)",
               "Diagnosis Date": "allergy_condition.recorded_at",
               "Status": "allergy_condition.clinical_status"}
    dx_rows, none = [], []
    for i in clients:
        when = _d((w.patients[i].created + timedelta(days=14)).date())
        if rng.random() < .1:
            dx_rows.append([ids[i], "R69", "Diagnosis deferred", when, "Active"])
            none.append({"row": len(dx_rows), "reason": "diagnosis deferred: no condition "
                         "recorded yet"})
            continue
        for code, name in rng.sample(DIAGNOSES, rng.choice((1, 1, 2))):
            dx_rows.append([ids[i], code, name, when, rng.choice(("Active", "Active",
                                                                   "Resolved"))])
    diagnoses = Table("Diagnoses.csv", "allergy_condition", dx_cols, dx_rows,
                      {"allergy_condition": len(dx_rows) - len(none)}, bad_rows=none,
                      notes=["every row a condition (a diagnosis); no id column",
                             "ICD-10-CM codes"])
    bt_cols = {"Client ID": "insurance.patient_source_id",
               "Bill To": "drop",
               "Payer": "insurance.carrier_name", "Payer ID": "custom",
               "Member ID": "insurance.member_id", "Group Number": "insurance.group_number",
               "Order": "insurance.is_primary (Primary / Secondary)",
               "Copay": "insurance.copay"}
    bt_rows, self_pay = [], []
    for i in clients:
        if rng.random() < .3:
            bt_rows.append([ids[i], "Self Pay", "", "", "", "", "Primary", ""])
            self_pay.append({"row": len(bt_rows), "reason": "self pay: the client has no "
                             "insurer (routed to drop)"})
            continue
        for order in ("Primary", "Secondary")[:2 if rng.random() < .12 else 1]:
            payer, pid = rng.choice(PAYERS)
            bt_rows.append([ids[i], "Insurance", payer, pid,
                            f"{rng.choice('WXYZ')}{rng.randrange(10**8, 10**9)}",
                            f"{rng.randrange(100000, 999999)}", order,
                            usd(Decimal(rng.choice((20, 25, 40))))])
    bill_to = Table("Bill To Insurance.csv", "insurance", bt_cols, bt_rows,
                    {"insurance": len(bt_rows) - len(self_pay)}, bad_rows=self_pay,
                    routed={"column": "Bill To", "values": {"Self Pay": "drop"},
                            "why": "self-pay clients have no insurer"},
                    notes=["no id: one row per client and order",
                           "Bill To: Insurance or Self Pay; a self-pay row has no insurer"])
    ia_cols = {"Client": "billing.patient_source_id (by name, First Last)",
               "0-30 Days": "drop", "31-60 Days": "drop", "61-90 Days": "drop",
               "91-120 Days": "drop", "120+ Days": "drop",
               "Total Balance": "billing.outstanding_balance (a number cell)"}
    ia_rows: list[list[Any]] = []
    for i in clients[::3]:
        p = w.patients[i]
        buckets = [float(money(rng, 300)) if rng.random() < .35 else 0.0 for _ in range(5)]
        if not any(buckets):
            buckets[0] = 25.0
        ia_rows.append([f"{p.first} {p.last}", *buckets, round(sum(buckets), 2)])
    aging = Table("Invoice Aging.xlsx#Invoice Aging", "billing", ia_cols, ia_rows,
                  {"billing": len(ia_rows)},
                  notes=["downloaded as Excel from the report: amounts are number cells",
                         "no client id: the client by name"])
    st_cols = {"Staff Name": "provider.last_name (full name in one column)",
               "Credentials": "provider.credentials", "Role": "provider.role",
               "NPI": "provider.npi", "License #": "provider.license_number",
               "Email": "provider.email", "Phone": "provider.phone"}
    people = w.providers + w.staff
    roles = ("Therapist", "Therapist", "Clinical Supervisor", "Therapist", "Biller", "Admin")
    st_rows = [[f"{p.first} {p.last}", creds[i] if i < 4 else "", roles[i],
                str(rng.randrange(10**9, 2 * 10**9)) if i < 4 else "",
                f"{rng.choice(('TX', 'CO', 'OR'))}{rng.randrange(10000, 99999)}" if i < 4
                else "", f"{p.first.lower()}.{p.last.lower()}@lakesidetherapy.example.com"
                .replace("'", ""), p.work or p.mobile] for i, p in enumerate(people)]
    team = Table("Staff.csv", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                 notes=["a biller and an admin beside therapists"])
    meta = {"export": "theranest-us", "vendor": "TheraNest", "country": "US",
            "currency": "USD", "date_order": "MDY", "half": "tuning2"}
    return meta, [patients, appointments, notes, diagnoses, bill_to, aging, team]
