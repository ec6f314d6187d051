"""Derivation: source rows -> canonical records through the confirmed mapping, or quarantine.

Nothing is dropped silently: per file, rows read = rows derived + quarantined + dropped on purpose
(`row_outcome`; domain.records.empty says why). Columns with no target go to `extra`.

A row whose columns target several kinds (insurance columns in a patient export) yields one
record per kind; the secondary records point at the row's primary record through their
reference field (`patient_source_id`...) and take `<primary id>:<kind>` as their id when the
row has no id of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.mapping import ColumnMapping, FileMapping, Settings
from domain.ports import NOT_DATA, SourceRow
from domain.records.canonical import KIND_FIELDS, point_at
from domain.records.empty import Dropped, dropped, said_dropped
from domain.records.rules import SYNTHETIC, item_id, prepare_row, satellite, uses_rules
from domain.records.validation import LEFT_OUT, ValidationResult, validate_record
from domain.records.values.sizes import in_bytes


@dataclass
class DerivedRecord:
    kind: str
    source_id: str
    fields: dict[str, Any]
    extra: dict[str, Any]
    raw_kept: dict[str, str]
    warnings: list[str]
    file: str
    rows: list[int]
    partial: bool = False


@dataclass(frozen=True)
class Quarantined:
    file: str
    row: int
    kind: str
    source_id: str | None
    field: str | None
    reason: str  # field names and reasons only, never values
    ignored: bool = False  # a FHIR resource type that is deliberately not migrated


Result = DerivedRecord | Quarantined | Dropped


@dataclass
class FileTally:
    """Per-file accounting: rows read = rows derived + rows quarantined + rows dropped + rows
