"""DrChrono (United States, EHR and practice management): the practice's data pulled as CSV
files whose columns are the REST API's field names (`id`, `chart_id`, `date_of_birth`,
`cell_phone`, `patient_status`, `scheduled_time`, `duration`, `exam_room`). ISO dates and
`T`-joined datetimes; gender as `Male`/`Female`/`Other`/`UNK`; status letters `A`/`I`/`D`; the
primary insurance flattened onto the patient row; appointments with `Complete`, `Arrived`,
`In Session`, `Rescheduled`, `No Show` and break blocks with no patient (`appt_is_break`);
doctors beside front-desk users; an allergy list with no id of its own and `NKDA` lines; a test
patient and a patient entered twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.world import ALLERGIES, make_world
from tools.zoo.writers import Table

STATUS = {"completed": ("Complete",), "arrived": ("Arrived", "Checked In", "In Session"),
          "booked": ("Confirmed", "Not Confirmed", ""), "cancelled": ("Cancelled", "Rescheduled"),
          "no_show": ("No Show",)}
REASONS = ("New Patient", "Follow-up", "Annual Wellness Visit", "Sick Visit", "Telehealth",
           "Lab Review")
PAYERS = ("Aetna", "Blue Cross Blue Shield of Texas", "Cigna", "Humana", "Medicare",
          "UnitedHealthcare")
GENDER = {"female": "Female", "male": "Male", "other": "Other", "unknown": "UNK"}


def drchrono_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout5/drchrono-us", "us", patients=118, providers=3, staff=2,
                   visits=250)
    rng = w.rng
    doc_ids = [str(264100 + 37 * i) for i in range(len(w.providers) + len(w.staff))]
    ids = [str(71003000 + 113 * i) for i in range(len(w.patients))]
    cols = {
        "id": "patient.source_id", "chart_id": "patient.chart_number",
        "first_name": "patient.first_name", "middle_name": "patient.middle_name",
        "last_name": "patient.last_name", "nick_name": "patient.preferred_name",
        "date_of_birth": "patient.date_of_birth (YYYY-MM-DD)",
        "gender": "patient.sex (Male / Female / Other / UNK)", "email": "patient.email",
        "cell_phone": "patient.phone_mobile", "home_phone": "patient.phone_home",
        "office_phone": "patient.phone_work", "address": "patient.address_line1",
        "city": "patient.city", "state": "patient.state", "zip_code": "patient.postal_code",
        "doctor": "patient.primary_provider_source_id",
        "patient_status": "patient.status (A active, I inactive, D deceased)",
        "social_security_number": "drop", "preferred_language": "custom",
        "primary_insurance_payer_name": "insurance.carrier_name",
        "primary_insurance_id_number": "insurance.member_id",
        "primary_insurance_group_number": "insurance.group_number",
        "patient_payment_profile": "custom", "date_of_first_appointment": "custom",
        "updated_at": "patient.updated_at (YYYY-MM-DDTHH:MM:SS)",
    }
    rows: list[list[Any]] = []
    insured = 0
    for i, p in enumerate(w.patients):
        pay = rng.random() < .75
        insured += pay
        first = f"{p.first} " if i % 29 == 11 else p.first  # stray trailing blank
        rows.append([
            ids[i], f"{p.last[:2].upper()}{p.first[:2].upper()}{i + 1:06d}", first, p.middle,
            p.last, p.preferred, "" if i == 63 else fmt.iso(p.dob), GENDER[p.sex],
            p.email if i % 17 else p.email.title(), p.mobile, p.home, p.work, p.line1,
            p.city, p.state, p.postcode, doc_ids[i % 3],
            rng.choices(("A", "I", "D"), (88, 10, 2))[0],
            f"***-**-{rng.randrange(1000, 9999)}" if rng.random() < .6 else "",
            rng.choice(("English", "English", "English", "Spanish", "")),
            rng.choice(PAYERS) if pay else "",
            f"{rng.choice('WXYZ')}{rng.randrange(10**8, 10**9)}" if pay else "",
            str(rng.randrange(10000, 999999)) if pay and rng.random() < .8 else "",
            "Insurance" if pay else "Cash", fmt.iso(p.created.date()),
            fmt.iso_dt(p.created + timedelta(days=rng.randrange(1, 600)), "T")])
    twice = duplicate(rows, 52, 101, {0: str(71003000 + 113 * len(w.patients)),
                                      1: f"{rows[52][4][:2].upper()}{rows[52][2][:2].upper()}"
                                         f"{len(w.patients) + 1:06d}",
                                      8: rows[52][8].upper(), 20: "", 21: "", 22: "",
                                      23: "Cash"},
                      "the same patient registered again at the front desk (same name and "
                      "date of birth, e-mail in capitals, a new id and chart, no insurance)")
    test = ["71999999", "TEPA999999", "Test", "", "Patient", "", "1900-01-01", "UNK",
            "test@example.com", "(555) 555-5555", "", "", "123 Test St", "Austin", "TX",
            "78701", doc_ids[0], "A", "", "", "", "", "", "Cash", "", "2023-12-31T09:00:00"]
    rows.insert(7, test)
    twice["row"] += 1
    twice["of_row"] += 1
    patients = Table("patients.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured},
                     bad_rows=[{"row": 8, "reason": "a test patient (Test Patient, born "
                                "1900-01-01) kept in the practice's chart"}],
                     duplicate_rows=[twice],
                     notes=["one row, up to two records: the patient and the primary "
                            "insurance", "a blank date of birth on one patient; trailing "
                            "blanks after some first names", "doctor is the id in doctors.csv"])
    ap_cols = {"id": "appointment.source_id", "patient": "appointment.patient_source_id",
               "doctor": "appointment.provider_source_id", "office": "custom",
               "exam_room": "appointment.location (exam room number)",
               "scheduled_time": "appointment.starts_at (YYYY-MM-DDTHH:MM:SS)",
               "duration": "appointment.ends_at (start plus minutes)",
               "status": "appointment.status", "reason": "appointment.appointment_type",
               "notes": "appointment.notes", "appt_is_break": "drop",
               "created_at": "appointment.created_at", "is_walk_in": "custom"}
    ap_rows: list[list[Any]] = []
    breaks = []
    for k, v in enumerate(w.visits):
        ap_rows.append([str(180200000 + 11 * k), ids[v.patient], doc_ids[v.provider], "284311",
                        str(rng.randrange(1, 4)), fmt.iso_dt(v.start, "T"), str(v.minutes),
                        rng.choice(STATUS[v.status]), rng.choice(REASONS), v.note, "False",
                        fmt.iso_dt(v.start - timedelta(days=rng.randrange(1, 40)), "T"),
                        "True" if rng.random() < .05 else "False"])
        if k % 60 == 40:
            day = v.start.replace(hour=12, minute=0)
            ap_rows.append([str(180290000 + k), "", doc_ids[v.provider], "284311", "1",
                            fmt.iso_dt(day, "T"), "60", "", "Lunch", "", "True",
                            fmt.iso_dt(day - timedelta(days=30), "T"), "False"])
            breaks.append({"row": len(ap_rows), "reason": "a break blocked on the "
                           "calendar (appt_is_break True): no patient"})
    appointments = Table("appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(w.visits)}, bad_rows=breaks,
                         notes=["Complete: completed; Arrived, Checked In, In Session: "
                                "arrived; Confirmed, Not Confirmed or blank: booked; "
                                "Rescheduled: cancelled"])
    al_cols = {"patient": "allergy_condition.patient_source_id",
               "description": "allergy_condition.name", "reaction": "custom",
               "status": "allergy_condition.clinical_status (active / inactive)",
               "notes": "custom"}
    al_rows: list[list[Any]] = []
    nkda = []
    for i in range(len(w.patients)):
        roll = rng.random()
        if roll < .12:
            al_rows.append([ids[i], "NKDA", "", "active", "No known drug allergies"])
            nkda.append({"row": len(al_rows), "reason": "NKDA (no known drug allergies): "
                         "not an allergy"})
            continue
        for _ in range(0 if roll < .55 else rng.choice((1, 1, 2))):
            al_rows.append([ids[i], rng.choice(ALLERGIES),
                            rng.choice(("Hives", "Rash", "Anaphylaxis", "Nausea", "")),
                            rng.choice(("active", "active", "active", "inactive")),
                            rng.choice(("", "", "Reported by patient", "Childhood"))])
    allergies = Table("allergies.csv", "allergy_condition", al_cols, al_rows,
                      {"allergy_condition": len(al_rows) - len(nkda)}, bad_rows=nkda,
                      notes=["no id of its own: one line per allergy, by patient id",
                             "every line is an allergy (kind allergy)"])
    dr_cols = {"id": "provider.source_id", "first_name": "provider.first_name",
               "last_name": "provider.last_name", "suffix": "provider.credentials",
               "job_title": "provider.role", "specialty": "provider.specialty",
               "email": "provider.email", "office_phone": "provider.phone",
               "npi_number": "provider.npi",
               "is_account_suspended": "provider.active (inverted: True is inactive)"}
    people = w.providers + w.staff
    jobs = (("MD", "Physician", "Family Medicine"), ("DO", "Physician", "Internal Medicine"),
            ("PA-C", "Physician Assistant", "Family Medicine"), ("", "Front Desk", ""),
            ("", "Billing Manager", ""))
    dr_rows = [[doc_ids[i], p.first, p.last, jobs[i][0], jobs[i][1], jobs[i][2],
                f"{p.first[0].lower()}{p.last.lower()}@hillcountryfm.example.com"
                .replace("'", ""), p.work or p.mobile,
                str(rng.randrange(10**9, 2 * 10**9)) if i < 3 else "",
                "True" if i == 4 else "False"] for i, p in enumerate(people)]
    doctors = Table("doctors.csv", "provider", dr_cols, dr_rows, {"provider": len(dr_rows)},
                    notes=["front-desk and billing users beside the clinicians"])
    meta = {"export": "drchrono-us", "vendor": "DrChrono", "country": "US", "currency": "USD",
            "date_order": "YMD", "half": "holdout5"}
    return meta, [patients, appointments, allergies, doctors]
