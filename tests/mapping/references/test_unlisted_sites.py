"""An appointment's office or site id in an export with no file of sites: nothing the run could
create names it, so it is no company reference but where the visit was, its location (a custom
field when another column holds the location); with the sites' file it is their reference.
Small exports built here."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from tests.mapping.whole import run_json as _run
from tests.mapping.whole import write_csv as _csv


def _export(source: Path, sites: bool) -> None:
    source.mkdir()
    _csv(source / "patients.csv", ["id", "first_name", "last_name", "date_of_birth"],
         [[str(61000 + i), f"Ora{i}", f"Pell{i}", f"1971-0{1 + i % 9}-1{i % 9}"]
          for i in range(30)])
    _csv(source / "appointments.csv", ["id", "patient", "office", "scheduled_time", "duration"],
         [[str(900000 + i), str(61000 + i % 30), str(47711 + i % 2),
           f"2024-03-{1 + i % 28:02d}T09:30:00", "30"] for i in range(60)])
    if sites:
        _csv(source / "offices.csv", ["id", "name", "city"],
             [["47711", "Riverside Clinic", "Austin"], ["47712", "Hilltop Clinic", "Austin"]])


@pytest.mark.parametrize("sites", [False, True])
def test_an_office_id_is_a_reference_only_beside_the_offices_file(
        sites: bool, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _export(tmp_path / "export", sites)
    assert main(["extract", str(tmp_path / "export")]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    files = load_mapping(home / "mapping.yaml").files
    office = files["appointments.csv"].columns["office"]
    if sites:
        assert files["offices.csv"].kind == "company"
        assert office.target == "appointment.company_source_id"
    else:
        assert office.target == "appointment.location", office.reasons


def test_an_office_id_beside_a_room_column_is_a_custom_field(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "appointments.csv",
         ["id", "patient", "office", "exam_room", "scheduled_time", "duration"],
         [[str(900000 + i), str(61000 + i % 30), str(47711 + i % 2), f"Room {1 + i % 3}",
           f"2024-03-{1 + i % 28:02d}T09:30:00", "30"] for i in range(60)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    columns = load_mapping(home / "mapping.yaml").files["appointments.csv"].columns
    assert columns["exam_room"].target == "appointment.location"
    assert columns["office"].target is None and columns["office"].custom_field


def test_a_branch_named_in_words_is_the_location_where_the_export_lists_no_companies(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Branch` names a company by its header; with no list of companies in the export its
    # names would point at nothing: they say where the visit is
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "patients.csv", ["id", "first_name", "last_name", "date_of_birth"],
         [[str(52000 + i), f"Ivo{i}", f"Marsh{i}", f"1980-0{1 + i % 9}-2{i % 9}"]
          for i in range(30)])
    _csv(source / "bookings.csv", ["booking", "patient", "branch", "when", "minutes"],
         [[str(71000 + i), str(52000 + i % 30), ("Harbourside", "North Quay", "Elm Park")[i % 3],
           f"2024-05-{1 + i % 28:02d}T14:00:00", "45"] for i in range(45)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    branch = load_mapping(home / "mapping.yaml").files["bookings.csv"].columns["branch"]
    assert branch.target == "appointment.location", branch.reasons
