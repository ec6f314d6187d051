"""A patient referred to by name only (an appointment's `Client`: "Lee, Ann" or "Ann Lee")
beside a patient file with ids of its own, however large: each name reads as the id of the one
patient with it; a name two patients have quarantines the row, naming the column. Also a
client named by email in a file too large to keep whole. Run in process on a HOME of its own,
through extract, map propose and map check."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from domain.ids import sealed
from domain.proposal.propose import propose
from domain.proposal.tables import keys
from domain.proposal.tables.name_index import build, match, person_key
from domain.records.rules import id_from_parts, lookup
from tests.mapping.test_proposal import profile_of
from tests.mapping.whole import check_export

FIRSTS = ("Ann", "Bo", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou",
          "Max", "Ned", "Olga", "Pia", "Quin", "Rex", "Sue", "Tom")
LASTS = ("Lee", "Ng", "Ray", "Moss", "Park", "Shaw", "Tait", "Vance", "Wren", "Yates", "Abel",
         "Burr", "Cole", "Dunn", "Eads")
PATIENTS = [(str(500 + i), FIRSTS[i % 20], LASTS[i // 20]) for i in range(300)]  # > 200 rows


def test_a_client_named_either_way_round_resolves_to_the_one_patient_with_that_name(
        tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    patients = [*PATIENTS, ("999", "Ann", "Lee")]  # a second Ann Lee: her name says nobody
    appointments = []
    for j in range(360):
        _, first, last = PATIENTS[j % 300]
        name = f"{last.upper()}, {first}" if j % 2 else f"{first} {last}"
        appointments.append(f'A{j},"{name}",2024-03-{1 + j % 28:02d} 09:00,30\n')
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,First Name,Last Name,DOB\n" + "".join(
            f"{i},{f},{la},1980-01-02\n" for i, f, la in patients),
        "appointments.csv": "Appointment ID,Client,Start,Duration\n" + "".join(appointments)})
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    client = doc.files["appointments.csv"].columns["Client"]
    assert client.target == "appointment.patient_source_id"
    assert lookup(client.values, "LEE, Bo") == "501" and lookup(client.values, "Cy Lee") == "502"
    assert client.ambiguous == [sealed("Ann Lee")]  # written so in rows 0 and 300
    # patients' names are kept in mapping.yaml as their hashes, never as written
    assert "Lee" not in (tmp_path / "home" / "mapping.yaml").read_text().split("files:", 1)[1]
    files = report["files"]
    assert isinstance(files, dict)
    appts = files["appointments.csv"]
    assert (appts["derived"], appts["quarantined"]) == (358, 2)
    [why] = appts["top_reasons"]
    assert why["columns"] == ["Client"] and "column Client" in why["reason"]
    assert "Ann" not in why["reason"] and "Lee" not in why["reason"]
    landing = report["landing"]
    assert isinstance(landing, dict)
    assert landing["appointment"]["unresolved_references"] == 0


def test_a_client_named_by_email_in_a_file_too_large_to_keep(
        tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    report = check_export(home, capsys, {
        "clients.csv": "Client ID,First Name,Last Name,Email\n" + "".join(
            f"{i},{f},{la},{f}.{la}{i}@example.org\n" for i, f, la in PATIENTS),
        "sessions.csv": "Session ID,Client Email,Date\n" + "".join(
            f"S{j},{PATIENTS[j % 300][1]}.{PATIENTS[j % 300][2]}{PATIENTS[j % 300][0]}"
            f"@example.org,2024-03-{1 + j % 28:02d} 10:00\n" for j in range(320))})
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    column = doc.files["sessions.csv"].columns["Client Email"]
    assert column.target == "appointment.patient_source_id" and len(column.values) == 300
    landing = report["landing"]
    assert isinstance(landing, dict)
    assert landing["appointment"] == {"records": 320, "landing": 320, "duplicates": 0,
                                      "unresolved_references": 0}


def test_names_are_read_by_nameparser_whichever_way_round() -> None:
    assert person_key("Lee, Ann") == person_key("Ann Lee") == person_key("ANN LEE")
    assert person_key("Dr. Ann Lee") == person_key("Lee, Ann") != person_key("Ann Leigh")
    assert person_key("Ann") is None and person_key("ann@example.org") is None


def test_the_index_keeps_only_the_names_referred_to() -> None:
    rows = [{"id": str(i), "first": FIRSTS[i % 20], "last": LASTS[i % 15]} for i in range(60)]
    seen = {"Lee, Ann", *(f"{FIRSTS[i]} {LASTS[i]}" for i in range(1, 10))}
    people = {k for v in seen if (k := person_key(v))}
    index = build(iter(rows), "id", set(), people, ("first", "last"))
    assert index.rows == 60 and len(index.keys["(first and last name)"]) == 10
    found = match(index, seen, people=True)
    assert found is not None and found.ids["Lee, Ann"] == "0" and found.ids["Bo Ng"] == "1"
    twice = build(iter([*rows, {"id": "x", "first": "ann", "last": "LEE"}]), "id", set(),
                  people, ("first", "last"))
    found = match(twice, seen, people=True)
    assert found is not None and found.several == ["Lee, Ann"] and len(found.ids) == 9


def test_more_names_than_profiling_keeps_are_read_again_in_full(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "VALUES_CAP", 50)  # as 5,000 patients named would be
    patients = {"headers": ["Patient ID", "First Name", "Last Name"],
                "rows": [list(p) for p in PATIENTS]}
    appointments = {"headers": ["Appointment ID", "Client", "Start"],
                    "rows": [[f"A{j}", f"{last}, {first}", "2024-03-01 09:00"]
                             for j, (_, first, last) in enumerate(PATIENTS)]}
    files = {"patients.csv": patients, "appointments.csv": appointments}
    doc = propose({n: (f["headers"], profile_of(f["headers"], f["rows"]))
                   for n, f in files.items()})
    sets: dict[str, keys.ValueSets] = {}
    dicts = {n: [dict(zip(f["headers"], r, strict=True)) for r in f["rows"]]
             for n, f in files.items()}
    for n, rows in dicts.items():
        sets[n] = keys.ValueSets()
        for row in rows:
            sets[n].add(row)
    assert "Client" in sets["appointments.csv"].many_names
    assert "Patient ID" not in sets["patients.csv"].many_names  # identifiers
    keys.link_files(doc, sets, lambda name: iter(dicts[name]))
    client = doc.files["appointments.csv"].columns["Client"]
    assert len(client.values) == 300 and lookup(client.values, "Lee, Bo") == "501"


def test_a_patient_name_column_with_no_patient_id_beside_it_is_the_reference(
        tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    alerts = "".join(f'"{last}, {first}",Allergic to bee stings,15/05/2023\n'
                     for _, first, last in PATIENTS[:40])
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,First Name,Last Name,DOB\n" + "".join(
            f"{i},{f},{la},1980-01-02\n" for i, f, la in PATIENTS),
        "medical alerts.csv": "Patient Name,Alert,Created\n" + alerts})
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    fm = doc.files["medical alerts.csv"]
    assert fm.columns["Patient Name"].target == "allergy_condition.patient_source_id"
    assert lookup(fm.columns["Patient Name"].values, "Lee, Ann") == "500"
    assert fm.derived_id is not None and fm.derived_id.columns == ["Patient Name"]
    landing = report["landing"]
    assert isinstance(landing, dict)
    assert landing["allergy_condition"]["records"] == 40
    assert landing["allergy_condition"]["unresolved_references"] == 0


def test_files_with_no_ids_anywhere_name_their_client_either_way_round(
        tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # printed reports: the client list's id is its "Last, First" names, the sessions and
    # logs name the client "First Last": each name reads as that client's id
    sessions = "".join(f'2024-03-{1 + j % 28:02d} 09:00,"{PATIENTS[j % 300][1]} '
                       f'{PATIENTS[j % 300][2]}",Counselling\n' for j in range(320))
    report = check_export(home, capsys, {
        "client list.csv": "Client,Date of Birth,Email\n" + "".join(
            f'"{la}, {f}",1980-01-02,{f.lower()}{i}@example.com\n' for i, f, la in PATIENTS),
        "session report.csv": "Date,Client,Service\n" + sessions})
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    clients = doc.files["client list.csv"]
    assert clients.derived_id is not None and clients.derived_id.columns == ["Client"]
    # the ids are digests of the names: a client's name never stands in logs as an id
    assert clients.derived_id.digest
    client = doc.files["session report.csv"].columns["Client"]
    assert client.target == "appointment.patient_source_id"
    assert lookup(client.values, "Bo Lee") == id_from_parts(["Lee, Bo"], digest=True)
    assert lookup(client.values, "Tom Ng") == id_from_parts(["Ng, Tom"], digest=True)
    assert not any("Lee" in v or "Ng" in v for v in client.values.values())
    landing = report["landing"]
    assert isinstance(landing, dict)
    assert landing["appointment"]["unresolved_references"] == 0


def test_a_client_list_with_no_ids_gets_ids_that_hold_no_name() -> None:
    from tests.mapping.test_failure_classes import _derive, _propose

    headers = ["Client", "Date of Birth", "Email"]
    rows = [[f"{la}, {f}", "1980-01-02", f"{f.lower()}{i}@example.com"]
            for i, f, la in PATIENTS[:60]]
    doc = _propose({"client list.csv": (headers, rows)})
    kinds, quarantined, records = _derive(doc, "client list.csv", headers, rows)
    assert not quarantined and kinds["patient"] == 60
    ids = {r.source_id for r in records if r.kind == "patient"}
    assert len(ids) == 60
    names = {part for _, f, la in PATIENTS[:60] for part in (f, la)}
    assert not any(part in i for i in ids for part in names)


def test_a_visits_practitioner_name_names_the_clinics_own_staff_with_no_staff_list() -> None:
    from tests.mapping.test_failure_classes import _propose

    headers = ["Appt No", "Client #", "Date", "Practitioner Name", "Service"]
    staff = ("Dr. Raúl Moreno", "Lucía Gómez", "Dr. Ana Ruiz")
    rows = [[str(i), f"{16 + i % 40:05d}", f"{1 + i % 28:02d}.01.2024", staff[i % 3], "Control"]
            for i in range(30)]
    doc = _propose({"Citas.csv": (headers, rows)})
    assert doc.files["Citas.csv"].columns["Practitioner Name"].target == (
        "appointment.provider_source_id")


def test_staff_without_ids_named_surname_comma_first_name_are_found_by_their_two_columns(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a staff list with a surname and a given-name column and no id: its ids are made from the
    # two names; the patients' usual clinician and the visits' clinician are written
    # "Surname, Given" (neither order of the two columns as they stand)
    staff = (("Kerr", "Mia"), ("Hale", "Tom"), ("Oduya", "Ifeoma"))
    patients = "".join(f"{700 + i},{FIRSTS[i % 20]},{LASTS[i % 15]},"
                       f'"{staff[i % 2][0]}, {staff[i % 2][1]}"\n' for i in range(40))
    visits = "".join(f'V{i},{700 + i % 40},2024-05-{1 + i % 28:02d} 10:00,'
                     f'"{staff[i % 3][0]}, {staff[i % 3][1]}"\n' for i in range(60))
    report = check_export(home, capsys, {
        "staff.csv": "Surname,Given name,Role\n" + "".join(
            f"{la},{f},Physiotherapist\n" for la, f in staff),
        "patients.csv": "Patient no,First name,Last name,Usual provider\n" + patients,
        "visits.csv": "Visit no,Patient no,Start,Clinician\n" + visits})
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    usual = doc.files["patients.csv"].columns["Usual provider"]
    assert usual.target == "patient.primary_provider_source_id"
    assert lookup(usual.values, "Hale, Tom") == id_from_parts(["Hale", "Tom"], digest=False)
    clinician = doc.files["visits.csv"].columns["Clinician"]
    assert lookup(clinician.values, "Oduya, Ifeoma") == id_from_parts(["Oduya", "Ifeoma"],
                                                                       digest=False)
    landing = report["landing"]
    assert isinstance(landing, dict)
    assert landing["patient"]["unresolved_references"] == 0
    assert landing["appointment"]["unresolved_references"] == 0
