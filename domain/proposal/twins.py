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

from domain.records.normalise import parse_date

SAMPLE_ROWS = 200
AGREEMENT = 0.9  # of the sampled cells that must agree
_TRAILING_ZERO = re.compile(r"^(-?\d+)\.0+$")
_MIDNIGHT = re.compile(r"[T ]00:00(:00(\.0+)?)?$", re.IGNORECASE)
# a moment's time of day at its end: `11 Aug 2018 15:41`, `2018-08-11t15:41:00`, `9:05 am`
_CLOCK = re.compile(r"^(.+?)[t ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([ap])?\.?m?\.?$")


def plain(value: object) -> str:
    text = "" if value is None else str(value).strip().casefold()
    text = _TRAILING_ZERO.sub(r"\1", text)
    return _MIDNIGHT.sub("", text)


def _moments(text: str) -> frozenset[str]:
    """The dates (to the minute, with a time of day) a cell may stand for, either day/month
    order: a workbook's date cell and the CSV's `08 May 1986` are one value written twice."""
    if not text or text.isdigit() or not any(c.isdigit() for c in text):
        return frozenset()  # a number is no date here, however a spreadsheet counts days
    clock = ""
    if found := _CLOCK.match(text):
        hour = int(found[2])
        if found[4]:  # `9:05 pm`
            hour = hour % 12 + (12 if found[4] == "p" else 0)
        text, clock = found[1], f"t{hour:02d}:{found[3]}"
    out = set()
    for order in ("DMY", "MDY"):
        try:
            out.add(parse_date(text, order)[0].isoformat() + clock)
        except ValueError:
            continue
    return frozenset(out)


def _same(left: str, right: str) -> bool:
    return left == right or bool(_moments(left) & _moments(right))


@dataclass
class TableSample:
    name: str
    columns: tuple[str, ...]
    rows: int
    sample: list[tuple[str, ...]]  # the first rows, cells written plainly in column order
    # CSV/text: read first (it is what the clinic's system wrote), unless saved from a workbook
    text_format: bool

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
            agree += _same(left[i], right[j])
    return agree / cells if cells else 0.0


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _typed_dates(text: TableSample, book: TableSample) -> bool:
    """The workbook keeps dates as date cells (written ISO) that the text file spells its own
    way (`08 May 1986`, `10/11/1986`): the text file was saved from the workbook, whose
    dates say their day and month beyond doubt."""
    order = [book.columns.index(c) for c in text.columns]
    return any(left[i] != right[j] and _ISO.match(right[j]) and _same(left[i], right[j])
               for left, right in zip(text.sample, book.sample, strict=False)
               for i, j in enumerate(order))


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
            if share < AGREEMENT:
                continue
            if table.text_format and not other.text_format and _typed_dates(table, other):
                twins[table.name] = (other.name, share)
                break
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
