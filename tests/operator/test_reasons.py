"""Reasons on screen: `c2n quarantine`, the closing lines of `status` and `map confirm`,
honest balances, and what of a FHIR export will move before anything is confirmed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.operator.conftest import CLEAN, Cli, patients_csv

BAD = [*CLEAN,
       ["4", "Dee", "Bad", "not-an-email@", "+1 415 555 0103", "1980-02-03"],
       ["5", "Eve", "Late", "eve@example.com", "+1 415 555 0104", "1980-02-30"],
       ["2", "Bob", "Again", "bob2@example.com", "+1 415 555 0105", "1975-11-30"]]


def confirmed(cli: Cli, export: Path) -> dict:
    cli("extract", str(export), expect=0)
    cli("map", "propose", expect=0)
    return dict(cli("map", "confirm", "--by", "dana", "--json", expect=1).json())


def test_quarantine_lists_file_row_column_reason_and_a_masked_value(cli: Cli,
                                                                    tmp_path: Path) -> None:
    export = patients_csv(tmp_path / "export" / "patients.csv", BAD).parent
    document = confirmed(cli, export)
    rows = cli("quarantine", "--json", expect=1).json()["rows"]
    by_row = {r["row"]: r for r in rows}
    # a bad email or birth date loses that field, not the patient (data rows 4 and 5): the
    # patient lands without it and the confirmation names the field; row 6 is held back
    assert set(by_row) == {6}
    kept = {w["problem"].partition(":")[0]: w for w in document["values_kept_as_written"]}
    assert {"email", "date_of_birth"} <= set(kept)
    assert "left out" in kept["email"]["problem"] and kept["email"]["records"] == 1
    assert "not a calendar date" in kept["date_of_birth"]["problem"]
    again = by_row[6]
    assert (again["file"], again["column"]) == ("patients.csv", "Patient ID")
    assert "duplicate" in again["reason"] and again["value"] == "•"
    only = cli("quarantine", "--reason", "DUPLICATE", "--json", expect=1).json()["rows"]
    assert [r["row"] for r in only] == [6]
    assert cli("quarantine", "--file", "other.csv", "--json", expect=0).json()["rows"] == []
    table = list(csv.reader(io.StringIO(cli("quarantine", "--csv", expect=1).out)))
    assert table[0][:5] == ["file", "row", "column", "reason", "value"] and len(table) == 2
    shown = cli("map", "confirm", "--by", "dana", expect=1)
    assert "not-an-email@" not in shown.err + shown.out  # values never in clear


def test_rows_quarantined_as_duplicates_are_not_counted_as_records(cli: Cli,
                                                                   tmp_path: Path) -> None:
    export = patients_csv(tmp_path / "export" / "patients.csv", BAD).parent
    document = confirmed(cli, export)
    balance = document["files"]["patients.csv"]
    # 6 rows: 3 clean, 2 with a field left out, 1 a second row for patient 2 (quarantined as
    # a duplicate)
    assert (balance["read"], balance["derived"], balance["quarantined"]) == (6, 5, 1)
    assert document["balanced"] is True
    status = cli("status", "--json", expect=1).json()
    assert status["counts"]["patient"]["extracted"] - status["counts"]["patient"]["quarantined"] == 5


def test_status_and_confirm_end_with_top_reasons_and_skipped_kinds(cli: Cli,
                                                                   tmp_path: Path) -> None:
    export = patients_csv(tmp_path / "export" / "patients.csv", BAD).parent
    (export / "treatment_notes.csv").write_text(
        "ID,Patient ID,Title,Content,Created At\n21,1,Visit,Knee better,2024-01-02\n")
    document = confirmed(cli, export)
    assert document["skipped_kinds"]["clinical_note"].startswith("clinical content off")
    per_file = document["quarantine"]["per_file"]["patients.csv"]
    assert per_file["rows"] == 1 and len(per_file["top_reasons"]) == 1
    status = cli("status", expect=1)
    lines = status.err.splitlines()
    assert any(line.startswith("patients.csv: 1 held back; top reasons:") for line in lines)
    assert any(line.startswith("clinical_note: not sent: clinical content off") for line in lines)
    # the two bad optional values (an email, a birth date) lost their field, kept as written
    assert lines[-1] == "done, to look at: 1 quarantined, 1 skipped, 2 values kept as written"
    as_json = cli("status", "--json", expect=1).json()
    assert as_json["to_look_at"] == {"quarantined": 1, "skipped": 1, "values_kept_as_written": 2}


def _bundle(path: Path, observations: int) -> Path:
    entries = [{"fullUrl": "urn:uuid:p1", "resource": {
        "resourceType": "Patient", "id": "p1", "gender": "female",
        "name": [{"family": "Tester", "given": ["Tess"]}]}}]
    entries += [{"fullUrl": f"urn:uuid:o{i}", "resource": {
        "resourceType": "Observation", "id": f"o{i}", "status": "final",
        "code": {"text": "Heart rate"}, "subject": {"reference": "urn:uuid:p1"}}}
        for i in range(observations)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection",
                                "entry": entries}))
    return path


def test_map_show_says_which_fhir_resource_types_move_and_warns_when_most_do_not(
        cli: Cli, tmp_path: Path) -> None:
    export = _bundle(tmp_path / "export" / "bundle.json", observations=9).parent
    cli("extract", str(export), expect=0)
    proposed = cli("map", "propose", expect=1)  # most of the export will not move
    assert "most of this export will not move: 1 of 10 rows" in proposed.err
    shown = cli("map", "show", "--json", expect=1).json()["moves"]
    types = shown["files"]["bundle.json"]["types"]
    assert types["Observation"] == {"rows": 9, "kinds": [], "moves": False,
                                    "why_not": "not migrated"}
    assert types["Patient"]["moves"] is True and types["Patient"]["rows"] == 1
    assert (shown["rows"], shown["moving"]) == (10, 1)
    table = cli("map", "show", expect=1).err
    assert "Observation\t9\tnot migrated" in table  # piped: plain TSV, nothing cut


def test_a_mostly_migrated_fhir_export_is_not_warned(cli: Cli, tmp_path: Path) -> None:
    export = _bundle(tmp_path / "export" / "bundle.json", observations=0).parent
    cli("extract", str(export), expect=0)
    assert "will not move" not in cli("map", "propose", expect=0).err
