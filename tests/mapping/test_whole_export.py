"""Failure classes that only show across files or with a vendor profile, through the commands
an operator runs (extract, map propose, map check, map confirm) on a HOME of its own."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from tests.mapping.whole import run_json as _run
from tests.mapping.whole import write_csv as _csv

HEADER = ["ID", "First Name", "Last Name", "Date of Birth", "Email", "Mobile"]
PEOPLE = [[str(100 + i), f"Ann{i}", "Lee", f"19{50 + i % 40}-0{1 + i % 9}-1{i % 10}",
           f"ann{i}@clinic.example.com", f"555-201-{1000 + i}"] for i in range(25)]


def test_a_csv_and_its_xlsx_twin_are_read_once(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "Patients.csv", HEADER, PEOPLE)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Patients"
    sheet.append(HEADER)
    for row in PEOPLE:  # typed cells, as a workbook holds them
        sheet.append([int(row[0]), *row[1:]])
    book.save(source / "Patients export.xlsx")
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    [twin] = [name for name, fm in doc.files.items() if fm.twin_of]
    assert twin.startswith("Patients export.xlsx") and doc.files[twin].twin_of == "Patients.csv"
    report = _run(capsys, "map", "check")
    assert report["landing"]["patient"] == {"records": 25, "landing": 25, "duplicates": 0,
                                            "unresolved_references": 0}
    assert report["files"][twin]["dropped"] == 25
    confirmed = _run(capsys, "map", "confirm", "--by", "tester")
    assert confirmed["files"][twin] == {"read": 25, "derived": 0, "quarantined": 0,
                                        "ignored": 0, "erased": 0, "dropped": 25,
                                        "furniture": 0}
    assert confirmed["records"]["quarantined"] == 0  # no second copy of anyone


def test_a_detected_profile_is_a_prior_not_a_gate(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Cliniko-style headers the bundled profile knows, and three it does not
    header = [*HEADER, "Gender", "Date of Last Visit", "Occupation"]
    rows = [[*r, "FM"[i % 2], "2023-04-05", "Teacher"] for i, r in enumerate(PEOPLE)]
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "patients.csv", header, rows)
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    fm = load_mapping(home / "mapping.yaml").files["patients.csv"]
    assert fm.profile == "cliniko" and fm.columns["First Name"].target == "patient.first_name"
    # judged by the proposal, not made a text custom field because the profile lacks them
    gender = fm.columns["Gender"]
    assert gender.target == "patient.sex"
    assert any("judged by the proposal" in r for r in gender.reasons)
    visit = fm.columns["Date of Last Visit"]
    assert (visit.custom_field, visit.custom_field_type) == ("Date Of Last Visit", "Date")
    assert not visit.flagged


def test_every_sheet_of_one_workbook_is_its_own_table(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the sheets share the workbook's digest: they were once one stream, and all but the
    # first sheet were lost
    source = tmp_path / "export"
    source.mkdir()
    book = openpyxl.Workbook()
    people = book.active
    assert people is not None
    people.title = "Clients"
    people.append(HEADER)
    for row in PEOPLE:
        people.append(row)
    visits = book.create_sheet("Appointments")
    visits.append(["Appointment ID", "Client ID", "Start", "Status"])
    for i in range(30):
        visits.append([f"V{i}", str(100 + i % 25), f"2024-03-{1 + i % 28:02d} 10:00", "Attended"])
    book.save(source / "Clinic export.xlsx")
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    report = _run(capsys, "map", "check")
    assert set(report["files"]) == {"Clinic export.xlsx#Clients", "Clinic export.xlsx#Appointments"}
    assert report["landing"]["patient"]["landing"] == 25
    assert report["landing"]["appointment"] == {"records": 30, "landing": 30, "duplicates": 0,
                                                "unresolved_references": 0}


def test_employees_beside_providers_whose_ids_collide_both_land(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "provider.csv", ["ProvNum", "Abbr", "LName", "FName", "Specialty"],
         [[str(i), f"DR{i}", "Doe", f"Jo{i}", "General"] for i in range(1, 5)])
    _csv(source / "employee.csv", ["EmployeeNum", "LName", "FName", "IsHidden"],
         [[str(i), "Roe", f"Em{i}", "0"] for i in range(1, 4)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    assert doc.files["employee.csv"].kind == "provider"
    assert doc.files["employee.csv"].id_prefix == "employee-"
    assert doc.files["provider.csv"].id_prefix is None
    report = _run(capsys, "map", "check")
    assert report["landing"]["provider"] == {"records": 7, "landing": 7, "duplicates": 0,
                                             "unresolved_references": 0}


def test_a_report_with_title_lines_a_repeated_header_and_a_total_line(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    header = "Patient ID,Patient,Balance Owing,Last Payment"
    lines = ["Account balances", "Sunrise Physiotherapy Pty Ltd",
             "Generated 11/06/2025 2:14 pm by Front Desk", "", header]
    lines += [f'{100 + i},"Lee, Ann{i}",${i}.50,0{1 + i % 9}/06/2024' for i in range(8)]
    lines += [header]  # a page break
    lines += [f'{200 + i},"Ng, Bo{i}",${i}.25,1{i % 9}/05/2024' for i in range(6)]
    lines += ['Total,,"$1,234.00",']
    (source / "Sunrise Physio - report 2025-06.csv").write_text("\n".join(lines) + "\n",
                                                                encoding="utf-8")
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    fm = doc.files["Sunrise Physio - report 2025-06.csv"]
    assert fm.kind == "billing" and fm.columns["Balance Owing"].target == \
        "billing.outstanding_balance"
    report = _run(capsys, "map", "check")
    balance = report["files"]["Sunrise Physio - report 2025-06.csv"]
    # three title lines, the header again after a page break and the Total line: furniture
    assert (balance["read"], balance["derived"], balance["quarantined"], balance["dropped"],
            balance["furniture"]) == (19, 14, 0, 0, 5)
    assert report["landing"]["billing"]["landing"] == 14


def test_one_person_entered_twice_under_a_new_id_lands_once(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    again = [str(999), *PEOPLE[4][1:5], ""]  # name, birth date, email equal; no phone
    _csv(source / "patients.csv", HEADER, [*PEOPLE, again])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    report = _run(capsys, "map", "check")
    assert report["landing"]["patient"]["records"] == 25
    [reason] = report["files"]["patients.csv"]["top_reasons"]
    assert reason["reason"].startswith("the same person as patient 104")
    confirmed = _run(capsys, "map", "confirm", "--by", "tester")
    assert confirmed["records"]["created"] == 25 and confirmed["records"]["quarantined"] == 1
