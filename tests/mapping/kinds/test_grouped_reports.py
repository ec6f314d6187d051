"""Grouped reports: rows printed under heading lines (`Provider: Dr Amy Moss`, or a line with
only the group's value) carry the heading's value down as a column of their own, which the
proposal maps like any other; the heading lines are report furniture, not quarantined rows."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from adapters.sources.csv_source import CsvSource
from adapters.sources.xlsx_source import XlsxSource
from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.ports import NOT_DATA
from domain.records.rules import lookup
from tests.mapping.whole import check_export

STAFF = "Staff ID,First Name,Last Name\n7,Amy,Moss\n8,Ben,Kay\n9,Cy,Ray\n"
PATIENTS = "Client ID,First Name,Last Name,DOB\n" + "".join(
    f"{i},Ann{chr(97 + i)},Lee{chr(97 + i)},1980-01-{1 + i:02d}\n" for i in range(10))


def _report(labelled: bool) -> str:
    lines = ["Appointment List by Provider", "", "Date,Time,Client ID,Appointment Type,Duration"]
    for doctor in ("Dr Amy Moss", "Dr Ben Kay"):
        lines.append(f"Provider: {doctor},,,," if labelled else f"{doctor},,,,")
        lines += [f"2024-03-{1 + i:02d},09:{10 + i},{i},Consult,30" for i in range(10)]
    lines.append("Total appointments: 20,,,,")
    return "\n".join(lines) + "\n"


def test_the_heading_value_is_carried_down_and_the_heading_is_furniture(tmp_path: Path) -> None:
    path = tmp_path / "appointments.csv"
    path.write_text(_report(labelled=True), encoding="utf-8")
    source = CsvSource(path)
    assert source.fingerprint().header[-1] == "Provider"
    rows = list(source.rows())
    headings = [r for r in rows if (r.problem or "").startswith(NOT_DATA + "a group heading")]
    data = [r for r in rows if not r.problem]
    assert len(headings) == 2 and len(data) == 20
    assert [r.values["Provider"] for r in data] == ["Dr Amy Moss"] * 10 + ["Dr Ben Kay"] * 10
    assert data[0].values["Client ID"] == "0"


def test_a_heading_with_only_the_value_makes_a_group_column(tmp_path: Path) -> None:
    path = tmp_path / "appointments.csv"
    path.write_text(_report(labelled=False), encoding="utf-8")
    rows = list(CsvSource(path).rows())
    data = [r for r in rows if not r.problem]
    assert [r.values["Group"] for r in data] == ["Dr Amy Moss"] * 10 + ["Dr Ben Kay"] * 10
    assert all((r.problem or "").startswith(NOT_DATA) for r in rows if r not in data)


def test_a_lone_one_cell_line_is_still_a_ragged_row(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(PATIENTS + "Stray note\n", encoding="utf-8")
    source = CsvSource(path)
    assert source.fingerprint().header == ("Client ID", "First Name", "Last Name", "DOB")
    last = list(source.rows())[-1]
    assert last.problem is not None and "ragged row" in last.problem


def test_a_sheet_grouped_by_provider_is_read_the_same(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in _report(labelled=True).splitlines():
        sheet.append(line.split(",") if line else [])
    path = tmp_path / "appointments.xlsx"
    book.save(path)
    data = [r for r in XlsxSource(path).rows() if not r.problem]
    assert [r.values["Provider"] for r in data] == ["Dr Amy Moss"] * 10 + ["Dr Ben Kay"] * 10


def test_appointments_grouped_by_provider_land_with_their_provider(
        tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    (source / "staff.csv").write_text(STAFF, encoding="utf-8")
    (source / "clients.csv").write_text(PATIENTS, encoding="utf-8")
    (source / "appointments.csv").write_text(_report(labelled=True), encoding="utf-8")
    for argv in (["extract", str(source)], ["map", "propose"]):
        assert main(argv) == 0, capsys.readouterr()
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    provider = doc.files["appointments.csv"].columns["Provider"]
    assert provider.target == "appointment.provider_source_id"
    assert provider.values == {"Dr Amy Moss": "7", "Dr Ben Kay": "8"}
    capsys.readouterr()
    main(["map", "check", "--json"])
    out = capsys.readouterr().out
    report = json.loads(out[out.index("{"):])
    appts = report["files"]["appointments.csv"]
    assert (appts["derived"], appts["quarantined"], appts["furniture"]) == (20, 0, 4)
    assert report["landing"]["appointment"]["unresolved_references"] == 0


def test_headings_holding_only_a_name_say_by_their_values_whose_rows_follow(
        tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["Visits by client", "Date,Time,Service,Duration,Fee"]
    for i in range(6):  # the client's name above her visits, "Last, First"
        lines.append(f'"Lee{chr(97 + i)}, Ann{chr(97 + i)}",,,,')
        lines += [f"2024-04-{1 + i + k:02d},10:{15 + k},Review,30,85.00" for k in range(3)]
    report = check_export(home, capsys, {
        "clients.csv": PATIENTS, "visits.csv": "\n".join(lines) + "\n"})
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    group = doc.files["visits.csv"].columns["Group"]
    assert group.target == "appointment.patient_source_id"
    assert lookup(group.values, "Leea, Anna") == "0" and lookup(group.values, "Leef, Annf") == "5"
    files = report["files"]
    assert isinstance(files, dict)
    visits = files["visits.csv"]
    assert (visits["derived"], visits["quarantined"], visits["furniture"]) == (18, 0, 7)
    landing = report["landing"]
    assert isinstance(landing, dict)
    assert landing["appointment"]["unresolved_references"] == 0
