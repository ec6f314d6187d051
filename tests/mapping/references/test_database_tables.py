"""Database tables exported one CSV each, with column names that say little (`se_uid`,
`se_who`, `pno`): ids and references found from the values across files, a table prefix set
aside, run-together words split, a type column that says what each row is, and a table of
places read as people. Built here, with names no vendor uses, so that only the general rules
can map them."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.proposal.text import phrase, readings
from domain.records.rules import lookup
from tests.mapping.test_failure_classes import _derive, _propose
from tests.mapping.whole import run_json as _run
from tests.mapping.whole import write_csv as _csv

PEOPLE = 30
STAFF = 5


def test_ids_and_references_come_from_the_values_across_tables(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "dump"
    source.mkdir()
    # `id` is a row number no other table uses; `pno` is the number the others refer to
    _csv(source / "persons.csv", ["id", "pno", "given", "family", "birth_date"],
         [[str(9000 + 3 * i), str(i), f"Ann{i}", f"Lee{i}", f"19{50 + i}-0{1 + i % 9}-11"]
          for i in range(1, PEOPLE + 1)])
    _csv(source / "staff.csv", ["id", "first_name", "last_name"],
         [[str(i), f"Bo{i}", f"Kay{i}"] for i in range(1, STAFF + 1)])
    # a shared column prefix; the own id and both references named by nothing canonical
    _csv(source / "calendar_entries.csv",
         ["se_uid", "se_who", "se_doc", "se_day", "se_start", "se_end"],
         [[str(i), str(1 + i % PEOPLE), str(1 + i % STAFF), f"2024-03-{1 + i % 28:02d}",
           f"{9 + i % 8}:00", f"{9 + i % 8}:30"] for i in range(1, 61)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    people, visits = doc.files["persons.csv"], doc.files["calendar_entries.csv"]
    assert people.columns["pno"].target == "patient.source_id"
    assert people.columns["id"].target is None
    assert visits.kind == "appointment"
    assert visits.columns["se_uid"].target == "appointment.source_id"
    assert visits.columns["se_who"].target == "appointment.patient_source_id"
    assert visits.columns["se_doc"].target == "appointment.provider_source_id"
    assert any("ids of staff.csv" in r for r in visits.columns["se_doc"].reasons)
    report = _run(capsys, "map", "check")
    assert report["landing"]["appointment"]["landing"] == 60
    assert report["landing"]["appointment"]["unresolved_references"] == 0
    assert report["landing"]["patient"]["landing"] == PEOPLE


def test_a_small_code_is_no_reference_without_a_name_that_says_so(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "dump"
    source.mkdir()
    _csv(source / "staff.csv", ["id", "first_name", "last_name"],
         [[str(i), f"Bo{i}", f"Kay{i}"] for i in range(1, STAFF + 1)])
    # `Position` holds 1..4 (a code), every one of them also a staff id
    _csv(source / "patients.csv", ["PatNum", "FName", "LName", "Position"],
         [[str(i), f"Ann{i}", f"Lee{i}", str(1 + i % 4)] for i in range(1, 41)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    assert doc.files["patients.csv"].columns["Position"].target is None


def test_a_table_prefix_is_set_aside_and_run_together_words_split() -> None:
    read = readings(["xq_rid", "xq_apptstatus", "xq_regdate", "xq_allowsms", "notes"])
    assert read == {"xq_rid": "rid", "xq_apptstatus": "apptstatus", "xq_regdate": "regdate",
                    "xq_allowsms": "allowsms", "notes": "notes"}
    assert phrase("apptstatus").tokens == ("appointment", "status")
    assert phrase("allowsms").tokens == ("allow", "sms")
    assert phrase("ethnicity").tokens == ("ethnicity",)  # a word the vocabulary lacks stays
    assert readings(["a_x", "b_y", "name"]) == {"a_x": "a_x", "b_y": "b_y", "name": "name"}


def test_a_type_column_says_what_each_row_is() -> None:
    headers = ["entry_id", "person", "category", "description", "noted"]
    sorts = ["allergy", "chronic_condition", "medication", "allergy", "procedure",
             "chronic_condition"]
    rows = [[str(i), f"P{i % 9}", sorts[i % 6], f"Thing {i % 11}", "2023-05-06"]
            for i in range(60)]
    doc = _propose({"entries.csv": (headers, rows)})
    fm = doc.files["entries.csv"]
    assert fm.kind == "allergy_condition"
    assert fm.route is not None and fm.route.values == {"medication": "drop",
                                                        "procedure": "drop"}
    assert fm.columns["category"].values == {"allergy": "allergy",
                                             "chronic_condition": "condition"}
    kinds, quarantined, records = _derive(doc, "entries.csv", headers, rows)
    assert kinds["allergy_condition"] == 40 and not quarantined
    assert {r.fields["kind"] for r in records} == {"allergy", "condition"}


def test_a_table_of_places_with_no_person_name_is_no_table_of_people() -> None:
    # `home phone`: a header only people's files have, so the file is read as people first
    headers = ["id", "name", "street", "city", "state", "zip", "home phone", "email"]
    rows = [[str(i), f"Lakeside Clinic {i}", f"{i} Elm St", "Austin", "TX", "78703",
             f"(512) 555-01{i:02d}", f"front{i}@clinic.example.org"] for i in range(1, 4)]
    doc = _propose({"dim_0042.csv": (headers, rows)})
    fm = doc.files["dim_0042.csv"]
    assert fm.kind == "company"
    assert fm.columns["name"].target == "company.name"
    assert any("no column holds a person's name" in r for r in fm.reasons)


def test_insurers_by_id_are_payers_whose_names_the_policies_carry(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "dump"
    source.mkdir()
    _csv(source / "persons.csv", ["id", "given", "family", "birth_date"],
         [[str(i), f"Ann{i}", f"Lee{i}", f"19{50 + i}-0{1 + i % 9}-11"]
          for i in range(1, PEOPLE + 1)])
    payers = ["Acme Health", "Blue Lake", "Coastal Mutual", "Delta Care"]
    # a list of insurers: no person, no member number, so no policies
    _csv(source / "insurance_carriers.csv", ["id", "name", "cms_id"],
         [[str(i), payer, str(60054 + i)] for i, payer in enumerate(payers, start=1)])
    # policies name their insurer by its id; the order of coverage by a word; the export
    # links them to the insurers and to someone who is no staff member the file has
    _csv(source / "insurance_data.csv",
         ["id", "person_id", "carrier", "policy_number", "type", "clerk_no"],
         [[str(i), str(1 + i % PEOPLE), str(1 + i % 4), f"W{7000 + i}",
           "primary" if i % 2 else "secondary", str(8800 + i % 7)] for i in range(1, 41)])
    _csv(source / "staff.csv", ["id", "first_name", "last_name"],
         [[str(i), f"Bo{i}", f"Kay{i}"] for i in range(1, STAFF + 1)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    carriers, policies = doc.files["insurance_carriers.csv"], doc.files["insurance_data.csv"]
    assert carriers.kind == "company" and carriers.columns["name"].target == "company.name"
    # five digits under a name that says id are no postcode
    assert carriers.columns["cms_id"].target is None
    assert policies.columns["carrier"].target == "insurance.carrier_name"
    assert policies.columns["carrier"].values == {str(i): p for i, p in enumerate(payers, 1)}
    assert policies.columns["type"].target == "insurance.is_primary"
    report = _run(capsys, "map", "check")
    assert report["landing"]["company"]["landing"] == 4
    assert report["landing"]["insurance"]["landing"] == 40


def test_values_say_what_a_header_cannot() -> None:
    headers = ["id", "fname", "lname", "status"]
    rows = [[str(i), f"Ann{i}", f"Lee{i}", ["single", "married", "divorced"][i % 3]]
            for i in range(30)]
    doc = _propose({"patients.csv": (headers, rows)})
    # marital words are no patient status: no value of it is a status word
    assert doc.files["patients.csv"].columns["status"].target is None
    headers = ["id", "pid", "kind", "title", "diagnosis", "activity"]
    rows = [[str(i), str(i % 7), "allergy" if i % 2 else "medical_problem", f"Thing {i % 5}",
             f"ICD10:E1{i % 9}.9", str(i % 2)] for i in range(40)]
    doc = _propose({"lists.csv": (headers, rows)})
    fm = doc.files["lists.csv"]
    assert fm.kind == "allergy_condition"
    assert fm.columns["diagnosis"].target == "allergy_condition.code"
    assert fm.columns["title"].target == "allergy_condition.name"
    assert fm.columns["activity"].target == "allergy_condition.clinical_status"
    assert fm.columns["activity"].values == {"1": "active", "0": "inactive"}
    kinds, quarantined, records = _derive(doc, "lists.csv", headers, rows)
    assert kinds["allergy_condition"] == 40 and not quarantined
    assert {r.fields["clinical_status"] for r in records} == {"active", "inactive"}


def test_a_date_and_a_start_time_say_the_start_better_than_a_loose_timestamp() -> None:
    headers = ["ev_uid", "ev_person", "ev_time", "ev_day", "ev_startTime", "ev_endTime",
               "ev_endDay", "ev_cms_id"]
    rows = [[str(i), str(i % 9), f"2024-01-0{1 + i % 5} 08:1{i % 10}:00",
             f"2024-02-{10 + i % 15}", f"{9 + i % 7}:15:00", f"{9 + i % 7}:45:00",
             "0000-00-00", str(60054 + i)] for i in range(40)]
    doc = _propose({"calendar.csv": (headers, rows)})
    fm = doc.files["calendar.csv"]
    combined = {c.target: c.columns for c in fm.combine}
    assert combined["appointment.starts_at"] == ["ev_day", "ev_startTime"]
    assert combined["appointment.ends_at"] == ["ev_day", "ev_endTime"]
    # the loose timestamp is when the row was made, flagged for a look; a zero date is none
    assert fm.columns["ev_time"].target == "appointment.created_at"
    assert fm.columns["ev_time"].flagged
    assert fm.columns["ev_endDay"].target is None
    kinds, quarantined, records = _derive(doc, "calendar.csv", headers, rows)
    assert kinds["appointment"] == 40 and not quarantined
    first = next(r for r in records if r.source_id == "1")
    assert first.fields["starts_at"].startswith("2024-02-11T10:15")


def test_staff_named_by_their_login_resolve_to_their_ids(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "dump"
    source.mkdir()
    logins = ["amoss", "bkay", "cdoe", "dlee", "bkay"]  # two staff share a login
    _csv(source / "staff.csv", ["id", "login", "first_name", "last_name"],
         [[str(i), login, f"Bo{i}", f"Kay{i}"] for i, login in enumerate(logins, start=1)])
    _csv(source / "persons.csv", ["id", "given", "family", "birth_date"],
         [[str(i), f"Ann{i}", f"Lee{i}", f"19{50 + i}-0{1 + i % 9}-11"]
          for i in range(1, PEOPLE + 1)])
    _csv(source / "progress_notes.csv", ["id", "person_id", "written_by", "body"],
         [[str(i), str(1 + i % PEOPLE), logins[i % 4], f"Seen and treated in visit {i}."]
          for i in range(1, 41)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    author = doc.files["progress_notes.csv"].columns["written_by"]
    assert author.target == "clinical_note.author_source_id"
    # each login one staff member has is read as that member's id; the shared one stays
    assert author.values == {"amoss": "1", "cdoe": "3", "dlee": "4"}
    assert any("several rows share" in r for r in author.reasons)


def test_status_symbols_the_vocabulary_knows_get_a_value_map() -> None:
    headers = ["ev_uid", "ev_pid", "ev_start", "ev_apptstatus"]
    symbols = ["-", "@", ">", "x", "?"]
    rows = [[str(i), str(i % 9), f"2024-02-{10 + i % 15} 09:30", symbols[i % 5]]
            for i in range(40)]
    doc = _propose({"calendar.csv": (headers, rows)})
    column = doc.files["calendar.csv"].columns["ev_apptstatus"]
    assert column.target == "appointment.status"
    assert column.values == {"-": "booked", "@": "arrived", ">": "completed",
                             "x": "cancelled", "?": "no_show"}
    kinds, quarantined, records = _derive(doc, "calendar.csv", headers, rows)
    assert kinds["appointment"] == 40 and not quarantined
    assert {r.fields["status"] for r in records} == set(column.values.values())


def test_a_client_named_by_email_is_a_reference_to_that_client(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    ids = [f"{i:024x}" for i in range(7001, 7001 + PEOPLE)]
    _csv(source / "clients.csv", ["Client ID", "First Name", "Last Name", "Email"],
         [[ids[i], f"Ann{i}", f"Lee{i}", f"ann{i}.lee@example.net"] for i in range(PEOPLE)])
    _csv(source / "sessions.csv",
         ["Session ID", "Client", "Client Email", "Start Time", "Service"],
         [[f"{i:024x}", f"Ann{i % PEOPLE} Lee{i % PEOPLE}", f"Ann{i % PEOPLE}.Lee@example.net",
           f"2024-02-{1 + i % 27:02d}T10:15:00.000Z", "Review"] for i in range(1, 41)]
         + [["f" * 24, "Gone Away", "gone@example.net", "2024-02-03T10:15:00.000Z", "Review"]])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    sessions = doc.files["sessions.csv"]
    by_email = sessions.columns["Client Email"]
    assert by_email.target == "appointment.patient_source_id"
    assert lookup(by_email.values, "ann3.lee@example.net") == ids[3]
    assert lookup(by_email.values, "gone@example.net") is None  # a deleted client stays as written
    # a patient's email is kept in mapping.yaml as its hash, never as written
    assert "@" not in (home / "mapping.yaml").read_text()
    assert sessions.columns["Client"].target is None  # the name beside it is not the reference
    assert doc.files["clients.csv"].columns["Email"].target == "patient.email"
    headers = ["Session ID", "Client", "Client Email", "Start Time", "Service"]
    rows = [["a" * 24, "Ann3 Lee3", "ANN3.LEE@example.net", "2024-02-03T10:15:00.000Z", "Review"]]
    _, _, records = _derive(doc, "sessions.csv", headers, rows)
    assert records[0].fields["patient_source_id"] == ids[3]


def test_a_team_list_with_no_ids_is_staff_the_sessions_name(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    team = ["Lia Park, RD", "Max Moss, ND", "Ivy Rowe, RHN", "Ned Cole"]
    (source / "team-members.csv").write_text("Name,Email,Role,Practitioner\n" + "".join(
        f'"{n}",staff{i}@clinic.example,{"Assistant" if i == 3 else "Practitioner"},'
        f'{"No" if i == 3 else "Yes"}\n' for i, n in enumerate(team)), encoding="utf-8")
    (source / "sessions-export.csv").write_text(
        "Session ID,Practitioner,Start Time,Service\n" + "".join(
            f'S{i},"{team[i % 3]}",2024-02-{1 + i % 27:02d}T10:15:00.000Z,Review\n'
            for i in range(1, 31)), encoding="utf-8")
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    staff = doc.files["team-members.csv"]
    assert staff.kind == "provider"
    assert staff.columns["Name"].parts == "name"  # `Lia Park, RD`: a name and a credential
    assert staff.derived_id is not None and staff.derived_id.columns == ["Name"]
    assert staff.columns["Practitioner"].target == "provider.active"
    rows = [[n, f"s{i}@clinic.example", "Practitioner", "Yes"] for i, n in enumerate(team)]
    kinds, quarantined, records = _derive(
        doc, "team-members.csv", ["Name", "Email", "Role", "Practitioner"], rows)
    assert kinds["provider"] == 4 and not quarantined
    # the id the sessions' practitioner column holds as written
    assert {r.source_id for r in records} >= {team[0], team[1]}
    assert (doc.files["sessions-export.csv"].columns["Practitioner"].target
            == "appointment.provider_source_id")


def test_a_sheet_named_for_staff_is_staff_whatever_profile_its_columns_fit(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "export"
    source.mkdir()
    book = openpyxl.Workbook()
    clients = book.active
    assert clients is not None
    clients.title = "Clients"
    people = ["ID", "First Name", "Last Name", "Email", "Mobile"]
    clients.append(people)
    for i in range(1, PEOPLE + 1):
        clients.append([i, f"Ann{i}", f"Lee{i}", f"ann{i}@example.net", f"087 555 {1000 + i}"])
    staff = book.create_sheet("Practitioners")
    staff.append(["ID", "Calendar Name", *people[1:], "Profession"])
    for i in range(1, 4):  # ids restart at 1 on this sheet
        staff.append([i, f"Bo{i} - Physio", f"Bo{i}", f"Kay{i}", f"bo{i}@clinic.example",
                      f"087 444 {1000 + i}", "Physiotherapist"])
    visits = book.create_sheet("Appointments")
    visits.append(["ID", "Client ID", "Calendar", "Date", "Service"])
    for i in range(1, 41):
        visits.append([i, 1 + i % PEOPLE, f"Bo{1 + i % 3} - Physio",
                       f"2024-02-{1 + i % 27:02d} 10:15", "Review"])
    book.save(source / "Data Export.xlsx")
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    assert doc.files["Data Export.xlsx#Practitioners"].kind == "provider"
    assert doc.files["Data Export.xlsx#Clients"].kind == "patient"
    calendar = doc.files["Data Export.xlsx#Appointments"].columns["Calendar"]
    assert calendar.target == "appointment.provider_source_id"
    assert calendar.values == {f"Bo{i} - Physio": str(i) for i in range(1, 4)}


def test_therapists_with_no_ids_are_named_by_their_names_either_way_round(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "therapists.csv", ["Last Name", "First Name", "Email"],
         [[f"Kay{i}", f"Bo{i}", f"bo{i}@clinic.example"] for i in range(1, 4)])
    _csv(source / "visits.csv", ["Visit ID", "Therapist", "Start", "Service"],
         [[f"V{i}", f"Kay{1 + i % 3} Bo{1 + i % 3}", f"2024-02-{1 + i % 27:02d} 10:15",
           "Review"] for i in range(1, 31)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    staff = doc.files["therapists.csv"]
    assert staff.derived_id is not None and staff.derived_id.columns == [
        "Last Name", "First Name"]
    _, quarantined, records = _derive(doc, "therapists.csv", ["Last Name", "First Name", "Email"],
                                      [["Kay2", "Bo2", "bo2@clinic.example"]])
    assert not quarantined and records[0].source_id == "Kay2:Bo2"
    therapist = doc.files["visits.csv"].columns["Therapist"]
    assert therapist.target == "appointment.provider_source_id"
    assert therapist.values == {f"Kay{i} Bo{i}": f"Kay{i}:Bo{i}" for i in range(1, 4)}
