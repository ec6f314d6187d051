"""OSCAR EMR (Canada, open source, MySQL): the clinic's tables dumped one CSV per table with
their column names (`demographic`, `provider`, `appointment`, `allergies`). The birth date in
three columns (`year_of_birth`, `month_of_birth`, `date_of_birth` for the day); the health card
number (`hin`) with its version code and issuing province; `phone`/`phone2`; postal codes with
the space; `patient_status` codes AC/IN/DE/MO/FI and roster codes; `\\N` for NULL; providers by
their six-character `provider_no`, with receptionists and an admin; appointments with date,
`start_time` and an `end_time` that is the slot's last minute, status letters `t`, `T`, `H`,
`P`, `E`, `N`, `C`, `B` (with `S` for signed), schedule blocks with `demographic_no` 0;
allergies with `archived` and severity codes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.world import ALLERGIES, make_world
from tools.zoo.writers import Table

NULL = "\\N"
STATUS = {"completed": ("B", "BS", "E"), "arrived": ("H", "P"), "booked": ("t", "T"),
          "cancelled": ("C",), "no_show": ("N",)}
REASONS = ("Follow up", "Annual physical", "Prescription renewal", "Pap test", "Well baby",
           "Cough", "Lab results")
TYPES = ("Office", "Office", "Phone", "Video")


def _phone(text: str) -> str:
    digits = "".join(c for c in text if c.isdigit())
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" if digits else ""


def oscar_ca() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout5/oscar-ca", "ca", patients=126, providers=4, staff=2,
                   visits=280)
    rng = w.rng
    prov = ["100101", "100102", "100103", "100104", "999998", "200201"]
    cols = {
        "demographic_no": "patient.source_id", "title": "custom",
        "last_name": "patient.last_name", "first_name": "patient.first_name",
        "address": "patient.address_line1", "city": "patient.city",
        "province": "patient.state", "postal": "patient.postal_code",
        "phone": "patient.phone_home", "phone2": "patient.phone_work",
        "email": "patient.email", "year_of_birth": "patient.date_of_birth (year part)",
        "month_of_birth": "patient.date_of_birth (month part)",
        "date_of_birth": "patient.date_of_birth (day part)", "hin": "custom", "ver": "custom",
        "hc_type": "custom", "chart_no": "patient.chart_number",
        "provider_no": "patient.primary_provider_source_id",
        "sex": "patient.sex (F / M / O / U)",
        "patient_status": "patient.status (AC active, IN inactive, DE deceased, MO moved, "
                          "FI fired)",
        "roster_status": "custom", "roster_date": "custom", "official_lang": "custom",
        "date_joined": "patient.created_at (YYYY-MM-DD)", "sin": "drop",
        "lastUpdateDate": "patient.updated_at",
    }
    sexes = {"female": "F", "male": "M", "other": "O", "unknown": "U"}
    rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        roster = rng.choice(("RO", "RO", "NR", "TE", "FS", ""))
        french = p.state == "QC" and rng.random() < .7
        rows.append([
            str(i + 1), rng.choice(("MS", "MR", "MRS", "")), p.last.upper(), p.first.upper(),
            p.line1, p.city, p.state, p.postcode, _phone(p.home or p.mobile), _phone(p.work),
            p.email if rng.random() < .8 else "", str(p.dob.year), f"{p.dob.month:02d}",
            f"{p.dob.day:02d}", str(rng.randrange(10**9, 10**10)),
            "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(2))
            if p.state == "ON" else "", p.state, f"{rng.randrange(1000, 99999)}",
            prov[i % 4], sexes[p.sex], rng.choices(("AC", "IN", "DE", "MO", "FI"),
                                                   (80, 9, 3, 6, 2))[0],
            roster, fmt.iso(p.created.date()) if roster == "RO" else NULL,
            "French" if french else "English", fmt.iso(p.created.date()),
            rng.choice(("", "", f"{rng.randrange(100, 999)}{rng.randrange(100, 999)}"
                                f"{rng.randrange(100, 999)}")), fmt.iso_dt(p.created)])
    rows[47][11:14] = ["0000", "00", "00"]
    twice = duplicate(rows, 88, 120, {0: str(len(w.patients) + 1), 3: rows[88][3].title(),
                                      2: rows[88][2].title(), 10: "", 17: "",
                                      24: "2025-02-11", 26: "2025-02-11 10:02:33"},
                      "the same patient created again (same health card number and date of "
                      "birth; a new demographic_no, the name in mixed case)")
    rows.insert(0, ["0", "", "TEST", "PATIENT", "", "", "ON", "", "", "", "", "1900", "01",
                    "01", "", "", "ON", "", "999998", "U", "AC", "", NULL, "English",
                    "2010-01-01", "", "2010-01-01 00:00:00"])
    twice["row"] += 1
    twice["of_row"] += 1
    demographic = Table(
        "demographic.csv", "patient", cols, rows, {"patient": len(w.patients)},
        bad_rows=[{"row": 1, "reason": "demographic_no 0: the installation's test record "
                   "(TEST PATIENT, 1900)"}], duplicate_rows=[twice],
        notes=["names in capitals as OSCAR's registration screen stores them",
               "the birth date in three columns; 0000/00/00 on one row means unknown",
               "hin is the provincial health card number, ver its version code: custom",
               "\\N is MySQL's NULL", "phone is the home phone (the cell lives in "
               "demographicExt, not in the dump)"])
    pr_cols = {"provider_no": "provider.source_id", "last_name": "provider.last_name",
               "first_name": "provider.first_name",
               "provider_type": "provider.role (doctor / nurse / receptionist / admin)",
               "specialty": "provider.specialty", "ohip_no": "custom",
               "practitionerNo": "provider.license_number", "email": "provider.email",
               "work_phone": "provider.phone", "status": "provider.active (1 / 0)"}
    kinds = (("doctor", "FAMILY MEDICINE"), ("doctor", "FAMILY MEDICINE"),
             ("doctor", "PAEDIATRICS"), ("nurse", ""), ("admin", ""), ("receptionist", ""))
    pr_rows = [[prov[i], p.last, p.first, kinds[i][0], kinds[i][1],
                str(rng.randrange(100000, 999999)) if i < 3 else "",
                str(rng.randrange(10000, 99999)) if i < 4 else "",
                f"{p.first[0].lower()}{p.last.lower()}@riverdalefht.example.ca"
                .replace("é", "e").replace("ô", "o"), _phone(p.mobile),
                "0" if i == 2 else "1"] for i, p in enumerate(w.providers + w.staff)]
    provider = Table("provider.csv", "provider", pr_cols, pr_rows, {"provider": len(pr_rows)},
                     notes=["999998 is the admin login OSCAR ships with, kept as a user"])
    ap_cols = {"appointment_no": "appointment.source_id",
               "provider_no": "appointment.provider_source_id",
               "appointment_date": "appointment.starts_at (date part)",
               "start_time": "appointment.starts_at (time part, HH:MM:SS)",
               "end_time": "appointment.ends_at (time part, the slot's last minute)",
               "demographic_no": "appointment.patient_source_id", "name": "drop",
               "notes": "appointment.notes", "reason": "appointment.appointment_type",
               "location": "appointment.location", "resources": "drop", "type": "custom",
               "status": "appointment.status", "createdatetime": "appointment.created_at",
               "creator": "custom"}
    ap_rows: list[list[Any]] = []
    blocks = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes - 1)
        ap_rows.append([str(k + 1), prov[v.provider],
                        fmt.iso(v.start.date()), v.start.strftime("%H:%M:%S"),
                        end.strftime("%H:%M:%S"), str(v.patient + 1),
                        f"{p.last.upper()},{p.first.upper()}", v.note, rng.choice(REASONS),
                        "Riverdale FHT", "", rng.choice(TYPES), rng.choice(STATUS[v.status]),
                        fmt.iso_dt(v.start - timedelta(days=rng.randrange(1, 45))),
                        rng.choice(("oscardoc", "reception", "OSCAR ONLINE BOOKING"))])
        if k % 56 == 20:
            ap_rows.append([str(9000 + k), prov[v.provider % 3], fmt.iso(v.start.date()),
                            "12:00:00", "12:59:00", "0", ".", "", "LUNCH", "Riverdale FHT",
                            "", "", "t", fmt.iso_dt(v.start - timedelta(days=60)), "oscardoc"])
            blocks.append({"row": len(ap_rows), "reason": "a schedule block (LUNCH) with "
                           "demographic_no 0: no patient"})
    appointment = Table("appointment.csv", "appointment", ap_cols, ap_rows,
                        {"appointment": len(w.visits)}, bad_rows=blocks,
                        notes=["t To do, T day sheet printed: booked; H here, P picked: "
                               "arrived; E empty room, B billed: completed; N no-show; "
                               "C cancelled; a trailing S marks a signed note",
                               "end_time is start plus length minus one minute"])
    al_cols = {"allergyid": "allergy_condition.source_id",
               "demographic_no": "allergy_condition.patient_source_id",
               "entry_date": "allergy_condition.recorded_at",
               "DESCRIPTION": "allergy_condition.name", "TYPECODE": "drop",
               "reaction": "custom",
               "severity_of_reaction": "custom",
               "archived": "allergy_condition.clinical_status (1: inactive)",
               "start_date": "custom", "providerNo": "custom"}
    al_rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            seen = p.created + timedelta(days=rng.randrange(0, 900))
            al_rows.append([str(500 + len(al_rows)), str(i + 1), fmt.iso(seen.date()),
                            rng.choice(ALLERGIES).upper(), rng.choice(("8", "13", "14", "0")),
                            rng.choice(("HIVES", "RASH", "SOB", "")), rng.choice("1234"),
                            "1" if rng.random() < .1 else "0",
                            fmt.iso(seen.date()) if rng.random() < .4 else NULL,
                            prov[i % 3]])
    allergies = Table("allergies.csv", "allergy_condition", al_cols, al_rows,
                      {"allergy_condition": len(al_rows)},
                      notes=["severity 1 mild, 2 moderate, 3 severe, 4 unknown",
                             "every row is an allergy (kind allergy)"])
    meta = {"export": "oscar-ca", "vendor": "OSCAR EMR", "country": "CA", "currency": "CAD",
            "date_order": "YMD", "half": "holdout5"}
    return meta, [demographic, provider, appointment, allergies]
