"""Curve Dental (Curve Hero, United States, dental): files from the reporting module, not a
data export. Title lines with the report's name, the practice and when it was printed; the
header again after every page; totals at the end. Patients named `Last, First M` and known by
their chart number, which every other report uses; month-first dates and 12-hour times; the
appointment list with date, time and length in separate columns, `Missed` for no-shows and
schedule blocks with no patient; the RP aging report with credits printed `$12.00-`; coverage
rows with no id where `Self Pay` means no insurer; medical alerts with `NKDA`/`None`; clinical
notes with line breaks inside cells; dentists, hygienists and front-office staff."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.tuning2.common import last_first, trailing_minus, usd
from tools.zoo.world import ALLERGIES, CONDITIONS, NOTE_LINES, make_world, money
from tools.zoo.writers import Layout, Table

PRACTICE = "Bright Smiles Family Dentistry"
PRINTED = ["Printed 06/02/2025 4:12 PM by frontdesk"]
STATUS = {"completed": "Completed", "arrived": "Checked In", "booked": "Scheduled",
          "cancelled": "Canceled", "no_show": "Missed"}
PROCS = ("D0120 Periodic Eval; D1110 Prophy", "D0150 Comp Eval; D0210 FMX",
         "D2392 Resin 2S Post", "D2740 Crown Porc/Ceramic", "D4341 SRP 4+ Teeth",
         "D0140 Limited Eval", "D3330 Endo Molar")
CARRIERS = (("Delta Dental PPO", "PPO"), ("MetLife PDP Plus", "PPO"), ("Cigna DHMO", "DHMO"),
            ("Aetna Dental", "PPO"), ("Guardian DentalGuard", "PPO"))
ROLES = ("Dentist", "Dentist", "Hygienist", "Hygienist", "Front Office", "Billing")


def _report(title: str, extra: list[str] | None = None) -> list[list[str]]:
    return [[title], [PRACTICE], *([extra] if extra else []), PRINTED, []]


def _name(p: Any, creds: str) -> str:
    return f"{p.last}, {p.first} {creds}".strip()


def curve_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/tuning2/curvedental-us", "us", patients=100, providers=4, staff=2,
                   visits=220)
    rng = w.rng
    charts = [f"{1000 + 3 * i + rng.randrange(3)}" for i in range(len(w.patients))]
    creds = ("DDS", "DMD", "RDH", "RDH")
    provs = [_name(p, creds[i]) for i, p in enumerate(w.providers)]
    cols = {
        "Chart #": "patient.source_id (the chart number: every report names patients by it)",
        "Patient": "patient.last_name (Last, First M in one column)",
        "Preferred": "patient.preferred_name", "Birthdate": "patient.date_of_birth",
        "Gender": "patient.sex", "Address": "patient.address_line1", "City": "patient.city",
        "State": "patient.state", "Zip": "patient.postal_code",
        "Cell Phone": "patient.phone_mobile", "Home Phone": "patient.phone_home",
        "Email": "patient.email", "Preferred Contact": "patient.contact_preference",
        "Primary Provider": "patient.primary_provider_source_id (by name, Last, First DDS)",
        "Status": "patient.status", "Date Added": "patient.created_at",
        "Last Visit": "custom", "Recall Due": "custom",
    }
    rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        rows.append([
            charts[i], last_first(p.first, p.last, p.middle), p.preferred, fmt.mdy(p.dob),
            {"female": "F", "male": "M"}.get(p.sex, ""), p.line1, p.city, p.state, p.postcode,
            p.mobile, p.home, p.email, rng.choice(("Text", "Email", "Call", "Text")),
            provs[rng.choice((0, 0, 1))], rng.choices(("Active", "Inactive", "Archived"),
                                                      (85, 10, 5))[0],
            fmt.mdy(p.created.date()), fmt.mdy((p.created + timedelta(days=300)).date()),
            fmt.mdy((p.created + timedelta(days=480)).date()) if rng.random() < .7 else ""])
    rows.insert(61, ["9999", "TEST, PATIENT", "", "01/01/1950", "", "123 Main St",
                     "Springfield", "IL", "62704", "(217) 555-0100", "", "", "Call",
                     provs[0], "Active", "03/14/2016", "", ""])
    patients = Table(
        "Patient List.csv", "patient", cols, rows, {"patient": len(w.patients)},
        bad_rows=[{"row": 62, "reason": "test patient (TEST, PATIENT) the office made to try "
                   "the software"}],
        layout=Layout(title=_report("Patient List"), footer=[[], [f"Total Patients: "
                                                                 f"{len(rows)}"]],
                      repeat_header_every=45),
        notes=["report: title lines, the header again every 45 rows, a total line",
               "Archived: inactive"])
    ap_cols = {"Date": "appointment.starts_at (date part, MM/DD/YYYY)",
               "Time": "appointment.starts_at (time part, 12-hour)",
               "Length": "appointment.ends_at (start plus length, '60 min')",
               "Chart #": "appointment.patient_source_id", "Patient": "drop",
               "Provider": "appointment.provider_source_id (by name, Last, First DDS)",
               "Operatory": "appointment.location", "Procedures": "appointment.appointment_type",
               "Status": "appointment.status", "Note": "appointment.notes"}
    ap_rows, bad = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ap_rows.append([fmt.mdy(v.start.date()), fmt.time12(v.start, upper=True),
                        f"{v.minutes} min", charts[v.patient], last_first(p.first, p.last),
                        provs[v.provider], f"OP {v.provider + 1}", rng.choice(PROCS),
                        STATUS[v.status] if v.status != "booked" else
                        rng.choice(("Scheduled", "Confirmed")), v.note])
        if k % 55 == 30:
            ap_rows.append([fmt.mdy(v.start.date()), "12:00 PM", "60 min", "", "",
                            provs[v.provider], f"OP {v.provider + 1}", "BLOCK - Staff Meeting",
                            "", ""])
            bad.append({"row": len(ap_rows), "reason": "a schedule block (staff meeting): no "
                        "patient, not an appointment"})
    appointments = Table(
        "Appointment List.csv", "appointment", ap_cols, ap_rows,
        {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad,
        layout=Layout(title=_report("Appointment List", ["01/08/2024 - 03/31/2025"]),
                      footer=[[], [f"Appointments: {len(ap_rows) - len(bad)}"]],
                      repeat_header_every=60),
        notes=["no appointment id", "Missed: no-show; Confirmed and Scheduled: booked",
               "the patient by chart number"])
    ag_cols = {"Chart #": "billing.patient_source_id", "Responsible Party": "drop",
               "Current": "drop", "31-60": "drop", "61-90": "drop", "Over 90": "drop",
               "Patient Total Owing": "billing.outstanding_balance",
               "Insurance Total Owing": "custom", "Last Pmt Date": "billing.last_payment_date",
               "Last Pmt Amt": "billing.last_payment_amount"}
    ag_rows = []
    total = Decimal(0)
    for i, p in enumerate(w.patients):
        if i % 2:
            continue
        buckets = [money(rng, 200) if rng.random() < .4 else Decimal(0) for _ in range(4)]
        owing = sum(buckets, Decimal(0))
        if rng.random() < .08:
            buckets, owing = [Decimal(0)] * 4, -money(rng, 60)
        total += owing
        paid = p.created + timedelta(days=rng.randrange(60, 700))
        ag_rows.append([charts[i], last_first(p.first, p.last), *(usd(b) for b in buckets),
                        trailing_minus(owing), usd(money(rng, 400)), fmt.mdy(paid.date()),
                        usd(money(rng, 250) + 10)])
    aging = Table("RP Aging.csv", "billing", ag_cols, ag_rows, {"billing": len(ag_rows)},
                  layout=Layout(title=_report("RP Aging"),
                                footer=[[], ["Totals", "", "", "", "", "",
                                             trailing_minus(total)]]),
                  notes=["credits with the sign after the amount: $12.00-",
                         "one row per responsible party; the total line at the end"])
    in_cols = {"Chart #": "insurance.patient_source_id",
               "Coverage": "insurance.is_primary (Primary / Secondary)",
               "Carrier": "insurance.carrier_name ('Self Pay' means no insurer: routed to drop)",
               "Plan Type": "insurance.plan_type", "Subscriber ID": "insurance.member_id",
               "Group #": "insurance.group_number", "Subscriber": "custom",
               "Relationship": "custom", "Effective": "insurance.effective_from"}
    in_rows, self_pay = [], []
    for i, p in enumerate(w.patients):
        if rng.random() < .25:
            in_rows.append([charts[i], "Primary", "Self Pay", "", "", "", "", "", ""])
            self_pay.append({"row": len(in_rows), "reason": "self pay: the patient has no "
                             "insurer (routed to drop)"})
            continue
        for cov in ("Primary", "Secondary")[:2 if rng.random() < .15 else 1]:
            carrier, plan = rng.choice(CARRIERS)
            in_rows.append([charts[i], cov, carrier, plan, f"{rng.randrange(10**8, 10**9)}",
                            f"{rng.randrange(10000, 99999)}", last_first(p.first, p.last),
                            rng.choice(("Self", "Self", "Spouse", "Child")),
                            fmt.mdy((p.created + timedelta(days=5)).date())])
    coverage = Table("Insurance Coverage.csv", "insurance", in_cols, in_rows,
                     {"insurance": len(in_rows) - len(self_pay)}, bad_rows=self_pay,
                     routed={"column": "Carrier", "values": {"Self Pay": "drop"},
                             "why": "self-pay patients have no insurer"},
                     notes=["no id: one row per patient and coverage"])
    ma_cols = {"Chart #": "allergy_condition.patient_source_id",
               "Alert Type": "allergy_condition.kind (Allergy / Medical)",
               "Alert": "allergy_condition.name ('NKDA' and 'None' mean none)",
               "Entered": "allergy_condition.recorded_at"}
    ma_rows, none = [], []
    for i, p in enumerate(w.patients):
        when = fmt.mdy((p.created + timedelta(days=rng.randrange(0, 300))).date())
        if rng.random() < .15:
            ma_rows.append([charts[i], "Allergy", rng.choice(("NKDA", "None")), when])
            none.append({"row": len(ma_rows), "reason": "no known allergies: not an allergy"})
            continue
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            kind = rng.choice(("Allergy", "Medical"))
            ma_rows.append([charts[i], kind, rng.choice(ALLERGIES if kind == "Allergy"
                                                        else CONDITIONS), when])
    alerts = Table("Medical Alerts.csv", "allergy_condition", ma_cols, ma_rows,
                   {"allergy_condition": len(ma_rows) - len(none)}, bad_rows=none,
                   notes=["no id column", "NKDA: no known drug allergies"])
    cn_cols = {"Date": "clinical_note.created_at (MM/DD/YYYY h:mm AM)",
               "Chart #": "clinical_note.patient_source_id",
               "Provider": "clinical_note.author_source_id (by name, Last, First DDS)",
               "Note Type": "clinical_note.title",
               "Note": "clinical_note.body (line breaks inside the cell)"}
    cn_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or len(cn_rows) >= 120:
            continue
        done: datetime = v.start + timedelta(minutes=v.minutes + 3)
        cn_rows.append([f"{fmt.mdy(done.date())} {fmt.time12(done, upper=True)}",
                        charts[v.patient], provs[v.provider],
                        rng.choice(("Clinical Note", "Hygiene Note", "Post-Op Note")),
                        "\n".join(rng.sample(NOTE_LINES, 2)) + "\nNV: recall 6 months."])
    notes = Table("Clinical Notes.csv", "clinical_note", cn_cols, cn_rows,
                  {"clinical_note": len(cn_rows)}, notes=["no note id"])
    pr_cols = {"Code": "provider.source_id", "Last Name": "provider.last_name",
               "First Name": "provider.first_name", "Title": "provider.credentials",
               "Type": "provider.role", "NPI": "provider.npi",
               "License #": "provider.license_number", "Email": "provider.email"}
    people = w.providers + w.staff
    pr_rows = [[f"{p.first[0]}{p.last[0]}{i + 1}", p.last, p.first, creds[i] if i < 4 else "",
                ROLES[i], str(rng.randrange(10**9, 2 * 10**9)) if i < 4 else "",
                f"IL-{rng.randrange(100000, 999999)}" if i < 4 else "",
                f"{p.first.lower()}@brightsmiles.example.com"] for i, p in enumerate(people)]
    team = Table("Providers.csv", "provider", pr_cols, pr_rows, {"provider": len(pr_rows)},
                 notes=["front-office and billing staff beside dentists and hygienists"])
    meta = {"export": "curvedental-us", "vendor": "Curve Dental", "country": "US",
            "currency": "USD", "date_order": "MDY", "half": "tuning2"}
    return meta, [patients, appointments, aging, coverage, alerts, notes, team]
