"""The mapping file: YAML round trip, stable bytes, comments, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import dump_mapping, load_mapping, save_mapping
from domain.errors import SourceError
from domain.mapping import ColumnMapping, FileMapping, KeyValueLayout, MappingDocument, Settings


def _doc() -> MappingDocument:
    return MappingDocument(
        settings=Settings(country="AU", date_order="DMY"),
        files={
            "patients.csv": FileMapping(kind="patient", profile="cliniko", columns={
                "ID": ColumnMapping(target="patient.source_id", reasons=["profile cliniko"]),
                "Zeta": ColumnMapping(custom_field="Zeta", custom_field_type="Text",
                                      flagged=True, confidence=0.4),
                "Alpha": ColumnMapping(),
            }),
            "patfield.txt": FileMapping(
                kind="patient",
                key_value=KeyValueLayout(record_column="PatNum", name_column="FieldName",
                                         value_column="FieldValue"),
                key_values={"Note": ColumnMapping(custom_field="Note\nwith a line break")}),
        })


def test_round_trip_keeps_the_content_hash(tmp_path: Path) -> None:
    doc = _doc()
    path = tmp_path / "home" / "mapping.yaml"
    save_mapping(doc, path)
    loaded = load_mapping(path)
    assert loaded == doc and loaded.content_hash() == doc.content_hash()


def test_same_document_same_bytes_in_header_order(tmp_path: Path) -> None:
    text = dump_mapping(_doc())
    assert text == dump_mapping(_doc())
    assert text.index("ID:") < text.index("Zeta:") < text.index("Alpha:")
    assert "&id" not in text and "*id" not in text
    assert text.startswith("# clinic2nutshell mapping")


def test_operator_comments_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    text = dump_mapping(_doc()).replace("files:", "# checked by Sam\nfiles:  # all files")
    path.write_text(text, encoding="utf-8")
    assert load_mapping(path) == _doc()


@pytest.mark.parametrize(("text", "needle"), [
    ("files: [", "not valid YAML"),
    ("- a list\n", "top level"),
    ("files:\n  a.csv:\n    kind: patient\n    colums: {}\n", "files.a.csv.colums"),
])
def test_invalid_files_name_the_problem(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="mapping.yaml") as info:
        load_mapping(path)
    assert needle in str(info.value)


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read mapping"):
        load_mapping(tmp_path / "nope.yaml")
