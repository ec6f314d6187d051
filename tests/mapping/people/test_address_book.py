"""An address book of organisations (hospitals, health funds, a laboratory) with no id column
and a few referring practitioners among them: each organisation's name, one row each, is its
id, and the rows whose type says a person (`Practitioner`, `Doctor`) are dropped on purpose,
not quarantined for a missing id nor landed as companies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consumers.cli import main

ROWS = [("Hospital", "Riverside Private Hospital", "", "12 River Rd", "Glebe", "(02) 9555 0101"),
        ("Practitioner", "Dr Ana Lopes", "4412093B", "", "", ""),
        ("Health Fund", "Harbour Health Fund", "", "GPO Box 1", "Sydney", "13 11 11"),
        ("Laboratory", "Northside Pathology", "", "4 Lab Ave", "Ryde", "(02) 9555 0202"),
        ("Doctor", "Dr Ben Carter", "2876550K", "", "", ""),
        ("Hospital", "Eastern Day Hospital", "", "9 Bay St", "Coogee", "(02) 9555 0303"),
        ("Health Fund", "Coastal Mutual", "", "GPO Box 2", "Sydney", "13 22 22")]
BOOK = "Type,Name,Provider No.,Address,Suburb,Phone\n" + "".join(
    ",".join(row) + "\n" for row in ROWS)


def test_an_address_book_with_no_ids_lands_its_organisations_and_drops_its_people(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    (source / "Address Book.csv").write_text(BOOK, encoding="utf-8")
    for argv in (["extract", str(source)], ["map", "propose"]):
        assert main(argv) == 0, capsys.readouterr()
    capsys.readouterr()
    main(["map", "check", "--json"])
    out = capsys.readouterr().out
    book = json.loads(out[out.index("{"):])["files"]["Address Book.csv"]
    assert book["kind"] == "company"
    assert (book["read"], book["derived"], book["dropped"], book["quarantined"]) == (7, 5, 2, 0)
