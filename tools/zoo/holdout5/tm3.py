"""TM3 by Blue Zinc (United Kingdom, physiotherapy): the client list, the diary's appointment
report and the invoice list as CSV with a byte-order mark. A numeric patient reference;
forename, surname and `Known As`; DD/MM/YYYY; UK postcodes and phones (some written `+44`);
self-funding or insured patients with the insurer, membership number and authorisation code on
the row; a patient registered online twice (the case TM3's merge guide describes); an online
registration abandoned before a name was given. Appointments as a report with title lines, the
header again after every page and a total line: `Attended`, `DNA`, `Late Cancellation`, admin
time with no patient. Invoices in pounds `£1,234.50` billed to the patient or an insurer, with
a totals line. Staff with HCPC numbers beside a receptionist."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate, uk_phone
from tools.zoo.world import FUNDS, make_world, money
from tools.zoo.writers import Layout, Table

BOM = Layout(encoding="utf-8-sig")
STATUS = {"completed": ("Attended",), "arrived": ("Arrived",), "booked": ("Booked",),
          "cancelled": ("Cancelled", "Late Cancellation"), "no_show": ("DNA",)}
TYPES = ("Initial Assessment", "Follow Up", "Sports Massage", "Acupuncture",
         "Telephone Consultation", "Pilates 1:1")
CLINIC = "Riverside Physiotherapy Ltd"


def tm3_uk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout5/tm3-uk", "uk", patients=112, providers=4, staff=2,
                   visits=240)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.mobile = uk_phone(rng, "mobile")
        if rng.random() < .15:
            p.mobile = "+44 " + p.mobile[1:]
        p.home = uk_phone(rng, "home") if p.home else ""
        p.work = uk_phone(rng, "work") if p.work else ""
    refs = [str(101 + i) for i in range(len(w.patients))]
    names = [f"{p.first} {p.last}" for p in w.providers]
    cols = {
        "Reference": "patient.source_id", "Title": "custom", "Forename": "patient.first_name",
        "Surname": "patient.last_name", "Known As": "patient.preferred_name",
        "Date of Birth": "patient.date_of_birth (DD/MM/YYYY)",
        "Gender": "patient.sex (Male / Female / Other / blank)",
        "Address 1": "patient.address_line1", "Address 2": "patient.address_line2",
        "Town": "patient.city", "County": "patient.state", "Postcode": "patient.postal_code",
        "Home Tel": "patient.phone_home", "Work Tel": "patient.phone_work",
        "Mobile": "patient.phone_mobile", "Email": "patient.email",
        "Patient Type": "custom", "Insurer": "insurance.carrier_name",
        "Membership No": "insurance.member_id", "Authorisation Code": "custom",
        "GP": "custom", "Referral Source": "custom",
        "SMS Reminders": "patient.contact_preference (Yes: sms, No: none)",
        "Inactive": "patient.status (Yes: inactive, No: active)",
        "Date Registered": "patient.created_at (DD/MM/YYYY HH:MM)",
    }
    gender = {"female": "Female", "male": "Male", "other": "Other", "unknown": ""}
    rows: list[list[Any]] = []
    insured = 0
    for i, p in enumerate(w.patients):
        ins = rng.random() < .35
        insured += ins
        rows.append([
            refs[i], rng.choice(("Mr", "Mrs", "Ms", "Miss", "Dr", "")),
            f" {p.first}" if i % 31 == 9 else p.first, p.last, p.preferred, fmt.dmy(p.dob),
            gender[p.sex], p.line1, rng.choice(("", "", "", "Flat 2", "The Old Rectory")),
            p.city, rng.choice(("", "West Yorkshire", "Avon")) if p.city in ("Leeds", "Bristol")
            else "", p.postcode, p.home, p.work, p.mobile,
            p.email.capitalize() if i % 19 == 5 else p.email,
            "Insurance" if ins else "Self-Funding", rng.choice(FUNDS["uk"]) if ins else "",
            f"{rng.randrange(10**7, 10**8)}" if ins else "",
            f"AUTH{rng.randrange(100000, 999999)}" if ins and rng.random() < .7 else "",
            rng.choice(("Dr Shah, Park Surgery", "Dr Evans, Mill Lane Practice", "")),
            rng.choice(("Google", "GP", "Friend / Family", "Insurer", "Returning", "")),
            rng.choice(("Yes", "Yes", "No")), "Yes" if rng.random() < .08 else "No",
            f"{fmt.dmy(p.created.date())} {fmt.time24(p.created)}"])
    rows[58][5] = ""
    insurer = [r[17] for r in rows]  # before the duplicate shifts the rows
    twice = duplicate(rows, 35, 108, {0: str(101 + len(w.patients)), 15: rows[35][15].upper(),
                                      12: "", 13: "", 20: "", 21: "Online Booking",
                                      24: "19/02/2025 22:14"},
                      "the same patient registered again through online booking (same name, "
                      "date of birth and mobile; a new reference, e-mail in capitals)")
    rows.append([str(102 + len(w.patients)), "", "", "", "", "", "", "", "", "", "", "", "", "",
                 "", "ONLINE.BOOKER@EXAMPLE.NET", "Self-Funding", "", "", "", "",
                 "Online Booking", "No", "No", "27/02/2025 07:51"])
    patients = Table("Client List.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured},
                     bad_rows=[{"row": len(rows), "reason": "an online registration abandoned "
                                "before a name or date of birth was given: no person"}],
                     duplicate_rows=[twice], layout=BOM,
                     notes=["one row, up to two records: the patient and the insurer",
                            "a blank date of birth on one row; a leading blank before some "
                            "forenames"])
    ap_cols = {"Date": "appointment.starts_at (date part, DD/MM/YYYY)",
               "Start": "appointment.starts_at (time part, HH:MM)",
               "End": "appointment.ends_at (time part, on Date)",
               "Reference": "appointment.patient_source_id", "Patient": "drop",
               "Practitioner": "appointment.provider_source_id (by name, First Last)",
               "Location": "appointment.location",
               "Appointment Type": "appointment.appointment_type",
               "Status": "appointment.status", "Case": "custom", "Notes": "appointment.notes"}
    ap_rows: list[list[Any]] = []
    admin = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        ap_rows.append([fmt.dmy(v.start.date()), fmt.time24(v.start), fmt.time24(end),
                        refs[v.patient], f"{p.first} {p.last}", names[v.provider],
                        rng.choice(("Riverside Clinic", "Riverside Clinic", "City Gym")),
                        rng.choice(TYPES), rng.choice(STATUS[v.status]),
                        rng.choice(("Lower back", "Knee", "Shoulder", "Neck", "")), v.note])
        if k % 48 == 30:
            ap_rows.append([fmt.dmy(v.start.date()), "13:00", "14:00", "", "",
                            names[v.provider], "Riverside Clinic", "Admin Time", "", "",
                            "Notes and letters"])
            admin.append({"row": len(ap_rows), "reason": "admin time blocked in the diary: "
                          "no patient"})
    n = len(ap_rows) - len(admin)
    appointments = Table(
        "Appointments Report.csv", "appointment", ap_cols, ap_rows, {"appointment": n},
        bad_rows=admin,
        layout=Layout(encoding="utf-8-sig", title=[["Appointments Report"], [CLINIC],
                                                   ["From 08/01/2024 To 03/03/2025"], []],
                      footer=[[], [f"Total Appointments: {n}"]], repeat_header_every=60),
        notes=["the header again after every 60 rows (page breaks)",
               "Attended: completed; DNA (did not attend): no-show; Late Cancellation: "
               "cancelled"])
    iv_cols = {"Invoice No": "billing.source_id", "Invoice Date": "custom",
               "Reference": "billing.patient_source_id", "Patient": "drop",
               "Bill To": "custom", "Total": "drop",
               "Paid": "billing.last_payment_amount (£1,234.50)",
               "Outstanding": "billing.outstanding_balance (£1,234.50)",
               "Status": "billing.billing_status (Paid / Part Paid / Unpaid / Written Off)"}
    iv_rows: list[list[str]] = []
    owed = Decimal(0)
    for i, p in enumerate(w.patients):
        if rng.random() < .5:
            continue
        total = Decimal(rng.choice((45, 55, 65, 70))) * rng.randrange(1, 6)
        paid = total if rng.random() < .65 else min(total, money(rng, 60))
        status = "Paid" if paid == total else "Part Paid" if paid else "Unpaid"
        if status == "Unpaid" and rng.random() < .2:
            status = "Written Off"
        owed += total - paid
        day = (p.created + timedelta(days=rng.randrange(20, 500))).date()
        payer = insurer[i] or f"{p.first} {p.last}"
        iv_rows.append([f"INV{4000 + len(iv_rows)}", fmt.dmy(day), refs[i],
                        f"{p.first} {p.last}", payer, fmt.money(total, "£"),
                        fmt.money(paid, "£"), fmt.money(total - paid, "£"), status])
    invoices = Table("Invoices.csv", "billing", iv_cols, iv_rows, {"billing": len(iv_rows)},
                     layout=Layout(encoding="utf-8-sig",
                                   footer=[["", "", "", "", "Totals", "", "",
                                            fmt.money(owed, "£"), ""]]),
                     notes=["money as £1,234.50", "one invoice a row; a totals line"])
    st_cols = {"Forename": "provider.first_name", "Surname": "provider.last_name",
               "Role": "provider.role", "Profession": "provider.specialty",
               "HCPC No": "provider.license_number", "Email": "provider.email",
               "Mobile": "provider.phone", "Active": "provider.active (Yes / No)"}
    jobs = (("Practitioner", "Physiotherapist"), ("Practitioner", "Physiotherapist"),
            ("Practitioner", "Sports Therapist"), ("Practitioner", "Osteopath"),
            ("Receptionist", ""), ("System Administrator", ""))
    st_rows = [[p.first, p.last, jobs[i][0], jobs[i][1],
                f"PH{rng.randrange(10000, 199999)}" if i < 2 else "",
                f"{p.first.lower()}.{p.last.lower()}@riversidephysio.example.co.uk"
                .replace("'", ""), p.mobile, "No" if i == 3 else "Yes"]
               for i, p in enumerate(w.providers + w.staff)]
    staff = Table("Staff.csv", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                  layout=BOM, notes=["a receptionist and an administrator beside the "
                                     "practitioners; appointments name practitioners by name"])
    meta = {"export": "tm3-uk", "vendor": "TM3 (Blue Zinc)", "country": "UK", "currency": "GBP",
            "date_order": "DMY", "half": "holdout5"}
    return meta, [patients, appointments, invoices, staff]
