"""References written as names: a note's `user` holding `tobrien`, an appointment's
`Practitioner` holding a login or a display name, a `Client` holding "Smith, Jane" beside a
patient file with ids of its own, a session naming its client by email. When the values are
(nearly all) those of one column of the file of the kind the reference points at, or its
people's first and last names however written, a value map turns each into that row's id, so
the reference resolves; a name several rows have is listed as ambiguous (a row naming it is
quarantined, naming the column). The file pointed at is read once, page by page, whatever
its size (domain.proposal.tables.name_index)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from domain.ids import sealed
from domain.mapping import ColumnMapping, DerivedId, FileMapping
from domain.ports import GROUP_COLUMN
from domain.proposal.match import SELF_WORDS
from domain.proposal.tables.name_index import (
    FOUND,
    PERSON,
    Index,
    Match,
    Rows,
    RowsOf,
    build,
    fold,
    match,
    person_key,
)
from domain.proposal.text import phrase
from domain.records.canonical import REFERENCES
from domain.records.rules import id_from_parts
from domain.records.values.yes_no import NO, YES

STAFF = "provider"
PATIENT = "patient"
# Header words of a column naming the staff member a row is with or by.
STAFF_WORDS = frozenset({"calendar", "diary", "practitioner", "provider", "clinician",
                         "therapist", "staff", "doctor", "dentist", "author", "resource"})
WITH_STAFF = frozenset({"appointment", "clinical_note", "communication"})  # events with or by staff
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
Values = Mapping[str, set[str] | None]


def resolve_by_name(live: Mapping[str, FileMapping], sets: Mapping[str, Any],
                    own_ids: Mapping[str, str], rows_of: RowsOf | None) -> None:
    """References written as emails or names (see the module's doc), from the value sets
    gathered while profiling (domain.proposal.tables.keys.ValueSets); `own_ids`: per file its
    own id column; `rows_of(file)` reads a file's rows again, page by page."""
    values = {f"{n}\0{h}": sets[n].values.get(h) for n, fm in live.items() for h in fm.columns
              if not sets[n].refs(h)}
    for n, fm in live.items():
        for h in sorted(sets[n].many_names & set(fm.columns)):
            ref_kind, _, ref_field = (fm.columns[h].target or "").partition(".")
            if rows_of is not None and (ref_kind, ref_field) in REFERENCES:
                values[f"{n}\0{h}"] = _all_values(rows_of(n), h)
    file_of = {n: fm.kind for n, fm in live.items()}
    owned = {n: (own, read) for n, own in own_ids.items()
             if (read := _rows(n, sets[n], rows_of)) is not None}
    named = named_rows(live, sets, rows_of)
    indexes = index_files(live, values, {**owned, **named}, file_of)
    resolve_emails(live, values, owned, file_of, indexes)
    resolve_names(live, values, {**named, **owned}, file_of, indexes)


def _all_values(rows: Iterable[Mapping[str, object]], header: str) -> set[str]:
    """Every distinct value of a reference by name too varied to keep while profiling (more
    patients named than the values kept per column): the names its value map will hold."""
    out: set[str] = set()
    for row in rows:
        text = str(row.get(header) or "").strip()
        if text:
            out.add(text)
    return out


def _rows(name: str, sets: Any, rows_of: RowsOf | None) -> Rows | None:
    """A file's rows to index: those kept of a small file, else read again, page by page."""
    kept = sets.kept
    if kept:
        return _given(kept)
    if rows_of is None or not sets.rows:
        return None
    return lambda: rows_of(name)


def _candidates(fm: FileMapping, header: str) -> list[tuple[str, str | None]]:
    """(the kind a column may name by name, the target it takes when it has none yet): its
    reference's kind; staff, for a column with no field whose name says staff; a kind the
    row's kind refers to and no column gives, when the column's name says that kind (`Patient
    Name`), or for a report's group column (its values say which)."""
    column = fm.columns[header]
    kind = REFERENCES.get(tuple((column.target or "").split(".", 1)))  # type: ignore[arg-type]
    if kind or column.target:
        return [(kind, None)] if kind else []
    staff = _staff_reference(fm, header)
    if staff:
        return [(STAFF, staff)]
    held = {c.target for c in fm.columns.values()}
    free: list[tuple[str, str | None]] = [
        (to, f"{fm.kind}.{f}") for (k, f), to in REFERENCES.items()
        if k == fm.kind and f != "source_id" and f"{fm.kind}.{f}" not in held]
    if header == GROUP_COLUMN:
        return free
    words = set(phrase(header).tokens)  # `Patient Name` where no column holds the patient's id
    said = [(to, target) for to, target in free if words & SELF_WORDS.get(to, frozenset())]
    # a visit's or a note's staff member under a header no vocabulary knows (`Operatore`), a
    # policy's `Policy Holder`: tried last, taken only when nearly every value is the name of
    # a staff member or a patient of the export
    return said + [(to, target) for to, target in free if (to, target) not in said and (
        to == PATIENT or (to == STAFF and fm.kind in WITH_STAFF))]


def _emails(seen: set[str] | None) -> bool:
    return bool(seen) and sum(1 for v in seen or () if EMAIL.match(v)) >= FOUND * len(seen or ())


def _name_columns(fm: FileMapping
                  ) -> tuple[tuple[str, str] | None, list[str], str | None, str | None]:
    """A file's first and last name columns, its columns of whole names, its birth date
    column (a name written with the birth date finds its person by both) and its email."""
    by = {c.target: h for h, c in fm.columns.items() if c.target}
    first, last = by.get(f"{fm.kind}.first_name"), by.get(f"{fm.kind}.last_name")
    whole = [h for h, c in fm.columns.items() if c.parts == "name"]
    pair = (first, last) if first and last and first != last else None
    return pair, whole, by.get(f"{fm.kind}.date_of_birth"), by.get(f"{fm.kind}.email")


def index_files(live: Mapping[str, FileMapping], values: Values,
                rows: Mapping[str, tuple[str, Rows]], file_of: Mapping[str, str]
                ) -> dict[str, Index]:
    """Each file a reference by name or email may point at, read once: indexed by what the
    referring columns hold."""
    wanted: set[str] = set()
    people: set[str] = set()
    kinds: set[str] = set()
    for key, seen in values.items():
        name, _, header = key.partition("\0")
        if not seen or live[name].columns[header].values:
            continue
        named = [k for k, _ in _candidates(live[name], header)]
        by_email = [] if named else _email_targets(live, name, header, seen, rows, file_of)
        if not named and not by_email:
            continue
        kinds.update(named or (file_of[other] for other, _, _ in by_email))
        wanted.update(fold(v) for v in seen)
        if named:
            people.update(k for v in seen if (k := person_key(v)) is not None)
    out: dict[str, Index] = {}
    for other, (own, read) in rows.items():
        if file_of[other] in kinds and wanted:
            names, whole, born, email = _name_columns(live[other]) if other in live else (
                None, [], None, None)
            if own == NAMED_ID:  # made from names: the person index reads them too
                whole = [*whole, WHOLE]
            out[other] = build(read(), own, wanted, people, names, whole, born, email)
    return out


def _email_targets(live: Mapping[str, FileMapping], name: str, header: str,
                   seen: set[str], rows: Mapping[str, tuple[str, Rows]],
                   file_of: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(file, reference field, its email column) of each other file a column of emails may
    name people of: a file of a kind the row's kind refers to, with an email column."""
    fm = live[name]
    if fm.columns[header].target == f"{fm.kind}.email" or not _emails(seen):
        return []
    out: list[tuple[str, str, str]] = []
    for other in rows:
        kind = file_of[other]
        field = next((f for (k, f), to in REFERENCES.items() if k == fm.kind and to == kind),
                     None)
        by = next((h for h, c in live[other].columns.items()
                   if c.target == f"{kind}.email"), None) if other in live else None
        if other != name and kind != fm.kind and field is not None and by is not None:
            out.append((other, field, by))
    return out


def _resolved(column: ColumnMapping, found: Match, kind: str) -> str:
    """The value map set on the column, and the names several rows share: a row naming one
    of several patients is quarantined (it belongs to one of them, which is not known), one
    naming one of several staff members keeps the name as written. Returns what to add to
    the column's reasons."""
    # a person's name or email is kept as its hash: mapping.yaml is not encrypted as the log
    # is; staff names stay readable for the operator to check
    column.values = found.ids if kind == STAFF else {sealed(k): v for k, v in found.ids.items()}
    if not found.several:
        return ""
    if kind == PATIENT:
        column.ambiguous = [sealed(n) for n in found.several]
        return (f"; {len(found.several)} name(s) several rows share: a row naming one is "
                "quarantined")
    return f"; {len(found.several)} name(s) several rows share are left as written"


def resolve_names(live: Mapping[str, FileMapping], values: Values,
                  rows: Mapping[str, tuple[str, Rows]], file_of: Mapping[str, str],
                  indexes: Mapping[str, Index]) -> None:
    """`values`: per '<file>\\0<column>' the names a reference column holds (identifiers left
    out); `rows`: per file its own id column and its rows; `file_of`: file -> kind."""
    for key, seen in values.items():
        name, _, header = key.partition("\0")
        column = live[name].columns[header]
        if column.values or not seen or all(v.strip().casefold() in YES | NO for v in seen):
            continue  # `Yes`/`No` name no one, whatever another file's flag column holds
        for kind, free in _candidates(live[name], header):
            if _resolve_name(column, header, kind, free, (name, seen), rows, file_of, indexes):
                if free:
                    _id_from(live[name], header)
                break


def _id_from(fm: FileMapping, header: str) -> None:
    """A file with no id of its own whose reference was found by its names (a report's group
    column): ids from that reference and a digest of the row, as for any child table."""
    if fm.derived_id is not None or any(c.target == f"{fm.kind}.source_id"
                                        for c in fm.columns.values()):
        return
    fm.derived_id = DerivedId(columns=[header], content=True, reasons=[
        f"no column holds the {fm.kind}'s own id: made from '{header}' and a digest of the row"])


def _resolve_name(column: ColumnMapping, header: str, kind: str, free: str | None,
                  named: tuple[str, set[str]], rows: Mapping[str, tuple[str, Rows]],
                  file_of: Mapping[str, str], indexes: Mapping[str, Index]) -> bool:
    """The column's names read as the ids of the first file of `kind` holding them."""
    name, seen = named
    for other, (own, _) in rows.items():
        index = indexes.get(other)
        if other == name or file_of[other] != kind or index is None:
            continue
        found = match(index, seen, people=True)
        if found is None:
            continue
        if free:  # what was said of it as a custom field no longer holds
            column.reasons = [r for r in column.reasons if not any(
                said in r for said in ("custom field", "become its choices", "closest canonical",
                                       "also fits"))]
            column.target, column.custom_field, column.custom_field_type = free, None, None
            column.confidence, column.flagged = 0.75, False
            column.reasons.append(f"'{header}' names {kind}s: a reference, {free}")
        by = "first and last names" if found.column == PERSON else f"'{found.column}'"
        column.reasons.append(
            f"holds {kind} names as {other} writes them in {by}: each read as that "
            f"row's id ('{own}')" + _resolved(column, found, kind))
        return True
    return False


def _staff_reference(fm: FileMapping, header: str) -> str | None:
    """The reference to staff a column with no field may be (an appointment's `Calendar`),
    when its name says staff and no other column holds that reference."""
    field = next((f for (k, f), to in REFERENCES.items() if k == fm.kind and to == STAFF), None)
    target = f"{fm.kind}.{field}"
    if field is None or not set(phrase(header).tokens) & STAFF_WORDS or any(
            c.target == target for c in fm.columns.values()):
        return None
    return target


def resolve_emails(live: Mapping[str, FileMapping], values: Values,
                   rows: Mapping[str, tuple[str, Rows]], file_of: Mapping[str, str],
                   indexes: Mapping[str, Index]) -> None:
    """A session naming its client by email: a column of emails that are (nearly all) the
    own emails of another file's people is a reference to that kind, each email read as that
    person's id; a column that held the reference by name beside it no longer does."""
    for key, seen in values.items():
        name, _, header = key.partition("\0")
        fm = live[name]
        column = fm.columns[header]
        if not seen or column.values:
            continue
        for other, field, by in _email_targets(live, name, header, seen, rows, file_of):
            kind, own, index = file_of[other], rows[other][0], indexes.get(other)
            if index is None:
                continue
            found = match(Index(index.rows, {by: index.keys.get(by, {})}, index.who),
                          {v.strip().casefold() for v in seen}, people=False)
            if found is None:
                continue
            target = f"{fm.kind}.{field}"
            if any(c is not column and c.target == target and f"{name}\0{h}" not in values
                   for h, c in fm.columns.items()):
                break  # `ClientId` beside `ClientEmail`: the ids say it, the email repeats it
            for held in fm.columns.values():
                if held is not column and held.target == target:
                    held.target, held.custom_field, held.custom_field_type = None, None, None
                    held.reasons.append(f"not {target}: '{header}' names them by email")
            column.target, column.custom_field, column.custom_field_type = target, None, None
            column.confidence, column.flagged = 0.8, False
            column.reasons.append(
                f"holds the emails {other} gives its {kind}s in '{by}': each read as that "
                f"row's id ('{own}'), a reference, {target}" + _resolved(column, found, kind))
            break


NAMED_ID = "(id from the names)"  # a derived id from name columns


def named_rows(live: Mapping[str, FileMapping], sets: Mapping[str, Any],
               rows_of: RowsOf | None = None) -> dict[str, tuple[str, Rows]]:
    """Files whose id their names make: from two columns (`Nom`, `Prénom` ->
    `Pelletier:Noah`), each row with that id and its names written either way round
    (`Pelletier Noah`, `Noah Pelletier`), as other files name them, and the two columns as
    they are, for the person index (`Pelletier, Noah` is neither order); from one column of whole
    names (a printed report's `Client`, "Lee, Emma", with no id anywhere), each row with that
    id, indexed by the person's first and last names (`Emma Lee` finds it)."""
    out: dict[str, tuple[str, Rows]] = {}
    for name, fm in live.items():
        made, kept = fm.derived_id, sets[name].kept
        if made is None or made.content:
            continue
        if len(made.columns) == 1:
            read = _rows(name, sets[name], rows_of)
            if read is not None:
                out[name] = (NAMED_ID, _whole_names(made.columns[0], read, made.digest))
            continue
        if len(made.columns) != 2 or not kept:
            continue
        a, b = made.columns
        rows: list[Mapping[str, object]] = []
        for r in kept:
            x, y = (str(r.get(c) or "").strip() for c in (a, b))
            rows.append({NAMED_ID: id_from_parts([x, y], made.digest), f"{a} {b}": f"{x} {y}",
                         f"{b} {a}": f"{y} {x}", a: x, b: y})
        out[name] = (NAMED_ID, _given(rows))
    return out


WHOLE = "(whole name)"  # the column of whole names a one-column derived id is made from


def _whole_names(header: str, read: Rows, digest: bool) -> Rows:
    """The rows of a file whose id is one column of names, as the index reads them: the id
    (as domain.records.rules.derived_id makes it from the name) and the name again in WHOLE,
    which index_files reads as a person's names."""
    def rows() -> Iterable[Mapping[str, object]]:
        for r in read():
            text = str(r.get(header) or "").strip()
            yield {NAMED_ID: id_from_parts([text], digest), WHOLE: text}
    return rows


def _given(rows: list[Mapping[str, object]]) -> Rows:
    return lambda: rows
