"""AdvancedMD (United States, orthopaedic and sports medicine practice in Salt Lake City,
English): pipe-delimited text extracts of patient demographics, the scheduler, allergies and
problems, and a patient balance report saved as CSV with a title and a grand total. Headers
carry a table prefix (`PAT_`, `APPT_`); the name in one column `LAST, FIRST M`; dates
`MM/DD/YYYY`, the appointment's start as one cell `01/08/2024 09:30 AM`; ten-digit phones
`(801) 555-0123`; ZIP+4 codes; the responsible party's account number beside the chart number.
The allergy and problem list also holds medications (`MED`), which belong to no kind here.
Dirty: a patient whose chart was merged (status `MERGED`), an appointment with no chart number,
an allergy row of a chart that is not in the demographics, balances with a total line."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.world import ALLERGIES, CONDITIONS, FUNDS, make_world
from tools.zoo.writers import Layout, Table

PIPE = Layout(delimiter="|", newline="\n")
STATUS = {"completed": ("CHECKED OUT",), "arrived": ("CHECKED IN",), "booked": ("SCHEDULED",
                                                                                "CONFIRMED"),
          "cancelled": ("CANCELLED",), "no_show": ("NO SHOW",)}
KINDS = ("NEW PATIENT", "FOLLOW UP", "POST OP", "INJECTION", "X-RAY ONLY", "SPORTS PHYSICAL")
MEDS = ("Ibuprofen 800 mg", "Meloxicam 15 mg", "Lisinopril 10 mg", "Metformin 500 mg")


def advancedmd_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout7/advancedmd-us", "us", patients=128, providers=4, staff=1,
                   visits=240)
    rng = w.rng
    for p in [*w.patients, *w.providers, *w.staff]:
        p.city, p.state = rng.choice((("Salt Lake City", "UT"), ("Murray", "UT"),
                                      ("Sandy", "UT"), ("West Valley City", "UT")))
        p.postcode = f"841{rng.randrange(0, 99):02d}-{rng.randrange(1000, 9999)}"
        for attr in ("mobile", "home", "work"):
            if getattr(p, attr):
                setattr(p, attr, f"({rng.choice(('801', '385'))}) {rng.randrange(200, 999)}-"
                                 f"{rng.randrange(1000, 9999)}")
    charts = [f"{rng.choice('ABCDEFGHJK')}{rng.randrange(100000, 999999)}" for _ in w.patients]
    cols = {"PAT_CHART": "patient.source_id", "PAT_RESP_ACCT": "custom",
            "PAT_NAME": "patient.last_name (LAST, FIRST M in one column)",
            "PAT_DOB": "patient.date_of_birth (MM/DD/YYYY)",
            "PAT_SEX": "patient.sex (F / M / U)", "PAT_ADDR1": "patient.address_line1",
            "PAT_ADDR2": "patient.address_line2", "PAT_CITY": "patient.city",
            "PAT_STATE": "patient.state", "PAT_ZIP": "patient.postal_code",
            "PAT_HOME_PH": "patient.phone_home", "PAT_CELL_PH": "patient.phone_mobile",
            "PAT_EMAIL": "patient.email", "PAT_PRIM_INS": "insurance.carrier_name",
            "PAT_PRIM_SUB_ID": "insurance.member_id",
            "PAT_STATUS": "patient.status (ACTIVE / INACTIVE / DECEASED; MERGED: not a record)",
            "PAT_CREATED": "patient.created_at (MM/DD/YYYY)"}
    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        insured = rng.random() < .85
        rows.append([charts[i], str(900000 + i if rng.random() < .9 else 900000 + i - 1),
                     f"{p.last.upper()}, {p.first.upper()}"
                     + (f" {p.middle[:1].upper()}" if p.middle else ""),
                     fmt.mdy(p.dob), {"female": "F", "male": "M"}.get(p.sex, "U"), p.line1,
                     rng.choice(("", "", "", "APT 12", "UNIT 3B")), p.city, p.state, p.postcode,
                     p.home, p.mobile, p.email,
                     rng.choice((*FUNDS["us"], "SelectHealth", "Medicare")) if insured else "",
                     f"{rng.choice('HMXYZ')}{rng.randrange(10**8, 10**9)}" if insured else "",
                     rng.choices(("ACTIVE", "INACTIVE", "DECEASED"), (88, 10, 2))[0],
                     fmt.mdy(p.created.date())])
    merged = list(rows[70])
    merged[0], merged[15] = "Z000070", "MERGED"
    rows.insert(120, merged)
    patients = Table("PATIENT_DEMOGRAPHICS.txt", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": sum(1 for r in rows[:120] + rows[
                         121:] if r[13])},
                     duplicate_rows=[{"row": 121, "of_row": 71, "reason": "a chart merged into "
                                      "another (PAT_STATUS MERGED): the same patient"}],
                     layout=PIPE,
                     notes=["the primary insurance sits in the patient row",
                            "PAT_RESP_ACCT: the responsible party's account (family billing)"])
    names = [f"{p.last.upper()}, {p.first.upper()}" for p in w.providers]
    ap_cols = {"APPT_ID": "appointment.source_id",
               "APPT_START": "appointment.starts_at (MM/DD/YYYY hh:mm AM in one cell)",
               "APPT_DURATION": "appointment.ends_at (minutes after the start)",
               "APPT_CHART": "appointment.patient_source_id",
               "APPT_PROVIDER": "appointment.provider_source_id (by name, LAST, FIRST)",
               "APPT_TYPE": "appointment.appointment_type", "APPT_STATUS": "appointment.status",
               "APPT_FACILITY": "appointment.location", "APPT_MEMO": "appointment.notes",
               "APPT_CREATED": "appointment.created_at (MM/DD/YYYY)"}
    ap_rows: list[list[str]] = []
    for k, v in enumerate(w.visits):
        ap_rows.append([str(3300000 + k),
                        f"{fmt.mdy(v.start.date())} {v.start:%I:%M %p}", str(v.minutes),
                        charts[v.patient], names[v.provider], rng.choice(KINDS),
                        rng.choice(STATUS[v.status]),
                        rng.choice(("SLC MAIN", "SLC MAIN", "MURRAY ASC")),
                        rng.choice(("", "", "", "AUTH REQ", "BRING MRI DISC", "WC CLAIM")),
                        fmt.mdy((v.start - timedelta(days=rng.randrange(1, 40))).date())])
    ap_rows.insert(101, ["3399999", "06/14/2024 08:00 AM", "30", "", names[0], "NEW PATIENT",
                         "SCHEDULED", "SLC MAIN", "NAME ONLY - CALL BACK", "06/10/2024"])
    appts = Table("SCHEDULER_APPOINTMENTS.txt", "appointment", ap_cols, ap_rows,
                  {"appointment": len(w.visits)},
                  bad_rows=[{"row": 102, "reason": "a slot booked with no chart (a caller's "
                             "name in the memo)"}], layout=PIPE)
    al_cols = {"PAT_CHART": "allergy_condition.patient_source_id",
               "ITEM_TYPE": "allergy_condition.kind (ALG allergy / PRB problem; MED: a "
                            "medication, routed to no kind)",
               "ITEM_DESC": "allergy_condition.name", "ICD10": "allergy_condition.code",
               "ITEM_STATUS": "allergy_condition.clinical_status (ACTIVE / RESOLVED)",
               "ONSET_DATE": "allergy_condition.recorded_at (MM/DD/YYYY)"}
    al_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            kind = rng.choice(("ALG", "PRB", "MED"))
            desc = rng.choice(ALLERGIES if kind == "ALG" else CONDITIONS if kind == "PRB"
                              else MEDS)
            al_rows.append([charts[i], kind, desc,
                            rng.choice(("M54.5", "M17.11", "S83.511A", "E11.9", "I10"))
                            if kind == "PRB" else "",
                            rng.choice(("ACTIVE", "ACTIVE", "RESOLVED")),
                            fmt.mdy(p.created.date() + timedelta(days=rng.randrange(400)))])
    al_rows.insert(50, ["Q555555", "ALG", "Latex", "", "ACTIVE", "03/02/2024"])
    meds = [{"row": n + 1, "reason": "ITEM_TYPE MED: a medication, no allergy or problem"}
            for n, r in enumerate(al_rows) if r[1] == "MED"]
    allergies = Table("ALLERGIES_PROBLEMS.txt", "allergy_condition", al_cols, al_rows,
                      {"allergy_condition": len(al_rows) - len(meds) - 1},
                      bad_rows=sorted([*meds, {"row": 51, "reason": "a chart not in the "
                                               "demographics"}], key=lambda b: b["row"]),
                      routed={"column": "ITEM_TYPE", "values": {"MED": "drop"},
                              "why": "the medication list rides along; no kind holds it"},
                      layout=PIPE, notes=["no id of their own"])
    bal_cols = {"Chart": "billing.patient_source_id", "Patient": "drop",
                "Current": "custom", "31-60": "custom", "61-90": "custom", "91-120": "custom",
                "120+": "custom", "Total Balance": "billing.outstanding_balance ($1,234.56)",
                "Last Pmt Amt": "billing.last_payment_amount ($1,234.56)",
                "Last Pmt Date": "billing.last_payment_date (MM/DD/YYYY)"}
    bal_rows: list[list[str]] = []
    grand = Decimal(0)
    for i, p in enumerate(w.patients):
        if rng.random() < .55:
            continue
        buckets = [Decimal(rng.choice((0, 0, 25, 40, 135, 310))) for _ in range(5)]
        total = sum(buckets, Decimal(0))
        grand += total
        bal_rows.append([charts[i], f"{p.last.upper()}, {p.first.upper()}",
                         *[fmt.money(b) for b in buckets], fmt.money(total),
                         fmt.money(Decimal(rng.choice((20, 35, 50, 120)))),
                         fmt.mdy(p.created.date() + timedelta(days=rng.randrange(30, 500)))])
    balances = Table("Patient Balance Report.csv", "billing", bal_cols, bal_rows,
                     {"billing": len(bal_rows)},
                     layout=Layout(title=[["Patient Balance Report - Aging by Patient"],
                                          ["Wasatch Orthopedics & Sports Medicine"], []],
                                   footer=[["Grand Total", "", "", "", "", "", "",
                                            fmt.money(grand), "", ""]]),
                     notes=["aging buckets kept as custom", "a title block and a grand total"])
    meta = {"export": "advancedmd-us", "vendor": "AdvancedMD", "country": "US",
            "currency": "USD", "date_order": "MDY", "half": "holdout7"}
    return meta, [patients, appts, allergies, balances]
