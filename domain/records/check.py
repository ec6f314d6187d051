"""`map check`: what a mapping would do to the rows, before anyone confirms it.

Per file, the rows that would become records, be quarantined (the top reasons, each with the
column it came from and a masked example value), be dropped on purpose or be a report's
furniture (title lines, the header again after a page break, totals); per kind the records
expected to land. Nothing is saved: the same derivation as `map confirm`, counted.

Examples are masked shapes ("99/99/9999", "99:99 xx"): they show a value's form, which is what an
operator needs to pick a format, and never the value itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.mapping import FileMapping, MappingDocument
from domain.ports import SourceRow
from domain.records.canonical import CLINICAL_KINDS, REFERENCES
from domain.records.derive import (
    DerivedRecord,
    Quarantined,
    Result,
    derive_key_values,
    derive_row,
    is_furniture,
    row_outcome,
)
from domain.records.empty import Dropped
from domain.records.quality import PeopleSeen, repeated_row, same_person_reason

EXAMPLE_CHARS = 24
TOP_REASONS = 5


def mask(value: object) -> str:
    """A value's shape: digits as 9, letters as x/X, everything else as it is."""
    text = "" if value is None else str(value)
    out = "".join("9" if c.isdigit() else ("X" if c.isupper() else "x") if c.isalpha() else c
                  for c in text[:EXAMPLE_CHARS])
    return out + ("…" if len(text) > EXAMPLE_CHARS else "")


@dataclass
class Reason:
    field: str | None
    reason: str
    columns: list[str]
    rows: int = 0
    example: str | None = None  # masked
    example_row: int | None = None


@dataclass
class FileCheck:
    kind: str
    read: int = 0
    derived: int = 0
    quarantined: int = 0
    dropped: int = 0
    furniture: int = 0  # a report's titles, repeated headers, totals: rows with no record
    twin_of: str | None = None
    records: Counter[str] = field(default_factory=Counter)
    reasons: dict[tuple[str | None, str], Reason] = field(default_factory=dict)
    # (kind, reason) -> records left out on purpose (an empty insurance slot): said, not lost
    dropped_reasons: Counter[tuple[str, str]] = field(default_factory=Counter)

    def top(self, n: int = TOP_REASONS) -> list[Reason]:
        return sorted(self.reasons.values(), key=lambda r: (-r.rows, r.reason))[:n]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "read": self.read, "derived": self.derived,
                "quarantined": self.quarantined, "dropped": self.dropped,
                "furniture": self.furniture,
                "twin_of": self.twin_of, "records": dict(sorted(self.records.items())),
                "dropped_reasons": [{"kind": k, "reason": r, "records": n}
                                    for (k, r), n in sorted(self.dropped_reasons.items())],
                "top_reasons": [{"field": r.field, "reason": r.reason, "columns": r.columns,
                                 "rows": r.rows, "example": r.example, "row": r.example_row}
                                for r in self.top()]}


def columns_of(mapping: FileMapping, kind: str, name: str | None) -> list[str]:
    """The source columns a canonical field is read from, under this mapping."""
    if name is None:
        return []
    wanted = f"{kind}.{name}"
    found = [c for c, m in mapping.columns.items() if m.target == wanted]
    for item in mapping.combine:
        if item.target == wanted or item.target.endswith(f".{name}"):
            found += [c for c in item.columns if c not in found]
    if mapping.derived_id is not None and name == "source_id":
        found += [c for c in mapping.derived_id.columns if c not in found]
    if not found:
        found = [c for c, m in mapping.columns.items()
                 if m.target and m.target.endswith(f".{name}")]
    return found


