"""Walking an export folder: order, format detection, what is skipped, FHIR hand-off."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from adapters.sources import detect_format, open_sources
from domain.errors import SourceError


def test_folder_walk_is_sorted_and_skips_documentation(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text("ID\n1\n")
    (tmp_path / "a.txt").write_text("ID\tName\n1\tAnn\n")
    (tmp_path / "README.md").write_text("# notes")
    (tmp_path / "LICENSE.txt").write_text("MIT")
    (tmp_path / ".hidden.csv").write_text("ID\n1\n")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.csv").write_text("ID\n2\n")
    names = [s.fingerprint().name for s in open_sources([tmp_path])]
    assert names == ["a.txt", "b.csv", "c.csv"]


def test_format_by_content_when_the_extension_says_nothing(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["ID"])
    book.save(tmp_path / "export.dat")
    (tmp_path / "bundle.dat").write_text('  {"resourceType": "Bundle"}')
    (tmp_path / "rows.dat").write_text("ID;Name\n1;Ann\n")
    assert detect_format(tmp_path / "export.dat") == "xlsx"
    assert detect_format(tmp_path / "bundle.dat") == "fhir"
    assert detect_format(tmp_path / "rows.dat") == "csv"
    [source] = open_sources([tmp_path / "rows.dat"])  # named explicitly: always read
    assert source.fingerprint().delimiter == ";"


def test_fhir_files_go_to_the_fhir_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def fhir_sources(path: Path) -> Iterator[object]:
        seen.append(path)
        yield from ()

    module = types.ModuleType("adapters.sources.fhir")
    module.fhir_sources = fhir_sources  # type: ignore[attr-defined]
    module.is_bulk_manifest = lambda path: False  # type: ignore[attr-defined]
    module.manifest_members = lambda path: []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "adapters.sources.fhir", module)
    (tmp_path / "Patient.ndjson").write_text("{}\n")
    (tmp_path / "bundle.json").write_text("{}")
    assert list(open_sources([tmp_path])) == []
    assert [p.name for p in seen] == ["Patient.ndjson", "bundle.json"]


def test_files_named_by_a_bulk_manifest_are_read_once(tmp_path: Path) -> None:
    from adapters.samples import sample_path

    names = [s.fingerprint().name for s in open_sources([sample_path("fhir") / "bulk-r4"])]
    assert names and len(names) == len(set(names))


def test_missing_path_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="nowhere.csv: no such file"):
        list(open_sources([tmp_path / "nowhere.csv"]))
