"""Zedmed (Australia, general practice in Melbourne's inner north, English): reports saved from
the reporting module as CSV: a patient listing, the appointment book, the Debtors Report and
the referrals register. Report titles, branch and `Printed` lines above the header; the header
repeated after every page of the patient listing; a total line under it and under the debtors.
Surname and Given Names apart with the title in its own column; the Medicare number with its
IRN after a slash (`2123 45670 1/2`); dates `DD/MM/YYYY`; the day and the time (`9:30 AM`) in
two columns and the length as `0:15`; the usual doctor and the treating doctor by name (`Dr J
Smith`); phones `0412 345 678` and `(03) 9123 4567`; AUD `$1,234.50`. Debtors by payer type
(Patient, Medicare, DVA, WorkCover, Health Fund). Referrals from other doctors with their
provider number and the referral's period. Dirty: a patient entered twice, the appointment
book's `BLOCKED` row (a doctor's meeting), a referral of a patient not in the listing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate, medicare
from tools.zoo.world import FUNDS, make_world
from tools.zoo.writers import Layout, Table

STATUS = {"completed": ("Attended", "Completed"), "arrived": ("Waiting Room",),
          "booked": ("Booked",), "cancelled": ("Cancelled",), "no_show": ("DNA",)}
TYPES = ("Standard Consult", "Long Consult", "Health Assessment", "Care Plan", "Immunisation",
         "Telehealth Phone")
PAYERS = ("Patient", "Patient", "Medicare", "DVA", "WorkCover", "Health Fund")


def zedmed_au() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout8/zedmed-au", "au", patients=132, providers=4, staff=1,
                   visits=250)
    rng = w.rng
    for p in [*w.patients, *w.providers, *w.staff]:
        p.city, p.postcode = rng.choice((("Brunswick", "3056"), ("Coburg", "3058"),
                                         ("Northcote", "3070"), ("Fitzroy North", "3068"),
                                         ("Thornbury", "3071")))
        p.state = "VIC"
        if p.home:
            p.home = f"(03) 9{rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
    nums = [str(10400 + i * 3) for i in range(len(w.patients))]
    doctors = [f"Dr {p.first[0]} {p.last}" for p in w.providers]
    titles = {"female": ("Mrs", "Ms", "Miss"), "male": ("Mr",)}
    cols = {"Patient No": "patient.source_id", "Title": "drop", "Surname": "patient.last_name",
            "Given Names": "patient.first_name (given names, the middle name after a space)",
            "DOB": "patient.date_of_birth (DD/MM/YYYY)", "Sex": "patient.sex (F / M / X)",
            "Address": "patient.address_line1", "Suburb": "patient.city",
            "State": "patient.state", "Postcode": "patient.postal_code",
            "Home Phone": "patient.phone_home", "Mobile": "patient.phone_mobile",
            "Email": "patient.email", "Medicare No": "custom",
            "Health Fund": "insurance.carrier_name", "Fund No": "insurance.member_id",
            "Usual Doctor": "patient.primary_provider_source_id (by name, Dr J Smith)",
            "SMS": "patient.contact_preference (Y: sms)"}
    rows: list[list[str]] = []
    funded = 0
    for i, p in enumerate(w.patients):
        fund = rng.random() < .45
        funded += fund
        mc = medicare(rng)
        rows.append([nums[i], rng.choice(titles.get(p.sex, ("Mx",))), p.last,
                     f"{p.first} {p.middle}".strip() if len(p.middle) > 1 else p.first,
                     fmt.dmy(p.dob), {"female": "F", "male": "M"}.get(p.sex, "X"), p.line1,
                     p.city, p.state, p.postcode, p.home, p.mobile, p.email,
                     f"{mc[:4]} {mc[4:9]} {mc[9]}/{rng.randrange(1, 5)}",
                     rng.choice(FUNDS["au"]) if fund else "",
                     str(rng.randrange(10**7, 10**9)) if fund else "",
                     rng.choice(doctors), rng.choice(("Y", "Y", "N"))])
    twice = duplicate(rows, 30, 96, {0: "19999", 11: "", 16: doctors[0]},
                      "the same patient entered again at reception (same name, date of birth "
                      "and Medicare number; a new patient number)")
    listing = Table("Patient Listing.csv", "patient", cols, rows,
                    {"patient": len(w.patients), "insurance": funded},
                    duplicate_rows=[twice],
                    layout=Layout(title=[["Patient Listing Report"],
                                         ["Branch: Brunswick Family Medical"],
                                         ["Printed: 14/11/2024 4:52 PM by Reception"], []],
                                  footer=[[], [f"Total Patients: {len(rows)}"]],
                                  repeat_header_every=50),
                    notes=["the header is repeated after every 50 rows, a blank line before it",
                           "Medicare number with the IRN after a slash"])
    ap_cols = {"Date": "appointment.starts_at (date part, DD/MM/YYYY)",
               "Time": "appointment.starts_at (time part, h:mm AM)",
               "Length": "appointment.ends_at (duration H:MM after the start)",
               "Patient No": "appointment.patient_source_id", "Patient Name": "drop",
               "Doctor": "appointment.provider_source_id (by name, Dr J Smith)",
               "Appt Type": "appointment.appointment_type", "Status": "appointment.status",
               "Room": "appointment.location", "Comment": "appointment.notes"}
    ap_rows: list[list[str]] = []
    for v in w.visits:
        p = w.patients[v.patient]
        ap_rows.append([fmt.dmy(v.start.date()), f"{v.start:%I:%M %p}".lstrip("0"),
                        f"{v.minutes // 60}:{v.minutes % 60:02d}", nums[v.patient],
                        f"{p.last.upper()}, {p.first}", doctors[v.provider], rng.choice(TYPES),
                        rng.choice(STATUS[v.status]),
                        rng.choice(("Consult 1", "Consult 2", "Consult 3", "Treatment")),
                        rng.choice(("", "", "", "Bulk bill", "Script only", "New patient"))])
    ap_rows.insert(60, ["12/03/2024", "12:30 PM", "1:00", "", "BLOCKED", doctors[2],
                        "Meeting", "Booked", "Consult 3", "Practice meeting"])
    book = Table("Appointment Book.csv", "appointment", ap_cols, ap_rows,
                 {"appointment": len(w.visits)},
                 bad_rows=[{"row": 61, "reason": "a blocked hour (practice meeting), no "
                            "patient"}],
                 layout=Layout(title=[["Appointment Book - All Doctors"],
                                      ["08/01/2024 to 28/02/2025"], []]),
                 notes=["no id of their own"])
    db_cols = {"Patient No": "billing.patient_source_id", "Account Payer": "drop",
               "Payer Type": "custom", "Treating Doctor": "custom", "Current": "custom",
               "30 Days": "custom", "60 Days": "custom", "90+ Days": "custom",
               "Balance": "billing.outstanding_balance ($1,234.50)",
               "Last Payment": "billing.last_payment_date (DD/MM/YYYY)"}
    db_rows: list[list[str]] = []
    grand = Decimal(0)
    for i, p in enumerate(w.patients):
        if rng.random() < .6:
            continue
        buckets = [Decimal(rng.choice((0, 0, 42, 79, 117))) for _ in range(4)]
        bal = sum(buckets, Decimal(0)) or Decimal(42)
        buckets[0] += bal - sum(buckets, Decimal(0))
        grand += bal
        payer = rng.choice(PAYERS)
        db_rows.append([nums[i], f"{p.first} {p.last}" if payer == "Patient" else payer,
                        payer, rng.choice(doctors), *[fmt.money(b) for b in buckets],
                        fmt.money(bal),
                        fmt.dmy(p.created.date() + timedelta(days=rng.randrange(30, 900)))
                        if rng.random() < .8 else ""])
    debtors = Table("Debtors Report.csv", "billing", db_cols, db_rows,
                    {"billing": len(db_rows)},
                    layout=Layout(title=[["Debtors Report"], ["All Payer Types, All Branches"],
                                         ["As at 14/11/2024"], []],
                                  footer=[["", "Report Total", "", "", "", "", "", "",
                                           fmt.money(grand), ""]]),
                    notes=["aging buckets kept as custom", "a title block and a report total"])
    rf_cols = {"Patient No": "referral.patient_source_id",
               "Referring Doctor": "referral.referrer_name", "Provider No": "custom",
               "Referral Date": "referral.referred_at (DD/MM/YYYY)",
               "Period": "custom", "Type": "referral.referral_type",
               "Reason": "referral.notes"}
    rf_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .7:
            continue
        rf_rows.append([nums[i], rng.choice(("Dr A Nguyen", "Dr S Papadopoulos", "Dr K Singh",
                                             "Royal Melbourne Hospital ED")),
                        # a provider number's shape: six digits, the practice location, a
                        # check letter (the letter is drawn, not computed)
                        f"{rng.randrange(200000, 499999)}{rng.choice('0123456789ABC')}"
                        f"{rng.choice('ABFHJKLTWXY')}",
                        fmt.dmy(p.created.date() + timedelta(days=rng.randrange(0, 400))),
                        rng.choice(("12 months", "3 months", "Indefinite")),
                        rng.choice(("GP", "Specialist", "Hospital", "Self")),
                        rng.choice(("Diabetes management", "Skin check", "Mental health "
                                    "care plan", "Post-operative follow-up"))])
    rf_rows.insert(12, ["99999", "Dr A Nguyen", "2345678A", "03/04/2024", "12 months", "GP",
                        "Skin check"])
    referrals = Table("Referrals Register.csv", "referral", rf_cols, rf_rows,
                      {"referral": len(rf_rows) - 1},
                      bad_rows=[{"row": 13, "reason": "a referral of a patient not in the "
                                 "listing"}],
                      notes=["Provider No: the referring doctor's Medicare provider number"])
    meta = {"export": "zedmed-au", "vendor": "Zedmed", "country": "AU", "currency": "AUD",
            "date_order": "DMY", "half": "holdout8"}
    return meta, [listing, book, debtors, referrals]
