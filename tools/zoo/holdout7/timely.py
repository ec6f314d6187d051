"""Timely (New Zealand, massage and physiotherapy studio in Wellington, English): the customer
list downloaded as Excel and again as CSV (a twin), an appointments report with a title block,
the day and time in one cell (`Mon 8 Jan 2024 9:30 am`) and a totals line, a sales report of
invoices with GST-inclusive NZ dollars, and the staff list. Customers' first and last names
apart, birthdays without the year for some (`14 Mar`), NZ mobiles `021 123 4567`, Wellington
landlines `04-499 1234`; the customer's ACC claim number (New Zealand's accident compensation)
kept as custom. Cancelled and no-show bookings stay in the report. Dirty: a customer added
twice, a booking without a customer (a walk-in held slot), a blank line in the report."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout7.common import (
    NZ_FEMALE,
    NZ_FIRST,
    NZ_LAST,
    NZ_PLACES,
    NZ_STREETS,
    nz_phone,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

STATUS = {"completed": ("Completed",), "arrived": ("Arrived",), "booked": ("Booked",
                                                                           "Confirmed"),
          "cancelled": ("Cancelled",), "no_show": ("No show",)}
SERVICES = ("Remedial Massage 60min", "Remedial Massage 30min", "Physio Initial Assessment",
            "Physio Follow Up", "ACC Physio Treatment", "Dry Needling")
PRICES = {"Remedial Massage 60min": 110, "Remedial Massage 30min": 70,
          "Physio Initial Assessment": 95, "Physio Follow Up": 75, "ACC Physio Treatment": 25,
          "Dry Needling": 85}


def _when(t: datetime) -> str:
    """`Mon 8 Jan 2024 9:30 am`."""
    return f"{t:%a} {t.day} {t:%b %Y} {fmt.time12(t)}"


def timely_nz() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout7/timely-nz", "au", patients=118, providers=4, staff=1,
                   visits=250)
    rename(w, NZ_FIRST, NZ_LAST, NZ_PLACES, NZ_STREETS, nz_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in NZ_FEMALE else "male"
        street, _, num = p.line1.rpartition(" ")
        p.line1 = f"{num} {street}"
    ids = [str(2200000 + 17 * i) for i in range(len(w.patients))]
    cols = {"Customer ID": "patient.source_id", "First name": "patient.first_name",
            "Last name": "patient.last_name",
            "Birthday": "patient.date_of_birth (a date cell; `14 Mar 1987` or `14 Mar` "
                        "without the year in the CSV)",
            "Gender": "patient.sex (Female / Male / blank)", "Mobile": "patient.phone_mobile",
            "Telephone": "patient.phone_home", "Email": "patient.email",
            "Physical address": "patient.address_line1", "Suburb": "custom",
            "City": "patient.city", "Postcode": "patient.postal_code",
            "ACC claim number": "custom", "Customer notes": "custom",
            "SMS reminders": "patient.contact_preference (Yes: sms)",
            "Date added": "patient.created_at (a date cell; DD/MM/YYYY in the CSV)"}
    rows: list[list[Any]] = []
    no_year: set[int] = set()
    for i, p in enumerate(w.patients):
        if rng.random() < .08:
            no_year.add(i)
        rows.append([ids[i], p.first, p.last, p.dob,
                     {"female": "Female", "male": "Male"}.get(p.sex, "") if rng.random() < .9
                     else "", p.mobile, p.home, p.email, p.line1,
                     rng.choice(("Te Aro", "Thorndon", "Kelburn", "Newtown", "")), p.city,
                     p.postcode,
                     f"{rng.choice('AEKMP')}{rng.choice('ABCDEFG')}{rng.randrange(10000, 99999)}"
                     if rng.random() < .25 else "",
                     rng.choice(("", "", "", "Prefers female therapist", "Pregnant - side lying",
                                 "Allergic to almond oil")),
                     rng.choice(("Yes", "Yes", "No")), p.created.date()])
    twice = duplicate(rows, 44, 103, {0: "2299999", 5: "", 15: date(2024, 12, 2)},
                      "the same customer added again at online booking (same name, e-mail and "
                      "birthday; a new customer id)")
    book = Table("Customers.xlsx#Customers", "patient", cols, rows,
                 {"patient": len(w.patients)}, duplicate_rows=[twice],
                 notes=["ACC claim number: New Zealand's accident compensation claim"])
    csv_rows: list[list[str]] = []
    for n, r in enumerate(rows):
        dob = r[3]
        orig = n if n < 103 else n - 1
        birthday = f"{dob.day} {dob:%b}" if orig in no_year and r is not rows[103] \
            else f"{dob.day} {dob:%b %Y}"
        csv_rows.append([*r[:3], birthday, *r[4:15], fmt.dmy(r[15])])
    twin = Table("Customers.csv", "patient", dict(cols), csv_rows, {"patient": len(w.patients)},
                 duplicate_rows=[dict(twice)], twin_of=book.name,
                 notes=["the same list downloaded again as CSV: read once",
                        "some birthdays without the year: no date of birth, the rest stays"])
    names = [f"{p.first} {p.last}" for p in w.providers]
    ap_cols = {"Booking ID": "appointment.source_id",
               "Date & time": "appointment.starts_at (`Mon 8 Jan 2024 9:30 am` in one cell)",
               "Duration": "appointment.ends_at (`45 mins` after the start)",
               "Customer ID": "appointment.patient_source_id", "Customer": "drop",
               "Staff": "appointment.provider_source_id (by name)",
               "Service": "appointment.appointment_type", "Status": "appointment.status",
               "Location": "appointment.location", "Price": "custom",
               "Booking notes": "appointment.notes"}
    ap_rows: list[list[str]] = []
    total = Decimal(0)
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        svc = rng.choice(SERVICES)
        total += PRICES[svc]
        ap_rows.append([str(98100000 + 7 * k), _when(v.start), f"{v.minutes} mins",
                        ids[v.patient], f"{p.first} {p.last}", names[v.provider], svc,
                        rng.choice(STATUS[v.status]),
                        rng.choice(("Te Aro Studio", "Lower Hutt Clinic")),
                        fmt.money(Decimal(PRICES[svc])),
                        rng.choice(("", "", "", "Booked online", "Gift voucher", "ACC claim"))])
    ap_rows.insert(88, [str(98199999), _when(datetime(2024, 6, 3, 12, 0)), "60 mins", "", "",
                        names[2], "Remedial Massage 60min", "Booked", "Te Aro Studio",
                        "$110.00", "Held for walk-in"])
    ap_rows.insert(170, [])
    layout = Layout(title=[["Appointments Report"], ["Kiwi Bodyworks Ltd"],
                           ["8 Jan 2024 - 3 Mar 2025"], []],
                    footer=[[], ["Total", "", "", "", "", "", "", "", "", fmt.money(total), ""]])
    appts = Table("Appointments Report.csv", "appointment", ap_cols, ap_rows,
                  {"appointment": len(w.visits)},
                  bad_rows=[{"row": 89, "reason": "a slot held for a walk-in: no customer"},
                            {"row": 171, "reason": "a blank line"}], layout=layout,
                  notes=["a title block of four lines and a totals line below the data"])
    in_cols = {"Invoice #": "billing.source_id", "Invoice date": "custom",
               "Customer ID": "billing.patient_source_id", "Total (incl GST)": "drop",
               "GST": "custom", "Paid": "billing.last_payment_amount ($1,234.50)",
               "Last payment": "billing.last_payment_date (DD/MM/YYYY)",
               "Balance": "billing.outstanding_balance ($1,234.50)",
               "Status": "billing.billing_status (Paid / Part paid / Unpaid / Written off)"}
    in_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .5:
            continue
        tot = Decimal(rng.choice((70, 110, 185, 220, 330)))
        paid = tot if rng.random() < .7 else Decimal(rng.choice((0, 0, 50)))
        day = (p.created + timedelta(days=rng.randrange(3, 400))).date()
        status = "Paid" if paid == tot else "Part paid" if paid else \
            rng.choice(("Unpaid", "Unpaid", "Written off"))
        in_rows.append([f"INV-{3100 + len(in_rows)}", fmt.dmy(day), ids[i], fmt.money(tot),
                        fmt.money((tot * 3 / 23).quantize(Decimal("0.01"))), fmt.money(paid),
                        fmt.dmy(day + timedelta(days=rng.randrange(0, 20))) if paid else "",
                        fmt.money(tot - paid), status])
    sales = Table("Invoices.csv", "billing", in_cols, in_rows, {"billing": len(in_rows)},
                  notes=["prices include 15% GST; the GST column is three twenty-thirds"])
    st_cols = {"Name": "provider.last_name (First Last in one column)",
               "Role": "provider.role", "Email": "provider.email", "Mobile": "provider.phone",
               "Registration number": "provider.license_number",
               "Can be booked": "provider.active (Yes / No)"}
    jobs = ("Physiotherapist", "Physiotherapist", "Massage Therapist", "Massage Therapist",
            "Reception")
    st_rows = [[f"{p.first} {p.last}", jobs[k], p.email, p.mobile,
                str(rng.randrange(70000, 99999)) if k < 2 else "", "No" if k == 4 else "Yes"]
               for k, p in enumerate(w.providers + w.staff)]
    staff = Table("Staff.csv", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                  notes=["Physiotherapy Board registration numbers for the physios only"])
    meta = {"export": "timely-nz", "vendor": "Timely", "country": "NZ", "currency": "NZD",
            "date_order": "DMY", "half": "holdout7"}
    return meta, [book, twin, appts, sales, staff]
