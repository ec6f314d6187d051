"""Semble (United Kingdom, private practice): one workbook with a sheet per table. 24-hex
object ids; real date and date-time cells; TRUE/FALSE cells for archived patients and active
users; the insurer, membership number and authorisation code on the patient's row, where
`Self-pay` means no insurer; how the patient found the practice; bookings with real start and
end cells, `DNA` for did not attend, out-of-office events with no patient; consultation notes
with headings on separate lines; allergies with `No known allergies`; clinicians beside
receptionists and a practice manager in the users sheet; the debtors list as numbers; a
patient registered twice."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo.tuning2.common import object_id
from tools.zoo.world import ALLERGIES, NOTE_LINES, make_world, money
from tools.zoo.writers import Table

BOOK = "Semble export.xlsx"
INSURERS = ("Bupa", "AXA Health", "Vitality", "Aviva", "WPA", "Self-pay", "Self-pay",
            "Self-pay")
STATUS = {"completed": "Completed", "arrived": "Arrived", "booked": "Confirmed",
          "cancelled": "Cancelled", "no_show": "DNA"}
TYPES = ("Initial consultation", "Follow-up consultation", "Physiotherapy session",
         "Dermatology review", "Video consultation")
SOURCES = ("GP referral", "Google", "Friend or family", "Insurer", "Instagram", "")
JOBS = ("Consultant Dermatologist", "General Practitioner", "Physiotherapist",
        "Physiotherapist")


def semble_uk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/tuning2/semble-uk", "uk", patients=94, providers=4, staff=3,
                   visits=210)
    rng = w.rng
    ids = [object_id(rng, p.created) for p in w.patients]
    clin = [f"Dr {p.first} {p.last}" if i < 2 else f"{p.first} {p.last}"
            for i, p in enumerate(w.providers)]
    cols = {
        "Patient ID": "patient.source_id", "Title": "custom",
        "First name": "patient.first_name", "Last name": "patient.last_name",
        "Date of birth": "patient.date_of_birth (a date cell)", "Gender": "patient.sex",
        "Email": "patient.email", "Mobile": "patient.phone_mobile",
        "Phone": "patient.phone_home", "Address line 1": "patient.address_line1",
        "Address line 2": "patient.address_line2", "City": "patient.city",
        "Postcode": "patient.postal_code", "Country": "patient.country",
        "NHS number": "custom",
        "Insurer": "insurance.carrier_name ('Self-pay' means self-funding: no insurer)",
        "Membership number": "insurance.member_id", "Authorisation code": "custom",
        "Referral source": "referral.referral_type",
        "Communication preference": "patient.contact_preference",
        "Archived": "patient.status (TRUE: inactive)",
        "Created": "patient.created_at (a date-time cell)",
    }
    rows: list[list[Any]] = []
    insured = referred = 0
    for i, p in enumerate(w.patients):
        insurer = rng.choice(INSURERS)
        has = insurer != "Self-pay"
        src = rng.choice(SOURCES)
        insured += has
        referred += bool(src)
        rows.append([
            ids[i], rng.choice(("Mr", "Mrs", "Ms", "Miss", "Dr")), p.first, p.last, p.dob,
            {"female": "Female", "male": "Male", "other": "Other"}.get(p.sex, "Unknown"),
            p.email, p.mobile, p.home, p.line1, rng.choice(("", "", "Flat 2")), p.city,
            p.postcode, "United Kingdom",
            f"{rng.randrange(400, 499)} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
            if rng.random() < .5 else "", insurer,
            f"{rng.randrange(10**7, 10**8)}" if has else "",
            f"AUTH{rng.randrange(100000, 999999)}" if has and rng.random() < .5 else "",
            src, rng.choice(("Email", "SMS", "Letter")), rng.random() < .1, p.created])
    again = list(rows[22])
    again[0] = object_id(rng, datetime(2025, 3, 3, 11, 5))
    again[21] = datetime(2025, 3, 3, 11, 5)
    rows.insert(80, again)
    dup = [{"row": 81, "of_row": 23, "reason": "the same patient added again (same name, date "
            "of birth, e-mail and mobile) under a new ID"}]
    patients = Table(f"{BOOK}#Patients", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured, "referral": referred},
                     duplicate_rows=dup,
                     notes=["one row, up to three records: the patient, the insurer and the "
                            "referral source", "Self-pay: no insurance record"])
    bk_cols = {"Booking ID": "appointment.source_id",
               "Patient ID": "appointment.patient_source_id", "Patient": "drop",
               "Clinician": "appointment.provider_source_id (by name, some with Dr)",
               "Location": "appointment.location", "Appointment type":
               "appointment.appointment_type", "Start": "appointment.starts_at (a date-time "
                                                         "cell)",
               "End": "appointment.ends_at (a date-time cell)", "Status": "appointment.status",
               "Booked online": "custom", "Comments": "appointment.notes"}
    bk_rows: list[list[Any]] = []
    bad = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        bk_rows.append([object_id(rng, v.start - timedelta(days=12)), ids[v.patient],
                        f"{p.first} {p.last}", clin[v.provider],
                        rng.choice(("Harley Street", "Harley Street", "Video")),
                        rng.choice(TYPES), v.start, v.start + timedelta(minutes=v.minutes),
                        STATUS[v.status], rng.choice(("Yes", "No", "No")), v.note])
        if k % 45 == 17:
            day = v.start.replace(hour=13, minute=0)
            bk_rows.append([object_id(rng, day), "", "", clin[v.provider], "Harley Street",
                            "Out of office", day, day + timedelta(hours=3), "", "No",
                            "Annual leave"])
            bad.append({"row": len(bk_rows), "reason": "an out-of-office event in the "
                        "calendar: no patient, not a booking"})
    bookings = Table(f"{BOOK}#Bookings", "appointment", bk_cols, bk_rows,
                     {"appointment": len(bk_rows) - len(bad)}, bad_rows=bad,
                     notes=["DNA: did not attend (no-show)"])
    cs_cols = {"Consultation ID": "clinical_note.source_id",
               "Patient ID": "clinical_note.patient_source_id",
               "Clinician": "clinical_note.author_source_id (by name)",
               "Date": "clinical_note.created_at (a date-time cell)",
               "Template": "clinical_note.title",
               "Notes": "clinical_note.body (headings on separate lines)"}
    cs_rows: list[list[Any]] = []
    for v in w.visits:
        if v.status != "completed" or len(cs_rows) >= 100:
            continue
        a, b = rng.sample(NOTE_LINES, 2)
        cs_rows.append([object_id(rng, v.start), ids[v.patient], clin[v.provider],
                        v.start + timedelta(minutes=v.minutes),
                        rng.choice(("Initial assessment", "Follow-up", "SOAP")),
                        f"Presenting complaint:\n{a}\n\nPlan:\n{b}"])
    consults = Table(f"{BOOK}#Consultations", "clinical_note", cs_cols, cs_rows,
                     {"clinical_note": len(cs_rows)})
    al_cols = {"Patient ID": "allergy_condition.patient_source_id",
               "Allergy": "allergy_condition.name ('No known allergies' means none)",
               "Reaction": "custom", "Recorded": "allergy_condition.recorded_at (a date cell)"}
    al_rows: list[list[Any]] = []
    none = []
    for i, p in enumerate(w.patients):
        when = (p.created + timedelta(days=rng.randrange(1, 200))).date()
        if rng.random() < .2:
            al_rows.append([ids[i], "No known allergies", "", when])
            none.append({"row": len(al_rows), "reason": "no known allergies: not an "
                         "allergy"})
        elif rng.random() < .3:
            for name in rng.sample(ALLERGIES, rng.choice((1, 1, 2))):
                al_rows.append([ids[i], name, rng.choice(("Rash", "Anaphylaxis", "Swelling",
                                                          "")), when])
    allergies = Table(f"{BOOK}#Allergies", "allergy_condition", al_cols, al_rows,
                      {"allergy_condition": len(al_rows) - len(none)}, bad_rows=none,
                      notes=["no id; every row an allergy (no kind column)"])
    us_cols = {"User ID": "provider.source_id",
               "Name": "provider.last_name (full name, some with Dr)",
               "Email": "provider.email", "Role": "provider.role",
               "Job title": "provider.specialty",
               "Registration number": "provider.license_number",
               "Active": "provider.active (a TRUE/FALSE cell)"}
    roles = ("Clinician", "Clinician", "Clinician", "Clinician", "Receptionist",
             "Receptionist", "Practice Manager")
    people = w.providers + w.staff
    us_rows = [[object_id(rng, p.created), clin[i] if i < 4 else f"{p.first} {p.last}",
                f"{p.first.lower()}@harleyclinic.example.co.uk", roles[i],
                JOBS[i] if i < 4 else "",
                (f"GMC {rng.randrange(1000000, 9999999)}" if i < 2 else
                 f"PH{rng.randrange(100000, 299999)}") if i < 4 else "", i != 5]
               for i, p in enumerate(people)]
    users = Table(f"{BOOK}#Users", "provider", us_cols, us_rows, {"provider": len(us_rows)},
                  notes=["receptionists and a practice manager beside clinicians"])
    db_cols = {"Patient ID": "billing.patient_source_id", "Patient": "drop",
               "Outstanding": "billing.outstanding_balance (a number cell, GBP)",
               "Oldest invoice": "custom",
               "Last payment date": "billing.last_payment_date (a date cell)",
               "Last payment amount": "billing.last_payment_amount",
               "Overdue": "billing.billing_status (Yes: overdue, No: current)"}
    db_rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .55:
            continue
        owed = money(rng, 600) + Decimal("20")
        paid = (p.created + timedelta(days=rng.randrange(40, 600))).date()
        late = rng.random() < .4
        db_rows.append([ids[i], f"{p.first} {p.last}", float(owed),
                        f"INV-{rng.randrange(1000, 9999)}", paid,
                        float(money(rng, 300) + 40), "Yes" if late else "No"])
    debtors = Table(f"{BOOK}#Debtors", "billing", db_cols, db_rows,
                    {"billing": len(db_rows)})
    meta = {"export": "semble-uk", "vendor": "Semble", "country": "UK", "currency": "GBP",
            "date_order": "DMY", "half": "tuning2"}
    return meta, [patients, bookings, consults, allergies, users, debtors]
