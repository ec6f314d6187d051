"""Column edits that keep a table's cells and its answer-key truth in step (mutation harness)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tools.zoo.writers import Table

_TRUTH = re.compile(r"^(?P<target>[a-z_]+\.[a-z_0-9]+)(?: \((?P<note>.+)\))?$")


def truth(value: str) -> tuple[str | None, str | None]:
    """(kind.field or None, note): `custom` and `drop` have no target."""
    m = _TRUTH.match(value)
    return (m["target"], m["note"]) if m else (None, value)


def field_of(value: str) -> str | None:
    target, _ = truth(value)
    return target.split(".", 1)[1] if target else None


def column_with(table: Table, field: str) -> str | None:
    """The header of the first column whose truth is `<kind>.field` with no note, or None."""
    for header, value in table.columns.items():
        target, note = truth(value)
        if target and target.split(".", 1)[1] == field and not note:
            return header
    return None


def values(table: Table, header: str) -> list[Any]:
    at = table.headers.index(header)
    return [row[at] if at < len(row) else "" for row in table.rows]


def rename(family: list[Table], old: str, new: str) -> bool:
    """`old` is called `new` in every table of the family; False (nothing done) when `new`
    is already a header there."""
    if old == new or any(new in t.columns for t in family):
        return False
    for t in family:
        t.columns = {(new if h == old else h): v for h, v in t.columns.items()}
        if t.routed and t.routed.get("column") == old:
            t.routed = {**t.routed, "column": new}
    return True


def remove(family: list[Table], header: str) -> None:
    for t in family:
        at = t.headers.index(header)
        t.rows = [r[:at] + r[at + 1:] for r in t.rows]
        del t.columns[header]


def insert(family: list[Table], at: int, header: str, value: str,
           cells: Callable[[Table], list[Any]]) -> None:
    """A new column at position `at`, its cells computed per table of the family."""
    for t in family:
        new = cells(t)
        items = list(t.columns.items())
        items.insert(at, (header, value))
        t.columns = dict(items)
        t.rows = [r[:at] + [c] + r[at:] for r, c in zip(t.rows, new, strict=True)]


def set_values(family: list[Table], header: str, cells: Callable[[Table], list[Any]],
               value: str | None = None) -> None:
    for t in family:
        at = t.headers.index(header)
        for row, cell in zip(t.rows, cells(t), strict=True):
            row[at] = cell
        if value is not None:
            t.columns[header] = value


def reorder(family: list[Table], order: list[str]) -> None:
    for t in family:
        index = [t.headers.index(h) for h in order]
        t.rows = [[r[i] for i in index] for r in t.rows]
        t.columns = {h: t.columns[h] for h in order}
