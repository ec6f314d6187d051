"""Property-based: random bytes, random CSV shapes and random field values at the readers.

No crash, no lost row, every failure a clear message (and never the value itself).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.sources.csv_source import CsvSource
from adapters.sources.headers import EXTRA_CELLS, normalise_header
from adapters.sources.report_layout import TOTAL_WORDS
from adapters.sources.xlsx_source import XlsxSource
from domain.errors import SourceError
from domain.mapping import ColumnMapping, FileMapping, Settings
from domain.ports import NOT_DATA, SourceRow
from domain.records.canonical import KIND_FIELDS
from domain.records.derive import DerivedRecord, FileTally, Quarantined, derive_row, tally
from domain.records.empty import Dropped
from domain.records.validation import validate_record

FAST = settings(max_examples=int(os.environ.get("C2N_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Module-scoped: hypothesis runs many examples per test call, each overwrites the file.
    return tmp_path_factory.mktemp("prop")


def _write(folder: Path, raw: bytes) -> Path:
    path = folder / "random.csv"
    path.write_bytes(raw)
    return path


PREFIXES = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                            codecs.BOM_UTF32_LE, b"ID,Name\n", b"I\x00D\x00,\x00"])


@FAST
@given(prefix=PREFIXES, body=st.binary(max_size=2000))
def test_random_bytes_never_crash_the_csv_reader(scratch: Path, prefix: bytes,
                                                 body: bytes) -> None:
    raw = prefix + body
    source = CsvSource(_write(scratch, raw))
    try:
        fp = source.fingerprint()
        rows = list(source.rows())
    except SourceError as exc:  # allowed, but must name the file
        assert "random.csv" in str(exc)
        return
    assert [r.number for r in rows] == list(range(1, len(rows) + 1))
    keys = set(normalise_header(fp.header)) | {EXTRA_CELLS}
    for row in rows:
        assert set(row.values) <= keys
        assert row.problem is None or row.problem.strip()


@FAST
@given(prefix=st.sampled_from([b"", b"PK\x03\x04"]), body=st.binary(max_size=500))
def test_random_bytes_give_the_xlsx_reader_a_clear_error(scratch: Path, prefix: bytes,
                                                        body: bytes) -> None:
    path = scratch / "random.xlsx"
    path.write_bytes(prefix + body)
    try:
        list(XlsxSource(path).rows())
    except SourceError as exc:
        assert str(exc).startswith("random.xlsx: ")


cell = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}


# A header's cells are labels (words: a date, an amount or a `Label:` above the table is a
# report's title line, adapters.sources.report_layout)
# (a letter first: × and ÷ sit inside Latin-1's block of letters but are signs, and a line
# whose cell is a sign alone is no header)
label = st.from_regex(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÿ _#()./-]{0,20}", fullmatch=True).filter(
    lambda text: not text.rstrip().endswith(":"))


@FAST
@given(
    # a header of two names or more: a record of fewer cells above it is a report's title
    header=st.lists(label, min_size=2, max_size=6),
    body=st.lists(st.lists(cell, min_size=1, max_size=8), max_size=15),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(sorted(ENCODINGS)),
)
def test_random_csv_shapes_lose_no_row_and_no_cell(scratch: Path, header: list[str], body: list[list[str]],
                                                    delimiter: str, encoding: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(body)
    path = _write(scratch, buffer.getvalue().encode(ENCODINGS[encoding]))
    source = CsvSource(path, delimiter=delimiter)
    fp = source.fingerprint()
    # a column past the header's is carried down from group headings (`Label: value` lines)
    assert fp.header[:len(header)] == tuple(header)
    assert all(":" not in h for h in fp.header[len(header):])
    assert fp.encoding == encoding
    rows = list(source.rows())
    assert len(rows) == len(body)
    keys = normalise_header(header)
    for written, row in zip(body, rows, strict=True):
        cells = [row.values[k] for k in keys if k in row.values]
        cells += list(row.values.get(EXTRA_CELLS, []))
        if row.problem and row.problem.startswith(NOT_DATA):
            # report furniture: the header again, a total line, or a line of a cell or two
            # (empty, a page number...): no record in it, said so, counted, not lost
            filled = [c.strip().casefold() for c in written if c.strip()]
            assert filled == [h.strip().casefold() for h in header] or len(filled) <= 2 or (
                filled[0].rstrip(":") in TOTAL_WORDS)
            continue
        assert cells == written
        assert (row.problem is None) == (len(written) == len(header))


@FAST
@given(rows=st.lists(st.lists(st.sampled_from(["a", "b c", "1,5", "x;y", ""]),
                              min_size=3, max_size=3), min_size=2, max_size=10),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_delimiter_is_sniffed_from_consistent_shapes(scratch: Path, rows: list[list[str]],
                                                     delimiter: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["ID", "Name", "Note"])
    writer.writerows(rows)
    source = CsvSource(_write(scratch, buffer.getvalue().encode("utf-8")))
    assert source.fingerprint().delimiter == delimiter
    assert len(list(source.rows())) == len(rows)


values = st.one_of(st.none(), st.text(max_size=40), st.integers(), st.booleans(),
                   st.floats(allow_nan=True), st.sampled_from([
                       "0001-01-01", "13/13/2020", "29/02/2001", "$-0.00", "NaN", "Infinity",
                       "1e999", "+1 (555) 0100", "a@b", "Did Not Arrive", "  "]))


@FAST
@given(kind=st.sampled_from(sorted(KIND_FIELDS)), data=st.data())
def test_random_field_values_never_crash_and_never_leak(kind: str, data: st.DataObject) -> None:
    fields = data.draw(st.dictionaries(st.sampled_from(KIND_FIELDS[kind]), values, max_size=8))
    result = validate_record(kind, fields, Settings())
    for problem in result.problems:
        assert problem.reason
        for value in fields.values():
            if isinstance(value, str) and len(value.strip()) > 3:
                assert value.strip() not in problem.reason
    for value in result.fields.values():
        assert value is None or isinstance(value, str | int | bool)


MAPPING = FileMapping(kind="patient", columns={
    "a": ColumnMapping(target="patient.source_id"),
    "b": ColumnMapping(target="patient.date_of_birth"),
    "c": ColumnMapping(target="patient.email"),
    "d": ColumnMapping(target="insurance.copay"),
})


@FAST
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]),
                                st.text(max_size=12), max_size=5), max_size=20))
def test_every_random_row_is_derived_or_quarantined(rows: list[dict[str, str]]) -> None:
    t = FileTally()
    for number, values in enumerate(rows, start=1):
        results = derive_row("f.csv", MAPPING, Settings(), SourceRow(number, values))
        # an empty insurance slot beside the patient is dropped, saying why
        assert results and all(isinstance(r, DerivedRecord | Quarantined | Dropped)
                               for r in results)
        tally(t, results, "patient")
    assert t.rows_read == len(rows) and t.balanced
