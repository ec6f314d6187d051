"""References written as names: a note's `user` holding `tobrien`, an appointment's
`Practitioner` holding a login or a display name. When the values are the distinct values of one
column of a small file of the kind the reference points at (its username, its display name),
a value map turns each into that file's id, so the reference resolves; said with its reasons."""

from __future__ import annotations

from collections.abc import Mapping

from domain.mapping import FileMapping
from domain.records.canonical import REFERENCES

FOUND = 0.9  # share of the names that must be found in the other file's column
MOSTLY = 0.8  # share of the other file's rows with a value of their own in that column


def resolve_names(live: Mapping[str, FileMapping], values: Mapping[str, set[str] | None],
                  rows: Mapping[str, tuple[str, list[Mapping[str, object]]]],
                  file_of: Mapping[str, str]) -> None:
    """`values`: per '<file>\\0<column>' the names a reference column holds (identifiers left
    out); `rows`: per small file its own id column and its rows; `file_of`: file -> kind."""
    for key, seen in values.items():
        name, _, header = key.partition("\0")
        column = live[name].columns[header]
        kind = REFERENCES.get(tuple((column.target or "").split(".", 1)))  # type: ignore[arg-type]
        if kind is None or column.values or not seen:
            continue
        for other, (own, kept) in rows.items():
            if other == name or file_of[other] != kind:
                continue
            found = _by_column(seen, own, kept)
            if found is not None:
                by, ids, shared = found
                column.values = ids
                column.reasons.append(
                    f"holds {kind} names as {other} writes them in '{by}': each read as that "
                    f"row's id ('{own}')" + (f"; {shared} name(s) several rows share are left "
                                             "as written" if shared else ""))
                break


def _by_column(seen: set[str], own: str, kept: list[Mapping[str, object]]
               ) -> tuple[str, dict[str, str], int] | None:
    """(column, name -> id for names one row has, names several rows share) of the first
    column of mostly distinct values holding (nearly) all the names."""
    columns = [c for c in (kept[0] if kept else {}) if c != own]
    for col in columns:
        rows: dict[str, list[str]] = {}
        for r in kept:
            rows.setdefault(str(r.get(col) or "").strip(), []).append(str(r.get(own) or ""))
        rows.pop("", None)
        if len(rows) < MOSTLY * len(kept):
            continue  # a code or a category, not one name per row
        present = [v for v in seen if v in rows]
        if present and len(present) >= FOUND * len(seen):
            ids = {v: rows[v][0].strip() for v in sorted(present) if len(rows[v]) == 1}
            return col, ids, len(present) - len(ids)
    return None
