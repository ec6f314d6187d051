"""WebPT (United States, outpatient physical therapy, English): the Standard Extract, nightly CSV
tables delivered over SFTP with snake_case columns, one file per table: patients, patient
insurance, appointments and therapists, plus the Referrals report from WebPT Analytics (spaced
headers). Extract rows carry an `export_flag` (1 new, 2 modified, 3 removed): a removed row is
not a record, and a modified row is the same record again. A `contact_type` where `Prospect`
marks someone a marketing campaign brought in who never became a patient (a lead). Dates of
birth MM/DD/YYYY, created timestamps in ISO with a `T`, appointment times `YYYY-MM-DD HH:MM:SS`;
US phones `(555) 555-0123`, ZIP codes; primary and secondary insurance as rows with a priority;
appointments whose id is negative when never checked in, and whose status is `Active` or
`Inactive` with a cancel reason; referrals naming the physician `Dr. Jane Doe, MD` with an NPI.
Dirty: removed rows, a re-sent modified patient, an appointment with no start date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.world import FUNDS, make_world
from tools.zoo.writers import Table

VISITS = ("Initial Evaluation", "Daily Note", "Daily Note", "Progress Note", "Re-Evaluation",
          "Discharge Summary")
PHYS = (("Sarah", "Whitfield", "MD"), ("Raj", "Patel", "DO"), ("Emily", "Chen", "MD"),
        ("Marcus", "Greene", "MD"), ("Laura", "Ortiz", "PA-C"), ("Kevin", "O'Donnell", "NP"))


def _npi(rng: Any) -> str:
    """Ten digits whose Luhn check over `80840` + the first nine holds (the NPI rule)."""
    head = "1" + "".join(str(rng.randrange(10)) for _ in range(8))
    digits = "80840" + head
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if k % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return head + str((10 - total % 10) % 10)


def webpt_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout6/webpt-us", "us", patients=104, providers=4, staff=1,
                   leads=13, visits=230)
    rng = w.rng
    ids = [str(5100000 + 37 * i) for i in range(len(w.patients))]
    cols = {
        "patient_id": "patient.source_id", "clinic_id": "custom",
        "first_name": "patient.first_name", "middle_initial": "patient.middle_name",
        "last_name": "patient.last_name", "dob": "patient.date_of_birth (MM/DD/YYYY)",
        "gender": "patient.sex (Male / Female / Unknown)", "address1": "patient.address_line1",
        "address2": "patient.address_line2", "city": "patient.city", "state": "patient.state",
        "zip": "patient.postal_code", "home_phone": "patient.phone_home",
        "cell_phone": "patient.phone_mobile", "work_phone": "patient.phone_work",
        "email": "patient.email",
        "contact_type": "patient.status (Prospect routes to lead)",
        "created_date": "patient.created_at (ISO with T, local time)",
        "export_flag": "drop",
    }

    def row(pid: str, p: Any, kind: str, flag: str) -> list[str]:
        return [pid, rng.choice(("101", "101", "102")), p.first, p.middle[:1], p.last,
                fmt.mdy(p.dob) if kind == "Patient" else "",
                {"female": "Female", "male": "Male"}.get(p.sex, "Unknown"), p.line1,
                rng.choice(("", "", "", "Apt 4B", "Suite 210")), p.city, p.state, p.postcode,
                p.home, p.mobile, p.work, p.email, kind, fmt.iso_dt(p.created, "T"), flag]

    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        rows.append(row(ids[i], p, "Patient", rng.choice(("1", "1", "1", "2"))))
        if i % 10 == 4 and i // 10 < 10:
            rows.append(row(str(7000000 + i), w.leads[i // 10], "Prospect", "1"))
    leads = sum(1 for r in rows if r[16] == "Prospect")
    again = list(rows[40])
    again[13], again[18] = w.patients[rng.randrange(3)].mobile, "2"
    rows.insert(88, again)
    for k, at in enumerate((25, 61, 110)):
        rows.insert(at, row(str(5090000 + at), w.leads[10 + k], "Patient", "3"))
    removed = [{"row": n + 1, "reason": "export_flag 3: the record was removed from WebPT"}
               for n, r in enumerate(rows) if r[18] == "3"]
    dup = {"row": next(n + 1 for n, r in enumerate(rows) if r is again),
           "of_row": next(n + 1 for n, r in enumerate(rows) if r[0] == again[0]),
           "reason": "the same patient sent again with export_flag 2 (modified: a new "
                     "cell phone); the later row replaces the earlier"}
    patients = Table("patients.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "lead": leads}, bad_rows=removed,
                     duplicate_rows=[dup],
                     routed={"column": "contact_type", "values": {"Prospect": "lead"},
                             "why": "a prospect came through marketing and was never treated"},
                     notes=["export_flag: 1 new, 2 modified, 3 removed (the extract's rule)"])
    in_cols = {"patient_id": "insurance.patient_source_id", "case_id": "custom",
               "ins_name": "insurance.carrier_name", "policy_number": "insurance.member_id",
               "group_number": "insurance.group_number",
               "priority": "insurance.is_primary (Primary / Secondary)",
               "effective_date": "insurance.effective_from (MM/DD/YYYY)",
               "term_date": "insurance.effective_to (MM/DD/YYYY)",
               "copay": "insurance.copay ($25.00)", "export_flag": "drop"}
    in_rows: list[list[str]] = []
    for i, _p in enumerate(w.patients):
        for prio in ("Primary", "Secondary"):
            if rng.random() < (.75 if prio == "Primary" else .3):
                start = date(2023, 1, 1) + timedelta(days=rng.randrange(600))
                in_rows.append([ids[i], f"C{rng.randrange(10000, 99999)}",
                                rng.choice((*FUNDS["us"], "Medicare Part B", "Tricare")),
                                f"{rng.choice('ABCHUW')}{rng.randrange(10**8, 10**9)}",
                                str(rng.randrange(10000, 999999)) if rng.random() < .7 else "",
                                prio, fmt.mdy(start),
                                fmt.mdy(start + timedelta(days=365)) if rng.random() < .3 else "",
                                fmt.money(Decimal(rng.choice((0, 20, 25, 30, 40, 50)))), "1"])
            elif prio == "Primary":
                break
    insurance = Table("patient_insurance.csv", "insurance", in_cols, in_rows,
                      {"insurance": len(in_rows)},
                      notes=["primary and secondary insurance as separate rows of one patient"])
    tids = [str(310 + 4 * k) for k in range(len(w.providers))]
    ap_cols = {"appointment_id": "appointment.source_id",
               "start_date": "appointment.starts_at (YYYY-MM-DD HH:MM:SS)",
               "end_date": "appointment.ends_at (YYYY-MM-DD HH:MM:SS)",
               "check_in_time": "custom", "check_out_time": "custom",
               "calendar_title": "drop", "clinic_id": "appointment.location",
               "therapist_id": "appointment.provider_source_id",
               "appointment_type": "appointment.appointment_type", "case_id": "custom",
               "patient_id": "appointment.patient_source_id",
               "appointment_status": "appointment.status (Active / Inactive; with reason)",
               "reason": "appointment.status (cancel reason: Cancelled, Late Cancel, No Show)",
               "visit_comment": "appointment.notes",
               "time_stamp": "appointment.created_at (YYYY-MM-DD HH:MM:SS)"}
    ap_rows: list[list[str]] = []
    for k, v in enumerate(w.visits):
        end = v.start + timedelta(minutes=v.minutes)
        done = v.status in ("completed", "arrived")
        cancel = {"cancelled": rng.choice(("Cancelled", "Late Cancel")),
                  "no_show": "No Show"}.get(v.status, "")
        seen = v.start + timedelta(minutes=rng.randrange(-10, 5))
        ap_rows.append([str((900000 + k * 3) * (1 if done else -1)), fmt.iso_dt(v.start),
                        fmt.iso_dt(end), fmt.iso_dt(seen) if done else "",
                        fmt.iso_dt(end) if v.status == "completed" else "",
                        f"{w.providers[v.provider].first} {w.providers[v.provider].last}",
                        rng.choice(("101", "102")), tids[v.provider], rng.choice(VISITS),
                        f"C{rng.randrange(10000, 99999)}", ids[v.patient],
                        "Inactive" if cancel else "Active", cancel, v.note,
                        fmt.iso_dt(v.start - timedelta(days=rng.randrange(1, 30)))])
    ap_rows[150][1] = ""
    visits = Table("appointments.csv", "appointment", ap_cols, ap_rows,
                   {"appointment": len(ap_rows) - 1},
                   bad_rows=[{"row": 151, "reason": "an appointment with no start date"}],
                   notes=["a negative appointment_id: scheduled, not checked in (the "
                          "extract's rule)", "Inactive with a reason: cancelled or no-show"])
    rf_cols = {"Referral ID": "referral.source_id", "Patient ID": "referral.patient_source_id",
               "Referral Received Date": "referral.referred_at (MM/DD/YYYY)",
               "Referral Source Type": "referral.referral_type (Physician / Marketing)",
               "Referring Provider": "referral.referrer_name (Dr. First Last, MD)",
               "Referring Provider NPI": "custom",
               "Referring Provider Phone": "referral.referrer_phone",
               "Primary Diagnosis": "referral.notes (ICD-10 code and text)",
               "Converted": "custom"}
    dx = ("M54.50 Low back pain, unspecified", "M25.561 Pain in right knee",
          "M75.101 Rotator cuff tear, right shoulder", "S83.511A ACL sprain, right knee",
          "M54.2 Cervicalgia", "M77.11 Lateral epicondylitis, right elbow")
    npis = [_npi(rng) for _ in PHYS]
    rf_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .45:
            continue
        phys = rng.randrange(len(PHYS))
        first, last, cred = PHYS[phys]
        marketing = rng.random() < .15
        rf_rows.append([f"R{30000 + len(rf_rows) * 7}", ids[i],
                        fmt.mdy((p.created + timedelta(days=rng.randrange(1, 30))).date()),
                        "Marketing" if marketing else "Physician",
                        rng.choice(("Google Ads", "Patient word of mouth")) if marketing
                        else f"Dr. {first} {last}, {cred}", "" if marketing else npis[phys],
                        "" if marketing else f"(512) {rng.randrange(200, 999)}-"
                        f"{rng.randrange(1000, 9999)}", rng.choice(dx), rng.choice(("Yes", "No"))])
    referrals = Table("Referrals Report.csv", "referral", rf_cols, rf_rows, {"referral": len(rf_rows)},
                      notes=["referral source: a physician (with NPI) or a marketing source"])
    th_cols = {"therapist_id": "provider.source_id", "first_name": "provider.first_name",
               "last_name": "provider.last_name", "credentials": "provider.credentials",
               "role": "provider.role", "npi": "provider.npi",
               "license_number": "provider.license_number", "email": "provider.email",
               "active": "provider.active (1 / 0)", "export_flag": "drop"}
    roles = (("DPT", "Therapist"), ("DPT", "Therapist"), ("DPT, OCS", "Therapist"),
             ("PTA", "Assistant"), ("", "Front Office"))
    th_rows = [[tids[k] if k < 4 else "990", p.first, p.last, roles[k][0], roles[k][1],
                _npi(rng) if k < 4 else "", f"{'PT' if k < 3 else 'PTA'}{rng.randrange(1000, 99999)}"
                if k < 4 else "", f"{p.first[0].lower()}{p.last.lower()}@riversidept.example.com"
                .replace("'", ""), "1", "1"] for k, p in enumerate(w.providers + w.staff)]
    staff = Table("therapists.csv", "provider", th_cols, th_rows, {"provider": len(th_rows)},
                  notes=["a front-office user beside the therapists"])
    meta = {"export": "webpt-us", "vendor": "WebPT", "country": "US", "currency": "USD",
            "date_order": "MDY", "half": "holdout6"}
    return meta, [patients, insurance, visits, referrals, staff]
