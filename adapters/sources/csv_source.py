"""CSV (and TSV / semicolon) clinic exports as a ClinicSource.

Streams row by row. The fingerprint pass reads the file once for its sha256 and to decide the
encoding over every byte; reading rows is a second pass. Reader problems never raise: the row
comes out with `problem` set (undecodable bytes, an oversized cell, a ragged row).

Row numbers count records from 1 in file order, not counting the header; a record may span
several physical lines (quoted line breaks). Lines with no cells at all are not records. A
report's header is found by evidence and its furniture (title lines, the header again after a
page break, totals, page numbers: adapters.sources.report_layout) comes out as rows holding no
record, their problem starting with NOT_DATA. The
fingerprint keeps the header exactly as read; `values` are keyed by the normalised headers
(adapters.sources.headers: trimmed, `Phone (2)` for repeats, `column_7` for blanks), and cells
beyond the header's width are kept as a list under `__extra_cells__`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from adapters.sources.fixed_width import PREFIX as FIXED
from adapters.sources.fixed_width import fixed_columns, fixed_reader
from adapters.sources.headers import EXTRA_CELLS, normalise_header
from adapters.sources.report_groups import Carried, group_labels
from adapters.sources.report_layout import TITLE_LINE, Furniture, split_report
from adapters.sources.text_detect import (
    UNDECODABLE,
    marked_lines,
    open_text,
    read_sample,
    scan_file,
    sniff_delimiter,
)
from domain.errors import SourceError
from domain.ports import NOT_DATA, ClinicSource, SourceFingerprint, SourceRow

DEFAULT_CELL_LIMIT = 1 << 20  # characters kept per cell; longer cells are truncated
_PARSER_FIELD_LIMIT = (1 << 31) - 1  # the csv module's own limit must never be what stops us

csv.field_size_limit(max(csv.field_size_limit(), _PARSER_FIELD_LIMIT))


class CsvSource(ClinicSource):
    def __init__(self, path: Path, *, cell_limit: int = DEFAULT_CELL_LIMIT,
                 delimiter: str | None = None, encoding: str | None = None) -> None:
        self.path = Path(path)
        self.cell_limit = cell_limit
        self._delimiter = delimiter
        self._encoding = encoding
        self._fingerprint: SourceFingerprint | None = None
        self._lines = 0
        self._groups = 0  # columns the header gains from group headings (report_groups)

    def fingerprint(self) -> SourceFingerprint:
        if self._fingerprint is None:
            self._fingerprint = self._read_fingerprint()
        return self._fingerprint

    def _read_fingerprint(self) -> SourceFingerprint:
        try:
            facts = scan_file(self.path)
            self._lines = facts.lines
            encoding = self._encoding or facts.encoding
            delimiter = self._delimiter
            if delimiter is None:
                sample = read_sample(self.path, encoding)
                delimiter = sniff_delimiter(sample)
                delimiter = fixed_columns(sample, delimiter) or delimiter
            with open_text(self.path, encoding) as text:
                found, title, rest = split_report(self._reader(text, delimiter, [False]))
                found = found or []
                labels = group_labels(rest, len(found), Furniture(found, title))
            header = tuple(h.replace(UNDECODABLE, "\ufffd") for h in [*found, *labels])
            self._groups = len(labels)
        except OSError as exc:
            raise SourceError(f"cannot read file ({type(exc).__name__})",
                              file=self.path.name) from exc
        return SourceFingerprint(
            name=self.path.name, sha256=facts.sha256, size_bytes=facts.size_bytes, format="csv",
            encoding=encoding, delimiter=delimiter, header=header,
        )

    def expected_rows(self) -> int | None:
        """The file's lines less the header: exact for one line per record; quoted line
        breaks, blank lines and a report's title lines make it a little more."""
        self.fingerprint()
        return max(0, self._lines - 1)

    @staticmethod
    def _reader(text: object, delimiter: str, flag: list[bool]) -> Iterator[list[str]]:
        if delimiter.startswith(FIXED):  # a report printed in fixed-width columns
            return fixed_reader(marked_lines(text, flag), delimiter)  # type: ignore[arg-type]
        return csv.reader(marked_lines(text, flag), delimiter=delimiter,  # type: ignore[arg-type]
                          strict=False)

    def rows(self) -> Iterator[SourceRow]:
        fp = self.fingerprint()
        assert fp.encoding is not None and fp.delimiter is not None
        keys = normalise_header(fp.header)
        width = len(keys) - self._groups
        carried = Carried(fp.header[width:], keys, width)
        keys = keys[:width]
        limit = self.cell_limit
        # A Windows-1252 file can still carry rows pasted in as UTF-8 (too few to tip the
        # whole-file decision): read as 1252 they would pass silently as "RenÃ©e".
        mixed = fp.encoding == "windows-1252"
        flag = [False]
        try:
            with open_text(self.path, fp.encoding) as text:
                _, title, marked = split_report(_with_mark(self._reader(
                    text, fp.delimiter, flag), flag), lambda item: item[0])
                furniture = Furniture(fp.header, [record for record, _ in title])
                number = 0
                for _ in title:
                    number += 1
                    yield SourceRow(number, {}, problem=NOT_DATA + TITLE_LINE)
                for record, undecodable in marked:
                    if not record:
                        continue
                    number += 1
                    if not_data := furniture.why(record) or carried.take(record):
                        yield SourceRow(number, {}, problem=NOT_DATA + not_data)
                        continue
                    if (undecodable or len(record) != width
                            or (limit and max(map(len, record)) > limit)
                            or (mixed and any(map(utf8_read_as_1252, record)))):
                        row = self._problem_row(number, keys, record, undecodable, cp1252=mixed)
                        yield replace(row, values={**row.values, **carried.values})
                    else:
                        yield SourceRow(number, {**dict(zip(keys, record, strict=True)),
                                                 **carried.values})
        except OSError as exc:
            raise SourceError(f"cannot read file ({type(exc).__name__})",
                              file=self.path.name) from exc

    def _problem_row(self, number: int, keys: list[str], record: list[str],
                     undecodable: bool, *, cp1252: bool = False) -> SourceRow:
        return build_problem_row(number, keys, record, undecodable, self.cell_limit,
                                 cp1252=cp1252)


