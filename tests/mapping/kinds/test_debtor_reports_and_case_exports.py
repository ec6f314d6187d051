"""Failure classes of two English exports of the sixth hold-out: a practice's debtor/patient
report (a medical aid scheme, its option and member number beside the patient, a file number
the diary uses, a national id number, the doctor by initial and surname, year-first dates with
slashes) and a physical therapy export (a contact type whose prospects are leads, a reason
column of missed-visit words beside an Active/Inactive status, a clinic id with no site list,
a referring provider written with title and letters). Each builds a small export of that shape
and lets the proposal map it with no hand edit."""

from __future__ import annotations

from collections.abc import Sequence

from domain.mapping import MappingDocument
from domain.proposal.tables import keys
from tests.mapping.test_failure_classes import _derive, _propose

Rows = Sequence[Sequence[str]]
SCHEMES = (("Medshield", "MediPlus"), ("Bonitas", "BonCap"), ("Bestmed", "Beat1"))
FIRSTS = ("Craig", "Lindiwe", "Thabo", "Johan", "Naledi", "Ruan", "Ayesha", "Pieter")
LASTS = ("Mokoena", "Pillay", "Ndlovu", "Naidoo", "Botha", "Venter")
STAFF_HEADERS = ["Code", "Title", "Name", "Surname", "Discipline", "E-mail"]
STAFF = [["DR01", "Dr", "Mohammed", "Smit", "General Practitioner", "ms@example.org"],
         ["DR02", "Dr", "Thabo", "Coetzee", "Paediatrician", "tc@example.org"],
         ["DR03", "Mr", "Sipho", "Jacobs", "Physiotherapist", "sj@example.org"],
         ["DR04", "Mrs", "Anna", "Botha", "Practice Manager", "ab@example.org"]]
DOCTORS = ("Dr M Smit", "Dr T Coetzee", "Dr S Jacobs")
PATIENT_HEADERS = ["Acc No.", "File No.", "Initials", "First Name", "Surname", "ID Number",
                   "Date of Birth", "Cell No.", "Medical Aid", "Option", "Medical Aid No.",
                   "Main Member", "Treating Doctor", "Date Opened"]