class Checker:
    """Counts one document's derivation; `seen` finds the duplicates `confirm` quarantines."""

    def __init__(self, doc: MappingDocument) -> None:
        self.doc = doc
        self.files: dict[str, FileCheck] = {}
        self.seen: set[tuple[str, str]] = set()
        self.people = PeopleSeen()  # as derivation holds back one person entered twice
        self.duplicates: Counter[str] = Counter()
        self.references: list[tuple[str, str, str]] = []  # (kind, target kind, id)

    def check_file(self, name: str, rows: Iterable[SourceRow]) -> FileCheck:
        mapping = self.doc.files[name]
        check = self.files.setdefault(name, FileCheck(mapping.kind, twin_of=mapping.twin_of))
        if mapping.skipped:
            for _ in rows:
                check.read += 1
                check.dropped += 1
            return check
        settings = self.doc.settings
        if mapping.key_value is not None:
            by_row = list(rows)
            check.read += len(by_row)
            check.furniture += sum(map(is_furniture, by_row))
            by_row = [r for r in by_row if not is_furniture(r)]
            values = {r.number: r.values for r in by_row}
            for result in derive_key_values(name, mapping, settings, by_row):
                if isinstance(result, Quarantined):
                    check.quarantined += 1
                    self._reason(check, mapping, result, values.get(result.row, {}))
                else:
                    check.derived += len(result.rows)
            return check
        for row in rows:
            check.read += 1
            if is_furniture(row):
                check.furniture += 1
                continue
            results = derive_row(name, mapping, settings, row)
            outcome = row_outcome(results, mapping.kind)
            if mapping.kind == "fhir" and not results:
                outcome = "derived"
            setattr(check, outcome, getattr(check, outcome) + 1)
            self._take(check, mapping, results, row)
        return check

    def _take(self, check: FileCheck, mapping: FileMapping, results: list[Result],
              row: SourceRow) -> None:
        for result in results:
            if isinstance(result, Dropped):
                check.dropped_reasons[(result.kind, result.reason)] += 1
                continue
            if isinstance(result, Quarantined):
                if not result.ignored:
                    self._reason(check, mapping, result, row.values)
                continue
            repeated_row(result, mapping, lambda kind, sid: (kind, sid) in self.seen)  # in place
            key = (result.kind, result.source_id)
            if key in self.seen:
                self.duplicates[result.kind] += 1
                self._reason(check, mapping, Quarantined(
                    result.file, row.number, result.kind, result.source_id, "source_id",
                    "duplicate source id in the export"), row.values)
                continue
            earlier = self.people.earlier(result)
            if earlier is not None:
                self.duplicates[result.kind] += 1
                self._reason(check, mapping, Quarantined(
                    result.file, row.number, result.kind, result.source_id, "source_id",
                    same_person_reason(earlier, result.kind)), row.values)
                continue
            self.seen.add(key)
            check.records[result.kind] += 1
            self._references(result)

    def _references(self, record: DerivedRecord) -> None:
        for (kind, name), target in REFERENCES.items():
            if kind == record.kind and record.fields.get(name) not in (None, ""):
                self.references.append((record.kind, target, str(record.fields[name])))

    def _reason(self, check: FileCheck, mapping: FileMapping, q: Quarantined,
                values: Mapping[str, Any]) -> None:
        key = (q.field, q.reason)
        reason = check.reasons.get(key)
        if reason is None:
            reason = check.reasons[key] = Reason(q.field, q.reason,
                                                 columns_of(mapping, q.kind, q.field))
        reason.rows += 1
        if reason.example is None:
            shown = [values.get(c) for c in reason.columns if values.get(c) not in (None, "")]
            reason.example = " ".join(mask(v) for v in shown) if shown else "(empty)"
            reason.example_row = q.row

    def landing(self) -> dict[str, dict[str, int]]:
        """Per kind: records derived, those that move to Nutshell under the settings (clinical
        content is opt-in; a kind can be switched off), and references to records the export
        does not hold (they land, unlinked)."""
        derived: Counter[str] = Counter()
        for check in self.files.values():
            derived.update(check.records)
        missing: Counter[str] = Counter(
            kind for kind, target, ident in self.references if (target, ident) not in self.seen)
        out: dict[str, dict[str, int]] = {}
        for kind, count in sorted(derived.items()):
            target = self.doc.nutshell.get(kind)
            enabled = (target is None or target.enabled) and (
                kind not in CLINICAL_KINDS or self.doc.settings.clinical_content)
            out[kind] = {"records": count, "landing": count if enabled else 0,
                         "duplicates": self.duplicates.get(kind, 0),
                         "unresolved_references": missing.get(kind, 0)}
        return out
