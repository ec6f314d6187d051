"""Practice Perfect (Canada, multidisciplinary rehab clinic in Calgary, English): reports saved
as CSV. The patient list, appointments split across two files (one per year of the schedule),
the patients' insurance coverage (extended health plans and WCB claims) as a child table with
no id of its own, and the clinic's practitioners. Names apart, with a middle initial; dates
`YYYY/MM/DD`; provincial health numbers (Alberta, nine digits); ten-digit phones
`(403) 555-1234`; postal codes `T2P 1J9`. The appointment status is a short code (`AR`
arrived, `NS` no show, `CX` cancelled, ...); a `Type` column says `Block` for held time.
Dirty: a patient entered twice, a block row in the schedule, an appointment dated 2024/02/30."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.world import FUNDS, make_world
from tools.zoo.writers import Table

CODES = {"completed": ("CO",), "arrived": ("AR",), "booked": ("BK", "CF"),
         "cancelled": ("CX", "LC"), "no_show": ("NS",)}
KINDS = ("PT Initial Assessment", "PT Treatment", "Massage Therapy 60", "Chiro Adjustment",
         "Kinesiology Session", "WCB Treatment")


def _ymd(d: date) -> str:
    return f"{d.year}/{d.month:02d}/{d.day:02d}"


def practiceperfect_ca() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout7/practiceperfect-ca", "ca", patients=124, providers=5, staff=1,
                   visits=260)
    rng = w.rng
    for p in [*w.patients, *w.providers, *w.staff]:
        p.city, p.state = "Calgary", "AB"
        p.postcode = f"T{rng.choice('23')}{rng.choice('ABCEGHJKMNPRSTVWXYZ')} " \
                     f"{rng.randrange(1, 9)}{rng.choice('ABCEGHJKLMNPRSTVWXYZ')}" \
                     f"{rng.randrange(1, 9)}"
        for attr in ("mobile", "home", "work"):
            if getattr(p, attr):
                setattr(p, attr, f"({rng.choice(('403', '587', '825'))}) "
                                 f"{rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}")
    ids = [str(10450 + i) for i in range(len(w.patients))]
    cols = {"Patient #": "patient.source_id", "Last Name": "patient.last_name",
            "First Name": "patient.first_name", "MI": "patient.middle_name",
            "Birth Date": "patient.date_of_birth (YYYY/MM/DD)",
            "Gender": "patient.sex (F / M / U)", "Health Card #": "custom",
            "Address": "patient.address_line1", "City": "patient.city",
            "Prov": "patient.state", "Postal Code": "patient.postal_code",
            "Home Phone": "patient.phone_home", "Cell Phone": "patient.phone_mobile",
            "Work Phone": "patient.phone_work", "E-mail": "patient.email",
            "Referred By": "custom",
            "Inactive": "patient.status (Y: inactive; blank: active)",
            "Date Entered": "patient.created_at (YYYY/MM/DD)"}
    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        rows.append([ids[i], p.last, p.first, p.middle[:1], _ymd(p.dob),
                     {"female": "F", "male": "M"}.get(p.sex, "U"),
                     f"{rng.randrange(10000, 99999)}-{rng.randrange(1000, 9999)}", p.line1,
                     p.city, p.state, p.postcode, p.home, p.mobile, p.work, p.email,
                     rng.choice(("", "", "Dr. Patel", "Google", "Friend/Family", "WCB")),
                     "Y" if rng.random() < .12 else "", _ymd(p.created.date())])
    twice = duplicate(rows, 51, 99, {0: "19999", 12: "", 17: "2024/10/21"},
                      "the same patient entered again (same name, birth date and health "
                      "card; a new patient number)")
    patients = Table("Patient List.csv", "patient", cols, rows, {"patient": len(w.patients)},
                     duplicate_rows=[twice],
                     notes=["Health Card #: the Alberta health care number, kept as custom"])
    names = [f"{p.last}, {p.first}" for p in w.providers]
    ap_cols = {"Appt ID": "appointment.source_id",
               "Date": "appointment.starts_at (date part, YYYY/MM/DD)",
               "Start": "appointment.starts_at (time part, h:mm AM)",
               "End": "appointment.ends_at (time part, h:mm AM)",
               "Patient #": "appointment.patient_source_id", "Patient Name": "drop",
               "Practitioner": "appointment.provider_source_id (by name, Last, First)",
               "Type": "appointment.appointment_type (Block: held time, no appointment)",
               "Status": "appointment.status (CO completed, AR arrived, BK/CF booked, CX/LC "
                         "cancelled, NS no show)",
               "Case": "custom", "Comments": "appointment.notes"}
    by_year: dict[int, list[list[str]]] = {2024: [], 2025: []}
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        by_year[v.start.year].append([
            str(550000 + k), _ymd(v.start.date()), fmt.time12(v.start, upper=True),
            fmt.time12(end, upper=True), ids[v.patient], f"{p.last}, {p.first}",
            names[v.provider], rng.choice(KINDS), rng.choice(CODES[v.status]),
            rng.choice(("", "MVA 2024-01", "WCB", "EHC")),
            rng.choice(("", "", "", "Needs interpreter", "Direct bill Sun Life"))])
    first, second = by_year[2024], by_year[2025]
    first.insert(40, ["559990", "2024/04/02", "12:00 PM", "1:00 PM", "", "", names[0], "Block",
                      "", "", "Staff meeting"])
    first[60][1] = "2024/02/30"
    tables = [Table("Appointments 2024.csv", "appointment", ap_cols, first,
                    {"appointment": len(first) - 2},
                    bad_rows=[{"row": 41, "reason": "a Block: held time, no patient"},
                              {"row": 61, "reason": "30 February does not exist"}],
                    notes=["the schedule split into one file per year"]),
              Table("Appointments 2025.csv", "appointment", dict(ap_cols), second,
                    {"appointment": len(second)},
                    notes=["the same columns as Appointments 2024.csv"])]
    in_cols = {"Patient #": "insurance.patient_source_id",
               "Insurer": "insurance.carrier_name", "Policy/Claim #": "insurance.member_id",
               "Group #": "insurance.group_number",
               "Coverage": "insurance.plan_type (Extended Health / WCB / MVA)",
               "Order": "insurance.is_primary (1: primary, 2: secondary)",
               "Start Date": "insurance.effective_from (YYYY/MM/DD)",
               "Annual Max": "custom"}
    in_rows: list[list[str]] = []
    for i in range(len(w.patients)):
        for order in (1, 2):
            if rng.random() > (.7 if order == 1 else .25):
                break
            cover = rng.choice(("Extended Health", "Extended Health", "WCB", "MVA"))
            carrier = "WCB Alberta" if cover == "WCB" else rng.choice(
                ("Intact Insurance", "Aviva Canada")) if cover == "MVA" else \
                rng.choice(FUNDS["ca"])
            in_rows.append([ids[i], carrier, f"{rng.randrange(10**6, 10**8)}",
                            str(rng.randrange(10000, 99999)) if cover == "Extended Health"
                            else "", cover, str(order),
                            _ymd(date(2023, 6, 1) + timedelta(days=rng.randrange(500))),
                            fmt.money(Decimal(rng.choice((500, 750, 1000, 1500))))
                            if cover == "Extended Health" else ""])
    insurance = Table("Patient Insurance.csv", "insurance", in_cols, in_rows,
                      {"insurance": len(in_rows)},
                      notes=["a child table of the patients with no id of its own"])
    st_cols = {"Practitioner ID": "provider.source_id", "Last Name": "provider.last_name",
               "First Name": "provider.first_name", "Designation": "provider.credentials",
               "Discipline": "provider.specialty", "Licence #": "provider.license_number",
               "E-mail": "provider.email", "Active": "provider.active (Y / N)"}
    jobs = (("PT", "Physiotherapy"), ("PT", "Physiotherapy"), ("RMT", "Massage Therapy"),
            ("DC", "Chiropractic"), ("BKin", "Kinesiology"), ("", "Front Desk"))
    st_rows = [[f"P{k + 1:02d}", p.last, p.first, jobs[k][0], jobs[k][1],
                str(rng.randrange(10000, 99999)) if jobs[k][0] else "", p.email,
                "N" if k == 4 else "Y"] for k, p in enumerate(w.providers + w.staff)]
    staff = Table("Practitioners.csv", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                  notes=["a front-desk user beside the practitioners"])
    meta = {"export": "practiceperfect-ca", "vendor": "Practice Perfect", "country": "CA",
            "currency": "CAD", "date_order": "YMD", "half": "holdout7"}
    return meta, [patients, *tables, insurance, staff]