def _patients(n: int = 40) -> list[list[str]]:
    rows = []
    for i in range(n):
        first, last = FIRSTS[i % 8], LASTS[i // 8 % 6]
        scheme, option = SCHEMES[i % 3] if i % 4 else ("", "")
        rows.append([f"A{10400 + i // 2}", f"F{2000 + 3 * i}", first[0], first, last,
                     f"{800607 + i:06d}{7867082 + i:07d}", f"19{50 + i % 40}/0{1 + i % 9}/1{i % 9}",
                     f"082 142 {5100 + i}", scheme, option, f"92266{7800 + i}" if scheme else "",
                     ("Y" if i % 2 == 0 else "N") if scheme else "", DOCTORS[i % 3],
                     f"20{10 + i % 12}/1{i % 3}/0{1 + i % 9}"])
    return rows


DIARY_HEADERS = ["Date", "Time", "Duration", "File No.", "Patient", "Doctor", "Booking Type",
                 "Status", "Reason"]


def _diary(patients: Rows) -> list[list[str]]:
    return [[f"2024/0{1 + i % 9}/{10 + i % 18}", f"{8 + i % 9}:{15 * (i % 4):02d}", "30",
             patients[i % len(patients)][1],
             f"{patients[i % len(patients)][4]}, {patients[i % len(patients)][3]}",
             DOCTORS[i % 3], ("Consultation", "Procedure")[i % 2],
             ("Booked", "Completed", "Cancelled")[i % 3],
             ("Back pain", "Flu symptoms", "Repeat script", "Blood pressure check")[i % 4]]
            for i in range(60)]


def _linked(files: dict[str, tuple[list[str], Rows]]) -> MappingDocument:
    """The proposal as the service makes it: per file, then ids and references across files."""
    doc = _propose(files, date_order="YMD")
    sets: dict[str, keys.ValueSets] = {}
    dicts = {n: [dict(zip(h, r, strict=True)) for r in rows] for n, (h, rows) in files.items()}
    for name, rows in dicts.items():
        sets[name] = keys.ValueSets()
        for row in rows:
            sets[name].add(row)
    keys.link_files(doc, sets, lambda name: iter(dicts[name]))
    return doc


def test_a_medical_aid_beside_the_patient_is_an_insurance_record() -> None:
    rows = _patients()
    doc = _propose({"Debtor Patient Report.csv": (PATIENT_HEADERS, rows)}, date_order="YMD")
    cols = doc.files["Debtor Patient Report.csv"].columns
    assert cols["Medical Aid"].target == "insurance.carrier_name"
    assert cols["Option"].target == "insurance.plan_type"
    assert cols["Medical Aid No."].target == "insurance.member_id"
    assert cols["Main Member"].target == "insurance.is_primary"
    assert cols["Date Opened"].target == "patient.created_at"
    assert cols["Initials"].target is None  # the first name's initial, no middle name
    kinds, quarantined, _ = _derive(doc, "Debtor Patient Report.csv", PATIENT_HEADERS, rows)
    assert kinds["insurance"] == 30 and kinds["patient"] == 40 and not quarantined


def test_the_file_number_the_diary_uses_is_the_patients_id_not_the_national_id() -> None:
    patients = _patients()
    doc = _linked({"Debtor Patient Report.csv": (PATIENT_HEADERS, patients),
                   "Diary - North.csv": (DIARY_HEADERS, _diary(patients)),
                   "Diary - South.csv": (DIARY_HEADERS, _diary(patients[5:])),
                   "Practitioners.csv": (STAFF_HEADERS, STAFF)})
    cols = doc.files["Debtor Patient Report.csv"].columns
    assert cols["File No."].target == "patient.source_id"
    assert cols["ID Number"].target is None and cols["ID Number"].custom_field
    # the treating doctor by initial and surname, found in the staff list
    assert cols["Treating Doctor"].target == "patient.primary_provider_source_id"
    assert cols["Treating Doctor"].values["Dr S Jacobs"] == "DR03"
    diary = doc.files["Diary - North.csv"]
    assert diary.columns["Doctor"].values["Dr M Smit"] == "DR01"
    assert diary.columns["Reason"].target == "appointment.notes"
    assert any(c.target == "appointment.starts_at" and c.columns == ["Date", "Time"]
               for c in diary.combine)
    # a practice manager on the list: `Discipline` is still the doctors' specialty
    assert doc.files["Practitioners.csv"].columns["Discipline"].target == "provider.specialty"


def test_a_debtor_status_is_the_balance_status() -> None:
    headers = ["Acc No.", "Patient ID", "Balance", "Last Payment", "Debtor Status"]
    rows = [[f"A{i}", str(100 + i), f"{i * 13 % 900}.50", "2025-01-04",
             ("Normal", "Slow payer", "Handed over")[i % 3]] for i in range(30)]
    doc = _propose({"Age Analysis.csv": (headers, rows)})
    column = doc.files["Age Analysis.csv"].columns["Debtor Status"]
    assert column.target == "billing.billing_status"
    _, _, records = _derive(doc, "Age Analysis.csv", headers, rows)
    assert {r.fields["billing_status"] for r in records} == {"current", "overdue", "collections"}


CASE_HEADERS = ["patient_id", "clinic_id", "first_name", "last_name", "dob", "email",
                "contact_type", "created_date"]


def test_prospects_of_a_contact_type_are_leads() -> None:
    rows = [[str(5100 + i), str(101 + i % 2), FIRSTS[i % 8], LASTS[i // 8 % 6],
             f"0{1 + i % 9}/1{i % 9}/19{50 + i}", f"p{i}@example.com",
             "Prospect" if i % 5 == 0 else "Patient", "2019-04-12T09:26:00"] for i in range(40)]
    doc = _propose({"patients.csv": (CASE_HEADERS, rows)}, date_order="MDY")
    fm = doc.files["patients.csv"]
    assert fm.columns["contact_type"].target == "patient.status"
    kinds, _, _ = _derive(doc, "patients.csv", CASE_HEADERS, rows)
    assert kinds["lead"] == 8 and kinds["patient"] == 32


VISIT_HEADERS = ["appointment_id", "start_date", "end_date", "clinic_id", "patient_id",
                 "appointment_type", "appointment_status", "reason", "visit_comment",
                 "time_stamp"]


def test_a_reason_of_missed_visit_words_is_the_status_and_a_clinic_id_the_location() -> None:
    reasons = ("", "", "Cancelled", "Late Cancel", "No Show")
    visits = [[str(900000 + i), f"2024-01-{10 + i % 18} 08:15:00",
               f"2024-01-{10 + i % 18} 09:00:00", str(101 + i % 2), str(5100 + i % 40),
               "Daily Note", "Inactive" if reasons[i % 5] else "Active", reasons[i % 5],
               "", f"2023-12-{10 + i % 18} 08:15:00"] for i in range(50)]
    patients = [[str(5100 + i), str(101 + i % 2), FIRSTS[i % 8], LASTS[i // 8 % 6],
                 f"0{1 + i % 9}/1{i % 9}/19{50 + i}", f"p{i}@example.com", "Patient",
                 "2019-04-12T09:26:00"] for i in range(40)]
    doc = _linked({"appointments.csv": (VISIT_HEADERS, visits),
                   "patients.csv": (CASE_HEADERS, patients)})
    fm = doc.files["appointments.csv"]
    assert fm.columns["clinic_id"].target == "appointment.location"
    assert fm.columns["time_stamp"].target == "appointment.created_at"
    status = next(c for c in fm.combine if c.target == "appointment.status")
    assert status.columns == ["appointment_status", "reason"]
    _, _, records = _derive(doc, "appointments.csv", VISIT_HEADERS, visits)
    said = {r.source_id: r.fields.get("status") for r in records}
    assert said["900002"] == "cancelled" and said["900003"] == "cancelled"
    assert said["900004"] == "no_show"


def test_a_referring_provider_with_title_and_letters_is_the_referrers_name() -> None:
    headers = ["Referral ID", "Patient ID", "Referral Received Date", "Referring Provider",
               "Referring Provider Phone"]
    names = ("Dr. Emily Chen, MD", "Dr. Laura Ortiz, PA-C", "Dr. Raj Patel, DO",
             "Patient word of mouth")
    rows = [[f"R{30000 + i}", str(5100 + i), f"03/0{1 + i % 9}/2019", names[i % 4],
             f"(512) 514-{5700 + i}"] for i in range(30)]
    doc = _propose({"Referrals Report.csv": (headers, rows)}, date_order="MDY")
    column = doc.files["Referrals Report.csv"].columns["Referring Provider"]
    assert column.target == "referral.referrer_name"
