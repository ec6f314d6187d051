"""The ClinicSource port's contract, run against every reader.

Subclass `ClinicSourceContract` and implement `make_source(tmp_path, rows)`: write `rows` (each
a mapping column -> text, all with the same columns in the same order) in your format and
return a source reading it. Override `assert_values` when your format does not give the cells
back as a plain mapping (FHIR resources).
"""

from __future__ import annotations

import hashlib
import itertools
from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path

from adapters.sources.csv_source import CsvSource
from adapters.sources.xlsx_source import XlsxSource
from domain.ports import ClinicSource, SourceFingerprint, SourceRow

ROWS: list[dict[str, str]] = [
    {"ID": "1", "First Name": "Ana", "Note": "plain"},
    {"ID": "2", "First Name": "José", "Note": "comma, inside"},
    {"ID": "3", "First Name": "Zoë", "Note": 'a "quoted" word'},
    {"ID": "4", "First Name": "Łukasz", "Note": "two\nlines"},
    {"ID": "5", "First Name": "", "Note": ""},
]


class ClinicSourceContract(ABC):
    @abstractmethod
    def make_source(self, tmp_path: Path, rows: list[dict[str, str]]) -> ClinicSource: ...

    def assert_values(self, given: Mapping[str, str], read: SourceRow) -> None:
        assert dict(read.values) == dict(given)

    def test_every_row_comes_out_once_in_order(self, tmp_path: Path) -> None:
        source = self.make_source(tmp_path, ROWS)
        read = list(source.rows())
        assert [r.number for r in read] == list(range(1, len(ROWS) + 1))
        for given, row in zip(ROWS, read, strict=True):
            assert row.problem is None
            self.assert_values(given, row)

    def test_rows_can_be_read_again_with_the_same_result(self, tmp_path: Path) -> None:
        source = self.make_source(tmp_path, ROWS)
        assert list(source.rows()) == list(source.rows())

    def test_rows_stream_lazily(self, tmp_path: Path) -> None:
        source = self.make_source(tmp_path, ROWS)
        first_two = list(itertools.islice(source.rows(), 2))
        assert [r.number for r in first_two] == [1, 2]

    def test_fingerprint_is_stable_and_complete(self, tmp_path: Path) -> None:
        source = self.make_source(tmp_path, ROWS)
        fp = source.fingerprint()
        assert isinstance(fp, SourceFingerprint)
        assert fp == source.fingerprint()
        assert len(fp.sha256) == 64 and int(fp.sha256, 16) >= 0
        assert fp.size_bytes > 0
        assert fp.name and "/" not in fp.name
        assert fp.format in {"csv", "xlsx", "fhir-bundle", "fhir-ndjson"}
        assert isinstance(fp.to_json(), dict)

    def test_no_rows_is_not_an_error(self, tmp_path: Path) -> None:
        source = self.make_source(tmp_path, [])
        assert list(source.rows()) == []


class TabularContract(ClinicSourceContract):
    """What CSV and XLSX add: the header exactly as read and the file's sha256."""

    def test_header_and_hash(self, tmp_path: Path) -> None:
        source = self.make_source(tmp_path, ROWS)
        fp = source.fingerprint()
        assert fp.header == tuple(ROWS[0])
        path = Path(getattr(source, "path"))  # noqa: B009 - both readers keep their path
        assert fp.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert fp.size_bytes == path.stat().st_size


class TestCsvSourceContract(TabularContract):
    def make_source(self, tmp_path: Path, rows: list[dict[str, str]]) -> ClinicSource:
        import csv

        path = tmp_path / "export.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(list(ROWS[0]))
            for row in rows:
                writer.writerow(list(row.values()))
        return CsvSource(path)


class TestXlsxSourceContract(TabularContract):
    def make_source(self, tmp_path: Path, rows: list[dict[str, str]]) -> ClinicSource:
        import openpyxl

        path = tmp_path / "export.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(list(ROWS[0]))
        for row in rows:
            sheet.append([v if v else None for v in row.values()])
        book.save(path)
        return XlsxSource(path)
