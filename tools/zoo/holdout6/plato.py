"""Plato Medical (Singapore, GP clinic group, English): the patient list downloaded as Excel
and once more as CSV (a twin), and a workbook of the clinic's other lists: appointments, drug
allergies, corporate panels (companies whose employees the clinic bills), invoices and users.
Plato's `Given ID` for each patient; the name in one column, surname first for Chinese names
(`TAN Wei Ming`) and given name first for others; NRIC/FIN with a valid check letter; dates as
date cells (`07 Jan 1985` in the CSV); eight-digit phones, some `+65`; HDB addresses with the
unit (`#05-12`) and six-digit postal codes; the patient's corporate panel by code. Appointments
with start and end as datetime cells. Allergies without an id of their own, `NKDA` for none.
Invoices as numbers in Singapore dollars with GST apart; void invoices stay in the list.
Dirty: a patient created twice, a void invoice, an allergy row saying there is none."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout6.common import (
    SG_FEMALE,
    SG_GIVEN,
    SG_PLACES,
    SG_STREETS,
    SG_SURNAME,
    nric,
    sg_phone,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Table

BOOK = "Plato Export.xlsx"
CHINESE = frozenset(("Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh",
                     "Teo", "Ang", "Yeo", "Tay", "Ho"))
STATUS = {"completed": ("Seen",), "arrived": ("Arrived",), "booked": ("Confirmed", "Pending"),
          "cancelled": ("Cancelled",), "no_show": ("No Show",)}
CORPORATES = (("DBS", "DBS Bank Ltd", "12 Marina Boulevard", "018982"),
              ("SIA", "Singapore Airlines Ltd", "25 Airline Road", "819829"),
              ("NUS", "National University of Singapore", "21 Lower Kent Ridge Road", "119077"),
              ("AIAHC", "AIA Singapore Health Care", "1 Robinson Road", "048542"),
              ("IHPA", "iXchange Panel Admin", "80 Robinson Road #10-01", "068898"))
ALLERGENS = (("Penicillin", "Rash"), ("Amoxicillin", "Hives"), ("NSAIDs", "Wheezing"),
             ("Aspirin", "Angioedema"), ("Sulfonamides", "Rash"), ("Shellfish", "Swelling"))


def _name(p: Any) -> str:
    return f"{p.last.upper()} {p.first}" if p.last in CHINESE else f"{p.first} {p.last}"


def _dmy_text(d: Any) -> str:
    return f"{d.day:02d} {d:%b} {d.year}"


def plato_sg() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout6/plato-sg", "uk", patients=116, providers=3, staff=2,
                   visits=200)
    rename(w, SG_GIVEN, SG_SURNAME, SG_PLACES, SG_STREETS, sg_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in SG_FEMALE else "male"
        street, _, _n = p.line1.rpartition(" ")
        p.line1 = street + (f" #{rng.randrange(2, 25):02d}-{rng.randrange(1, 400)}"
                            if street.startswith("Blk") else f" {rng.randrange(1, 400)}")
        if rng.random() < .2:
            p.mobile = "+65 " + p.mobile
    given = [f"{rng.randrange(1, 9)}{i:04d}" for i in range(1, len(w.patients) + 1)]
    corp = [rng.choice(CORPORATES)[0] if rng.random() < .3 else "" for _ in w.patients]
    cols = {"Given ID": "patient.source_id",
            "Name": "patient.last_name (full name in one column: SURNAME Given for Chinese "
                    "names, Given Surname otherwise)",
            "NRIC/FIN": "custom", "DOB": "patient.date_of_birth (a date cell; DD Mon YYYY "
                                         "in the CSV)",
            "Sex": "patient.sex (Male / Female)", "Nationality": "custom",
            "Handphone": "patient.phone_mobile", "Telephone": "patient.phone_home",
            "Email": "patient.email", "Address": "patient.address_line1",
            "Postal Code": "patient.postal_code", "Corporate": "patient.company_source_id",
            "Marketing Consent": "custom", "Notes": "custom",
            "Created At": "patient.created_at (a datetime cell; DD Mon YYYY HH:MM in the CSV)"}
    rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        rows.append([given[i], _name(p), nric(rng, p.dob), p.dob, p.sex.title(),
                     rng.choice(("Singaporean", "Singaporean", "Singapore PR", "Malaysian",
                                 "Indian")), p.mobile, p.home, p.email, p.line1, p.postcode,
                     corp[i], rng.choice(("Yes", "No")),
                     rng.choice(("", "", "", "G6PD deficient", "Prefers Dr Lim",
                                 "Chronic patient - CHAS Blue")), p.created.replace(second=0)])
    rows[19][3] = None
    twice = duplicate(rows, 62, 101, {0: "99999", 7: "", 14: datetime(2025, 1, 6, 9, 12)},
                      "the same patient created again at another branch (same name, NRIC and "
                      "handphone; a new Given ID)")
    book = Table("Patients.xlsx#Patients", "patient", cols, rows, {"patient": len(w.patients)},
                 duplicate_rows=[twice], notes=["NRIC/FIN kept as a custom field",
                                                "Corporate names the panel company by code"])
    csv_rows = [[_dmy_text(c) + (f" {c:%H:%M}" if isinstance(c, datetime) else "")
                 if isinstance(c, date) else "" if c is None else str(c) for c in r]
                for r in rows]
    twin = Table("Patients.csv", "patient", dict(cols), csv_rows, {"patient": len(w.patients)},
                 duplicate_rows=[dict(twice)], twin_of=book.name,
                 notes=["the same list downloaded again as CSV: read once"])
    docs = [f"Dr {_name(p)}" for p in w.providers]
    ap_cols = {"Start": "appointment.starts_at (a datetime cell)",
               "End": "appointment.ends_at (a datetime cell)",
               "Given ID": "appointment.patient_source_id", "Patient": "drop",
               "Doctor": "appointment.provider_source_id (by name, Dr NAME)",
               "Title": "appointment.appointment_type", "Status": "appointment.status",
               "Branch": "appointment.location", "Remarks": "appointment.notes"}
    ap_rows = [[v.start, v.start + timedelta(minutes=v.minutes), given[v.patient],
                _name(w.patients[v.patient]), docs[v.provider],
                rng.choice(("Consultation", "Health screening", "Vaccination", "Review results",
                            "Chronic disease management")), rng.choice(STATUS[v.status]),
                rng.choice(("Toa Payoh", "Tampines")), v.note] for v in w.visits]
    appointments = Table(f"{BOOK}#Appointments", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows)}, notes=["Seen: completed"])
    al_cols = {"Given ID": "allergy_condition.patient_source_id", "Patient": "drop",
               "Allergy": "allergy_condition.name", "Reaction": "custom",
               "Severity": "custom", "Recorded": "allergy_condition.recorded_at (a date cell)"}
    al_rows: list[list[Any]] = []
    nkda = []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            drug, reaction = rng.choice(ALLERGENS)
            al_rows.append([given[i], _name(p), drug, reaction,
                            rng.choice(("Mild", "Moderate", "Severe")),
                            (p.created + timedelta(days=rng.randrange(0, 300))).date()])
        if i in (14, 77):
            al_rows.append([given[i], _name(p), "NKDA", "", "", p.created.date()])
            nkda.append({"row": len(al_rows), "reason": "NKDA: no known drug allergies, not "
                         "an allergy"})
    allergies = Table(f"{BOOK}#Drug Allergies", "allergy_condition", al_cols, al_rows,
                      {"allergy_condition": len(al_rows) - len(nkda)}, bad_rows=nkda,
                      notes=["drug allergies only: each an allergy",
                             "no id of their own: an allergy is its patient and drug"])
    co_cols = {"Code": "company.source_id", "Company Name": "company.name",
               "Address": "company.address_line1", "Postal Code": "company.postal_code",
               "Contact No": "company.phone", "Email": "company.email",
               "Payment Terms": "custom"}
    co_rows = [[c, name, street, postal, sg_phone(rng, "home"),
                f"hr@{c.lower()}.example.sg", rng.choice(("30 days", "60 days"))]
               for c, name, street, postal in CORPORATES]
    corporates = Table(f"{BOOK}#Corporates", "company", co_cols, co_rows,
                       {"company": len(co_rows)},
                       notes=["panel companies the clinic bills for their employees"])
    iv_cols = {"Invoice No": "billing.source_id", "Date": "custom",
               "Given ID": "billing.patient_source_id", "Patient": "drop",
               "Corporate": "custom", "Subtotal": "drop", "GST": "drop", "Total": "drop",
               "Paid": "billing.last_payment_amount (a number, SGD)",
               "Outstanding": "billing.outstanding_balance (a number, SGD)",
               "Status": "billing.billing_status", "Void": "custom"}
    iv_rows: list[list[Any]] = []
    void = []
    for v in w.visits:
        if v.status != "completed" or rng.random() < .3:
            continue
        sub = Decimal(rng.choice((35, 45, 68, 120, 250)))
        gst = (sub * Decimal("0.09")).quantize(Decimal("0.01"))
        total = sub + gst
        paid = total if rng.random() < .8 else Decimal(0)
        k = v.patient
        iv_rows.append([f"INV-{len(iv_rows) + 10001}", v.start.date(), given[k],
                        _name(w.patients[k]), corp[k], float(sub), float(gst), float(total),
                        float(paid), float(total - paid),
                        "Paid" if paid else "Unpaid", "No"])
        if len(iv_rows) in (17, 64):
            again = list(iv_rows[-1])
            again[0], again[-1], again[-2] = f"INV-{len(iv_rows) + 10001}", "Yes", "Void"
            iv_rows.append(again)
            void.append({"row": len(iv_rows), "reason": "a void invoice (issued twice, voided)"})
    invoices = Table(f"{BOOK}#Invoices", "billing", iv_cols, iv_rows,
                     {"billing": len(iv_rows) - len(void)}, bad_rows=void,
                     notes=["amounts as numbers; GST (9%) apart"])
    us_cols = {"Name": "provider.last_name (full name in one column)",
               "Role": "provider.role", "MCR No": "provider.license_number",
               "Email": "provider.email", "Handphone": "provider.phone",
               "Active": "provider.active (TRUE / FALSE)"}
    roles = ("Doctor", "Doctor", "Doctor", "Clinic Assistant", "Clinic Manager")
    us_rows = [[docs[k] if k < 3 else _name(p), roles[k],
                f"M{rng.randrange(10000, 99999)}{rng.choice('ABCDEFGHJ')}" if k < 3 else "",
                f"{p.first.split()[0].lower()}@healthfirst.example.sg", p.mobile, k != 2]
               for k, p in enumerate(w.providers + w.staff)]
    users = Table(f"{BOOK}#Users", "provider", us_cols, us_rows, {"provider": len(us_rows)},
                  notes=["clinic assistants and a manager beside the doctors"])
    meta = {"export": "plato-sg", "vendor": "Plato Medical", "country": "SG", "currency": "SGD",
            "date_order": "DMY", "half": "holdout6"}
    return meta, [book, twin, appointments, allergies, corporates, invoices, users]
