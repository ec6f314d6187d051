"""The landing bench's scoring against an answer key, on real mapping documents."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from domain.mapping import ColumnMapping, Combine, FileMapping, MappingDocument
from tests.zoo.keys import exports, truth

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_landing", ROOT / "bench" / "landing.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_keyed(key: dict) -> MappingDocument:
    """The mapping the key describes: every canonical target on its column, twins named."""
    doc = MappingDocument()
    for name, spec in key["files"].items():
        columns = {}
        for column, value in spec["columns"].items():
            target, note = truth(value)
            columns[column] = ColumnMapping(target=target if spec["kind"] != "none" else None,
                                            custom_field=column if note == "custom" else None)
        doc.files[name] = FileMapping(kind=spec["kind"], columns=columns,
                                      twin_of=spec.get("twin_of"))
    return doc


def test_the_key_itself_scores_every_column_right_and_a_wrong_target_counts() -> None:
    bench = _bench()
    export = next(e for e in exports("tuning") if e.name == "cliniko-au")
    doc = _as_keyed(export.key)
    perfect = bench.score_columns(doc, export.key)
    assert perfect["accuracy"] == 1.0 and not perfect["mistakes"], perfect["mistakes"]
    patients = doc.files["Patients-Cliniko-20250611.csv"]
    patients.columns["Mobile Phone"] = ColumnMapping(target="patient.phone_home")
    wrong = bench.score_columns(doc, export.key)
    assert wrong["right"] == perfect["right"] - 1
    assert any("Mobile Phone" in m for m in wrong["mistakes"])


def test_a_combination_counts_for_each_of_its_columns() -> None:
    bench = _bench()
    export = next(e for e in exports("tuning") if e.name == "cliniko-au")
    doc = _as_keyed(export.key)
    appts = doc.files["Appointments report 08-01-2024 to 30-06-2025.csv"]
    appts.columns["Start Time"] = ColumnMapping()
    before = bench.score_columns(doc, export.key)["right"]
    appts.combine.append(Combine(target="appointment.starts_at",
                                 columns=["Appointment Date", "Start Time"]))
    assert bench.score_columns(doc, export.key)["right"] == before + 1


def test_landing_is_capped_per_kind_and_a_second_contact_is_not_a_landed_patient() -> None:
    bench = _bench()
    out = {"expected": {"patient": 10, "appointment": 5},
           "verify": {"counts": {"patient": {"found_in_nutshell": 11},
                                 "appointment": {"found_in_nutshell": 7},
                                 "clinical_note": {"found_in_nutshell": 3}}},
           "twice": ["ada lovelace x2"]}
    landed = bench.score_landing(out)["landed"]
    assert landed["per_kind"]["patient"] == {"expected": 10, "found": 10}
    assert (landed["landed"], landed["expected"], landed["extra"]) == (15, 15, 5)


def test_contacts_with_one_name_twice_are_reported_whatever_the_name_order() -> None:
    bench = _bench()
    snapshot = {"contacts": [{"name": "Ada Lovelace"}, {"name": "LOVELACE, ADA"},
                             {"name": "Alan Turing"},
                             {"name": "Alan Turing", "deletedTime": "2026-01-01"}]}
    assert bench.contacts_twice(snapshot) == ["ada lovelace x2"]


def test_a_one_sheet_workbook_named_by_its_sheet_in_the_key_is_judged() -> None:
    bench = _bench()
    export = next(e for e in exports("tuning") if e.name == "cliniko-au")
    key = {"files": {f"book.xlsx#{name}" if i == 0 else name: spec
                     for i, (name, spec) in enumerate(export.key["files"].items())}}
    doc = _as_keyed(export.key)  # the engine names a workbook of one sheet by its file
    first = next(iter(export.key["files"]))
    doc.files["book.xlsx"] = doc.files.pop(first)
    scored = bench.score_columns(doc, key)
    assert scored["accuracy"] == 1.0 and not scored["mistakes"], scored["mistakes"]
