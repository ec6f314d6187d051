"""A column first read as its table's id, then found not to be the id other files use, takes
the next field its name says when no column holds it (`NationalProvID` beside an unfamiliar
`Clinician #` that the visits and notes point at: the NPI, not a custom field). Run in process
on a HOME of its own, through extract, map propose and map check."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from tests.mapping.whole import check_export


def _csv(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(",".join(r) for r in [header, *rows]) + "\n"


def test_a_column_that_loses_the_id_takes_the_next_field_its_name_says(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    staff = [[str(i), f"Lane{i}", f"Ari{i}", f"19{i}4{i}6{i}2{i}1"] for i in range(1, 6)]
    visits = [[str(900 + i), str(40 + i), str(1 + i % 5), f"2024-05-{1 + i % 28:02d} 09:00"]
              for i in range(30)]
    notes = [[str(300 + i), str(40 + i), str(1 + (i + 1) % 5), "Reviewed home exercises."]
             for i in range(20)]
    check_export(home, capsys, {
        "staff.csv": _csv(["Clinician #", "LName", "FName", "NationalProvID"], staff),
        "visits.csv": _csv(["Appt ID", "Patient", "Provider", "Start"], visits),
        "notes.csv": _csv(["Note ID", "Patient", "Provider", "Note"], notes)})
    columns = load_mapping(tmp_path / "home" / "mapping.yaml").files["staff.csv"].columns
    assert columns["Clinician #"].target == "provider.source_id"
    assert columns["NationalProvID"].target == "provider.npi", columns["NationalProvID"].reasons
