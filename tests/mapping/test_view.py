"""The views of a mapping: the `--json` document (design/operator-interface.md) and the
terminal table with flagged rows marked."""

from __future__ import annotations

import io
import json

from rich.console import Console

from consumers.views.mapping import mapping_json, render_mapping
from domain.mapping import MappingDocument
from domain.proposal.propose import propose
from tests.mapping.test_proposal import PATIENT_HEADERS, PATIENT_ROWS, profile_of


def _doc() -> MappingDocument:
    kv_headers = ["PatNum", "FieldName", "FieldValue"]
    kv_rows = [[str(i), ("Birthplace", "Nick Name")[i % 2], f"v{i % 3}"] for i in range(200)]
    headers = PATIENT_HEADERS + ["Pet Name [x]"]
    rows = [r + [f"Rex {i}"] for i, r in enumerate(PATIENT_ROWS)]
    return propose({"patients.csv": (headers, profile_of(headers, rows)),
                    "patfield.txt": (kv_headers, profile_of(kv_headers, kv_rows))})


def test_json_has_the_shape_of_the_operator_interface() -> None:
    doc = _doc()
    data = json.loads(json.dumps(mapping_json(doc)))  # JSON-serialisable as is
    patients = data["files"]["patients.csv"]
    assert patients["kind"] == "patient"
    column = patients["columns"]["DOB"]
    assert set(column) >= {"target", "custom_field", "confidence", "reasons"}
    assert column["target"] == "patient.date_of_birth" and 0.0 <= column["confidence"] <= 1.0
    custom = patients["columns"]["Pet Name [x]"]
    assert custom["target"] is None and custom["custom_field"] == "Pet Name [x]"
    kv = data["files"]["patfield.txt"]
    assert set(kv["key_values"]) == {"Birthplace", "Nick Name"}
    assert set(kv["key_values"]["Birthplace"]) >= {"target", "custom_field", "confidence", "reasons"}
    assert data["mapping_hash"] == doc.content_hash()
    assert data["flagged"] == sum(
        c["flagged"] for f in data["files"].values()
        for c in [*f["columns"].values(), *f.get("key_values", {}).values()])


def test_terminal_table_marks_flagged_rows() -> None:
    doc = _doc()
    doc.files["patients.csv"].columns["Zip"].flagged = True
    buffer = io.StringIO()
    render_mapping(doc, Console(file=buffer, width=200, color_system=None))
    text = buffer.getvalue()
    assert "patients.csv: patient" in text and "patfield.txt: patient" in text
    zip_line = next(line for line in text.splitlines() if " Zip " in line)
    assert "!" in zip_line
    dob_line = next(line for line in text.splitlines() if " DOB " in line)
    assert "!" not in dob_line and "patient.date_of_birth" in dob_line
    assert "Pet Name [x]" in text  # user text is shown as is, never read as markup
    assert "key/value layout: record 'PatNum'" in text
    assert "columns flagged for review" in text