def _with_mark(records: Iterator[list[str]], flag: list[bool]
               ) -> Iterator[tuple[list[str], bool]]:
    """Each record with whether its lines carried undecodable bytes (the flag marked_lines
    sets while the record is read), so records can be read ahead of their rows."""
    for record in records:
        yield record, flag[0]
        flag[0] = False


def utf8_read_as_1252(cell: str) -> bool:
    """True when the cell's Windows-1252 bytes are valid multi-byte UTF-8 ("Ã©" for "é")."""
    if cell.isascii():
        return False
    try:
        cell.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return False
    return True


def build_problem_row(number: int, keys: list[str], record: list[str], undecodable: bool,
                      limit: int, *, cp1252: bool = False) -> SourceRow:
    """The slow path: name every problem of the row, keep every cell."""
    problems: list[str] = []
    problem_field: str | None = None
    values: dict[str, str | list[str]] = {}
    cells: list[str] = []
    for i, read in enumerate(record):
        key = keys[i] if i < len(keys) else EXTRA_CELLS
        cell = read
        if undecodable and UNDECODABLE in cell:
            cell = cell.replace(UNDECODABLE, "\ufffd")
            if "undecodable bytes" not in problems:
                problems.append("undecodable bytes")
            problem_field = problem_field or key
        if cp1252 and utf8_read_as_1252(cell):
            if "UTF-8 text in a Windows-1252 file" not in problems:
                problems.append("UTF-8 text in a Windows-1252 file")
            problem_field = problem_field or key
        if limit and len(cell) > limit:
            cell = cell[:limit]
            problems.append(f"cell longer than {limit} characters, truncated")
            problem_field = problem_field or key
        cells.append(cell)
    values.update(zip(keys, cells, strict=False))
    if len(record) > len(keys):
        values[EXTRA_CELLS] = cells[len(keys):]
        problems.append(f"ragged row: {len(record)} cells, header has {len(keys)}")
        problem_field = problem_field or EXTRA_CELLS
    elif len(record) < len(keys):
        problems.append(f"ragged row: {len(record)} cells, header has {len(keys)}")
    return SourceRow(number, values, problem="; ".join(problems) or None,
                     problem_field=problem_field)
