"""Ids and references from the values, across the files of one export (database tables whose
column names say little: `pid`, `pc_aid`, `facility_id`):
- a file's own id: a complete column of distinct identifiers whose name ends in `id`;
- a reference: a column whose values are (nearly all) ids of another file; the file it points
  at, by how much of that file's ids it uses, gives the kind it refers to;
- the id other files use: of two id columns (`id` and `pid`), the one the references point at.
Pure: it reads value sets gathered while profiling (ValueSets, bounded) and edits the proposed
mapping, each change with its reasons (then padded, parents, places, names, second_keys).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from domain.mapping import FileMapping, MappingDocument
from domain.proposal.match import SELF_WORDS
from domain.proposal.people.references import (
    Contested,
    few_beside_names,
    ids_beside_names,
    named_on_the_row,
    names_in,
    retarget,
    second_choice,
    settle,
)
from domain.proposal.people.references import unset as _unset
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.references import is_chart_number, own_chart
from domain.proposal.shapes import classify, one_series
from domain.proposal.tables.name_index import RowsOf
from domain.proposal.tables.names import resolve_by_name
from domain.proposal.tables.padded import padded_references
from domain.proposal.tables.parents import ID_WORDS, parent_not_own
from domain.proposal.tables.parts import joined_parts
from domain.proposal.tables.places import places_not_references, site_as_location
from domain.proposal.tables.second_keys import resolve_second_keys
from domain.proposal.text import custom_field_name, phrase, raw_tokens, readings, singular
from domain.records.canonical import KIND_FIELDS, REFERENCES

VALUES_CAP = 5000  # distinct values kept per column; past it the column is no key
VALUE_MAX = 40  # characters: longer values are text, never an id
SENTINELS = frozenset({"0", "-1", "null", "none"})  # "no reference" in database exports
CONTAINED = 0.9  # share of a column's values that must be ids of the file it points at
IDENTIFIER_SHAPES = frozenset({"integer", "uuid", "code"})
# Kinds whose record names another by name only (a policy names its insurer, who is a company)
NAMED_BY = {("insurance", "company"): "carrier_name"}
# Kinds a record of exists only in a file of its own: an office or site id (`office`) with no
# such file names nothing the run could create, unlike a person found by name or email.
LISTED_ONLY = frozenset({"company"})
KEEP_ROWS = 200  # rows of a small table kept whole, for names by id
# A staff or site code (`OSMI`, `AG1`): read as a name's shape, an id when the header says so
_LETTER_CODE = re.compile(r"[A-Z]{2,8}\d{0,3}")


@dataclass
class ValueSets:
    """Distinct values per column (None once past the cap or a long value): what id and
    reference columns are judged by. Memory is bounded by VALUES_CAP per column."""

    rows: int = 0
    filled: dict[str, int] = field(default_factory=dict)
    values: dict[str, set[str] | None] = field(default_factory=dict)
    kept: list[Mapping[str, object]] | None = field(default_factory=list)  # a small table's rows
    # Columns past the cap whose values were short and not identifiers (names, most likely):
    # a reference by name among them is read again, in full, when it is resolved.
    many_names: set[str] = field(default_factory=set)

    def add(self, row: Mapping[str, object]) -> None:
        self.rows += 1
        if self.kept is not None and self.rows <= KEEP_ROWS:
            self.kept.append(dict(row))
        elif self.kept is not None:
            self.kept = None
        for header, value in row.items():
            text = "" if value is None else str(value).strip()
            if not text:
                continue
            self.filled[header] = self.filled.get(header, 0) + 1
            seen = self.values.setdefault(header, set())
            if seen is None:
                if len(text) > VALUE_MAX:
                    self.many_names.discard(header)
                continue
            if len(text) > VALUE_MAX or (len(seen) >= VALUES_CAP and text not in seen):
                self.values[header] = None
                if len(text) <= VALUE_MAX and not _identifiers(seen):
                    self.many_names.add(header)
            else:
                seen.add(text)

    def key(self, header: str, letters: bool = False) -> frozenset[str] | None:
        """The column's values when they identify the rows: every row has one, none twice,
        and they are identifiers (numbers, codes), not dates or names; with `letters`, short
        codes in capitals too (`OSMI`: a column already taken for the file's own id)."""
        seen = self.values.get(header)
        if not seen or self.filled.get(header, 0) != len(seen) or len(seen) < 0.98 * self.rows:
            return None
        coded = letters and all(_LETTER_CODE.fullmatch(v) for v in seen)
        return frozenset(seen) if coded or _identifiers(seen) else None

    def refs(self, header: str, letters: bool = False) -> frozenset[str]:
        """The column's identifiers (empty otherwise); `letters`: codes in capitals too (`DBS`, a company's)."""
        seen = self.values.get(header)
        found = frozenset(v for v in seen or () if v.casefold() not in SENTINELS)
        coded = letters and all(_LETTER_CODE.fullmatch(v) for v in found)
        return found if found and (coded or _identifiers(found)) else frozenset()


def _identifiers(values: set[str] | frozenset[str]) -> bool:
    ids = sum(1 for v in values if classify(v)[0] & IDENTIFIER_SHAPES)
    return ids >= 0.95 * len(values) or one_series(values)


def _idlike(col: ColumnProfile) -> float:
    return 0.0 if col.dialled else col.share_any("integer", "uuid", "code")


def _letter_codes(col: ColumnProfile) -> bool:
    seen = [v.strip() for v in col.distinct if v.strip()]
    return bool(seen) and not col.distinct_overflow and all(_LETTER_CODE.fullmatch(v) for v in seen)


def _names_an_id(reading: str) -> bool:
    tokens = phrase(reading).tokens
    raw = reading.casefold()
    return bool(set(tokens) & ID_WORDS) or raw.endswith("id")


def _names_another(kind: str, reading: str) -> bool:
    """`Chart No`, `Patient No` in a balance file: the id of another record, not the row's."""
    tokens = set(phrase(reading).tokens)
    if "referral" not in {singular(t) for t in raw_tokens(reading)}:
        tokens.discard("referral")  # `Claim Ref`: a reference, the row's own, not a referral
    return is_chart_number(reading) or any(
        tokens & words for other, words in SELF_WORDS.items() if other != kind)


def propose_own_id(fm: FileMapping, read_as: Mapping[str, str], profile: FileProfile) -> None:
    """A file with no id column by name: the first complete column of distinct identifiers
    whose name ends in `id` (`pc_eid`) is its own id."""
    own = f"{fm.kind}.source_id"
    if fm.kind not in KIND_FIELDS or any(c.target == own for c in fm.columns.values()):
        return
    for header, column in fm.columns.items():
        col = profile.columns.get(header, ColumnProfile())
        reading = read_as.get(header, header)
        if (column.target is None and col.non_empty and not col.empty
                and col.unique_ratio >= 0.9 and (_idlike(col) >= 0.95 or _letter_codes(col))
                and _names_an_id(reading) and not _names_another(fm.kind, reading)):
            retarget(column, own, 0.75, f"'{header}' names an id and its values are distinct "
                                        f"identifiers on every row: the {fm.kind}'s own id")
            return


@dataclass(frozen=True)
class Link:
    file: str
    column: str
    to_file: str
    to_kind: str
    contained: float  # share of the column's values that are ids of to_file
    used: float  # share of to_file's ids the column uses
    named: bool  # the column's name says it holds ids
    distinct: int  # of the column's values
    said: bool  # its name already made it this reference

    @property
    def score(self) -> float:
        return self.used + (0.5 if self.named else 0.0) + (1.0 if self.said else 0.0)

    @property
    def evident(self) -> bool:
        """Enough to call the column a reference: its name says ids, or it uses most of the
        other file's ids with many values of its own (a small code 1..4 is no evidence)."""
        return self.said or self.named or (self.used >= 0.5 and self.contained >= 0.98
                                           and self.distinct >= 5)


def _links(live: Mapping[str, FileMapping], sets: Mapping[str, ValueSets],
           keys: Mapping[str, tuple[str, frozenset[str]]],
           read_as: Mapping[str, Mapping[str, str]]) -> list[Link]:
    out: list[Link] = []
    for name, fm in live.items():
        for header in fm.columns:
            refs = sets[name].refs(header) or sets[name].refs(header, letters=True)  # `DBS` beside `Code`
            if len(refs) < 2:  # its own id too: it may be its parent's (one row per parent)
                continue
            for other, (_, ids) in keys.items():
                if other == name:
                    continue
                shared = len(refs & ids)
                contained = shared / len(refs)
                if contained < CONTAINED:
                    continue
                reading = read_as.get(name, {}).get(header, header)
                target = fm.columns[header].target or ""
                said = REFERENCES.get(tuple(target.split(".", 1))) == live[other].kind or (  # type: ignore[arg-type]
                    target == f"{fm.kind}.{NAMED_BY.get((fm.kind, live[other].kind))}")
                out.append(Link(name, header, other, live[other].kind, contained,
                                shared / len(ids), _names_an_id(reading), len(refs), said))
    return out


def _reference_field(kind: str, to_kind: str, current: str | None) -> str | None:
    fields = [f for f in KIND_FIELDS.get(kind, ()) if REFERENCES.get((kind, f)) == to_kind]
    if current and current.startswith(f"{kind}.") and current.split(".", 1)[1] in fields:
        return current.split(".", 1)[1]
    return fields[0] if fields else None


def link_files(doc: MappingDocument, sets: Mapping[str, ValueSets],
               rows_of: RowsOf | None = None) -> None:
    """Ids other files use, and references found by their values (see the module's doc);
    `rows_of(file)` reads a file's rows again, page by page, for references by name to a file
    too large to keep."""
    live = {n: fm for n, fm in doc.files.items()
            if n in sets and not fm.skipped and fm.key_value is None and fm.kind in KIND_FIELDS}
    read_as = {n: readings(list(fm.columns)) for n, fm in live.items()}
    candidates = {n: [h for h in fm.columns if sets[n].key(h) is not None]
                  for n, fm in live.items()}
    every_key = {(n, h): sets[n].key(h) or frozenset() for n, hs in candidates.items()
                 for h in hs}
    _choose_own_ids(live, sets, every_key)
    keys: dict[str, tuple[str, frozenset[str]]] = {}
    for name, fm in live.items():
        own = fm.column_of(f"{fm.kind}.source_id")
        if own is not None and (ids := sets[name].key(own, letters=True)):
            keys[name] = (own, ids)
    keys = joined_parts(live, keys)
    links = sorted(_links(live, sets, keys, read_as), key=lambda lk: -lk.score)
    owner: dict[tuple[str, str], str] = {}
    for name, fm in live.items():
        for header, column in fm.columns.items():
            if column.target:
                owner.setdefault((name, column.target), header)
    decided: set[tuple[str, str]] = set()
    contested: list[Contested] = []
    for link in links:
        fm = live[link.file]
        column = fm.columns[link.column]
        if (link.file, link.column) in decided:
            continue
        current = column.target
        if current and not link.said and (current.split(".", 1)[0] == fm.kind
                                          and (fm.kind, current.split(".", 1)[1]) not in REFERENCES
                                          and not parent_not_own(
                                              read_as.get(link.file, {}).get(link.column,
                                                                             link.column),
                                              link.to_kind, link.contained, current,
                                              sets[link.file].key(link.column) is not None)):
            continue  # a field of the row's own (a duration, an amount) said by its name
        field_name = _reference_field(fm.kind, link.to_kind, current)
        names: dict[str, str] = {}
        if field_name is None and (fm.kind, link.to_kind) in NAMED_BY:
            field_name = NAMED_BY[(fm.kind, link.to_kind)]
            names = _names_by_id(live[link.to_file], sets[link.to_file],
                                 sets[link.file].refs(link.column))
        if field_name is None or (field_name in NAMED_BY.values() and not names):
            continue
        target = f"{fm.kind}.{field_name}"
        holder = owner.get((link.file, target))
        if holder is not None and holder != link.column and (link.file, holder) in decided:
            continue
        beside = holder not in (None, link.column) and names_in(
            sets[link.file].values.get(holder or ""), holder in sets[link.file].many_names,
            sets[link.file].refs(holder or ""))
        if not (link.evident or ids_beside_names(link.contained, link.distinct, beside)):
            continue
        decided.add((link.file, link.column))
        why = (f"{round(link.contained * 100)}% of its values are ids of {link.to_file} "
               f"({link.to_kind}), {round(link.used * 100)}% of which it uses")
        if holder and not names and current != target and few_beside_names(
                link.distinct, link.said, beside):
            contested.append(Contested(link.file, link.column, holder, target, why,
                                       0.85 if link.named else 0.7))
            continue
        if current == target:
            column.reasons.append(why)
            if names:
                column.values = names
                column.reasons.append(f"its ids read as the names {link.to_file} gives them")
            continue
        if holder is not None and holder != link.column:
            _unset(fm.columns[holder], f"not {target}: '{link.column}' holds ids of "
                                       f"{link.to_file}", holder)
            second_choice(fm, holder, read_as[link.file].get(holder, holder), owner,
                          link.file)
        if names:
            retarget(column, target, 0.8, f"{why}: the {field_name.replace('_', ' ')}, "
                     f"read from the names {link.to_file} gives its ids")
            column.values = names
        else:
            retarget(column, target, 0.85 if link.named else 0.7,
                     f"{why}: a reference, {target}")
        owner[(link.file, target)] = link.column
    padded_references(live, sets, keys, decided)
    _unresolvable(live, sets, every_key, decided)
    resolve_second_keys(live, sets, every_key, rows_of)
    resolve_by_name(live, sets, {n: own for n, fm in live.items()
                                 if (own := fm.column_of(f"{fm.kind}.source_id")) is not None}, rows_of)
    settle(live, contested, owner, read_as)
    places_not_references(live, sets)


def _names_by_id(table: FileMapping, sets: ValueSets, refs: frozenset[str]) -> dict[str, str]:
    """id -> name from a small table (an insurer list), when it names every id used."""
    own = table.column_of(f"{table.kind}.source_id")
    name = next((h for h, c in table.columns.items() if c.target == f"{table.kind}.name"),
                None)
    if own is None or name is None or sets.kept is None:
        return {}
    found = {str(r.get(own) or "").strip(): str(r.get(name) or "").strip() for r in sets.kept}
    names = {v: found[v] for v in sorted(refs) if found.get(v)}
    return names if len(names) >= CONTAINED * len(refs) else {}


def _unresolvable(live: Mapping[str, FileMapping], sets: Mapping[str, ValueSets],
                  every_key: Mapping[tuple[str, str], frozenset[str]],
                  decided: set[tuple[str, str]]) -> None:
    """A column its name made a reference whose identifiers are ids of no file of that kind
    (while the export has such a file, with ids): a custom field, not a broken reference."""
    for name, fm in live.items():
        for header, column in fm.columns.items():
            kind = REFERENCES.get(tuple((column.target or "").split(".", 1)))  # type: ignore[arg-type]
            refs = sets[name].refs(header)
            pointed = [ids for (other, _), ids in every_key.items() if live[other].kind == kind]
            named = [f for f in live.values() if f.kind == kind]
            if (kind is not None and not pointed and refs and (name, header) not in decided
                    and (((column.flagged or kind in LISTED_ONLY or named_on_the_row(fm, column)) and not named)
                         or (named and all(f.derived_id is not None and not f.derived_id.content
                                           and f.column_of(f"{kind}.source_id") is None for f in named)))):
                # only a name like a reference's (`Provider Number` like `ClinicNum`), or the row naming
                # that person (a referrer's name), and no file of that kind its values could be ids of; or
                # the files of that kind have their names for ids (a staff list), these codes: resolving to nobody
                if not named and site_as_location(fm, column):
                    continue
                _unset(column, f"its values are ids and the export has no {kind} file they "
                               f"could be ids of: not {column.target}, a custom field"
                       if not named and not column.flagged else
                       f"its name only resembles {column.target} and the export has "
                       f"no {kind} file: a custom field" if not named else
                       f"its values are codes and the {kind}s of the export have their names "
                       f"for ids: not {column.target}, a custom field", header)
                continue
            if (kind is None or (name, header) in decided or len(refs) < 2 or not pointed
                    or any(len(refs & ids) >= 0.1 * len(refs)
                           for key, ids in every_key.items() if key != (name, header))):
                continue
            _unset(column, f"its values are ids of no {kind} file of the export: "
                           f"not {column.target}, a custom field", header)


def _is_reference(name: str, header: str, live: Mapping[str, FileMapping],
                  sets: Mapping[str, ValueSets],
                  every_key: Mapping[tuple[str, str], frozenset[str]]) -> bool:
    """The column is a reference by its name, and its values are ids of a file of that kind
    (a balance per patient's chart number: the patient's, not the balance's own)."""
    target = live[name].columns[header].target or ""
    kind = REFERENCES.get(tuple(target.split(".", 1)))  # type: ignore[arg-type]
    refs = sets[name].refs(header)
    return kind is not None and bool(refs) and any(
        live[other].kind == kind and len(refs & ids) >= CONTAINED * len(refs)
        for (other, _), ids in every_key.items() if other != name)


def _choose_own_ids(live: Mapping[str, FileMapping], sets: Mapping[str, ValueSets],
                    every_key: Mapping[tuple[str, str], frozenset[str]]) -> None:
    """Of a file's id columns, the one other files' columns point at is its own id (`pid`
    beside a row number `id` no other file uses; a chart number beside a patient's name)."""
    def pointed_at(name: str, header: str) -> int:
        ids = every_key[(name, header)]
        return sum(1 for other in live if other != name for h in live[other].columns
                   if len(refs := sets[other].refs(h)) >= 2
                   and len(refs & ids) >= CONTAINED * len(refs))
    for name, fm in live.items():
        own = fm.column_of(f"{fm.kind}.source_id")
        keyed = [h for (n, h) in every_key if n == name and h != own
                 and not _is_reference(name, h, live, sets, every_key)
                 and (own_chart(fm.kind, h) or not _names_another(fm.kind, h))]
        if not keyed or (own is not None and (name, own) in every_key
                         and pointed_at(name, own)):
            continue
        points, header = max((pointed_at(name, h), h) for h in keyed)
        if points < 2:
            continue
        if own is not None:
            fm.columns[own].target = None
            fm.columns[own].custom_field = custom_field_name(own)
            fm.columns[own].custom_field_type = "Text"
            fm.columns[own].reasons.append(f"not the id other files use: '{header}' is")
            # its name may say another field no column holds (`NationalProvID`: the NPI)
            second_choice(fm, own, own, {(name, c.target): h for h, c in fm.columns.items()
                                         if c.target and h != header},
                          name, lost=f"{fm.kind}.source_id")
        retarget(fm.columns[header], f"{fm.kind}.source_id", 0.85,
                 f"{points} columns of other files hold its values: the {fm.kind}'s id "
                 "they refer to")
