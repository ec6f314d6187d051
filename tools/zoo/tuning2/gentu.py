"""Gentu (Australia, specialist medical practice): CSV exports from its lists and reports. Patient
ids with leading zeros; Medicare and DVA numbers; the health fund and membership on the
patient's row; `Inactive (do not contact)` and `Deceased` as two ticks making the status; the
patient list downloaded twice (CSV and Excel); GP referrals with the referring doctor's provider
number and a validity period; the appointment book as one table over two files (one per site)
naming the patient with the date of birth in brackets, times as `9:30am` and durations as
`15 mins`, `Did Not Attend`; unresolved invoices with a total line; the address book mixing
hospitals and health funds (companies) with referring practitioners (people, not
organisations); a receptionist and a practice manager beside doctors; a test patient."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

STATUS = {"completed": "Completed", "arrived": "Arrived", "booked": "Booked",
          "cancelled": "Cancelled", "no_show": "Did Not Attend"}
TYPES = ("New Patient Consult", "Review", "Procedure", "Telehealth Review", "Post-Op")
SITES = ("Bondi Junction", "Chatswood")
GPS = (("Dr Helen Nguyen", "2345671A"), ("Dr Marcus Kelly", "4412093B"),
       ("Dr Priya Singh", "3301457J"), ("Dr Tom O'Connor", "2876550K"))
BOOK = (("Hospital", "St Vincent's Private Hospital", "406 Victoria St", "Darlinghurst",
         "2010", "(02) 8382 7111"),
        ("Hospital", "Mater Hospital Sydney", "25 Rocklands Rd", "Wollstonecraft", "2065",
         "(02) 9900 7300"),
        ("Health Fund", "Medibank Private", "GPO Box 9999", "Melbourne", "3001",
         "13 23 31"),
        ("Health Fund", "Bupa", "GPO Box 9809", "Sydney", "2001", "13 44 69"),
        ("Health Fund", "HCF", "403 George St", "Sydney", "2000", "13 13 34"),
        ("Laboratory", "Douglass Hanly Moir Pathology", "14 Giffnock Ave", "Macquarie Park",
         "2113", "(02) 9855 5222"))


def _t(t: Any) -> str:
    return fmt.time12(t).replace(" ", "")


def _aud(amount: Decimal) -> str:
    return fmt.money(amount, "$")


def gentu_au() -> tuple[dict, list[Table]]:
    w = make_world("zoo/tuning2/gentu-au", "au", patients=100, providers=3, staff=2,
                   visits=215)
    rng = w.rng
    ids = [f"{i * 4 + 17:06d}" for i in range(len(w.patients))]
    docs = [f"Dr {p.first} {p.last}" for p in w.providers]
    cols = {
        "Patient ID": "patient.source_id", "Title": "custom",
        "First Name": "patient.first_name", "Middle Name": "patient.middle_name",
        "Surname": "patient.last_name", "Preferred Name": "patient.preferred_name",
        "DOB": "patient.date_of_birth", "Sex": "patient.sex", "Mobile": "patient.phone_mobile",
        "Home Phone": "patient.phone_home", "Work Phone": "patient.phone_work",
        "Email": "patient.email", "Address Line 1": "patient.address_line1",
        "Address Line 2": "patient.address_line2", "Suburb": "patient.city",
        "State": "patient.state", "Postcode": "patient.postal_code",
        "Medicare No.": "custom", "DVA No.": "custom",
        "Health Fund": "insurance.carrier_name", "Health Fund No.": "insurance.member_id",
        "Inactive (do not contact)": "patient.status (Y: inactive)",
        "Deceased": "patient.status (Y: deceased, over inactive)",
        "Date Created": "patient.created_at",
    }
    rows: list[list[Any]] = []
    funded = 0
    for i, p in enumerate(w.patients):
        fund = rng.choice(("Medibank", "Bupa", "HCF", "nib", "")) if rng.random() < .7 else ""
        funded += bool(fund)
        rows.append([
            ids[i], rng.choice(("Mr", "Mrs", "Ms", "Miss", "Dr", "")), p.first, p.middle,
            p.last, p.preferred, fmt.dmy(p.dob), {"female": "F", "male": "M"}.get(p.sex, "U"),
            p.mobile, p.home, p.work, p.email, p.line1, rng.choice(("", "", "Unit 3")),
            p.city, p.state, p.postcode,
            f"{rng.randrange(2000, 6999)} {rng.randrange(10000, 99999)} "
            f"{rng.randrange(1, 9)}/{rng.randrange(1, 5)}",
            f"NX{rng.randrange(100000, 999999)}" if rng.random() < .05 else "", fund,
            f"{rng.randrange(10**7, 10**8)}" if fund else "",
            "Y" if rng.random() < .08 else "", "Y" if rng.random() < .02 else "",
            fmt.dmy(p.created.date()) + " " + _t(p.created)])
    rows.insert(70, ["000001", "", "Test", "", "Patient", "", "01/01/1900", "U",
                     "0400 000 000", "", "", "", "1 Test St", "", "Bondi", "NSW", "2026", "",
                     "", "", "", "", "", "04/01/2016 9:00am"])
    bad = [{"row": 71, "reason": "test patient (Test Patient, born 01/01/1900)"}]
    records = {"patient": len(w.patients), "insurance": funded}
    notes = ["one row, two records: the patient and the health fund membership",
             "two ticks make the status"]
    patients = Table("Patient List.csv", "patient", cols, rows, records, bad_rows=bad,
                     layout=Layout(encoding="utf-8-sig"), notes=notes)
    twin = Table("Patient List.xlsx#Patients", "patient", dict(cols), [list(r) for r in rows],
                 dict(records), bad_rows=[dict(b) for b in bad], twin_of="Patient List.csv",
                 notes=["the same list exported again to Excel: read once"])
    rf_cols = {"Patient ID": "referral.patient_source_id",
               "Referring Practitioner": "referral.referrer_name",
               "Provider No.": "custom", "Referral Date": "referral.referred_at",
               "Period": "custom", "Expiry Date": "drop",
               "Referred To": "custom"}
    rf_rows = []
    for i, p in enumerate(w.patients):
        if rng.random() < .35:
            continue
        gp, num = rng.choice(GPS)
        day = (p.created + timedelta(days=rng.randrange(0, 30))).date()
        months = rng.choice((3, 12, 12, 0))
        rf_rows.append([ids[i], gp, num, fmt.dmy(day),
                        f"{months} months" if months else "Indefinite",
                        fmt.dmy(day + timedelta(days=30 * months)) if months else "",
                        docs[i % 3]])
    referrals = Table("Referrals.csv", "referral", rf_cols, rf_rows,
                      {"referral": len(rf_rows)},
                      notes=["no id; every referral from a GP (physician)",
                             "Provider No.: the referrer's Medicare provider number"])
    ap_cols = {"Date": "appointment.starts_at (date part)",
               "Time": "appointment.starts_at (time part, 9:30am)",
               "Duration": "appointment.ends_at (start plus duration, '15 mins')",
               "Patient": "appointment.patient_source_id (by name, with the date of birth in "
                          "brackets)",
               "Provider": "appointment.provider_source_id (by name, with Dr)",
               "Appointment Type": "appointment.appointment_type",
               "Status": "appointment.status", "Notes": "appointment.notes"}
    per: dict[str, list[list[str]]] = {s: [] for s in SITES}
    blocks: dict[str, list[dict[str, Any]]] = {s: [] for s in SITES}
    for k, v in enumerate(w.visits):
        site = SITES[0] if v.provider != 2 else SITES[1]
        p = w.patients[v.patient]
        per[site].append([fmt.dmy(v.start.date()), _t(v.start), f"{v.minutes} mins",
                          f"{p.first} {p.last} ({fmt.dmy(p.dob)})", docs[v.provider],
                          rng.choice(TYPES), STATUS[v.status], v.note])
        if k % 48 == 30:
            per[site].append([fmt.dmy(v.start.date()), "12:30pm", "45 mins", "",
                              docs[v.provider], "Lunch", "", ""])
            blocks[site].append({"row": len(per[site]), "reason": "lunch blocked in the "
                                 "appointment book: no patient"})
    sites = [Table(f"Appointments - {s}.csv", "appointment", ap_cols, per[s],
                   {"appointment": len(per[s]) - len(blocks[s])}, bad_rows=blocks[s],
                   notes=["one table over two files, one per site", "no appointment id"])
             for s in SITES]
    ui_cols = {"Invoice No.": "billing.source_id", "Patient ID": "billing.patient_source_id",
               "Patient": "drop", "Invoice Date": "custom", "Provider": "drop",
               "Invoiced": "drop", "Paid": "billing.last_payment_amount",
               "Balance": "billing.outstanding_balance",
               "Status": "billing.billing_status (Overdue / Deferred: current)"}
    ui_rows: list[list[str]] = []
    total = Decimal(0)
    for i, p in enumerate(w.patients):
        if rng.random() < .6:
            continue
        owed = money(rng, 450) + 40
        paid = money(rng, 200) if rng.random() < .3 else Decimal(0)
        total += owed
        ui_rows.append([f"INV{2000 + len(ui_rows) * 3:05d}", ids[i], f"{p.first} {p.last}",
                        fmt.dmy((p.created + timedelta(days=rng.randrange(10, 600))).date()),
                        docs[i % 3], _aud(owed + paid), _aud(paid), _aud(owed),
                        rng.choice(("Overdue", "Deferred"))])
    invoices = Table("Unresolved Invoices.csv", "billing", ui_cols, ui_rows,
                     {"billing": len(ui_rows)},
                     layout=Layout(footer=[["Total", "", "", "", "", "", "", _aud(total), ""]]),
                     notes=["one unresolved invoice per patient", "a total line"])
    ab_cols = {"Type": "drop", "Name": "company.name", "Speciality": "custom",
               "Provider No.": "custom", "Address": "company.address_line1",
               "Suburb": "company.city", "State": "company.state",
               "Postcode": "company.postal_code", "Phone": "company.phone",
               "Email": "company.email"}
    ab_rows, people = [], []
    for kind, name, street, suburb, pc, phone in BOOK:
        ab_rows.append([kind, name, "", "", street, suburb, "NSW" if pc < "3000" else "VIC",
                        pc, phone, ""])
    for gp, num in GPS:
        ab_rows.insert(rng.randrange(len(ab_rows)), ["Practitioner", gp, "General Practice",
                                                     num, "", "", "NSW", "", "", ""])
    for n, row in enumerate(ab_rows, 1):
        if row[0] == "Practitioner":
            people.append({"row": n, "reason": "a referring practitioner: a person named on "
                           "referrals, not an organisation (routed to drop)"})
    address_book = Table("Address Book.csv", "company", ab_cols, ab_rows,
                         {"company": len(ab_rows) - len(people)}, bad_rows=people,
                         routed={"column": "Type", "values": {"Practitioner": "drop"},
                                 "why": "practitioners are people"},
                         notes=["hospitals, health funds and a laboratory: companies"])
    us_cols = {"Name": "provider.last_name (full name with Dr in one column)",
               "Role": "provider.role", "Provider Number": "provider.license_number",
               "Speciality": "provider.specialty", "Email": "provider.email"}
    roles = ("Doctor", "Doctor", "Doctor", "Receptionist", "Practice Manager")
    specs = ("Gastroenterologist", "Gastroenterologist", "Colorectal Surgeon", "", "")
    us_rows = [[docs[i] if i < 3 else f"{p.first} {p.last}", roles[i],
                f"{rng.randrange(2000000, 4999999)}{rng.choice('ABJKLTWY')}" if i < 3 else "",
                specs[i], f"{p.first.lower()}@eastsidespecialists.example.com.au"]
               for i, p in enumerate(w.providers + w.staff)]
    users = Table("Users.csv", "provider", us_cols, us_rows, {"provider": len(us_rows)},
                  notes=["a receptionist and a practice manager beside doctors"])
    meta = {"export": "gentu-au", "vendor": "Gentu (Genie Solutions)", "country": "AU",
            "currency": "AUD", "date_order": "DMY", "half": "tuning2"}
    return meta, [patients, twin, referrals, *sites, invoices, address_book, users]
