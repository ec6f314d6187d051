"""Dentally (United Kingdom, dental): the patient list downloaded as CSV (UTF-8 with BOM) and
again as XLSX; large integer ids; day-first dates; the registered dentist by name; the payment
plan (NHS, private, a capitation plan) and account balance on the patient's row (credits as
`-£5.00`); appointments with date, start time and a duration in minutes in separate columns,
NHS-style states (`Did not attend`, `Cancelled`), lunch blocked out with no patient; the
practitioner list with GDC numbers and nurses and receptionists beside dentists; the patient
communication log (SMS, email, letters); a patient registered twice."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

STATE = {"completed": "Completed", "arrived": "Arrived", "booked": "Confirmed",
         "cancelled": "Cancelled", "no_show": "Did not attend"}
PLANS = ("NHS", "NHS", "Private", "Private", "Denplan Essentials", "Practice Plan Care")
REASONS = ("Exam", "Scale & Polish", "Hygiene", "Filling", "Extraction", "Crown prep",
           "Emergency", "Band 2 treatment")
TEMPLATES = (("SMS", "Appointment reminder", "Reminder: you have an appointment at Riverside "
              "Dental on {d}. Reply Y to confirm."),
             ("Email", "Appointment confirmation", "Thank you for booking. Your appointment "
              "is on {d}."),
             ("SMS", "Recall reminder", "You are due a check-up at Riverside Dental. Call us "
              "on 0113 496 0000 to book."),
             ("Letter", "Recall letter", "Dear patient, our records show you are due an "
              "examination."),
             ("Email", "Treatment plan", "Please find your treatment plan attached."))


def _gbp(amount: Decimal) -> str:
    return fmt.money(amount, "£")


def dentally_uk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout3/dentally-uk", "uk", patients=96, providers=3, staff=3,
                   visits=236)
    rng = w.rng
    ids, cur = [], 1840231
    for _ in w.patients:  # account-wide ids: gaps where other practices' patients were added
        cur += rng.randrange(3, 40)
        ids.append(cur)
    names = [f"Dr {p.first} {p.last}" for p in w.providers]
    cols = {
        "ID": "patient.source_id", "Title": "custom", "First name": "patient.first_name",
        "Middle name": "patient.middle_name", "Last name": "patient.last_name",
        "Preferred name": "patient.preferred_name", "Date of birth": "patient.date_of_birth",
        "Gender": "patient.sex", "Address line 1": "patient.address_line1",
        "Address line 2": "patient.address_line2", "Town": "patient.city",
        "County": "patient.state", "Postcode": "patient.postal_code",
        "Email address": "patient.email", "Mobile phone": "patient.phone_mobile",
        "Home phone": "patient.phone_home", "Work phone": "patient.phone_work",
        "NHS number": "custom", "Dentist": "patient.primary_provider_source_id (by name)",
        "Payment plan": "billing.payment_plan", "Balance": "billing.outstanding_balance",
        "Preferred contact method": "patient.contact_preference",
        "Active": "patient.status (false: inactive)", "Created at": "patient.created_at",
        "Recall due": "custom",
    }
    rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        bal = money(rng, 180) if rng.random() < .35 else Decimal(0)
        if rng.random() < .06:
            bal = -money(rng, 40)
        rows.append([
            str(ids[i]), rng.choice(("Mr", "Mrs", "Ms", "Miss", "Dr", "Mx")), p.first, p.middle,
            p.last, p.preferred, fmt.dmy(p.dob), {"female": "Female", "male": "Male"}.get(
                p.sex, ""), p.line1, rng.choice(("", "", "Flat 3", "Headingley")), p.city,
            rng.choice(("West Yorkshire", "")), p.postcode, p.email, p.mobile, p.home, p.work,
            f"{rng.randrange(400, 499)} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
            if rng.random() < .6 else "", names[i % 3], rng.choice(PLANS), _gbp(bal),
            rng.choice(("SMS", "Email", "Letter", "Phone")),
            "false" if rng.random() < .12 else "true",
            (p.created - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            fmt.dmy((p.created + timedelta(days=rng.randrange(200, 900))).date())])
    again = list(rows[30])
    again[0] = str(ids[-1] + 17)
    again[23] = "2025-04-02T09:14:51Z"
    rows.insert(74, again)
    dup = [{"row": 75, "of_row": 31, "reason": "the same patient registered again under a new "
            "ID (same name, date of birth, email and mobile)"}]
    records = {"patient": len(w.patients), "billing": len(w.patients)}
    notes = ["one row, two records: the patient and their account (payment plan and balance)",
             "credits as -£5.00", "Created at in UTC with Z"]
    patients = Table("patients.csv", "patient", cols, rows, records, duplicate_rows=dup,
                     layout=Layout(encoding="utf-8-sig"), notes=notes)
    twin = Table("patients.xlsx#Patients", "patient", dict(cols), [list(r) for r in rows],
                 dict(records), duplicate_rows=[dict(d) for d in dup],
                 twin_of="patients.csv",
                 notes=["the same patient list downloaded again as Excel: read once"])
    ap_cols = {"Appointment ID": "appointment.source_id",
               "Patient ID": "appointment.patient_source_id", "Patient": "drop",
               "Practitioner": "appointment.provider_source_id (by name, with Dr)",
               "Date": "appointment.starts_at (date part)",
               "Start time": "appointment.starts_at (time part)",
               "Duration (mins)": "appointment.ends_at (start plus duration in minutes)",
               "Reason": "appointment.appointment_type", "Surgery": "appointment.location",
               "State": "appointment.status", "Notes": "appointment.notes",
               "Booked at": "appointment.created_at", "Payment plan": "drop"}
    ap_rows, bad = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ap_rows.append([str(90412000 + 7 * k), str(ids[v.patient]), f"{p.first} {p.last}",
                        names[v.provider], fmt.dmy(v.start.date()), fmt.time24(v.start),
                        str(v.minutes), rng.choice(REASONS), f"Surgery {v.provider + 1}",
                        STATE[v.status], v.note, fmt.iso_dt(v.start - timedelta(days=20)),
                        rng.choice(PLANS)])
        if k % 50 == 11:
            ap_rows.append([str(90412000 + 7 * k + 3), "", "", names[v.provider],
                            fmt.dmy(v.start.date()), "13:00", "60", "Lunch",
                            f"Surgery {v.provider + 1}", "", "", "", ""])
            bad.append({"row": len(ap_rows), "reason": "lunch blocked out in the diary: no "
                        "patient, not an appointment"})
    appointments = Table("appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad,
                         notes=["date, start time and duration in three columns",
                                "Did not attend: no-show"])
    pr_cols = {"ID": "provider.source_id", "Name": "provider.last_name (full name with "
                                                   "title in one column)",
               "Role": "provider.role", "GDC number": "provider.license_number",
               "Email": "provider.email", "Active": "provider.active"}
    roles = ("Dentist", "Dentist", "Hygienist", "Dental Nurse", "Receptionist",
             "Practice Manager")
    people = w.providers + w.staff
    pr_rows = [[str(5120 + i), names[i] if i < 3 else f"{p.first} {p.last}", roles[i],
                str(rng.randrange(50000, 299999)) if i < 4 else "",
                f"{p.first.lower()}@riversidedental.example.co.uk", "true"]
               for i, p in enumerate(people)]
    practitioners = Table("practitioners.csv", "provider", pr_cols, pr_rows,
                          {"provider": len(pr_rows)},
                          notes=["dentists, a hygienist, a nurse and front-desk staff"])
    cm_cols = {"Sent at": "communication.occurred_at",
               "Patient ID": "communication.patient_source_id", "Patient": "drop",
               "Method": "communication.channel", "Template": "communication.subject",
               "Message": "communication.body", "Status": "custom",
               "Sent by": "communication.staff_source_id (by name; 'Automated' is none)"}
    cm_rows = []
    for k, v in enumerate(w.visits):
        if k % 3 == 2 or v.status == "cancelled":
            continue
        channel, template, text = rng.choice(TEMPLATES)
        p = w.patients[v.patient]
        when = v.start - timedelta(days=2, hours=rng.randrange(0, 6))
        sender = "Automated" if channel != "Letter" else \
            f"{w.staff[2].first} {w.staff[2].last}"
        cm_rows.append([fmt.dmy(when.date()) + " " + fmt.time24(when), str(ids[v.patient]),
                        f"{p.first} {p.last}", channel, template,
                        text.format(d=f"{fmt.dmy(v.start.date())} at {fmt.time24(v.start)}"),
                        rng.choice(("Delivered", "Delivered", "Sent", "Failed")), sender])
    comms = Table("patient_communications.csv", "communication", cm_cols, cm_rows,
                  {"communication": len(cm_rows)},
                  notes=["outbound only: reminders and recalls the practice sent",
                         "sent at as dd/mm/yyyy hh:mm"])
    meta = {"export": "dentally-uk", "vendor": "Dentally", "country": "UK", "currency": "GBP",
            "date_order": "DMY", "half": "holdout3"}
    return meta, [patients, twin, appointments, practitioners, comms]
