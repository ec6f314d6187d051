"""Best Practice (Bp Premier, Australian general practice): a patient demographics report saved
from the Windows desktop as CSV in the Windows code page (cp1252), with the practice's title
lines and a count line; Title, preferred name and `Usual doctor` by name; DD/MM/YYYY dates;
Medicare number, its line number (IRN) and expiry `MM/YYYY`, DVA and pension numbers beside the
private health fund and its member number; `Active`, `Inactive`, `Deceased` records. The
management data export's appointments file (`BPSAppointments<date>.csv`): date, time and
length apart, `DNA` for did not attend, `At billing`, `With doctor`, and reserved blocks with
no patient. Users with their Medicare provider numbers beside reception staff."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate, medicare
from tools.zoo.world import FUNDS, make_world
from tools.zoo.writers import Layout, Table

STATUS = {"completed": ("Completed", "At billing"), "arrived": ("Waiting", "With doctor"),
          "booked": ("Booked",), "cancelled": ("Cancelled",), "no_show": ("DNA",)}
TYPES = ("Standard consultation", "Long consultation", "New patient", "Health assessment",
         "Immunisation", "Telehealth - phone")
PRACTICE = "Coastal Family Medical Centre"
TITLES = {"female": ("Ms", "Mrs", "Miss", "Dr"), "male": ("Mr", "Mr", "Dr"),
          "other": ("Mx", ""), "unknown": ("",)}


def bestpractice_au() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout5/bestpractice-au", "au", patients=124, providers=4, staff=2,
                   visits=270)
    rng = w.rng
    w.patients[20].first = "Renée"  # the code page matters: cp1252 has é
    docs = [f"Dr {p.first} {p.last}" if i < 3 else f"{p.first} {p.last}"
            for i, p in enumerate(w.providers)]
    ids = [str(2000 + 3 * i) for i in range(len(w.patients))]
    cols = {
        "Patient ID": "patient.source_id", "Record No": "patient.chart_number",
        "Title": "custom", "First name": "patient.first_name",
        "Middle name": "patient.middle_name", "Surname": "patient.last_name",
        "Preferred name": "patient.preferred_name",
        "DOB": "patient.date_of_birth (DD/MM/YYYY)", "Sex": "patient.sex (Male / Female / "
        "Intersex/Indeterminate / Not stated)", "Address 1": "patient.address_line1",
        "Address 2": "patient.address_line2", "City": "patient.city", "State": "patient.state",
        "Postcode": "patient.postal_code", "Home phone": "patient.phone_home",
        "Work phone": "patient.phone_work", "Mobile phone": "patient.phone_mobile",
        "Email": "patient.email", "Medicare No": "custom", "Medicare Line No": "custom",
        "Medicare Expiry": "custom", "DVA No": "custom", "Pension No": "custom",
        "Health fund": "insurance.carrier_name", "Health fund No": "insurance.member_id",
        "Usual doctor": "patient.primary_provider_source_id (by name, with Dr)",
        "Status": "patient.status (Active / Inactive / Deceased)",
        "SMS reminders": "patient.contact_preference (Y: sms, N: none)",
        "Date created": "patient.created_at (DD/MM/YYYY)",
    }
    sex = {"female": "Female", "male": "Male", "other": "Intersex/Indeterminate",
           "unknown": "Not stated"}
    rows: list[list[Any]] = []
    funded = 0
    for i, p in enumerate(w.patients):
        fund = rng.random() < .45
        funded += fund
        exp = p.created.date() + timedelta(days=rng.randrange(400, 2000))
        rows.append([
            ids[i], str(10400 + i), rng.choice(TITLES[p.sex]), p.first, p.middle, p.last,
            p.preferred, fmt.dmy(p.dob), sex[p.sex], p.line1,
            rng.choice(("", "", "", "Unit 3", "Flat 12")), p.city.upper() if i % 9 == 4
            else p.city, p.state, p.postcode, p.home, p.work, p.mobile,
            p.email if i % 13 else p.email.upper(), medicare(rng) if rng.random() < .93 else "",
            str(rng.randrange(1, 6)), f"{exp.month:02d}/{exp.year}",
            f"N{rng.choice('XSQVW')}{rng.randrange(100000, 999999)}" if rng.random() < .05
            else "", f"{rng.randrange(100, 999)}{rng.randrange(100000, 999999)}"
            f"{rng.choice('ABCJKS')}" if rng.random() < .15 else "",
            rng.choice(FUNDS["au"]) if fund else "",
            str(rng.randrange(10**7, 10**9)) if fund else "", docs[i % 3],
            rng.choices(("Active", "Inactive", "Deceased"), (86, 11, 3))[0],
            rng.choice(("Y", "Y", "N")), fmt.dmy(p.created.date())])
    rows[31][7] = "00/00/0000"
    twice = duplicate(rows, 70, 115, {0: str(2000 + 3 * len(w.patients)),
                                      1: str(10400 + len(w.patients)), 16: "",
                                      23: "", 24: "", 28: "14/01/2025"},
                      "the same patient added again by reception (same name, date of birth "
                      "and Medicare number; a new ID and record number)")
    rows.append(["9999", "99999", "", "TEST", "", "PATIENT", "", "01/01/1900", "Not stated",
                 "1 Test St", "", "BONDI", "NSW", "2026", "", "", "0400 000 000", "", "", "",
                 "", "", "", "", "", docs[0], "Active", "N", "02/02/2016"])
    patients = Table(
        "Patient demographics.csv", "patient", cols, rows,
        {"patient": len(w.patients), "insurance": funded},
        bad_rows=[{"row": len(rows), "reason": "the practice's test patient (TEST PATIENT, "
                   "01/01/1900)"}], duplicate_rows=[twice],
        layout=Layout(encoding="cp1252", title=[[PRACTICE], ["Patient demographics report"],
                                                ["Printed 03/03/2025 4:12:09 PM"], []],
                      footer=[[], [f"Total patients: {len(rows)}"]]),
        notes=["one row, up to two records: the patient and the private health fund",
               "Medicare and DVA numbers are government entitlements, kept as custom fields",
               "DOB 00/00/0000 on one row means unknown", "some suburbs in capitals"])
    ap_cols = {"Appointment ID": "appointment.source_id",
               "Patient ID": "appointment.patient_source_id", "Surname": "drop",
               "First name": "drop", "DOB": "drop",
               "Appointment date": "appointment.starts_at (date part, DD/MM/YYYY)",
               "Appointment time": "appointment.starts_at (time part, h:mm AM/PM)",
               "Length": "appointment.ends_at (start plus minutes)",
               "Provider": "appointment.provider_source_id (by name, doctors with Dr)",
               "Appointment type": "appointment.appointment_type",
               "Status": "appointment.status", "Location": "appointment.location",
               "Notes": "appointment.notes", "Booked by": "custom",
               "Date booked": "appointment.created_at"}
    ap_rows: list[list[Any]] = []
    blocks = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ap_rows.append([str(55000 + k), ids[v.patient], p.last, p.first, fmt.dmy(p.dob),
                        fmt.dmy(v.start.date()), fmt.time12(v.start, upper=True),
                        str(v.minutes), docs[v.provider], rng.choice(TYPES),
                        rng.choice(STATUS[v.status]), PRACTICE, v.note,
                        rng.choice(("RECEPTION", "ONLINE", "HotDoc")),
                        fmt.dmy((v.start - timedelta(days=rng.randrange(1, 30))).date())])
        if k % 70 == 50:
            ap_rows.append([str(59000 + k), "0", "", "", "", fmt.dmy(v.start.date()),
                            "12:30 PM", "45", docs[v.provider], "Reserved", "", PRACTICE,
                            "Practice meeting", "RECEPTION", fmt.dmy(v.start.date())])
            blocks.append({"row": len(ap_rows), "reason": "a reserved block (practice "
                           "meeting) with patient ID 0: no patient"})
    appts = Table("BPSAppointments20250303.csv", "appointment", ap_cols, ap_rows,
                  {"appointment": len(w.visits)}, bad_rows=blocks,
                  notes=["Completed, At billing: completed; Waiting, With doctor: arrived; "
                         "DNA (did not attend): no-show"])
    us_cols = {"User ID": "provider.source_id", "Title": "drop",
               "First name": "provider.first_name", "Surname": "provider.last_name",
               "Category": "provider.role", "Qualifications": "provider.credentials",
               "Provider No": "provider.license_number (Medicare provider number)",
               "Prescriber No": "custom", "Email": "provider.email",
               "Phone": "provider.phone", "Active": "provider.active (Yes / No)"}
    cats = (("Principal doctor", "MBBS FRACGP"), ("Doctor", "MBBS FRACGP"),
            ("Doctor", "MBBS"), ("Practice nurse", "RN"), ("Receptionist", ""),
            ("Practice manager", ""))
    us_rows = [[str(i + 1), "Dr" if i < 3 else "", p.first, p.last, cats[i][0], cats[i][1],
                f"{rng.randrange(200000, 599999)}{rng.choice('ABCDFHJK')}{rng.choice('ABHKLTWY')}"
                if i < 3 else "", str(rng.randrange(1000000, 9999999)) if i < 3 else "",
                f"{p.first.lower()}@coastalfmc.example.com.au", p.mobile,
                "No" if i == 2 else "Yes"] for i, p in enumerate(w.providers + w.staff)]
    users = Table("Users.csv", "provider", us_cols, us_rows, {"provider": len(us_rows)},
                  layout=Layout(encoding="cp1252"),
                  notes=["a practice nurse, a receptionist and the practice manager beside "
                         "doctors", "the appointments name doctors as `Dr First Last`"])
    meta = {"export": "bestpractice-au", "vendor": "Best Practice (Bp Premier)",
            "country": "AU", "currency": "AUD", "date_order": "DMY", "half": "holdout5"}
    return meta, [patients, appts, users]
