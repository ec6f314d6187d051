"""Tebra, formerly Kareo (United States, medical billing and practice management): reports run
from the desktop PM and saved as CSV. Patient ids as integers and a medical record number
beside them; first, middle initial and last name apart with suffixes; ZIP+4 codes; masked
social security numbers; work phones with `ext.`; the primary and secondary policy side by side
on one row; an appointments report with title, date range, `run by` lines, the header again
after every page and a total line, `Checked Out`, `No Show`, `Rescheduled`, provider meetings
with no patient; a patient entered twice (Tebra warns of duplicates but lets it pass); the
demographics saved again as Excel (a twin); the patient balance summary with negatives as
`($45.00)`; providers beside staff users."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tools.zoo import fmt
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

STATUS = {"completed": "Checked Out", "arrived": "Checked In", "booked": "Confirmed",
          "cancelled": "Cancelled", "no_show": "No Show"}
REASONS = ("New Patient Visit", "Follow Up", "Annual Physical", "Sick Visit",
           "Telehealth Follow Up", "Procedure")
PAYERS = ("Aetna", "Medicare Part B", "UnitedHealthcare", "Humana", "BCBS of Illinois",
          "Cigna")
PRACTICE = "Prairie Family Medicine"


def tebra_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout4/tebra-us", "us", patients=112, providers=3, staff=3,
                   visits=240)
    rng = w.rng
    docs = [f"{p.first} {p.last}, {'MD' if i < 2 else 'NP'}" for i, p in enumerate(w.providers)]
    ids = [str(100234 + 7 * i) for i in range(len(w.patients))]
    cols = {
        "Patient ID": "patient.source_id", "Medical Record Number": "patient.chart_number",
        "Last Name": "patient.last_name", "First Name": "patient.first_name",
        "Middle Initial": "patient.middle_name", "Suffix": "custom",
        "Date of Birth": "patient.date_of_birth (MM/DD/YYYY)", "Gender": "patient.sex (F/M/U)",
        "SSN": "drop", "Address Line 1": "patient.address_line1",
        "Address Line 2": "patient.address_line2", "City": "patient.city",
        "State": "patient.state", "Zip Code": "patient.postal_code (ZIP+4)",
        "Home Phone": "patient.phone_home", "Work Phone": "patient.phone_work (with ext.)",
        "Mobile Phone": "patient.phone_mobile", "Email": "patient.email",
        "Primary Provider": "patient.primary_provider_source_id (by name, with MD/NP)",
        "Primary Insurance": "insurance.carrier_name (primary)",
        "Primary Policy #": "insurance.member_id (primary)",
        "Primary Group #": "insurance.group_number (primary)",
        "Secondary Insurance": "insurance.carrier_name (secondary)",
        "Secondary Policy #": "insurance.member_id (secondary)",
        "Secondary Group #": "insurance.group_number (secondary)",
        "Active": "patient.status (True / False)", "Created Date": "patient.created_at",
    }
    rows: list[list[Any]] = []
    policies = 0
    for i, p in enumerate(w.patients):
        pol: list[str] = []
        for rank in (0, 1):
            if rank == 0 and rng.random() < .8 or rank == 1 and pol and rng.random() < .15:
                pol += [rng.choice(PAYERS), f"{rng.choice('ABHMW')}{rng.randrange(10**8, 10**9)}",
                        str(rng.randrange(1000, 99999))]
            else:
                pol += ["", "", ""]
        policies += bool(pol[0]) + bool(pol[3])
        rows.append([
            ids[i], f"MRN{rng.randrange(10000, 99999)}", p.last, p.first, p.middle[:1],
            rng.choice(("", "", "", "", "", "Jr.", "Sr.", "III")), fmt.mdy(p.dob),
            {"female": "F", "male": "M"}.get(p.sex, "U"),
            f"XXX-XX-{rng.randrange(1000, 9999)}" if rng.random() < .7 else "", p.line1,
            rng.choice(("", "", "", "Apt 4B", "Suite 200")), p.city, p.state,
            f"{p.postcode}-{rng.randrange(1000, 9999)}" if rng.random() < .5 else p.postcode,
            p.home, f"{p.work} ext. {rng.randrange(10, 999)}" if p.work else "", p.mobile,
            p.email, docs[i % 3], *pol, "False" if rng.random() < .1 else "True",
            f"{fmt.mdy(p.created.date())} {fmt.time12(p.created, upper=True)}"])
    twin = list(rows[40])
    twin[0], twin[1] = str(100234 + 7 * len(w.patients)), ""
    twin[16] = twin[15] = ""
    rows.insert(96, twin)
    patients = Table("Patient Demographics Export.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": policies},
                     duplicate_rows=[{"row": 97, "of_row": 41, "reason": "the same patient "
                                      "created again (same name and date of birth, a new ID, "
                                      "fewer phones)"}],
                     layout=Layout(encoding="utf-8-sig"),
                     notes=["one row, up to three records: the patient, the primary and the "
                            "secondary policy side by side", "SSN masked: dropped"])
    excel = Table("Patient Demographics Export.xlsx#Patients", "patient", dict(cols),
                 [list(r) for r in rows], dict(patients.records),
                 duplicate_rows=[dict(d) for d in patients.duplicate_rows],
                 twin_of="Patient Demographics Export.csv",
                 notes=["the same export saved again as Excel: read once"])
    ap_cols = {"Appt Date": "appointment.starts_at (date part, MM/DD/YYYY)",
               "Start Time": "appointment.starts_at (time part, 12-hour)",
               "End Time": "appointment.ends_at (time part, on Appt Date)",
               "Patient ID": "appointment.patient_source_id",
               "Patient Name": "drop",
               "Provider": "appointment.provider_source_id (by name, with MD/NP)",
               "Service Location": "appointment.location",
               "Appointment Reason": "appointment.appointment_type",
               "Status": "appointment.status", "Notes": "appointment.notes"}
    ap_rows, other = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        status = STATUS[v.status]
        if v.status == "cancelled" and rng.random() < .3:
            status = "Rescheduled"
        end = v.start + timedelta(minutes=v.minutes)
        ap_rows.append([fmt.mdy(v.start.date()), fmt.time12(v.start, upper=True),
                        fmt.time12(end, upper=True), ids[v.patient], f"{p.last}, {p.first}",
                        docs[v.provider], rng.choice((PRACTICE, f"{PRACTICE} - Annex")),
                        rng.choice(REASONS), status, v.note])
        if k % 55 == 30:
            ap_rows.append([fmt.mdy(v.start.date()), "12:30 PM", "01:30 PM", "", "",
                            docs[v.provider], PRACTICE, "Other: Provider Meeting", "", ""])
            other.append({"row": len(ap_rows), "reason": "a provider meeting on the "
                          "calendar: no patient"})
    n = len(ap_rows) - len(other)
    appointments = Table(
        "Appointments Report.csv", "appointment", ap_cols, ap_rows, {"appointment": n},
        bad_rows=other,
        layout=Layout(title=[["Appointments Report"], [PRACTICE],
                             ["Date Range: 01/08/2024 - 03/03/2025"],
                             ["Run By: billing@prairiefamily.example.com on 03/04/2025"], []],
                      footer=[[], [f"Total Appointments: {n}"]], repeat_header_every=50),
        notes=["the header again after every 50 rows (page breaks)",
               "Checked Out: completed; Rescheduled: cancelled"])
    bl_cols = {"Patient ID": "billing.patient_source_id", "Patient Name": "drop",
               "Insurance Balance": "custom",
               "Patient Balance": "billing.outstanding_balance ($, negatives in parentheses)",
               "Total Balance": "drop",
               "Last Patient Payment Date": "billing.last_payment_date",
               "Last Statement Date": "custom"}
    bl_rows = []
    for i, p in enumerate(w.patients):
        if rng.random() < .55:
            continue
        ins = money(rng, 500) if rng.random() < .5 else money(rng, 1)
        pat = money(rng, 300) if rng.random() < .9 else -money(rng, 50)
        bl_rows.append([ids[i], f"{p.last}, {p.first}", fmt.money(ins, negative="()"),
                        fmt.money(pat, negative="()"), fmt.money(ins + pat, negative="()"),
                        fmt.mdy((p.created + timedelta(days=rng.randrange(30, 800))).date()),
                        fmt.mdy((p.created + timedelta(days=rng.randrange(30, 800))).date())])
    balances = Table("Patient Balance Summary.csv", "billing", bl_cols, bl_rows,
                     {"billing": len(bl_rows)},
                     layout=Layout(title=[["Patient Balance Summary"], [PRACTICE],
                                          ["As Of: 03/03/2025"], []],
                                   footer=[["Totals", "", "", "", "", "", ""]]),
                     notes=["a report: title lines and a totals line"])
    pr_cols = {"Provider Name": "provider.last_name (full name with MD/NP)",
               "Type": "provider.role (Normal Provider / Staff)",
               "Degree": "provider.credentials", "NPI": "provider.npi",
               "Specialty": "provider.specialty",
               "Email": "provider.email", "Active": "provider.active (Y / N)"}
    people = w.providers + w.staff
    jobs = ("Family Medicine", "Internal Medicine", "Nurse Practitioner", "", "", "")
    pr_rows = [[docs[i] if i < 3 else f"{p.first} {p.last}",
                "Normal Provider" if i < 3 else "Staff", ("MD", "MD", "NP")[i] if i < 3 else "",
                str(rng.randrange(10**9, 2 * 10**9)) if i < 3 else "", jobs[i],
                f"{p.first.lower()}.{p.last.lower()}@prairiefamily.example.com".replace("'", ""),
                "N" if i == 5 else "Y"] for i, p in enumerate(people)]
    providers = Table("Providers and Staff.csv", "provider", pr_cols, pr_rows,
                      {"provider": len(pr_rows)},
                      notes=["billing and front-desk users beside providers"])
    meta = {"export": "tebra-us", "vendor": "Tebra (Kareo)", "country": "US",
            "currency": "USD", "date_order": "MDY", "half": "holdout4"}
    return meta, [patients, excel, appointments, balances, providers]