of report furniture."""

    rows_read: int = 0
    rows_derived: int = 0
    rows_quarantined: int = 0
    rows_ignored: int = 0  # of rows_quarantined: FHIR resource types not migrated
    rows_dropped: int = 0  # left out on purpose by the mapping (a route to `drop`)
    rows_furniture: int = 0  # a report's titles, repeated headers, totals: no record in them
    records: dict[str, int] = field(default_factory=dict)  # kind -> records derived

    @property
    def balanced(self) -> bool:
        return self.rows_read == (self.rows_derived + self.rows_quarantined
                                  + self.rows_dropped + self.rows_furniture)


def is_furniture(row: SourceRow) -> bool:
    """A report's title line, its header again after a page break, a total line...: the reader
    found no record in the row (domain.ports.NOT_DATA) and said why."""
    return bool(row.problem and row.problem.startswith(NOT_DATA))


def row_outcome(results: list[Result], primary_kind: str) -> str:
    """"derived" when the row yielded its own record (of the file's kind, or of the kind a
    route sent it to: the first result), "dropped" when a route left it out on purpose, else
    "quarantined"."""
    if primary_kind == "fhir":
        return "derived" if any(isinstance(r, DerivedRecord) for r in results) else "quarantined"
    if not results or isinstance(results[0], Dropped):
        return "dropped"
    return "derived" if isinstance(results[0], DerivedRecord) else "quarantined"


def tally(tally_: FileTally, results: list[Result], primary_kind: str, *,
          furniture: bool = False) -> None:
    tally_.rows_read += 1
    if furniture:
        tally_.rows_furniture += 1
        return
    outcome = row_outcome(results, primary_kind)
    if outcome == "derived":
        tally_.rows_derived += 1
    elif outcome == "dropped":
        tally_.rows_dropped += 1
    else:
        tally_.rows_quarantined += 1
        if results and all(isinstance(r, Quarantined) and r.ignored for r in results):
            tally_.rows_ignored += 1
    for r in results:
        if isinstance(r, DerivedRecord):
            tally_.records[r.kind] = tally_.records.get(r.kind, 0) + 1


def _split_target(target: str) -> tuple[str, str] | None:
    kind, _, name = target.partition(".")
    return (kind, name) if name in KIND_FIELDS.get(kind, ()) else None


def _column(mapping: Mapping[str, ColumnMapping], key: str) -> ColumnMapping | None:
    found = mapping.get(key)
    if found is None:
        lowered = key.casefold()
        for name, column in mapping.items():
            if name.casefold() == lowered:
                return column
    return found


def _reason(result: ValidationResult) -> tuple[str | None, str]:
    fatal = result.fatal
    return fatal[0].field, "; ".join(f"{p.field}: {p.reason}" for p in fatal)


def _warnings(result: ValidationResult) -> list[str]:
    return [f"{p.field}: {p.reason}" for p in result.problems if not p.fatal]


_PLANS: dict[int, tuple[FileMapping, dict[str, tuple[str, str] | None]]] = {}


def _targets(mapping: FileMapping) -> dict[str, tuple[str, str] | None]:
    """column key -> (kind, field), filled in by _target as new keys are met, once per
    mapping object."""
    cached = _PLANS.get(id(mapping))
    if cached is None or cached[0] is not mapping:
        if len(_PLANS) > 256:
            _PLANS.clear()
        cached = (mapping, {})
        _PLANS[id(mapping)] = cached
    return cached[1]


def _target(mapping: FileMapping, plan: dict[str, tuple[str, str] | None],
            key: str) -> tuple[str, str] | None:
    column = _column(mapping.columns, key)
    plan[key] = _split_target(column.target) if column and column.target else None
    return plan[key]


def derive_row(file_name: str, mapping: FileMapping, settings: Settings,
               row: SourceRow) -> list[Result]:
    if mapping.kind == "fhir":
        return _derive_fhir(file_name, settings, row)
    if mapping.skipped or is_furniture(row):
        return []  # no record in it (a report's total line): counted as such by the caller
    primary = mapping.kind
    values = row.values
    targets = _targets(mapping)
    many: list[tuple[str, str, list[str], dict[str, str]]] = []
    if uses_rules(mapping):
        prepared = prepare_row(mapping, row.values, settings)
        if prepared.kind is None:
            return []  # routed to `drop`: left out on purpose
        if prepared.problem is not None:
            _, name, reason = prepared.problem
            return [Quarantined(file_name, row.number, prepared.kind, None, name, reason)]
        primary, values, targets = prepared.kind, prepared.values, prepared.targets
        many = prepared.many
    primary_fields: dict[str, object] = {}
    per_kind: dict[str, dict[str, object]] = {primary: primary_fields}
    extra: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in values.items():
        try:
            target = targets[key]
        except KeyError:  # a file's first row (or a ragged row's extra cells)
            target = _target(mapping, targets, key)
        if target is None:
            if value not in ("", None, []) and not key.startswith(SYNTHETIC):
                extra[key] = value
            continue
        kind, name = target
        if value in ("", None):
            continue
        # nearly every column is the primary kind's: no look-up
        fields = primary_fields if kind == primary else per_kind.setdefault(kind, {})
        if name in fields:
            # Two columns for one field: the first non-empty one wins, the other stays in extra.
            extra[key] = value
            warnings.append(f"{kind}.{name}: several columns, column {key} kept in extra")
            continue
        # `Size (KB)`, `1390 Ko`: read in bytes
        fields[name] = in_bytes(key, value) if name == "size_bytes" else value
    if row.problem:
        hit = _column(mapping.columns, row.problem_field or "")
        mapped = _split_target(hit.target) if hit is not None and hit.target else None
        if mapped is not None:
            return [Quarantined(file_name, row.number, primary,
                                _text(per_kind[primary].get("source_id")), mapped[1],
                                f"reader: {row.problem}")]
        warnings.append(f"reader: {row.problem}")

    results: list[Result] = []
    if (gone := dropped(file_name, row.number, primary, per_kind[primary], targets)) is not None:
        return [gone]
    checked = validate_record(primary, per_kind[primary], settings, mapping.date_order)
    if not checked.ok:
        field_name, reason = _reason(checked)
        return [Quarantined(file_name, row.number, primary, _text(per_kind[primary].get(
            "source_id")), field_name, reason)]
    primary_id: str = checked.fields["source_id"]
    results.append(DerivedRecord(primary, primary_id, checked.fields, extra, checked.raw_kept,
                                 warnings + _warnings(checked), file_name, [row.number]))
    secondaries = [(kind, raw) for kind, raw in per_kind.items() if kind != primary and raw]
    secondaries += [(kind, {**fixed, name: item, "source_id": item_id(primary_id, kind, item)})
                    for kind, name, items, fixed in many for item in items]
    for key, raw in secondaries:
        kind, default_id = satellite(key, primary_id)
        point_at(kind, raw, primary, checked.fields)
        raw.setdefault("source_id", default_id)
        if said_dropped(results, dropped(file_name, row.number, kind, raw)):
            continue
        secondary = validate_record(kind, raw, settings, mapping.date_order)
        if secondary.ok:
            results.append(DerivedRecord(kind, secondary.fields["source_id"], secondary.fields,
                                         {}, secondary.raw_kept, _warnings(secondary),
                                         file_name, [row.number]))
        else:
            field_name, reason = _reason(secondary)
            results.append(Quarantined(file_name, row.number, kind, _text(raw.get("source_id")),
                                       field_name, reason))
    return results


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _derive_fhir(file_name: str, settings: Settings, row: SourceRow) -> list[Result]:
    from domain.fhir.resources import IGNORED, PARTIAL, derive_resource  # the FHIR mapping's own module

    values = dict(row.values)
    inner = values.get("resource")
    entry: dict[str, Any] = inner if isinstance(inner, dict) else values
    resource_id = _text(entry.get("id"))
    if row.problem:
        return [Quarantined(file_name, row.number, "fhir", resource_id, row.problem_field,
                            f"reader: {row.problem}")]
    full_url = values.get("fullUrl")
    try:
        derived = derive_resource(entry, full_url if isinstance(full_url, str) else None)
    except (KeyError, TypeError, ValueError) as exc:
        # domain.fhir.resources's own messages name resource types and ids, never values
        return [Quarantined(file_name, row.number, "fhir", resource_id, None, str(exc))]
    results: list[Result] = []
    for kind, raw in derived:
        if kind == IGNORED:
            results.append(Quarantined(file_name, row.number, "fhir", resource_id, None,
                                       f"{raw.get('resource_type')}: {raw.get('reason')}",
                                       ignored=True))
            continue
        fields = dict(raw)
        extra = fields.pop("extra", None)
        partial = bool(fields.pop(PARTIAL, False))
        checked = validate_record(kind, fields, settings)
        if checked.ok:
            results.append(DerivedRecord(kind, checked.fields["source_id"], checked.fields,
                                         dict(extra) if isinstance(extra, dict) else {},
                                         checked.raw_kept, _warnings(checked), file_name,
                                         [row.number], partial=partial))
        else:
            field_name, reason = _reason(checked)
            results.append(Quarantined(file_name, row.number, kind,
                                       _text(fields.get("source_id")), field_name, reason))
    if not results:
        results.append(Quarantined(file_name, row.number, "fhir", resource_id, None,
                                   "FHIR resource gave no record"))
    return results


# --- key/value tables (Open Dental patfield style) --------------------------------------------

def derive_key_values(file_name: str, mapping: FileMapping, settings: Settings,
                      rows: Iterable[SourceRow]) -> Iterator[DerivedRecord | Quarantined]:
    """Consecutive rows with the same record id make one partial record of `mapping.kind`.

    A row whose value cannot be normalised is quarantined on its own; the record keeps the
    other rows' fields. The engine merges partial records into the full record of the same
    kind and id derived from another file.
    """
    layout = mapping.key_value
    if layout is None:
        raise ValueError("derive_key_values needs a FileMapping with key_value set")
    group: list[SourceRow] = []
    current: str | None = None
    for row in rows:
        record_id = _text(row.values.get(layout.record_column))
        if record_id is None:
            yield from _flush(file_name, mapping, settings, group)
            group, current = [], None
            yield Quarantined(file_name, row.number, mapping.kind, None, layout.record_column,
                              "missing record id")
            continue
        if record_id != current and group:
            yield from _flush(file_name, mapping, settings, group)
            group = []
        current = record_id
        group.append(row)
    yield from _flush(file_name, mapping, settings, group)


def _flush(file_name: str, mapping: FileMapping, settings: Settings,
           group: list[SourceRow]) -> Iterator[DerivedRecord | Quarantined]:
    if not group:
        return
    layout = mapping.key_value
    assert layout is not None
    kind = mapping.kind
    record_id = _text(group[0].values.get(layout.record_column))
    raw: dict[str, object] = {"source_id": record_id}
    extra: dict[str, Any] = {}
    row_of: dict[str, int] = {}
    warnings: list[str] = []
    used: list[int] = []
    for row in group:
        name = _text(row.values.get(layout.name_column))
        value = row.values.get(layout.value_column)
        if row.problem and row.problem_field in (layout.name_column, layout.value_column):
            yield Quarantined(file_name, row.number, kind, record_id, row.problem_field,
                              f"reader: {row.problem}")
            continue
        if row.problem:
            warnings.append(f"row {row.number}: reader: {row.problem}")
        if name is None:
            yield Quarantined(file_name, row.number, kind, record_id, layout.name_column,
                              "missing field name")
            continue
        used.append(row.number)
        column = _column(mapping.key_values, name)
        target = _split_target(column.target) if column and column.target else None
        if target is None or target[0] != kind or target[1] == "source_id":
            if value not in ("", None):
                if name in extra:
                    warnings.append(f"row {row.number}: field name repeated, last value kept")
                extra[name] = value
            continue
        if target[1] in raw:
            warnings.append(f"row {row.number}: {target[1]} given twice, last value kept")
        raw[target[1]] = value
        row_of[target[1]] = row.number
    if not used:
        return
    checked = validate_record(kind, raw, settings, mapping.date_order)
    while not checked.ok:
        bad = [p.field for p in checked.fatal if p.field in row_of]
        if not bad:  # nothing to take out: the whole group is unusable
            where, reason = _reason(checked)
            for number in used:
                yield Quarantined(file_name, number, kind, record_id, where, reason)
            return
        for name in bad:
            number = row_of.pop(name)
            reasons = [p.reason for p in checked.fatal if p.field == name]
            yield Quarantined(file_name, number, kind, record_id, name,
                              f"{name}: {reasons[0]}")
            used.remove(number)
            del raw[name]
        checked = validate_record(kind, raw, settings, mapping.date_order)
    held: set[str] = set()
    for problem in checked.problems:
        if LEFT_OUT in problem.reason and problem.field in row_of:
            # a key/value row is one field: the row whose value cannot be read is held back
            number = row_of.pop(problem.field)
            held.add(problem.field)
            yield Quarantined(file_name, number, kind, record_id, problem.field,
                              f"{problem.field}: {problem.reason}")
            used.remove(number)
    if used:
        kept = [w for w in _warnings(checked) if w.partition(":")[0] not in held]
        raw_kept = {k: v for k, v in checked.raw_kept.items() if k not in held}
        yield DerivedRecord(kind, checked.fields["source_id"], checked.fields, extra, raw_kept,
                            warnings + kept, file_name, used, partial=True)
