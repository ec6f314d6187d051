"""SeriousMD (Philippines, family medicine and paediatrics clinic in Quezon City, English with
Filipino habits): the patient list downloaded twice, as CSV and as XLSX, the appointments, the
consultation notes and the billing history, as CSV in UTF-8. The full name in one column
`DELA CRUZ, Juan Santos` (surname in capitals, the middle name being the mother's maiden
surname); birthdays `Jan 8, 1985`; mobiles `0917 123 4567`, Metro Manila landlines `(02) 8123
4567`; addresses with the barangay; the PhilHealth number (`12-345678901-2`); the HMO and its
card number (Maxicare, Medicard, Intellicare, PhilCare); senior citizen and PWD discounts;
pesos `₱1,500.00`; payment by cash, GCash, card or HMO. Appointments booked online or in the
clinic with a queue number, face-to-face or teleconsult. SOAP notes with line breaks. Dirty: a
patient created twice (before a merge), an online booking by someone with no patient record, a
voided bill."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout8.common import (
    PH_FEMALE,
    PH_FIRST,
    PH_LAST,
    PH_MIDDLE,
    PH_PLACES,
    PH_STREETS,
    peso,
    ph_phone,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STATUS = {"completed": ("Done",), "arrived": ("In Queue",), "booked": ("Confirmed", "Pending"),
          "cancelled": ("Cancelled",), "no_show": ("No Show",)}
HMOS = ("Maxicare", "Medicard", "Intellicare", "PhilCare", "Cocolife")
SOAP = ("S: Fever x 3 days, cough.\nO: T 38.1, clear breath sounds.\nA: Acute URTI.\n"
        "P: Paracetamol 500 mg q4h PRN, fluids.",
        "S: Follow-up, BP readings at home 130s/80s.\nO: BP 128/82.\nA: Hypertension, "
        "controlled.\nP: Continue amlodipine 5 mg OD.",
        "S: Well-baby visit, 6 months.\nO: Wt 7.6 kg, active.\nA: Normal growth.\n"
        "P: 6-in-1 vaccine given.",
        "S: Itchy rash on both arms.\nO: Erythematous papules.\nA: Contact dermatitis.\n"
        "P: Hydrocortisone cream BID x 7 days.")


def _mdy(d: date) -> str:
    """`Jan 8, 1985`."""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def seriousmd_ph() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout8/seriousmd-ph", "us", patients=116, providers=3, staff=1,
                   visits=226)
    rename(w, PH_FIRST, PH_LAST, PH_PLACES, PH_STREETS, ph_phone, PH_MIDDLE)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in PH_FEMALE else "male"
        p.line1 = f"{rng.randrange(1, 300)} {p.line1.rsplit(' ', 1)[0]}"
    ids = [f"SMD-{rng.randrange(100, 999)}{i:03d}" for i in range(len(w.patients))]
    cols = {"Patient ID": "patient.source_id",
            "Full Name": "patient.last_name (LAST, First Middle in one column)",
            "Birthday": "patient.date_of_birth (Mon D, YYYY)", "Sex": "patient.sex",
            "Mobile Number": "patient.phone_mobile", "Landline": "patient.phone_home",
            "Email": "patient.email", "Address": "patient.address_line1",
            "City": "patient.city", "Province": "patient.state", "ZIP": "patient.postal_code",
            "PhilHealth No.": "custom", "HMO": "insurance.carrier_name",
            "HMO Card No.": "insurance.member_id", "Senior/PWD": "custom",
            "Date Created": "patient.created_at (YYYY-MM-DD HH:MM)"}
    rows: list[list[str]] = []
    with_hmo = 0
    for i, p in enumerate(w.patients):
        hmo = rng.random() < .4
        with_hmo += hmo
        age = 2024 - p.dob.year
        rows.append([ids[i], f"{p.last.upper()}, {p.first}" + (f" {p.middle}" if p.middle
                                                                 else ""),
                     _mdy(p.dob), "Female" if p.sex == "female" else "Male", p.mobile, p.home,
                     p.email if rng.random() < .75 else "", p.line1, p.city, p.state,
                     p.postcode, f"{rng.randrange(10, 19)}-{rng.randrange(10**8, 10**9)}-"
                     f"{rng.randrange(0, 9)}" if rng.random() < .7 else "",
                     rng.choice(HMOS) if hmo else "",
                     f"{rng.randrange(1000, 9999)}-{rng.randrange(10**6, 10**7)}" if hmo else "",
                     "Senior Citizen" if age >= 60 else rng.choice(("", "", "", "", "PWD")),
                     fmt.iso_dt(p.created, seconds=False)])
    twice = duplicate(rows, 16, 81, {0: "SMD-999999", 6: "", 15: "2024-09-30 15:12"},
                      "the same patient created again by the secretary before a merge (same "
                      "name, birthday and mobile; a new id)")
    csv_list = Table("patients.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": with_hmo},
                     duplicate_rows=[twice],
                     notes=["the surname in capitals, then the given names and the middle name"])
    xlsx_list = Table("patients.xlsx#Patients", "patient", cols, [list(r) for r in rows],
                      {"patient": len(w.patients), "insurance": with_hmo},
                      duplicate_rows=[dict(twice)], twin_of=csv_list.name,
                      notes=["the same list downloaded again as a workbook"])
    doctors = [f"Dr. {p.first} {p.last}" for p in w.providers]
    ap_cols = {"Appointment Date": "appointment.starts_at (date part, Mon D, YYYY)",
               "Time": "appointment.starts_at (time part, h:mm AM)",
               "Patient ID": "appointment.patient_source_id", "Patient Name": "drop",
               "Doctor": "appointment.provider_source_id (by name, Dr. First Last)",
               "Clinic": "appointment.location",
               "Consultation Type": "appointment.appointment_type",
               "Status": "appointment.status", "Queue No.": "custom",
               "Booked Via": "custom", "Reason for Visit": "appointment.notes"}
    ap_rows: list[list[str]] = []
    for v in w.visits:
        p = w.patients[v.patient]
        ap_rows.append([_mdy(v.start.date()), f"{v.start:%I:%M %p}".lstrip("0"), ids[v.patient],
                        f"{p.first} {p.last}", doctors[v.provider],
                        rng.choice(("Cubao Medical Arts, Rm 304", "St. Luke's QC, MAB 1012")),
                        rng.choice(("Face-to-face", "Face-to-face", "Teleconsult")),
                        rng.choice(STATUS[v.status]), str(rng.randrange(1, 30)),
                        rng.choice(("Online", "Secretary", "Walk-in")),
                        rng.choice(("Fever", "Check-up", "Follow-up", "Vaccination",
                                    "Medical certificate", "Cough and colds"))])
    ap_rows.insert(100, ["Jun 3, 2024", "10:00 AM", "", "Kimberly Ocampo", doctors[0],
                         "Cubao Medical Arts, Rm 304", "Teleconsult", "Pending", "",
                         "Online", "Consult for my son"])
    appts = Table("appointments.csv", "appointment", ap_cols, ap_rows,
                  {"appointment": len(w.visits)},
                  bad_rows=[{"row": 101, "reason": "an online booking by someone with no "
                             "patient record"}],
                  notes=["no id of their own", "no end time or duration"])
    nt_cols = {"Note ID": "clinical_note.source_id",
               "Patient ID": "clinical_note.patient_source_id",
               "Consult Date": "clinical_note.created_at (YYYY-MM-DD HH:MM)",
               "Doctor": "clinical_note.author_source_id (by name, Dr. First Last)",
               "Template": "clinical_note.title", "Note": "clinical_note.body",
               "Diagnosis (ICD-10)": "custom"}
    nt_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed":
            continue
        body = rng.choice(SOAP)
        nt_rows.append([f"N{900000 + len(nt_rows)}", ids[v.patient],
                        fmt.iso_dt(v.start + timedelta(minutes=10), seconds=False),
                        doctors[v.provider], rng.choice(("SOAP", "SOAP", "Pediatric SOAP")),
                        body, {0: "J06.9", 1: "I10", 2: "Z00.1", 3: "L25.9"}[SOAP.index(body)]])
    notes = Table("notes.csv", "clinical_note", nt_cols, nt_rows,
                  {"clinical_note": len(nt_rows)}, layout=Layout(newline="\n"),
                  notes=["SOAP notes with line breaks inside the cell"])
    bl_cols = {"Bill No.": "billing.source_id", "Date": "custom",
               "Patient ID": "billing.patient_source_id", "Items": "custom",
               "Total": "drop", "Discount": "custom",
               "Amount Paid": "billing.last_payment_amount (₱1,234.50)",
               "Balance": "billing.outstanding_balance (₱1,234.50)",
               "Mode of Payment": "custom",
               "Status": "billing.billing_status (Paid / Partial / Unpaid; Void: not a record)"}
    bl_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .5:
            continue
        total = Decimal(rng.choice((600, 800, 1000, 1500, 2350)))
        disc = total * Decimal("0.2") if rng.random() < .15 else Decimal(0)
        due = total - disc
        paid = due if rng.random() < .75 else Decimal(rng.choice((0, 500)))
        bl_rows.append([f"OR-{rng.randrange(10, 99)}{len(bl_rows):04d}",
                        _mdy(p.created.date() + timedelta(days=rng.randrange(5, 500))), ids[i],
                        rng.choice(("Consultation", "Consultation; CBC", "Consultation; "
                                    "Medical certificate", "Teleconsult fee")), peso(total),
                        peso(disc), peso(paid), peso(due - paid),
                        rng.choice(("Cash", "GCash", "Card", "HMO")),
                        "Paid" if paid == due else "Partial" if paid else "Unpaid"])
    void = list(bl_rows[8])
    void[0], void[6], void[7], void[9] = "OR-000001", peso(Decimal(0)), peso(Decimal(0)), "Void"
    bl_rows.insert(30, void)
    bills = Table("billing.csv", "billing", bl_cols, bl_rows, {"billing": len(bl_rows) - 1},
                  bad_rows=[{"row": 31, "reason": "a voided bill (Status Void), issued again"}],
                  notes=["Discount: the senior citizen / PWD 20% discount"])
    meta = {"export": "seriousmd-ph", "vendor": "SeriousMD", "country": "PH",
            "currency": "PHP", "date_order": "MDY", "half": "holdout8"}
    return meta, [csv_list, xlsx_list, appts, notes, bills]
