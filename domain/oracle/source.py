"""Source records as the oracle reads them: straight from the rows in the log, through the
confirmed mapping, each value keeping the file, row and column it came from.

Values go through the mapping's declared transformations only (domain.validation: dates to ISO
in the clinic's timezone, phones to E.164, enumerations folded, money as decimals). A column with
no canonical target that the mapping sends as a custom field is kept under `cf:<Name>`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.fhir.resources import derive_resource
from domain.fhir.values import IGNORED, PARTIAL
from domain.mapping import ColumnMapping, FileMapping, MappingDocument
from domain.ports import NOT_DATA
from domain.records.canonical import KIND_FIELDS, REFERENCES
from domain.records.normalise import parse_date, parse_money
from domain.records.rules import SYNTHETIC, item_id, prepare_row, satellite, uses_rules
from domain.records.validation import validate_record
from domain.records.values.sizes import in_bytes

CF_PREFIX = "cf:"
# A second column for a field already given by another: its value must reach Nutshell too (two
# columns sent to one field is how a mapping error shows), kept as dup:<field>:<column>.
DUP_PREFIX = "dup:"


@dataclass(frozen=True)
class Cell:
    file: str
    row: int
    column: str

    def where(self) -> str:
        return f"{self.file} row {self.row} column {self.column}"


@dataclass
class SourceRecord:
    kind: str
    source_id: str
    values: dict[str, Any] = field(default_factory=dict)  # canonical field or cf:Name -> value
    cells: dict[str, Cell] = field(default_factory=dict)
    file: str = ""
    row: int = 0


Key = tuple[str, str]


def lookup(columns: Mapping[str, ColumnMapping], name: str) -> ColumnMapping | None:
    found = columns.get(name)
    if found is not None:
        return found
    folded = name.casefold()
    return next((c for n, c in columns.items() if n.casefold() == folded), None)


def target_of(cm: ColumnMapping | None) -> tuple[str, str] | None:
    if cm is None or not cm.target:
        return None
    kind, _, name = cm.target.partition(".")
    return (kind, name) if name in KIND_FIELDS.get(kind, ()) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


@dataclass(frozen=True)
class Unreadable:
    """A source value the mapping's transformation cannot read (an enumeration's code with no
    value map, a phone that is no number): Nutshell cannot hold what it means."""

    raw: str

    def __str__(self) -> str:
        return self.raw


def _normalised(kind: str, raw: dict[str, Any], doc: MappingDocument,
                fm: FileMapping) -> dict[str, Any]:
    """The mapping's declared transformation of each value. A placeholder the transformation
    reads as no value (a 0001-01-01 date) is left out; a value it cannot read is kept as
    Unreadable (a fatal one quarantines the record, so nothing is expected of it)."""
    checked = validate_record(kind, {"source_id": "-", **raw}, doc.settings, fm.date_order)
    out: dict[str, Any] = {}
    for k in raw:
        if k in checked.fields:
            out[k] = checked.fields[k]
        elif k in checked.raw_kept:
            out[k] = Unreadable(str(checked.raw_kept[k]).strip())
    return out


def _reference(kind: str, to_kind: str) -> str | None:
    return next((n for (k, n), t in REFERENCES.items()
                 if k == kind and t == to_kind and n != "source_id"), None)


def _synthetic_columns(fm: FileMapping, key: str) -> str:
    """The source columns behind a value the row rules made ("=patient.first_name")."""
    target = key[len(SYNTHETIC):]
    for item in fm.combine:
        if item.target == target:
            return "+".join(item.columns)
    if fm.derived_id is not None and target.endswith(".source_id"):
        return "+".join(fm.derived_id.columns) or "(derived id)"
    kind = target.partition(".")[0].partition("#")[0]
    return next((c for c, cm in fm.columns.items()  # a part of another field's cell, or
                 if (cm.parts or cm.fixed)  # what its header says (`fixed`)
                 and (cm.target or "").partition(".")[0] == kind), key)


def _split_column(fm: FileMapping, kind: str, fld: str) -> str:
    return next((col for col, cm in fm.columns.items()
                 if cm.split and cm.target == f"{kind}.{fld}"), f"{kind}.{fld}")


class SourceReader:
    """Collects source records from files' rows. Rows are `{"n": number, "v": {column: value}}`
    as the source-file stream keeps them; erased rows are skipped."""

    def __init__(self, doc: MappingDocument) -> None:
        self.doc = doc
        self.records: dict[Key, SourceRecord] = {}
        self.columns: dict[str, list[str]] = {}  # file -> columns (or keys) seen, in order
        self.filled: dict[tuple[str, str], int] = {}  # (file, column) -> non-empty values
        self.not_read: dict[str, str] = {}  # file -> why the oracle did not read it
        self.cf_types: dict[str, str] = {}  # vendor column's custom field -> its type

    def read_file(self, name: str, rows: Iterable[Mapping[str, Any]]) -> None:
        fm = self.doc.files.get(name)
        if fm is None:
            self.not_read[name] = "the mapping names no kind for this file"
            for row in rows:
                self._seen(name, row.get("v") or {})
            return
        if fm.skipped:
            self.not_read[name] = (f"the same table as {fm.twin_of}, which is read"
                                   if fm.twin_of else "a file of no kind to migrate")
            for row in rows:
                self._seen(name, row.get("v") or {})
            return
        if fm.kind == "fhir":
            self._fhir(name, fm, rows)
            return
        if fm.key_value is not None:
            self._key_values(name, fm, rows)
            return
        for row in rows:
            if row.get("erased") or str(row.get("p") or "").startswith(NOT_DATA):
                continue  # forgotten, or a report's furniture (a title line, a total line)
            values = row.get("v") or {}
            self._seen(name, values)
            self._row(name, fm, int(row.get("n") or 0), values)

    def _seen(self, name: str, values: Mapping[str, Any]) -> None:
        cols = self.columns.setdefault(name, [])
        for col, value in values.items():
            if col not in cols:
                cols.append(col)
            if not _blank(value):
                self.filled[(name, col)] = self.filled.get((name, col), 0) + 1

    def _cells(self, fm: FileMapping, values: Mapping[str, Any]) -> tuple[
            str | None, list[tuple[str, Any, tuple[str, str] | None]], list[Any]]:
        """(the row's kind or None when routed to drop, [(column, value, target)], several
        values of one cell). The mapping language's row rules (routes, value maps, formats,
        combined targets, derived ids, id prefixes: domain.records.rules) are the mapping's
        own declared transformations; plain files map column by column."""
        if not uses_rules(fm):
            return fm.kind, [(col, v, target_of(lookup(fm.columns, col)))
                             for col, v in values.items()], []
        prepared = prepare_row(fm, values)
        if prepared.kind is None or prepared.problem is not None:
            return None, [], []  # dropped on purpose, or quarantined by derivation
        return prepared.kind, [(key, v, prepared.targets.get(key))
                               for key, v in prepared.values.items()], prepared.many

    def _row(self, name: str, fm: FileMapping, number: int, values: Mapping[str, Any]) -> None:
        per_kind: dict[str, dict[str, Any]] = {}
        cells: dict[str, dict[str, Cell]] = {}
        home, items, many = self._cells(fm, values)
        if home is None:
            return
        for key_, given, target in items:
            if _blank(given):
                continue
            col = _synthetic_columns(fm, key_) if key_.startswith(SYNTHETIC) else key_
            if target is None:
                cm = lookup(fm.columns, col)
                if cm is not None and cm.custom_field:
                    key = CF_PREFIX + cm.custom_field
                    self.cf_types[cm.custom_field] = cm.custom_field_type or "Text"
                    per_kind.setdefault(home, {}).setdefault(key, str(given).strip())
                    cells.setdefault(home, {}).setdefault(key, Cell(name, number, col))
                continue
            kind, fld = target
            # a size in the unit its header or value names, read in bytes
            value = in_bytes(col, given) if fld == "size_bytes" else given
            if fld in per_kind.get(kind, {}):
                # two columns for one field: the first non-empty one is the value
                key = f"{DUP_PREFIX}{fld}:{col}"
                per_kind[kind][key] = value
                cells.setdefault(kind, {})[key] = Cell(name, number, col)
                continue
            per_kind.setdefault(kind, {})[fld] = value
            cells.setdefault(kind, {})[fld] = Cell(name, number, col)
        primary = per_kind.get(home, {})
        primary_id = str(primary.get("source_id") or "").strip()
        if not primary_id:
            return  # no id: quarantined by derivation, nothing is expected in Nutshell
        for kind, fld, found, fixed in many:  # several values of one cell: a record each
            for item in found:
                sid = item_id(primary_id, kind, item)
                per_kind.setdefault(f"{kind}#{sid}", {**fixed, fld: item, "source_id": sid})
                cells[f"{kind}#{sid}"] = {fld: Cell(name, number, _split_column(fm, kind, fld))}
        for key, raw in per_kind.items():
            kind, default_id = satellite(key, primary_id)
            sid = str(raw.get("source_id") or "").strip()
            if kind != home:
                ref = _reference(kind, home)
                if ref and ref not in raw:
                    raw[ref] = primary_id
                sid = sid or default_id
            self._add(kind, sid, raw, cells.get(key, {}), fm, name, number)

    def _add(self, kind: str, sid: str, raw: dict[str, Any], cells: dict[str, Cell],
             fm: FileMapping, name: str, number: int) -> None:
        fields = {k: v for k, v in raw.items() if not k.startswith((CF_PREFIX, DUP_PREFIX))}
        normal = _normalised(kind, fields, self.doc, fm)
        normal.update({k: self._cf_value(k[len(CF_PREFIX):], v, fm)
                       for k, v in raw.items() if k.startswith(CF_PREFIX)})
        for k, v in raw.items():
            if k.startswith(DUP_PREFIX):
                fld = k[len(DUP_PREFIX):].partition(":")[0]
                normal[k] = _normalised(kind, {fld: v}, self.doc, fm)[fld]
        normal["source_id"] = sid
        rec = self.records.get((kind, sid))
        if rec is None:
            rec = self.records[(kind, sid)] = SourceRecord(kind, sid, file=name, row=number)
        for k, v in normal.items():
            rec.values.setdefault(k, v)
        for k, c in cells.items():
            rec.cells.setdefault(k, c)

    def _fhir(self, name: str, fm: FileMapping, rows: Iterable[Mapping[str, Any]]) -> None:
        """FHIR resources through the standard's own mapping (domain.fhir: the declared
        transformation of a FHIR export); a value's "column" is `<resourceType>.<field>`."""
        self.columns.setdefault(name, [])
        for row in rows:
            if row.get("erased") or row.get("p"):
                continue
            values = row.get("v") or {}
            inner = values.get("resource")
            entry = inner if isinstance(inner, dict) else values
            url = values.get("fullUrl")
            try:
                derived = derive_resource(dict(entry), url if isinstance(url, str) else None)
            except (KeyError, TypeError, ValueError):
                continue  # quarantined by derivation: nothing is expected of it
            number = int(row.get("n") or 0)
            rtype = str(entry.get("resourceType") or "resource")
            for kind, raw in derived:
                if kind == IGNORED:
                    continue
                fields = {k: v for k, v in raw.items() if k not in {"extra", PARTIAL}}
                sid = str(fields.get("source_id") or "").strip()
                if sid:
                    self._add(kind, sid, fields, {k: Cell(name, number, f"{rtype}.{k}")
                                                  for k in fields}, fm, name, number)

    def _cf_value(self, name: str, value: Any, fm: FileMapping) -> Any:
        """A vendor column's value as its custom field's type declares it: dates in the
        mapping's day/month order to ISO, amounts to decimals; text as it is."""
        kind = self.cf_types.get(name, "Text")
        text = str(value).strip()
        try:
            if kind == "Date":
                return parse_date(text, fm.date_order or self.doc.settings.date_order,
                                  country=self.doc.settings.country)[0].isoformat()
            if kind in {"Currency", "Number"}:
                return parse_money(text, self.doc.settings.country)
        except ValueError:
            return Unreadable(text)
        return text

    def _key_values(self, name: str, fm: FileMapping, rows: Iterable[Mapping[str, Any]]) -> None:
        layout = fm.key_value
        assert layout is not None
        keys = self.columns.setdefault(name, [])
        for row in rows:
            if row.get("erased") or str(row.get("p") or "").startswith(NOT_DATA):
                continue  # forgotten, or a report's furniture (a title line, a total line)
            values = row.get("v") or {}
            number = int(row.get("n") or 0)
            sid = str(values.get(layout.record_column) or "").strip()
            key = str(values.get(layout.name_column) or "").strip()
            value = values.get(layout.value_column)
            if not sid or not key:
                continue
            if key not in keys:
                keys.append(key)
            if _blank(value):
                continue
            self.filled[(name, key)] = self.filled.get((name, key), 0) + 1
            cm = lookup(fm.key_values, key)
            target = target_of(cm)
            cell = Cell(name, number, f"{layout.value_column}[{key}]")
            if target is not None and target[0] == fm.kind and target[1] != "source_id":
                self._add(fm.kind, sid, {target[1]: value}, {target[1]: cell}, fm, name, number)
            elif cm is not None and cm.custom_field:
                k = CF_PREFIX + cm.custom_field
                self.cf_types[cm.custom_field] = cm.custom_field_type or "Text"
                self._add(fm.kind, sid, {k: str(value).strip()}, {k: cell}, fm, name, number)
