"""Patterson Eaglesoft (United States, dental): tables unloaded from the practice's own
database, one pipe-delimited text file per table, Windows-1252. Ids restart at 1 in every table
(a patient, an appointment and an employer can all be number 7); provider ids are short codes
(`DDS1`, `HYG2`); timestamps as the database prints them (`2024-03-05 09:30:00.000`); digits-only
phones and ZIP+4 codes; the account balance on the responsible party's patient row; an
appointment's status made of Y/N flags (a broken appointment is a no-show or a cancellation by
its reason); lunch blocks in the schedule; progress notes in RTF; medical alerts whose type code
says allergy, condition or premedication; a test patient."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo.world import ALLERGIES, CONDITIONS, NOTE_LINES, make_world, money
from tools.zoo.writers import Layout, Table

DUMP = Layout(encoding="cp1252", delimiter="|")
EMPLOYERS = ("Springfield Public Schools", "Memorial Medical Center", "Acme Logistics LLC",
             "City of Springfield", "Prairie State Bank", "Lincoln Land Community College",
             "Horace Mann Educators", "Springfield Clinic", "Caterpillar Inc.",
             "State of Illinois", "Kroger", "Self-employed")
CARRIERS = (("Delta Dental of Illinois", "PO Box 5402", "Lisle", "IL", "60532"),
            ("MetLife Dental", "PO Box 981282", "El Paso", "TX", "79998"),
            ("Cigna Dental", "PO Box 188037", "Chattanooga", "TN", "37422"),
            ("Guardian", "PO Box 981573", "El Paso", "TX", "79998"),
            ("Aetna Dental", "PO Box 14094", "Lexington", "KY", "40512"),
            ("United Concordia", "PO Box 69420", "Harrisburg", "PA", "17106"),
            ("Blue Cross Blue Shield of Illinois", "PO Box 805107", "Chicago", "IL", "60680"))
TYPES = ("Comprehensive Exam", "Periodic Exam / Prophy", "Crown Prep", "Composite Filling",
         "Root Canal", "SRP 4 Quads", "Emergency", "Crown Seat")
PREMED = ("Premedicate: Amoxicillin 2g 1 hr prior", "Premedicate: Clindamycin 600mg")


def _ts(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S.000")


def _digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())


def _rtf(text: str) -> str:
    body = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil\\fcharset0 Arial;}}"
            "\\viewkind4\\uc1\\pard\\f0\\fs20 " + body.replace("\n", "\\par\n") + "\\par\n}")


def eaglesoft_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout3/eaglesoft-us", "us", patients=112, providers=5, staff=0,
                   visits=260)
    rng = w.rng
    prov_ids = ["DDS1", "DDS2", "HYG1", "HYG2", "HYG3"]
    pr_cols = {"provider_id": "provider.source_id", "first_name": "provider.first_name",
               "last_name": "provider.last_name", "title": "provider.credentials",
               "provider_type": "provider.specialty (1 dentist, 2 hygienist: a code)",
               "npi": "provider.npi", "state_license": "provider.license_number",
               "tin": "drop", "email": "provider.email", "active": "provider.active"}
    pr_rows = [[pid, p.first, p.last, "DDS" if pid.startswith("DDS") else "RDH",
                "1" if pid.startswith("DDS") else "2", str(rng.randrange(10**9, 2 * 10**9)),
                f"{'019' if pid.startswith('DDS') else '028'}.{rng.randrange(100000, 999999)}",
                f"{rng.randrange(10, 99)}-{rng.randrange(1000000, 9999999)}",
                f"{p.first.lower()}@springfieldsmiles.example.com",
                "N" if pid == "HYG3" else "Y"] for pid, p in zip(prov_ids, w.providers,
                                                                strict=True)]
    providers = Table("provider.txt", "provider", pr_cols, pr_rows, {"provider": 5},
                      layout=DUMP, notes=["provider ids are short codes, referenced by "
                                          "patient.txt and appointment.txt"])
    em_cols = {"employer_id": "company.source_id", "name": "company.name",
               "address_1": "company.address_line1", "city": "company.city",
               "state": "company.state", "zipcode": "company.postal_code",
               "phone": "company.phone", "date_entered": "drop"}
    streets = ("Main St", "Adams St", "Monroe St", "Wabash Ave")
    em_rows = [[str(i + 1), name, f"{rng.randrange(100, 9999)} {rng.choice(streets)}",
                "Springfield", "IL", f"627{rng.randrange(0, 99):02d}",
                _digits(f"217{rng.randrange(2000000, 9999999)}"),
                _ts(datetime(2014, 3, 1, 9) + timedelta(days=40 * i))]
               for i, name in enumerate(EMPLOYERS)]
    employers = Table("employer.txt", "company", em_cols, em_rows, {"company": len(em_rows)},
                      layout=DUMP, notes=["employer_id restarts at 1 like every table's id"])
    ic_cols = {"insurance_company_id": "company.source_id", "name": "company.name",
               "address_1": "company.address_line1", "city": "company.city",
               "state": "company.state", "zipcode": "company.postal_code",
               "payer_id": "custom", "phone": "company.phone"}
    ic_rows = [[str(i + 1), name, street, city, state, z, f"{rng.randrange(10000, 99999)}",
                _digits(f"800{rng.randrange(2000000, 9999999)}")]
               for i, (name, street, city, state, z) in enumerate(CARRIERS)]
    carriers = Table("insurance_company.txt", "company", ic_cols, ic_rows,
                     {"company": len(ic_rows)}, layout=DUMP,
                     notes=["insurance carriers (payers), referenced by insured.txt"])
    pa_cols = {
        "patient_id": "patient.source_id", "last_name": "patient.last_name",
        "first_name": "patient.first_name", "middle_initial": "patient.middle_name",
        "preferred_name": "patient.preferred_name", "birth_date": "patient.date_of_birth",
        "sex": "patient.sex", "address_1": "patient.address_line1",
        "address_2": "patient.address_line2", "city": "patient.city", "state": "patient.state",
        "zipcode": "patient.postal_code", "home_phone": "patient.phone_home",
        "work_phone": "patient.phone_work", "work_ext": "custom",
        "cell_phone": "patient.phone_mobile", "email_address": "patient.email",
        "employer_id": "patient.company_source_id",
        "responsible_party": "custom",
        "prim_provider_id": "patient.primary_provider_source_id",
        "inactive": "patient.status (Y: inactive)",
        "deceased": "patient.status (Y: deceased, over inactive)",
        "receive_email": "patient.contact_preference (Y: email)",
        "date_entered": "patient.created_at",
        "current_bal": "drop", "thirty_day": "drop", "sixty_day": "drop", "ninety_day": "drop",
        "total_balance": "billing.outstanding_balance",
        "last_payment_date": "billing.last_payment_date",
        "last_payment_amount": "billing.last_payment_amount",
    }
    pa_rows: list[list[Any]] = []
    guarantor: list[int] = []
    billed = 0
    for i, p in enumerate(w.patients):
        # about one patient in four is a dependant on an earlier patient's account
        rp = i if i < 4 or rng.random() < .75 else rng.randrange(0, i)
        rp = guarantor[rp] if rp != i else i
        guarantor.append(rp)
        aging = ["", "", "", ""]
        total = last_day = last_amt = ""
        if rp == i:
            billed += 1
            cur = money(rng, 300) if rng.random() < .6 else Decimal(0)
            older = [money(rng, 200) if rng.random() < .25 else Decimal(0) for _ in range(3)]
            if rng.random() < .08:
                cur, older = -money(rng, 60), [Decimal(0)] * 3
            aging = [f"{a:.2f}" for a in (cur, *older)]
            total = f"{cur + sum(older):.2f}"
            paid = p.created + timedelta(days=rng.randrange(30, 600))
            last_day, last_amt = _ts(paid.replace(hour=0, minute=0)), f"{money(rng, 250):.2f}"
        pa_rows.append([
            str(i + 1), p.last, p.first, p.middle[:1], p.preferred, _ts(datetime(
                p.dob.year, p.dob.month, p.dob.day)), {"female": "F", "male": "M"}.get(p.sex, ""),
            p.line1, rng.choice(("", "", "", "Apt 2B", "Unit 104")), p.city, p.state,
            f"{p.postcode}-{rng.randrange(1000, 9999)}" if rng.random() < .5 else p.postcode,
            _digits(p.home), _digits(p.work), str(rng.randrange(100, 999)) if p.work and
            rng.random() < .5 else "", _digits(p.mobile), p.email,
            str(rng.randrange(1, len(EMPLOYERS) + 1)) if rng.random() < .7 else "",
            str(rp + 1), prov_ids[rng.choice((0, 0, 1))],
            "Y" if rng.random() < .1 else "N", "Y" if rng.random() < .02 else "N",
            rng.choice(("Y", "N")), _ts(p.created), *aging, total, last_day, last_amt])
    test = ["9999", "PATIENT", "TEST", "", "", "1900-01-01 00:00:00.000", "", "123 Test St",
            "", "Springfield", "IL", "62704", "2175550100", "", "", "", "", "", "9999", "DDS1",
            "N", "N", "N", "2014-02-28 16:40:00.000", "0.00", "0.00", "0.00", "0.00", "0.00",
            "", ""]
    pa_rows.insert(57, test)
    patients = Table("patient.txt", "patient", pa_cols, pa_rows,
                     {"patient": len(w.patients), "billing": billed},
                     bad_rows=[{"row": 58, "reason": "test patient (TEST PATIENT, born "
                                "1900-01-01) the office used to try the software"}],
                     layout=DUMP,
                     notes=["responsible_party is the patient_id of the account's guarantor; "
                            "the balance columns are filled on guarantors' rows only (one "
                            "billing record each)",
                            "inactive and deceased are two Y/N flags that together make the "
                            "status", "credits as negative numbers (-12.50)"])
    in_cols = {"patient_id": "insurance.patient_source_id",
               "insurance_company_id": "insurance.carrier_name (by id into "
                                       "insurance_company.txt)",
               "employer_id": "custom", "subscriber_id": "insurance.member_id",
               "group_number": "insurance.group_number",
               "relation_to_subscriber": "custom",
               "priority": "insurance.is_primary (1 primary, 2 secondary)",
               "effective_date": "insurance.effective_from"}
    in_rows = []
    for i, p in enumerate(w.patients):
        if rng.random() < .32:
            continue
        for prio in (1, 2) if rng.random() < .15 else (1,):
            in_rows.append([str(i + 1), str(rng.randrange(1, len(CARRIERS) + 1)),
                            str(rng.randrange(1, len(EMPLOYERS) + 1)),
                            f"{rng.choice('ABCDUW')}{rng.randrange(10**8, 10**9)}",
                            f"{rng.randrange(100000, 999999)}",
                            "Self" if guarantor[i] == i else rng.choice(("Spouse", "Child")),
                            str(prio), _ts((p.created + timedelta(days=3)).replace(
                                hour=0, minute=0))])
    insured = Table("insured.txt", "insurance", in_cols, in_rows, {"insurance": len(in_rows)},
                    layout=DUMP, notes=["no id column: one row per patient and coverage "
                                        "priority", "the carrier by its id, the subscriber "
                                        "id as the member id"])
    ap_cols = {"appointment_id": "appointment.source_id",
               "patient_id": "appointment.patient_source_id",
               "start_time": "appointment.starts_at", "end_time": "appointment.ends_at",
               "provider_id": "appointment.provider_source_id",
               "location_id": "appointment.location (chair code)",
               "description": "appointment.appointment_type",
               "confirmation_status": "custom",
               "arrived": "appointment.status (Y: arrived)",
               "completed": "appointment.status (Y: completed)",
               "broken": "appointment.status (Y: no-show or cancelled, by broken_reason)",
               "broken_reason": "appointment.status (with broken)",
               "appointment_notes": "appointment.notes", "date_appointed": "appointment.created_at"}
    ap_rows: list[list[str]] = []
    bad: list[dict[str, Any]] = []
    flags = {"completed": ("Y", "Y", "N", ""), "arrived": ("Y", "N", "N", ""),
             "booked": ("N", "N", "N", ""), "cancelled": ("N", "N", "Y", "Cancelled by patient"),
             "no_show": ("N", "N", "Y", "Failed to show")}
    for k, v in enumerate(w.visits):
        arrived, done, broken, why = flags[v.status]
        ap_rows.append([str(len(ap_rows) + 1), str(v.patient + 1), _ts(v.start),
                        _ts(v.start + timedelta(minutes=v.minutes)), prov_ids[v.provider],
                        f"OP{v.provider + 1}", rng.choice(TYPES),
                        rng.choice(("Confirmed", "Left message", "Unconfirmed")), arrived, done,
                        broken, why, v.note, _ts(v.start - timedelta(days=rng.randrange(1, 90),
                                                                   hours=3))])
        if k % 45 == 20:
            day = v.start.replace(hour=12, minute=0)
            ap_rows.append([str(len(ap_rows) + 1), "0", _ts(day), _ts(day + timedelta(hours=1)),
                            prov_ids[v.provider], f"OP{v.provider + 1}", "LUNCH", "", "N", "N",
                            "N", "", "", _ts(day - timedelta(days=30))])
            bad.append({"row": len(ap_rows), "reason": "lunch block in the schedule "
                        "(patient_id 0): not an appointment"})
    appointments = Table("appointment.txt", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad, layout=DUMP,
                         notes=["status from the flags: completed Y completed, arrived Y "
                                "arrived, broken Y no_show (Failed to show) or cancelled "
                                "(Cancelled by patient), none set booked",
                                "appointment_id 1.. collides with patient_id 1.."])
    ma_cols = {"patient_id": "allergy_condition.patient_source_id",
               "alert_type": "allergy_condition.kind (A allergy, M medical condition, "
                             "P premedication: routed to drop)",
               "description": "allergy_condition.name",
               "date_entered": "allergy_condition.recorded_at"}
    ma_rows, premed = [], []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            t = rng.choice("AAMMMP")
            ma_rows.append([str(i + 1), t, rng.choice(ALLERGIES) if t == "A" else
                            rng.choice(CONDITIONS) if t == "M" else rng.choice(PREMED),
                            _ts(p.created + timedelta(days=rng.randrange(0, 400)))])
            if t == "P":
                premed.append({"row": len(ma_rows), "reason": "premedication instruction "
                               "(alert_type P): not an allergy or condition (routed to drop)"})
    alerts = Table("medical_alert.txt", "allergy_condition", ma_cols, ma_rows,
                   {"allergy_condition": len(ma_rows) - len(premed)}, bad_rows=premed,
                   layout=DUMP, routed={"column": "alert_type", "values": {"P": "drop"},
                                        "why": "premedication alerts are instructions"},
                   notes=["no id column"])
    pn_cols = {"note_id": "clinical_note.source_id",
               "patient_id": "clinical_note.patient_source_id",
               "provider_id": "clinical_note.author_source_id",
               "date_entered": "clinical_note.created_at",
               "description": "clinical_note.title",
               "note_text": "clinical_note.body (RTF)", "locked": "custom"}
    pn_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or len(pn_rows) >= 130:
            continue
        text = "\n".join(rng.sample(NOTE_LINES, 2)) + f"\nNext visit: {rng.choice(TYPES)}."
        pn_rows.append([str(len(pn_rows) + 1), str(v.patient + 1), prov_ids[v.provider],
                        _ts(v.start + timedelta(minutes=v.minutes + 4)),
                        rng.choice(("Progress Note", "Clinical Note", "Hygiene Note")),
                        _rtf(text), rng.choice(("Y", "Y", "N"))])
    notes = Table("progress_notes.txt", "clinical_note", pn_cols, pn_rows,
                  {"clinical_note": len(pn_rows)}, layout=DUMP,
                  notes=["note_text is RTF ({\\rtf1 ... \\par ...})"])
    meta = {"export": "eaglesoft-us", "vendor": "Patterson Eaglesoft", "country": "US",
            "currency": "USD", "date_order": "YMD", "half": "holdout3"}
    return meta, [patients, providers, employers, carriers, insured, appointments, alerts,
                  notes]
