"""Every zoo export's answer key agrees with its files and names only canonical fields.

Checked without the engine: each file is read with csv/openpyxl (tests/zoo/keys.py), so a key
that drifts from its files (a column renamed, rows added, a count forgotten) fails here.
"""

from __future__ import annotations

import pytest

from domain.records.canonical import KIND_FIELDS
from tests.zoo.keys import DATA_SUFFIXES, Export, exports, read_table, truth

ALL = exports()


def _id(export: Export) -> str:
    return f"{export.half}/{export.name}"


def test_both_halves_hold_exports() -> None:
    tuning = [e for e in ALL if e.half == "tuning"]
    assert len(tuning) >= 4, [_id(e) for e in ALL]
    assert len({e.name for e in ALL}) == len(ALL), "an export name is used twice"


@pytest.mark.parametrize("export", ALL, ids=_id)
def test_every_file_is_in_the_key_and_documented(export: Export) -> None:
    on_disk = {p.name for p in export.folder.iterdir() if p.suffix.lower() in DATA_SUFFIXES}
    in_key = {name.split("#")[0] for name in export.files}
    assert on_disk == in_key
    provenance = (export.folder / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "http" in provenance, "PROVENANCE.md names the vendor documentation it used"
    assert export.key["half"] == export.half


@pytest.mark.parametrize("export", ALL, ids=_id)
def test_columns_match_the_files_and_name_canonical_fields(export: Export) -> None:
    for name, spec in export.files.items():
        header, rows = read_table(export.folder, name, spec)
        assert header == list(spec["columns"]), name
        assert len(rows) == spec["rows"], name
        assert spec["kind"] == "none" or spec["kind"] in KIND_FIELDS, name
        for column, value in spec["columns"].items():
            target, _ = truth(value)
            if target is None:
                continue
            kind, field = target.split(".")
            assert field in KIND_FIELDS.get(kind, ()), f"{name}: {column} -> {target}"
            assert kind == spec["kind"] or kind in spec["records"], \
                f"{name}: {column} targets {kind}, which the file does not land"


@pytest.mark.parametrize("export", ALL, ids=_id)
def test_expected_records_are_consistent_with_the_rows(export: Export) -> None:
    expected: dict[str, int] = {}
    for name, spec in export.files.items():
        rows = spec["rows"]
        excluded = spec.get("bad_rows", []) + spec.get("duplicate_rows", [])
        numbers = [r["row"] for r in excluded]
        assert len(set(numbers)) == len(numbers), f"{name}: a row excluded twice"
        assert all(1 <= n <= rows and r["reason"] for n, r in zip(numbers, excluded, strict=True)), name
        records = spec["records"]
        if spec["kind"] == "none":
            assert records == {} and not excluded, name
            continue
        routed = set((spec.get("routed") or {}).get("values", {}).values())
        primary = records.get(spec["kind"], 0) + sum(records.get(k, 0) for k in routed)
        assert primary + len(excluded) == rows, f"{name}: records + excluded rows != rows"
        for kind, n in records.items():
            assert kind in KIND_FIELDS and 0 < n <= rows - len(excluded), f"{name}: {kind}"
        if spec.get("twin_of"):
            twin = export.files[spec["twin_of"]]
            assert (twin["rows"], twin["records"], list(twin["columns"])) == \
                (rows, records, list(spec["columns"])), name
            continue
        for kind, n in records.items():
            expected[kind] = expected.get(kind, 0) + n
    assert expected == export.key["expected"]
