"""Twin files: the same table delivered twice (a CSV and its XLSX twin, an export re-run), found
by content, not by name, so that it is read once and not counted twice in the balance.

Two files are twins when they have the same columns (names compared case-insensitively), the
same number of rows, and nearly all cells of their first rows agree once written plainly
(a workbook's typed cells are `1.0` for `1`, or a date with a midnight time).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SAMPLE_ROWS = 200
AGREEMENT = 0.9  # of the sampled cells that must agree
_TRAILING_ZERO = re.compile(r"^(-?\d+)\.0+$")
_MIDNIGHT = re.compile(r"[T ]00:00(:00(\.0+)?)?$")


def plain(value: object) -> str:
    text = "" if value is None else str(value).strip().casefold()
    text = _TRAILING_ZERO.sub(r"\1", text)
    return _MIDNIGHT.sub("", text)


@dataclass
class TableSample:
    name: str
    columns: tuple[str, ...]
    rows: int
    sample: list[tuple[str, ...]]  # the first rows, cells written plainly in column order
    text_format: bool  # CSV/text (read first: it is what the clinic's system wrote)

    @classmethod
    def of(cls, name: str, header: Sequence[str], rows: int,
           first_rows: Sequence[Mapping[str, object]], text_format: bool) -> TableSample:
        columns = tuple(h.casefold() for h in header)
        by_key = [{k.casefold(): v for k, v in row.items()} for row in first_rows[:SAMPLE_ROWS]]
        sample = [tuple(plain(row.get(c)) for c in columns) for row in by_key]
        return cls(name, columns, rows, sample, text_format)


def agreement(a: TableSample, b: TableSample) -> float:
    if sorted(a.columns) != sorted(b.columns) or a.rows != b.rows or not a.sample:
        return 0.0
    order = [b.columns.index(c) for c in a.columns]
    cells = agree = 0
    for left, right in zip(a.sample, b.sample, strict=False):
        for i, j in enumerate(order):
            cells += 1
            agree += left[i] == right[j]
    return agree / cells if cells else 0.0


def find_twins(tables: Sequence[TableSample]) -> dict[str, tuple[str, float]]:
    """twin file -> (the file read in its place, share of sampled cells that agree)."""
    ordered = sorted(tables, key=lambda t: (not t.text_format, t.name))
    twins: dict[str, tuple[str, float]] = {}
    for i, table in enumerate(ordered):
        if table.name in twins:
            continue
        for other in ordered[i + 1:]:
            if other.name in twins:
                continue
            share = agreement(table, other)
            if share >= AGREEMENT:
                twins[other.name] = (table.name, share)
    return twins


def ids_of(table: TableSample, column: str) -> set[str]:
    folded = column.casefold()
    if folded not in table.columns:
        return set()
    at = table.columns.index(folded)
    return {row[at] for row in table.sample if row[at]}


def colliding_tables(tables: Sequence[tuple[TableSample, str, str]]) -> dict[str, tuple[str, str]]:
    """Tables of one kind whose ids restart (employees beside providers: both numbered from 1)
    but that are not one table split in parts (their columns differ): the smaller's ids get a
    prefix. Input (table, kind, id column); returns table -> (prefix, the table it collides
    with)."""
    out: dict[str, tuple[str, str]] = {}
    ordered = sorted(tables, key=lambda t: (-t[0].rows, t[0].name))
    for i, (first, kind, first_col) in enumerate(ordered):
        for other, other_kind, other_col in ordered[i + 1:]:
            if (other_kind != kind or other.name in out or first.name in out
                    or sorted(first.columns) == sorted(other.columns)):
                continue
            if ids_of(first, first_col) & ids_of(other, other_col):
                stem = other.name.split("#")[-1].rsplit(".", 1)[0]
                out[other.name] = (re.sub(r"\W+", "-", stem.casefold()).strip("-") + "-",
                                   first.name)
    return out
