"""References written as names: a note's `user` holding `tobrien`, an appointment's
`Practitioner` holding a login or a display name. When the values are the distinct values of one
column of a small file of the kind the reference points at (its username, its display name),
a value map turns each into that file's id, so the reference resolves; said with its reasons."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from domain.mapping import FileMapping
from domain.proposal.text import phrase
from domain.records.canonical import REFERENCES

FOUND = 0.9  # share of the names that must be found in the other file's column
MOSTLY = 0.8  # share of the other file's rows with a value of their own in that column
STAFF = "provider"
# Header words of a column naming the staff member a row is with or by.
STAFF_WORDS = frozenset({"calendar", "diary", "practitioner", "provider", "clinician",
                         "therapist", "staff", "doctor", "dentist", "author", "resource"})


def resolve_names(live: Mapping[str, FileMapping], values: Mapping[str, set[str] | None],
                  rows: Mapping[str, tuple[str, list[Mapping[str, object]]]],
                  file_of: Mapping[str, str]) -> None:
    """`values`: per '<file>\\0<column>' the names a reference column holds (identifiers left
    out); `rows`: per small file its own id column and its rows; `file_of`: file -> kind."""
    for key, seen in values.items():
        name, _, header = key.partition("\0")
        column = live[name].columns[header]
        kind = REFERENCES.get(tuple((column.target or "").split(".", 1)))  # type: ignore[arg-type]
        free = None if kind or column.target else _staff_reference(live[name], header)
        kind = kind or (free and STAFF)
        if kind is None or column.values or not seen:
            continue
        for other, (own, kept) in rows.items():
            if other == name or file_of[other] != kind:
                continue
            found = _by_column(seen, own, kept)
            if found is not None:
                by, ids, shared = found
                column.values = ids
                if free:
                    column.target, column.custom_field, column.custom_field_type = free, None, None
                    column.confidence, column.flagged = 0.75, False
                    column.reasons.append(f"'{header}' names staff: a reference, {free}")
                column.reasons.append(
                    f"holds {kind} names as {other} writes them in '{by}': each read as that "
                    f"row's id ('{own}')" + (f"; {shared} name(s) several rows share are left "
                                             "as written" if shared else ""))
                break


def _staff_reference(fm: FileMapping, header: str) -> str | None:
    """The reference to staff a column with no field may be (an appointment's `Calendar`),
    when its name says staff and no other column holds that reference."""
    field = next((f for (k, f), to in REFERENCES.items() if k == fm.kind and to == STAFF), None)
    target = f"{fm.kind}.{field}"
    if field is None or not set(phrase(header).tokens) & STAFF_WORDS or any(
            c.target == target for c in fm.columns.values()):
        return None
    return target


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


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def resolve_emails(live: Mapping[str, FileMapping], values: Mapping[str, set[str] | None],
                   rows: Mapping[str, tuple[str, list[Mapping[str, object]]]],
                   file_of: Mapping[str, str]) -> None:
    """A session naming its client by email: a column of emails that are (nearly all) the
    own emails of another file's people is a reference to that kind, each email read as that
    person's id; a column that held the reference by name beside it no longer does."""
    for key, seen in values.items():
        name, _, header = key.partition("\0")
        fm = live[name]
        column = fm.columns[header]
        if (not seen or column.values or column.target == f"{fm.kind}.email"
                or sum(1 for v in seen if EMAIL.match(v)) < FOUND * len(seen)):
            continue
        for other, (own, kept) in rows.items():
            kind = file_of[other]
            field = next((f for (k, f), to in REFERENCES.items() if k == fm.kind and to == kind),
                         None)
            by = next((h for h, c in live[other].columns.items()
                       if c.target == f"{kind}.email"), None)
            if other == name or kind == fm.kind or field is None or by is None:
                continue
            found = _by_column({v.strip().casefold() for v in seen}, own, [
                {by: str(r.get(by) or "").strip().casefold(), own: r.get(own)} for r in kept])
            if found is None:
                continue
            _, ids, shared = found
            target = f"{fm.kind}.{field}"
            for held in fm.columns.values():
                if held is not column and held.target == target:
                    held.target, held.custom_field, held.custom_field_type = None, None, None
                    held.reasons.append(f"not {target}: '{header}' names them by email")
            column.target, column.custom_field, column.custom_field_type = target, None, None
            column.confidence, column.flagged, column.values = 0.8, False, ids
            column.reasons.append(
                f"holds the emails {other} gives its {kind}s in '{by}': each read as that "
                f"row's id ('{own}'), a reference, {target}" + (
                    f"; {shared} email(s) several rows share are left as written"
                    if shared else ""))
            break


NAMED_ID = "(id from the names)"  # a derived id from name columns


def named_rows(live: Mapping[str, FileMapping], sets: Mapping[str, Any]
               ) -> dict[str, tuple[str, list[Mapping[str, object]]]]:
    """Small files whose id their names make (`Nom`, `Prénom` -> `Pelletier:Noah`): each row
    with that id and its names written either way round (`Pelletier Noah`, `Noah Pelletier`),
    as other files name them."""
    out: dict[str, tuple[str, list[Mapping[str, object]]]] = {}
    for name, fm in live.items():
        made, kept = fm.derived_id, sets[name].kept
        if made is None or made.content or len(made.columns) != 2 or not kept:
            continue
        a, b = made.columns
        rows: list[Mapping[str, object]] = []
        for r in kept:
            x, y = (str(r.get(c) or "").strip() for c in (a, b))
            rows.append({NAMED_ID: f"{x}:{y}", f"{a} {b}": f"{x} {y}", f"{b} {a}": f"{y} {x}"})
        out[name] = (NAMED_ID, rows)
    return out
