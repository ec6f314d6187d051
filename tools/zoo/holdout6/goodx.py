"""GoodX (South Africa, private GP and specialist practice, English): the Debtor/Patient Report
Writer run as CSV from the desktop app (title lines, Windows code page, a total line), the diary
bookings saved per practice site, the debtors' age analysis and the practitioner list. Accounts
(`Acc No.`) hold a main member and dependants (`Dep`, 00 for the main member); each patient has
the practice's own file number. Initials beside the first name; South African ID numbers;
dates as YYYY/MM/DD; cell numbers of ten digits (some `+27`); the medical aid, its option and
the membership number on the patient's row. Bookings with date and time apart and statuses in
the diary's words. Balances in rands, `R 1 234,50`. Dirty: a `CASH` walk-in debtor, a patient
opened twice under a new file number, a booking kept for a lunch break."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout6.common import (
    ZA_FEMALE,
    ZA_FIRST,
    ZA_LAST,
    ZA_PLACES,
    ZA_STREETS,
    rand,
    za_id,
    za_phone,
)
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

WIN = Layout(encoding="cp1252")
AIDS = (("Discovery Health Medical Scheme", ("Classic Saver", "Essential Comprehensive",
                                             "KeyCare Plus")),
        ("Bonitas", ("BonComprehensive", "BonCap")), ("Momentum Health", ("Ingwe", "Extender")),
        ("Medshield", ("MediPlus", "MediCore")), ("Bestmed", ("Beat1", "Pace2")))
STATUS = {"completed": ("Completed",), "arrived": ("Arrived", "In Consultation"),
          "booked": ("Booked", "Confirmed"), "cancelled": ("Cancelled",),
          "no_show": ("Did Not Arrive",)}
TYPES = ("Consultation", "Follow-up consultation", "Procedure", "Wellness screening",
         "Script renewal", "Travel clinic")
SITES = ("Hatfield", "Centurion")


def _ymd(d: Any) -> str:
    return f"{d.year}/{d.month:02d}/{d.day:02d}"


def goodx_za() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout6/goodx-za", "uk", patients=118, providers=4, staff=1,
                   visits=250)
    rename(w, ZA_FIRST, ZA_LAST, ZA_PLACES, ZA_STREETS, za_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in ZA_FEMALE else "male"
        street, _, number = p.line1.rpartition(" ")
        p.line1 = f"{number} {street}"
        if rng.random() < .12:
            p.mobile = "+27 " + p.mobile[1:]
    files = [f"F{2000 + 3 * i}" for i in range(len(w.patients))]
    accounts: list[tuple[str, str]] = []
    acc = 10400
    for i in range(len(w.patients)):
        if i and rng.random() < .3 and accounts[-1][1] != "03":
            accounts.append((accounts[-1][0], f"{int(accounts[-1][1]) + 1:02d}"))
        else:
            acc += rng.randrange(1, 9)
            accounts.append((f"A{acc}", "00"))
    docs = [f"Dr {p.first[0]} {p.last}" for p in w.providers]
    cols = {
        "Acc No.": "custom", "Dep": "custom", "File No.": "patient.source_id",
        "Title": "custom", "Initials": "drop", "First Name": "patient.first_name",
        "Surname": "patient.last_name", "ID Number": "custom",
        "Date of Birth": "patient.date_of_birth (YYYY/MM/DD)", "Gender": "patient.sex (M / F)",
        "Cell No.": "patient.phone_mobile", "Tel (H)": "patient.phone_home",
        "Tel (W)": "patient.phone_work", "E-mail": "patient.email",
        "Street Address": "patient.address_line1", "Suburb": "patient.address_line2",
        "City": "patient.city", "Postal Code": "patient.postal_code",
        "Medical Aid": "insurance.carrier_name", "Option": "insurance.plan_type",
        "Medical Aid No.": "insurance.member_id",
        "Main Member": "insurance.is_primary (Y: the patient is the main member)",
        "Treating Doctor": "patient.primary_provider_source_id (by name, Dr Initial Surname)",
        "Date Opened": "patient.created_at (YYYY/MM/DD)",
    }
    rows: list[list[Any]] = []
    aid_of: dict[str, tuple[str, str, str]] = {}
    insured = 0
    for i, p in enumerate(w.patients):
        a, dep = accounts[i]
        if dep == "00":
            if rng.random() < .7:
                name, options = rng.choice(AIDS)
                aid_of[a] = (name, rng.choice(options), str(rng.randrange(10**8, 10**9)))
            else:
                aid_of[a] = ("", "", "")
        aid, option, number = aid_of[a]
        insured += bool(aid)
        female = p.sex == "female"
        rows.append([a, dep, files[i], rng.choice(("Mrs", "Ms", "Miss")) if female else "Mr",
                     p.first[0], p.first, p.last, za_id(rng, p.dob, female), _ymd(p.dob),
                     "F" if female else "M", p.mobile, p.home, p.work, p.email, p.line1,
                     p.state, p.city, p.postcode, aid, option, number,
                     ("Y" if dep == "00" else "N") if aid else "", rng.choice(docs),
                     _ymd(p.created.date())])
    rows[33][8] = ""
    rows[71][13] = ""
    twice = duplicate(rows, 18, 97, {2: "F2999", 12: "", 23: "2024/11/02"},
                      "the same patient opened again under a new file number (same name, ID "
                      "number and cell number)")
    rows.append(["CASH", "00", "F0001", "", "", "CASH", "CASH SALE", "", "", "", "", "", "", "",
                 "", "", "", "", "", "", "", "", "", "2016/01/04"])
    bad = [{"row": len(rows), "reason": "the CASH SALE debtor GoodX uses for walk-in sales: "
            "not a person"}]
    records = {"patient": len(w.patients), "insurance": insured}
    patients = Table(
        "Debtor Patient Report.csv", "patient", cols, rows, records, bad_rows=bad,
        duplicate_rows=[twice],
        layout=Layout(encoding="cp1252",
                      title=[["Sunnyside Family Practice  Pr. No. 0412345"],
                                             ["Debtor/Patient Report Writer - Profile: MIGRATION"],
                                             ["Printed by: RECEPTION1  2025/03/04 16:12"], []],
                      footer=[[], [f"Total records: {len(rows)}"]]),
        notes=["one row a patient: the main member (Dep 00) or a dependant on the same account",
               "a dependant's row repeats the main member's medical aid: one insurance record "
               "a patient with a medical aid", "ID Number kept as a custom field"])
    bk_cols = {"Date": "appointment.starts_at (date part, YYYY/MM/DD)",
               "Time": "appointment.starts_at (time part, HH:MM)",
               "Duration": "appointment.ends_at (start plus minutes)",
               "File No.": "appointment.patient_source_id", "Patient": "drop",
               "Doctor": "appointment.provider_source_id (by name, Dr Initial Surname)",
               "Booking Type": "appointment.appointment_type", "Status": "appointment.status",
               "Reason": "appointment.notes"}
    by_site: list[list[list[str]]] = [[], []]
    lunch: list[list[dict[str, Any]]] = [[], []]
    for k, v in enumerate(w.visits):
        s = 0 if v.provider < 2 else 1
        p = w.patients[v.patient]
        by_site[s].append([_ymd(v.start), f"{v.start:%H:%M}", str(v.minutes), files[v.patient],
                           f"{p.last}, {p.first}", docs[v.provider], rng.choice(TYPES),
                           rng.choice(STATUS[v.status]),
                           rng.choice(("", "", "Flu symptoms", "Blood pressure check",
                                       "Repeat script", "Back pain"))])
        if k % 60 == 25:
            by_site[s].append([_ymd(v.start), "13:00", "60", "", "", docs[v.provider], "LUNCH",
                               "", "Blocked"])
            lunch[s].append({"row": len(by_site[s]), "reason": "a lunch break blocked in the "
                             "diary: no patient"})
    bookings = [Table(f"Diary Bookings - {SITES[s]}.csv", "appointment", dict(bk_cols),
                      by_site[s], {"appointment": len(by_site[s]) - len(lunch[s])},
                      bad_rows=lunch[s], layout=WIN,
                      notes=[f"the {SITES[s]} diary; the other site's bookings are in the "
                             "other file", "Did Not Arrive: no-show"])
                for s in (0, 1)]
    ag_cols = {"Acc No.": "custom", "File No.": "billing.patient_source_id",
               "Debtor": "drop", "Medical Aid": "custom",
               "Current": "drop", "30 Days": "drop", "60 Days": "drop", "90 Days": "drop",
               "120+ Days": "drop", "Balance": "billing.outstanding_balance (R 1 234,50)",
               "Last Payment": "billing.last_payment_date (YYYY/MM/DD)",
               "Last Pmt Amount": "billing.last_payment_amount (R 1 234,50)",
               "Debtor Status": "billing.billing_status"}
    ag_rows: list[list[str]] = []
    total = Decimal(0)
    for i, p in enumerate(w.patients):
        if accounts[i][1] != "00" or rng.random() < .35:
            continue
        buckets = [money(rng, 700) if rng.random() < .4 else Decimal(0) for _ in range(5)]
        balance = sum(buckets, Decimal(0))
        total += balance
        paid = (p.created + timedelta(days=rng.randrange(30, 900))).date()
        ag_rows.append([accounts[i][0], files[i], f"{p.last}, {p.first}",
                        aid_of[accounts[i][0]][0] or "PRIVATE", *[rand(b) for b in buckets],
                        rand(balance), _ymd(paid), rand(money(rng, 900)),
                        rng.choice(("Normal", "Normal", "Slow payer", "Payment arrangement",
                                    "Handed over")) if balance else "Normal"])
    ages = Table("Age Analysis.csv", "billing", ag_cols, ag_rows, {"billing": len(ag_rows)},
                 layout=Layout(encoding="cp1252", title=[["Age Analysis - Debtors"],
                                                         ["Period: 2025/02"], []],
                               footer=[["", "", "TOTAL", "", "", "", "", "", "", rand(total),
                                        "", "", ""]]),
                 notes=["one row an account, named by its main member's file number",
                        "Debtor Status from the practice's status list"])
    dr_cols = {"Code": "provider.source_id", "Title": "custom",
               "Name": "provider.first_name", "Surname": "provider.last_name",
               "Discipline": "provider.specialty", "HPCSA No.": "provider.license_number",
               "Practice No.": "custom", "Cell No.": "provider.phone",
               "E-mail": "provider.email", "Active": "provider.active (Y / N)"}
    disc = ("General Practitioner", "General Practitioner", "Paediatrician", "Physiotherapist",
            "Practice Manager")
    dr_rows = [[f"DR{k + 1:02d}" if k < 4 else "ADM1", "Dr" if k < 3 else "Mr" if p.sex == "male"
                else "Ms", p.first, p.last, disc[k],
                f"{'MP' if k < 3 else 'PT' if k == 3 else ''}{rng.randrange(100000, 999999)}"
                if k < 4 else "", "0412345" if k < 3 else f"07{rng.randrange(10000, 99999)}"
                if k == 3 else "", p.mobile, f"{p.first.lower()}@sunnysidefp.example.co.za",
                "N" if k == 2 else "Y"] for k, p in enumerate(w.providers + w.staff)]
    doctors = Table("Practitioners.csv", "provider", dr_cols, dr_rows, {"provider": len(dr_rows)},
                    layout=WIN, notes=["the practice manager beside the practitioners"])
    meta = {"export": "goodx-za", "vendor": "GoodX", "country": "ZA", "currency": "ZAR",
            "date_order": "YMD", "half": "holdout6"}
    return meta, [patients, *bookings, ages, doctors]
