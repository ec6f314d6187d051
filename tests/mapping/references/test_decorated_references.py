"""References and ids written otherwise than the file they point at writes them: a patient named
`LAST First` or with the birth date in brackets, each on a small export built here with names
no vendor uses, through extract, map propose and map check."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from domain.records.rules import lookup
from tests.mapping.test_failure_classes import _derive, _propose
from tests.mapping.whole import check_export

FIRSTS = ("Ann", "Bo", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou")
LASTS = ("Lee", "Ng", "Ray", "Moss", "Park", "Shaw", "De Wit")
PEOPLE = [(f"{i:05d}", FIRSTS[i % 12], LASTS[i % 7], f"{1 + i % 28:02d}/0{1 + i % 9}/19{50 + i}")
          for i in range(40)]


def _landing(report: dict[str, object], kind: str) -> dict[str, int]:
    landing = report["landing"]
    assert isinstance(landing, dict)
    return landing[kind]  # type: ignore[no-any-return]


def test_a_patient_named_surname_in_capitals_first_resolves(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `LEE Ann`, `DE WIT Bo`: nameparser alone reads the first word as the first name
    visits = "".join(f"{1 + j % 28:02d}/03/2024;{last.upper()} {first};Check-up\n"
                     for j, (_, first, last, _) in enumerate(PEOPLE * 2))
    report = check_export(home, capsys, {
        "people.csv": "Patient No;Last name;First name;Date of birth\n" + "".join(
            f"{i};{last};{first};{dob}\n" for i, first, last, dob in PEOPLE),
        "visits.csv": "Date;Patient;Treatment\n" + visits})
    column = load_mapping(tmp_path / "home" / "mapping.yaml").files["visits.csv"].columns[
        "Patient"]
    assert column.target == "appointment.patient_source_id"
    assert lookup(column.values, "DE WIT Gus") == "00006"
    assert _landing(report, "appointment")["unresolved_references"] == 0
    assert _landing(report, "appointment")["landing"] == 80


def test_a_patient_named_with_the_birth_date_in_brackets_resolves_by_both(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a second Ann Lee, born on another day: her birth date tells the two apart
    twin = ("99999", "Ann", "Lee", "02/02/1990")
    visits = "".join(f"{1 + j % 28:02d}/03/2024,{first} {last} ({dob}),Check-up\n"
                     for j, (_, first, last, dob) in enumerate([*PEOPLE, twin]))
    report = check_export(home, capsys, {
        "people.csv": "Patient No,Last name,First name,Date of birth\n" + "".join(
            f"{i},{last},{first},{dob}\n" for i, first, last, dob in [*PEOPLE, twin]),
        "visits.csv": "Date,Patient,Treatment\n" + visits})
    column = load_mapping(tmp_path / "home" / "mapping.yaml").files["visits.csv"].columns[
        "Patient"]
    assert column.target == "appointment.patient_source_id"
    assert lookup(column.values, f"Ann Lee ({PEOPLE[0][3]})") == PEOPLE[0][0]
    assert lookup(column.values, "Ann Lee (02/02/1990)") == "99999"
    assert not column.ambiguous
    assert _landing(report, "appointment")["landing"] == 41


def _patients_and(name: str, text: str) -> dict[str, str]:
    return {"pazienti.csv": "Codice;Cognome;Nome;Data di nascita\n" + "".join(
        f"{i};{last};{first};{dob}\n" for i, first, last, dob in PEOPLE), name: text}


def test_a_child_file_whose_patient_code_repeats_refers_to_the_patient(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the header is only like the file's own id (`codice`) and says nothing of patients: its
    # values repeat and are the patients' ids, so it names each row's patient, and the rows
    # get ids made from it (each row was a duplicate id, or had no patient)
    alerts = "".join(f"{i};{what};Rash;01/02/2020\n" for n, (i, _, _, _) in enumerate(PEOPLE[:24])
                     for what in ("Lattice", "Penicillina")[:1 + (n % 8 == 0)])
    report = check_export(home, capsys, _patients_and(
        "allergie.csv", "Codice anagrafica;Allergy;Reaction;Recorded\n" + alerts))
    fm = load_mapping(tmp_path / "home" / "mapping.yaml").files["allergie.csv"]
    assert fm.columns["Codice anagrafica"].target == "allergy_condition.patient_source_id"
    assert fm.derived_id is not None and fm.derived_id.columns == ["Codice anagrafica"]
    # clinical content is off until the clinic opts in: the records are there, unsent
    assert _landing(report, "allergy_condition")["records"] == 27
    assert _landing(report, "allergy_condition")["duplicates"] == 0
    assert _landing(report, "allergy_condition")["unresolved_references"] == 0


def test_one_row_per_patient_keyed_by_a_column_naming_the_patient_refers_to_the_patient(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a balance per patient: the patient code is distinct on every row, yet its name says
    # patient and its values are the patients' ids: the patient, not the balance's own id
    balances = "".join(f"{i};{last.upper()} {first};{10 + n},50\n"
                       for n, (i, first, last, _) in enumerate(PEOPLE[:30]))
    report = check_export(home, capsys, _patients_and(
        "saldi.csv", "Codice del paziente;Paziente;Saldo\n" + balances))
    fm = load_mapping(tmp_path / "home" / "mapping.yaml").files["saldi.csv"]
    assert fm.columns["Codice del paziente"].target == "billing.patient_source_id"
    assert fm.columns["Paziente"].target is None  # the name beside it is no second reference
    assert _landing(report, "billing")["landing"] == 30


STAFF = [("Dr Ann Cole", "Doctor", "2418602J"), ("Dr Bo Dunn", "Doctor", "2917053Y"),
         ("Dr Cy Eads", "Doctor", "2921939B"), ("Dee Burr", "Receptionist", ""),
         ("Eve Abel", "Practice manager", "")]


def _staff_export() -> dict[str, str]:
    patients = "Patient ID,First Name,Last Name,DOB\n" + "".join(
        f"{i},{first},{last},1980-01-{1 + n % 28:02d}\n" for n, (i, first, last, _) in
        enumerate(PEOPLE))
    visits = "Visit ID,Patient ID,Clinician,Start\n" + "".join(
        f"V{n},{i},{STAFF[n % 3][0]},2024-03-{1 + n % 28:02d} 09:00\n"
        for n, (i, _, _, _) in enumerate(PEOPLE))
    referrals = "Referral ID,Patient ID,Referring Doctor,Provider #,Referral Date\n" + "".join(
        f"R{n},{i},Dr Gus Moss,{4412093 + n % 3}B,2024-01-{1 + n % 28:02d}\n"
        for n, (i, _, _, _) in enumerate(PEOPLE[:20]))
    return {"patients.csv": patients, "visits.csv": visits, "referrals.csv": referrals,
            "staff.csv": "Name,Role,Provider #,Email\n" + "".join(
                f"{name},{role},{number},{name.split()[-1].lower()}@example.org\n"
                for name, role, number in STAFF)}


def test_a_staff_number_some_staff_lack_is_no_id_their_names_are(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the receptionist has no provider number: as the id it held her as missing an id
    report = check_export(home, capsys, _staff_export())
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    staff = doc.files["staff.csv"]
    assert staff.columns["Provider #"].target == "provider.license_number"
    assert staff.derived_id is not None and staff.derived_id.columns == ["Name"]
    assert _landing(report, "provider")["landing"] == len(STAFF)
    clinician = doc.files["visits.csv"].columns["Clinician"]
    assert clinician.target == "appointment.provider_source_id"
    assert lookup(clinician.values, "Dr Bo Dunn") == "Dr Bo Dunn"
    assert _landing(report, "appointment")["unresolved_references"] == 0


def test_a_referrers_provider_number_the_staff_list_cannot_resolve_is_kept_as_text(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the staff are known by their names; a referring doctor's number is nobody's id here
    report = check_export(home, capsys, _staff_export())
    column = load_mapping(tmp_path / "home" / "mapping.yaml").files["referrals.csv"].columns[
        "Provider #"]
    assert column.target is None and column.custom_field
    assert _landing(report, "referral")["landing"] == 20


def test_an_address_book_with_no_id_column_is_known_by_its_names(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    places = ["Northside Private Hospital", "Harbour Pathology", "Eastern Imaging",
              "Bayview Day Surgery", "Hillcrest Hospital", "Central Radiology"]
    report = check_export(home, capsys, {
        "address book.csv": "Company Name,Address,Suburb,Phone\n" + "".join(
            f"{name},{10 + n} Main Rd,Ryde,(02) 9555 01{n:02d}\n"
            for n, name in enumerate(places))})
    fm = load_mapping(tmp_path / "home" / "mapping.yaml").files["address book.csv"]
    assert fm.kind == "company"
    assert fm.derived_id is not None and fm.derived_id.columns == ["Company Name"]
    assert _landing(report, "company")["landing"] == len(places)


@pytest.mark.parametrize(("clock", "lengths"), [
    ("{h}.{m:02d}", ("00:30", "00:45", "01:00")),  # a point in the time, a clock for the length
    ("{h}:{m:02d}", ("30'", "45'", "1h")),  # a prime for minutes, `1h` an hour
])
def test_a_time_of_day_with_a_point_and_a_length_written_as_a_clock(
        clock: str, lengths: tuple[str, ...]) -> None:
    # `9.30` read as an amount left the start at midnight; `00:45` read as the time of day
    # made every visit start at a quarter to one in the morning
    headers = ["Appointment ID", "Chart No", "Data", "Ora", "Durata"]
    rows = [[f"V{i}", str(i % 9), f"{1 + i % 28:02d}/03/2025",
             clock.format(h=9 + i % 8, m=15 * (i % 4)), lengths[i % 3]] for i in range(45)]
    doc = _propose({"appointments.csv": (headers, rows)}, date_order="DMY", timezone="Europe/Rome")
    kinds, quarantined, records = _derive(doc, "appointments.csv", headers, rows)
    assert kinds["appointment"] == 45 and not quarantined
    first = next(r for r in records if r.source_id == "V1")  # 02/03/2025 10.15, 45 minutes
    assert first.fields["starts_at"] == "2025-03-02T10:15:00+01:00"
    assert first.fields["ends_at"] == "2025-03-02T11:00:00+01:00"


@pytest.mark.parametrize("ident", ["{n:024x}", "cl_{n:08x}"])
def test_opaque_ids_are_ids_and_the_reference_by_id_beats_the_name_beside_it(
        ident: str, tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a document database's ObjectIds (`5a65a234ad2aaea1273fa529`) or prefixed hashes were
    # read as text: the visits took the patient by the name beside the id, and the two
    # patients named alike were held as ambiguous
    people = [(ident.format(n=0x5A65A234AD2A0000 + 7919 * n), first, last)
              for n, (_, first, last, _) in enumerate(PEOPLE)]
    people.append((ident.format(n=0x5A65A234AD2AFFFF), "Ann", "Lee"))  # a second Ann Lee
    visits = "".join(f"V{j},{people[j % len(people)][0]},{people[j % len(people)][1]} "
                     f"{people[j % len(people)][2]},2024-03-{1 + j % 28:02d} 09:00\n"
                     for j in range(82))
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,First Name,Last Name\n" + "".join(
            f"{i},{first},{last}\n" for i, first, last in people),
        "bookings.csv": "Booking ID,Patient ID,Patient,Start\n" + visits})
    fm = load_mapping(tmp_path / "home" / "mapping.yaml").files["bookings.csv"]
    assert fm.columns["Patient ID"].target == "appointment.patient_source_id"
    assert fm.columns["Patient"].target is None
    assert _landing(report, "appointment")["landing"] == 82
    assert _landing(report, "appointment")["unresolved_references"] == 0


def test_a_files_own_id_overlapping_another_files_of_its_kind_stays_its_own(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # two tables of organisations numbered from 1: the insurers' ids are all employers' ids
    # too, and the header says company: still the insurer's own id, no parent company
    employers = ["Acme Mills", "Bay Freight", "Coast Bank", "Delta Foods", "Echo Labs",
                 "Fern Press", "Gull Air", "Hill Mining", "Iris Media", "Jet Cargo"]
    insurers = ["Blue Shield Mutual", "Harbor Health Plan", "Summit Dental Insurance",
                "Pioneer Benefits Co", "Keystone Assurance"]
    report = check_export(home, capsys, {
        "employer.csv": "employer_id,name,city\n" + "".join(
            f"{n + 1},{name},Springfield\n" for n, name in enumerate(employers)),
        "insurance_company.csv": "insurance_company_id,name,phone\n" + "".join(
            f"{n + 1},{name},(555) 010-00{n:02d}\n" for n, name in enumerate(insurers))})
    fm = load_mapping(tmp_path / "home" / "mapping.yaml").files["insurance_company.csv"]
    assert fm.kind == "company"
    assert fm.columns["insurance_company_id"].target == "company.source_id"
    assert _landing(report, "company")["landing"] == len(employers) + len(insurers)


def test_a_province_abbreviated_like_provider_beside_the_address_is_the_state(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Prov.` reads as the provider by its abbreviation; `MI`, `BG` are no staff member's id
    # or name, and sit beside the city and postcode of a file with no state column
    provinces = ("MI", "BG", "CO", "TO", "VA")
    report = check_export(home, capsys, {
        "pazienti.csv": "Codice;Cognome;Nome;Città;CAP;Prov.\n" + "".join(
            f"{i};{last};{first};Milano;201{n % 10}0;{provinces[n % 5]}\n"
            for n, (i, first, last, _) in enumerate(PEOPLE)),
        "operatori.csv": "Codice;Cognome;Nome;Qualifica\n" + "".join(
            f"OP{n:02d};{last};{first};Odontoiatra\n" for n, (_, first, last, _) in
            enumerate(PEOPLE[:4]))})
    fm = load_mapping(tmp_path / "home" / "mapping.yaml").files["pazienti.csv"]
    assert fm.columns["Prov."].target == "patient.state"
    assert _landing(report, "patient")["landing"] == len(PEOPLE)


def test_a_visits_staff_member_under_a_header_no_vocabulary_knows_is_found_by_the_names(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Addetto` says nothing the vocabulary knows; its values are the staff list's people
    staff = PEOPLE[:3]
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,First Name,Last Name\n" + "".join(
            f"{i},{first},{last}\n" for i, first, last, _ in PEOPLE),
        "staff.csv": "Staff ID,First Name,Last Name,Role\n" + "".join(
            f"S{n},{first},{last},Dentist\n" for n, (_, first, last, _) in enumerate(staff)),
        "appointments.csv": "Appointment ID,Patient ID,Start,Addetto\n" + "".join(
            f"A{j},{i},2024-03-{1 + j % 28:02d} 09:00,Dott. {staff[j % 3][1]} {staff[j % 3][2]}\n"
            for j, (i, _, _, _) in enumerate(PEOPLE))})
    column = load_mapping(tmp_path / "home" / "mapping.yaml").files["appointments.csv"].columns[
        "Addetto"]
    assert column.target == "appointment.provider_source_id"
    assert lookup(column.values, f"Dott. {staff[1][1]} {staff[1][2]}") == "S1"
    assert _landing(report, "appointment")["landing"] == len(PEOPLE)


def test_a_staff_code_of_initials_and_a_digit_is_the_staff_members_id(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `AC1`, `BD2`: too short for a code's shape, capitals and a digit under `Code`
    staff = [(f"{first[0]}{last[0]}{n + 1}", first, last) for n, (_, first, last, _) in
             enumerate(PEOPLE[:4])]
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,First Name,Last Name\n" + "".join(
            f"{i},{first},{last}\n" for i, first, last, _ in PEOPLE),
        "providers.csv": "Code,Last Name,First Name,Title\n" + "".join(
            f"{code},{last},{first},DDS\n" for code, first, last in staff),
        "appointments.csv": "Appointment ID,Patient ID,Start,Provider\n" + "".join(
            f'A{j},{i},2024-03-{1 + j % 28:02d} 09:00,"{staff[j % 4][2]}, {staff[j % 4][1]} DDS"\n'
            for j, (i, _, _, _) in enumerate(PEOPLE))})
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    assert doc.files["providers.csv"].columns["Code"].target == "provider.source_id"
    column = doc.files["appointments.csv"].columns["Provider"]
    assert lookup(column.values, f"{staff[1][2]}, {staff[1][1]} DDS") == staff[1][0]
    assert _landing(report, "provider")["landing"] == 4
    assert _landing(report, "appointment")["landing"] == len(PEOPLE)


@pytest.mark.parametrize("written", ["P-{n:05d}", "{n}"])
def test_a_patient_id_written_with_a_prefix_or_without_its_zeros_resolves(
        written: str, tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the patient list pads its ids (`000012`); the diary writes `P-00012` or `12`
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,First Name,Last Name\n" + "".join(
            f"{n + 1:06d},{first},{last}\n" for n, (_, first, last, _) in enumerate(PEOPLE)),
        "appointments.csv": "Appointment ID,Patient ID,Start\n" + "".join(
            f"A{j},{written.format(n=1 + j % len(PEOPLE))},2024-03-{1 + j % 28:02d} 09:00\n"
            for j in range(60))})
    column = load_mapping(tmp_path / "home" / "mapping.yaml").files["appointments.csv"].columns[
        "Patient ID"]
    assert column.target == "appointment.patient_source_id"
    assert lookup(column.values, written.format(n=12)) == "000012"
    assert _landing(report, "appointment")["landing"] == 60
    assert _landing(report, "appointment")["unresolved_references"] == 0


def test_a_policy_naming_its_patient_under_a_header_that_says_no_patient_resolves(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Policy Holder` holds the patients' names and no column holds the patient's id: every
    # policy was held as missing an id, with no patient
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,First Name,Last Name\n" + "".join(
            f"{i},{first},{last}\n" for i, first, last, _ in PEOPLE),
        "policies.csv": "Insurer,Policy Holder,Member ID,Group #\n" + "".join(
            f"Blue Fund,{first} {last},M{900 + n},G-{n % 3}\n"
            for n, (_, first, last, _) in enumerate(PEOPLE[:30]))})
    fm = load_mapping(tmp_path / "home" / "mapping.yaml").files["policies.csv"]
    assert fm.columns["Policy Holder"].target == "insurance.patient_source_id"
    assert fm.derived_id is not None and fm.derived_id.columns == ["Policy Holder"]
    assert _landing(report, "insurance")["landing"] == 30


@pytest.mark.parametrize("by", ["name", "email"])
def test_a_patient_entered_twice_is_one_person_to_the_files_naming_them(
        by: str, tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the second row (same name, birth date and email, a new id) is held as a duplicate of
    # the first: a visit naming that person belongs to the first row, not "several records"
    rows = [(str(500 + n), first, last, f"1980-01-{1 + n % 28:02d}", f"{first}.{last}{n}@ex.org")
            for n, (_, first, last, _) in enumerate(PEOPLE)]
    rows.append(("999", *rows[0][1:]))
    named = [f"{first} {last}" if by == "name" else email for _, first, last, _, email in rows]
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,First Name,Last Name,DOB,Email\n" + "".join(
            ",".join(r) + "\n" for r in rows),
        "visits.csv": "Visit ID,Client,Start\n" + "".join(
            f"V{j},{named[j % len(PEOPLE)]},2024-03-{1 + j % 28:02d} 09:00\n" for j in range(60))})
    column = load_mapping(tmp_path / "home" / "mapping.yaml").files["visits.csv"].columns[
        "Client"]
    assert column.target == "appointment.patient_source_id" and not column.ambiguous
    assert lookup(column.values, named[0]) == "500"
    assert _landing(report, "appointment")["landing"] == 60
