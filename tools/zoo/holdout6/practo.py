"""Practo Ray (India, dental and skin clinic in Bengaluru, English): the data the clinic
downloads from Ray as one Excel workbook with a sheet per list: patients, appointments,
clinical notes, invoices and the SMS log, plus the practice staff. Every header of the patient
sheet starts `Patient` (`Patient Number`, `Patient Name`, `Patient Mobile`); the name in one
column with an optional `Dr.`/`Mr.` title; ten-digit mobiles written `+91 98450 12345`; dates
of birth as text DD/MM/YYYY beside an `Age`; appointment date and time in one text cell
`07 Jan 2024 10:30 AM`; clinical notes without an id of their own (complaints, observations,
diagnoses); invoices in rupees with Indian grouping `₹1,23,456.00`; SMS confirmations and
reminders with their delivery status. Dirty: a walk-in with no patient number, a patient
registered twice from online booking, a cancelled invoice."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout6.common import (
    IN_FEMALE,
    IN_FIRST,
    IN_LAST,
    IN_PLACES,
    IN_STREETS,
    in_phone,
    rupees,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Table

BOOK = "Practo_Ray_Export.xlsx"
STATUS = {"completed": ("Checked Out", "Engaged"), "arrived": ("Checked In",),
          "booked": ("Scheduled", "Confirmed"), "cancelled": ("Cancelled",),
          "no_show": ("Missed",)}
CATEGORY = ("Consultation", "Scaling & Polishing", "Root Canal Treatment", "Chemical Peel",
            "Acne Treatment", "Follow-up")
COMPLAINTS = ("Sensitivity in lower left molar", "Bleeding gums while brushing",
              "Acne on cheeks for 3 months", "Hair fall since 6 months",
              "Pain in upper right tooth on chewing", "Pigmentation on forehead")
DIAGNOSES = ("Dental caries", "Chronic gingivitis", "Acne vulgaris grade II",
             "Telogen effluvium", "Irreversible pulpitis", "Melasma")


def _when(t: Any) -> str:
    hour = t.hour % 12 or 12
    return f"{t.day:02d} {t:%b} {t.year} {hour:02d}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def practo_in() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout6/practo-in", "uk", patients=110, providers=3, staff=1,
                   visits=180)
    rename(w, IN_FIRST, IN_LAST, IN_PLACES, IN_STREETS, in_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in IN_FEMALE else "male"
        street, _, number = p.line1.rpartition(" ")
        p.line1 = f"#{number}, {street}"
    nums = [f"SDC{rng.randrange(1, 9)}{i + 100:04d}" for i in range(len(w.patients))]
    doctors = [f"Dr. {p.first} {p.last}" for p in w.providers]
    cols = {"Patient Number": "patient.source_id",
            "Patient Name": "patient.last_name (full name in one column, First Last)",
            "Patient Gender": "patient.sex (M / F)",
            "Patient Date of Birth": "patient.date_of_birth (DD/MM/YYYY as text)",
            "Patient Age": "drop", "Patient Mobile": "patient.phone_mobile",
            "Patient Secondary Mobile": "patient.phone_home", "Patient Email": "patient.email",
            "Patient Address": "patient.address_line1", "Patient Locality": "custom",
            "Patient City": "patient.city", "Patient Pincode": "patient.postal_code",
            "Patient Blood Group": "custom", "Patient Medical History": "custom",
            "Patient Referred By": "custom", "Patient Groups": "custom",
            "Patient Registered On": "patient.created_at (DD/MM/YYYY as text)"}
    rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        age = 2025 - p.dob.year
        rows.append([nums[i], f"{p.first} {p.last}", "F" if p.sex == "female" else "M",
                     fmt.dmy(p.dob), age, p.mobile, p.home, p.email, p.line1,
                     p.line1.split(", ")[-1], p.city, p.postcode,
                     rng.choice(("", "B+", "O+", "A+", "AB-", "O-")),
                     rng.choice(("", "", "Diabetes", "Hypertension", "Diabetes, Hypertension",
                                 "Thyroid", "Allergic to Penicillin")),
                     rng.choice(("", "Google", "Practo", "Friend", "Dr. Suresh (GP)")),
                     rng.choice(("", "VIP", "Corporate - Infosys", "")), fmt.dmy(p.created.date())])
    rows[12][3] = ""
    rows[58][7] = rows[58][7].replace("@", "@@")
    twice = duplicate(rows, 44, 90, {0: "SDC90999", 6: "", 16: "14/12/2024"},
                      "the same patient registered again when booking online on Practo (same "
                      "name and mobile, a new patient number)")
    rows.append(["", "Walk-in", "", "", "", "+91 90000 00000", "", "", "", "", "Bengaluru", "",
                 "", "", "", "", "02/01/2025"])
    bad = [{"row": len(rows), "reason": "a walk-in entered with no patient number and no name"}]
    patients = Table(f"{BOOK}#Patients", "patient", cols, rows, {"patient": len(w.patients)},
                     bad_rows=bad, duplicate_rows=[twice],
                     notes=["every header starts with `Patient`",
                            "medical history is free text, kept as a custom field"])
    ap_cols = {"Appointment ID": "appointment.source_id",
               "Date & Time": "appointment.starts_at (DD Mon YYYY hh:mm AM/PM in one cell)",
               "Duration (mins)": "appointment.ends_at (start plus minutes)",
               "Patient Number": "appointment.patient_source_id", "Patient Name": "drop",
               "Doctor": "appointment.provider_source_id (by name, Dr. First Last)",
               "Category": "appointment.appointment_type", "Status": "appointment.status",
               "Notes": "appointment.notes", "Booked via": "custom"}
    ap_rows = [[f"APT-{20000 + 7 * k}", _when(v.start), v.minutes, nums[v.patient],
                f"{w.patients[v.patient].first} {w.patients[v.patient].last}",
                doctors[v.provider], rng.choice(CATEGORY), rng.choice(STATUS[v.status]),
                v.note, rng.choice(("Practo.com", "Clinic", "Clinic", "Phone"))]
               for k, v in enumerate(w.visits)]
    appointments = Table(f"{BOOK}#Appointments", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows)},
                         notes=["Missed: no-show; Engaged: with the doctor"])
    cn_cols = {"Date": "clinical_note.created_at (DD/MM/YYYY as text)",
               "Patient Number": "clinical_note.patient_source_id", "Patient Name": "drop",
               "Doctor": "clinical_note.author_source_id (by name, Dr. First Last)",
               "Complaints": "clinical_note.body (first part)",
               "Observations": "clinical_note.body (second part)",
               "Diagnoses": "clinical_note.body (third part)",
               "Notes": "clinical_note.body (fourth part)"}
    cn_rows = []
    for v in w.visits:
        if v.status != "completed" or rng.random() < .4:
            continue
        p = w.patients[v.patient]
        c = rng.randrange(len(COMPLAINTS))
        cn_rows.append([fmt.dmy(v.start.date()), nums[v.patient], f"{p.first} {p.last}",
                        doctors[v.provider], COMPLAINTS[c],
                        rng.choice(("Tender on percussion", "Inflamed gingiva",
                                    "Comedones and papules", "Diffuse thinning", "")),
                        DIAGNOSES[c], rng.choice(("Review after 2 weeks",
                                                  "Advised warm saline rinses",
                                                  "Prescribed topical retinoid", ""))])
    notes = Table(f"{BOOK}#Clinical Notes", "clinical_note", cn_cols, cn_rows,
                  {"clinical_note": len(cn_rows)},
                  notes=["no id of their own: a note is its patient, date and doctor"])
    iv_cols = {"Invoice Number": "billing.source_id", "Date": "custom",
               "Patient Number": "billing.patient_source_id", "Patient Name": "drop",
               "Treatments": "custom", "Total Amount": "drop",
               "Amount Paid": "billing.last_payment_amount (₹1,23,456.00)",
               "Amount Due": "billing.outstanding_balance (₹1,23,456.00)",
               "Payment Mode": "custom", "Status": "billing.billing_status"}
    iv_rows: list[list[Any]] = []
    cancelled = []
    for i, p in enumerate(w.patients):
        if rng.random() < .5:
            continue
        total = Decimal(rng.choice((500, 800, 1500, 4500, 8500, 12000, 135000)))
        paid = total if rng.random() < .7 else Decimal(rng.randrange(0, int(total), 100))
        day = (p.created + timedelta(days=rng.randrange(3, 400))).date()
        iv_rows.append([f"INV{3000 + len(iv_rows)}", fmt.dmy(day), nums[i], f"{p.first} {p.last}",
                        rng.choice(CATEGORY), rupees(total), rupees(paid), rupees(total - paid),
                        rng.choice(("Cash", "UPI", "Card", "UPI")),
                        "Paid" if paid == total else "Partially Paid" if paid else "Unpaid"])
        if len(iv_rows) == 30:
            iv_rows.append([f"INV{3000 + len(iv_rows)}", fmt.dmy(day), nums[i],
                            f"{p.first} {p.last}", "Consultation", rupees(Decimal(500)),
                            rupees(Decimal(0)), rupees(Decimal(0)), "", "Cancelled"])
            cancelled.append({"row": len(iv_rows), "reason": "a cancelled invoice (raised "
                              "twice by mistake): nothing owed"})
    invoices = Table(f"{BOOK}#Invoices", "billing", iv_cols, iv_rows,
                     {"billing": len(iv_rows) - 1}, bad_rows=cancelled,
                     notes=["rupees with lakh grouping"])
    sms_cols = {"Sent On": "communication.occurred_at (DD/MM/YYYY HH:MM in one cell)",
                "Patient Number": "communication.patient_source_id", "Patient Name": "drop",
                "Mobile": "drop", "SMS Type": "communication.subject",
                "Message": "communication.body", "Delivery Status": "custom"}
    sms_rows = []
    for v in w.visits[:130]:
        if v.status == "cancelled":
            continue
        p = w.patients[v.patient]
        sent = v.start - timedelta(days=1, hours=v.start.hour - 9)
        kind = rng.choice(("Appointment Confirmation", "Appointment Reminder"))
        sms_rows.append([f"{fmt.dmy(sent.date())} {fmt.time24(sent)}", nums[v.patient],
                         f"{p.first} {p.last}", p.mobile, kind,
                         f"Dear {p.first}, your appointment at Smile & Skin Dental Care is on "
                         f"{_when(v.start)}. Call 080-4123 4567 to reschedule.",
                         rng.choice(("Delivered", "Delivered", "Delivered", "Failed"))])
    sms = Table(f"{BOOK}#SMS Log", "communication", sms_cols, sms_rows,
                {"communication": len(sms_rows)},
                notes=["SMS sent by Ray: channel sms, direction outbound"])
    st_cols = {"Name": "provider.last_name (full name in one column, Dr. First Last)",
               "Role": "provider.role", "Specialization": "provider.specialty",
               "Registration Number": "provider.license_number", "Mobile": "provider.phone",
               "Email": "provider.email"}
    specs = (("Doctor", "Dentist", "KSDC"), ("Doctor", "Endodontist", "KSDC"),
             ("Doctor", "Dermatologist", "KMC"), ("Receptionist", "", ""))
    st_rows = [[doctors[k] if k < 3 else f"{p.first} {p.last}", specs[k][0], specs[k][1],
                f"{specs[k][2]}-{rng.randrange(10000, 99999)}" if specs[k][2] else "", p.mobile,
                f"{p.first.lower()}@smileskin.example.in"]
               for k, p in enumerate(w.providers + w.staff)]
    staff = Table(f"{BOOK}#Practice Staff", "provider", st_cols, st_rows,
                  {"provider": len(st_rows)}, notes=["a receptionist beside the doctors"])
    meta = {"export": "practo-in", "vendor": "Practo Ray", "country": "IN", "currency": "INR",
            "date_order": "DMY", "half": "holdout6"}
    return meta, [patients, appointments, notes, invoices, sms, staff]
