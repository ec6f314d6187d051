"""Writes a zoo export: its files (CSV/TXT/XLSX as the vendor lays them out) and its answer key.

A `Table` is one file (or one sheet of a workbook) with its header, data rows and the truth
about it: the record kind, the canonical field of every column, how many records of each kind
it should land, and which rows must not land (with why). The answer key is written from these
declarations, never from anything the engine proposes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tools.stable_xlsx import normalise_zip_times


@dataclass
class Layout:
    encoding: str = "utf-8"
    delimiter: str = ","
    newline: str = "\r\n"
    title: list[list[str]] = field(default_factory=list)  # report lines above the header
    footer: list[list[str]] = field(default_factory=list)  # total lines below the data
    repeat_header_every: int = 0  # the header again after every N data rows (page breaks)


@dataclass
class Table:
    name: str  # file name; "Book.xlsx#Sheet" for one sheet of a workbook
    kind: str  # canonical kind of the rows, or "none" (a table with no canonical home)
    columns: dict[str, str]  # header -> "kind.field" | "custom" | "drop" | "kind.field (note)"
    rows: list[list[Any]]  # str cells; XLSX sheets may hold real dates and numbers
    records: dict[str, int]  # records per kind this file should land
    bad_rows: list[dict[str, Any]] = field(default_factory=list)  # {row, reason}
    duplicate_rows: list[dict[str, Any]] = field(default_factory=list)  # {row, of_row, reason}
    layout: Layout = field(default_factory=Layout)
    twin_of: str | None = None  # the same table delivered again in another format
    routed: dict[str, Any] | None = None  # rows sent to another kind by a column's value
    notes: list[str] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return list(self.columns)

    def key(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "rows": len(self.rows),
                               "records": dict(self.records), "columns": dict(self.columns)}
        lay = self.layout
        if not self.name.split("#")[0].endswith(".xlsx"):
            out["layout"] = {"encoding": lay.encoding, "delimiter": lay.delimiter,
                             "title_lines": len(lay.title), "footer_lines": len(lay.footer),
                             "repeated_header": bool(lay.repeat_header_every)}
        for name in ("bad_rows", "duplicate_rows", "notes"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.twin_of:
            out["twin_of"] = self.twin_of
        if self.routed:
            out["routed"] = self.routed
        return out


def text_lines(table: Table) -> list[list[str]]:
    lay = table.layout
    lines = [*lay.title, table.headers]
    for n, row in enumerate(table.rows):
        if lay.repeat_header_every and n and n % lay.repeat_header_every == 0:
            lines += [[], table.headers]
        lines.append(row)
    return lines + lay.footer


def write_text(folder: Path, table: Table) -> None:
    lay = table.layout
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=lay.delimiter, lineterminator=lay.newline)
    writer.writerows(text_lines(table))
    (folder / table.name).write_bytes(buffer.getvalue().encode(lay.encoding))


def write_book(folder: Path, file_name: str, sheets: list[Table]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for table in sheets:
        label = table.name.split("#", 1)[1] if "#" in table.name else "Sheet1"
        sheet = book.create_sheet(label[:31])
        for line in [*table.layout.title, table.headers, *table.rows, *table.layout.footer]:
            sheet.append(list(line))
    target = folder / file_name
    book.save(target)
    normalise_zip_times(target)


def write_export(folder: Path, meta: dict[str, Any], tables: list[Table]) -> dict[str, Any]:
    """All files of one export plus answer_key.yaml; returns the key."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file() and old.name not in ("PROVENANCE.md",):
            old.unlink()
    books: dict[str, list[Table]] = {}
    for table in tables:
        file_name = table.name.split("#")[0]
        if file_name.endswith(".xlsx"):
            books.setdefault(file_name, []).append(table)
        else:
            write_text(folder, table)
    for file_name, sheets in books.items():
        write_book(folder, file_name, sheets)
    expected: dict[str, int] = {}
    for table in tables:
        if table.twin_of:
            continue
        for kind, n in table.records.items():
            expected[kind] = expected.get(kind, 0) + n
    key = {**meta, "expected": dict(sorted(expected.items())),
           "files": {t.name: t.key() for t in tables}}
    with (folder / "answer_key.yaml").open("w", encoding="utf-8") as out:
        out.write("# Written from the export's declarations before any proposer ran on it.\n")
        yaml.safe_dump(key, out, sort_keys=False, allow_unicode=True, width=100)
    return key
