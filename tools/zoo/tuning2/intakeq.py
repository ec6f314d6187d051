"""IntakeQ (Canada, a multidisciplinary wellness clinic): CSV downloads shaped like its API's
objects. The client's full name in one column; dates of birth ISO, creation times as Unix epoch
milliseconds; appointment starts and ends in UTC with `Z`; 24-hex object ids for appointments,
forms and practitioners; practitioners referenced by e-mail everywhere; the primary insurer,
policy and group on the client's row; several tags in one cell; submitted intake forms (one
row a form: the note) carrying allergies and conditions as several values in one cell with
words meaning none, and how the client heard of the clinic; `Declined` booking requests and
`Missed` visits; a test client; front-desk assistants beside practitioners."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tools.zoo.tuning2.common import object_id
from tools.zoo.world import ALLERGIES, CONDITIONS, make_world
from tools.zoo.writers import Layout, Table

BOM = Layout(encoding="utf-8-sig", newline="\n")
STATUS = {"completed": "Confirmed", "arrived": "Confirmed", "booked": "Confirmed",
          "cancelled": "Canceled", "no_show": "Missed"}
SERVICES = ("Naturopathic Initial Visit", "Naturopathic Follow-up", "Registered Massage 60",
            "Psychotherapy Session", "Acupuncture")
INSURERS = ("Sun Life", "Manulife", "Canada Life", "Green Shield Canada", "Blue Cross")
HEARD = ("Google", "Instagram", "Friend or family", "My doctor", "")
NONE_WORDS = ("None", "N/A", "NKA", "no")
TAGS = ("VIP", "Direct billing", "Newsletter", "Sliding scale", "Couples")
OFFSET = {1: -5, 2: -5, 3: -4, 4: -4, 5: -4, 6: -4, 7: -4, 8: -4, 9: -4, 10: -4, 11: -5,
          12: -5}  # Toronto; the month is close enough to the change for a synthetic clinic


def _utc(t: datetime) -> str:
    return (t - timedelta(hours=OFFSET[t.month])).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _epoch_ms(t: datetime) -> str:
    return str(int((t - timedelta(hours=OFFSET[t.month])).replace(
        tzinfo=UTC).timestamp() * 1000))


def intakeq_ca() -> tuple[dict, list[Table]]:
    w = make_world("zoo/tuning2/intakeq-ca", "ca", patients=96, providers=4, staff=2,
                   visits=205)
    rng = w.rng
    mails = [f"{p.first.lower()}.{p.last.lower()}@northshorewellness.example.ca"
             .replace("é", "e").replace("è", "e").replace("ë", "e").replace("ô", "o")
             for p in w.providers + w.staff]
    cols = {
        "ClientId": "patient.source_id",
        "Name": "patient.last_name (full name in one column, First Last)",
        "Email": "patient.email", "Phone": "patient.phone_mobile",
        "DateOfBirth": "patient.date_of_birth (ISO)", "Gender": "patient.sex",
        "StreetAddress": "patient.address_line1", "UnitNumber": "patient.address_line2",
        "City": "patient.city", "StateShort": "patient.state",
        "PostalCode": "patient.postal_code", "Country": "patient.country",
        "Tags": "custom", "PractitionerEmail": "patient.primary_provider_source_id (by "
                                                "e-mail)",
        "PrimaryInsuranceCompany": "insurance.carrier_name",
        "PrimaryInsurancePolicyNumber": "insurance.member_id",
        "PrimaryInsuranceGroupNumber": "insurance.group_number",
        "PrimaryRelationshipToInsured": "custom", "Archived": "patient.status (true: inactive)",
        "DateCreated": "patient.created_at (Unix epoch milliseconds)",
    }
    rows: list[list[Any]] = []
    insured = 0
    for i, p in enumerate(w.patients):
        has = rng.random() < .55
        insured += has
        rows.append([
            str(1000 + i * 2), f"{p.first} {p.last}", p.email, p.mobile, p.dob.isoformat(),
            {"female": "Female", "male": "Male", "other": "Non-binary"}.get(p.sex, ""),
            p.line1, rng.choice(("", "", "", "Unit 4", "Apt 1203")), p.city, p.state,
            p.postcode, "Canada", ", ".join(rng.sample(TAGS, rng.choice((0, 0, 1, 2)))),
            mails[i % 4], rng.choice(INSURERS) if has else "",
            f"{rng.randrange(10**6, 10**8)}" if has else "",
            f"{rng.randrange(10000, 99999)}" if has else "",
            rng.choice(("Self", "Self", "Spouse", "Child")) if has else "",
            "true" if rng.random() < .08 else "false", _epoch_ms(p.created)])
    rows.insert(40, ["1999", "Test Client", "test@northshorewellness.example.ca",
                     "(416) 555-0100", "1990-01-01", "", "", "", "", "", "", "", "", mails[0],
                     "", "", "", "", "false", "1514905200000"])
    patients = Table("clients.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured},
                     bad_rows=[{"row": 41, "reason": "test client made while setting up the "
                                "account"}], layout=BOM,
                     notes=["one row, up to two records: the client and the primary insurance",
                            "UTF-8 with BOM and LF line ends"])
    ap_cols = {"Id": "appointment.source_id", "ClientId": "appointment.patient_source_id",
               "ClientName": "drop", "ClientEmail": "drop",
               "PractitionerEmail": "appointment.provider_source_id (by e-mail)",
               "ServiceName": "appointment.appointment_type",
               "LocationName": "appointment.location", "Status": "appointment.status",
               "StartDateIso": "appointment.starts_at (UTC, Z)",
               "EndDateIso": "appointment.ends_at (UTC, Z)", "Duration": "drop",
               "Price": "custom", "DateCreated": "appointment.created_at (epoch ms)",
               "BookedByClient": "custom"}
    ap_rows, declined = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        ap_rows.append([object_id(rng, v.start - timedelta(days=9)), str(1000 + 2 * v.patient),
                        f"{p.first} {p.last}", p.email, mails[v.provider],
                        rng.choice(SERVICES), rng.choice(("Lonsdale Clinic", "Online")),
                        STATUS[v.status], _utc(v.start), _utc(end), str(v.minutes),
                        f"{rng.choice((95, 120, 140, 175))}.00",
                        _epoch_ms(v.start - timedelta(days=9)),
                        rng.choice(("true", "false"))])
        if k % 40 == 25:
            ap_rows.append([object_id(rng, v.start - timedelta(days=3)),
                            str(1000 + 2 * v.patient), f"{p.first} {p.last}", p.email,
                            mails[v.provider], rng.choice(SERVICES), "Lonsdale Clinic",
                            "Declined", _utc(v.start + timedelta(hours=2)),
                            _utc(v.start + timedelta(hours=3)), "60", "120.00",
                            _epoch_ms(v.start - timedelta(days=3)), "true"])
            declined.append({"row": len(ap_rows), "reason": "a booking request the "
                             "practitioner declined: never an appointment (routed to drop)"})
    appointments = Table("appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(declined)}, bad_rows=declined,
                         layout=BOM,
                         routed={"column": "Status", "values": {"Declined": "drop"},
                                 "why": "declined requests were never booked"},
                         notes=["times in UTC with Z", "Missed: no-show; past Confirmed "
                                "visits were kept (IntakeQ has no completed state)"])
    if_cols = {"Id": "clinical_note.source_id", "ClientId": "clinical_note.patient_source_id",
               "QuestionnaireName": "clinical_note.title",
               "PractitionerEmail": "clinical_note.author_source_id (by e-mail)",
               "DateSubmitted": "clinical_note.created_at (UTC, Z)",
               "Reason for visit": "clinical_note.body",
               "Allergies": "allergy_condition.name (allergies; several, ';'-separated; "
                            "'None', 'N/A', 'NKA', 'no' mean none)",
               "Current medical conditions": "allergy_condition.name (conditions; several, "
                                             "';'-separated; words meaning none)",
               "How did you hear about us?": "referral.referral_type",
               "Referring practitioner": "referral.referrer_name"}
    if_rows: list[list[str]] = []
    items = heard = 0
    for i, p in enumerate(w.patients):
        if rng.random() < .2:
            continue
        when = p.created + timedelta(hours=rng.randrange(2, 60))
        al = rng.sample(ALLERGIES, rng.choice((0, 0, 0, 1, 2)))
        co = rng.sample(CONDITIONS, rng.choice((0, 0, 0, 0, 1)))
        items += len(al) + len(co)
        came = rng.choice(HEARD)
        doc = f"Dr. {rng.choice(('Anita Rao', 'Paul Chen', 'Marie Tremblay'))}" \
            if came == "My doctor" else ""
        heard += bool(came)
        if_rows.append([object_id(rng, when), str(1000 + 2 * i),
                        rng.choice(("New Client Intake", "Naturopathic Intake Form")),
                        mails[i % 4], _utc(when),
                        rng.choice(("Low energy and poor sleep for 3 months.",
                                    "Neck and shoulder tension from desk work.",
                                    "Anxiety; would like to try counselling.")),
                        "; ".join(al) if al else rng.choice(NONE_WORDS + ("",)),
                        "; ".join(co) if co else rng.choice(NONE_WORDS + ("",)), came, doc])
    forms = Table("intake-forms.csv", "clinical_note", if_cols, if_rows,
                  {"clinical_note": len(if_rows), "allergy_condition": items,
                   "referral": heard}, layout=BOM,
                  notes=["one row a submitted form: the note, its allergies and conditions "
                         "and the referral source"])
    pr_cols = {"PractitionerId": "provider.source_id", "FirstName": "provider.first_name",
               "LastName": "provider.last_name", "Email": "provider.email",
               "Role": "provider.role", "Profession": "provider.specialty",
               "RegistrationNumber": "provider.license_number", "Active": "provider.active"}
    profs = ("Naturopathic Doctor", "Registered Massage Therapist", "Registered "
             "Psychotherapist", "Acupuncturist")
    people = w.providers + w.staff
    pr_rows = [[object_id(rng, p.created), p.first, p.last, mails[i],
                "Practitioner" if i < 4 else "Assistant", profs[i] if i < 4 else "",
                f"{rng.randrange(1000, 99999)}" if i < 4 else "", "true"]
               for i, p in enumerate(people)]
    team = Table("practitioners.csv", "provider", pr_cols, pr_rows,
                 {"provider": len(pr_rows)}, layout=BOM,
                 notes=["front-desk assistants beside practitioners; referenced by e-mail"])
    meta = {"export": "intakeq-ca", "vendor": "IntakeQ", "country": "CA", "currency": "CAD",
            "date_order": "YMD", "half": "tuning2"}
    return meta, [patients, appointments, forms, team]
