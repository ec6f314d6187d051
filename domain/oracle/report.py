"""One verification: every source record the mapping sends, looked for in Nutshell and checked
value by value; the counts that matter first (records expected / found / missing / differing,
columns unaccounted), then every difference with its reason class."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from domain.oracle.check import (
    MISSING,
    MISSING_RECORD,
    NOT_SENT,
    UNREADABLE,
    Difference,
    check_record,
    record_difference,
)
from domain.oracle.expect import Expector, Key
from domain.oracle.ledger import LedgerLine, summary, unaccounted
from domain.oracle.source import Cell, SourceRecord
from domain.oracle.spec import CARRIED, ENTITY, on_lead

# Record states in the log that mean "not expected in Nutshell" (the report counts them).
NOT_EXPECTED = frozenset({"quarantined"})
# Kinds that hang off the patient's Person (not sent while it cannot be).
# A document listed without its file lands as a note: its activity's places on the note.
NOTE_PLACE = {"description": "body", "participants": "parent"}
HUNG_ON_PATIENT = frozenset({"appointment", "communication", "clinical_note", "document"})
Fetch = Callable[[str, str], Mapping[str, Any] | None]


@dataclass
class KindCounts:
    expected: int = 0
    found: int = 0
    missing: int = 0
    differing: int = 0
    not_expected: int = 0  # quarantined in the log, or not sent by the confirmed mapping

    def to_json(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class OracleReport:
    kinds: dict[str, KindCounts] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)
    ledger: list[LedgerLine] = field(default_factory=list)
    not_read: dict[str, str] = field(default_factory=dict)
    not_expected: dict[str, int] = field(default_factory=dict)  # why -> records
    # source values no reading could give a meaning, absent from Nutshell, and reported to the
    # operator by the derivation (kept as written): a known loss, listed apart from the
    # differences as quarantined rows are, and never counted as a match
    kept_as_written: list[Difference] = field(default_factory=list)

    def _total(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.kinds.values())

    @property
    def unaccounted(self) -> int:
        return len(unaccounted(self.ledger))

    @property
    def ok(self) -> bool:
        return not self.differences and self.unaccounted == 0

    def headline(self) -> str:
        """The counts an operator acts on, in the order they matter."""
        return (f"records expected {self._total('expected')}, found {self._total('found')}, "
                f"missing {self._total('missing')}, differing {self._total('differing')}; "
                f"unaccounted columns: {self.unaccounted}" + (
                    f"; values kept as written, not sent: {len(self.kept_as_written)}"
                    if self.kept_as_written else ""))

    def by_reason(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for d in self.differences:
            out[d.reason] = out.get(d.reason, 0) + 1
        return dict(sorted(out.items()))

    def by_column(self) -> list[dict[str, Any]]:
        """Differences grouped by source column and reason, largest first: what to fix (a
        value map, a phone region, a column sent elsewhere) rather than record by record."""
        groups: dict[tuple[str, str, str, str], int] = {}
        for d in self.differences:
            key = (d.file or "", d.column or "", d.place, d.reason)
            groups[key] = groups.get(key, 0) + 1
        return [{"file": f, "column": c, "nutshell_field": p, "reason": r, "records": n}
                for (f, c, p, r), n in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))]

    def to_json(self, reveal: bool = False) -> dict[str, Any]:
        return {
            "ok": self.ok, "headline": self.headline(),
            "records": {"expected": self._total("expected"), "found": self._total("found"),
                        "missing": self._total("missing"),
                        "differing": self._total("differing"),
                        "not_expected": self._total("not_expected")},
            "unaccounted_columns": self.unaccounted,
            "kinds": {k: c.to_json() for k, c in sorted(self.kinds.items())},
            "reasons": self.by_reason(), "by_column": self.by_column(),
            "differences": [d.to_json(reveal) for d in self.differences],
            "ledger": [line.to_json() for line in self.ledger],
            "ledger_summary": summary(self.ledger),
            "not_expected": dict(sorted(self.not_expected.items())),
            "not_read": self.not_read, "values_revealed": reveal,
            "kept_as_written": [d.to_json(reveal) for d in self.kept_as_written],
        }


def _revised(rec: SourceRecord, fields: Mapping[str, Any]) -> SourceRecord:
    """The record as the delta window changed it: its changed values come from the change
    (derived through the same mapping), named as such instead of an export cell."""
    out = SourceRecord(rec.kind, rec.source_id, dict(rec.values), dict(rec.cells), rec.file,
                       rec.row)
    for name, value in fields.items():
        if out.values.get(name) != value:
            out.values[name] = value
            out.cells[name] = Cell("(delta window)", 0, name)
    return out


@dataclass
class LogView:
    """What the log says of each record: its state and its Nutshell id."""

    state: Callable[[str, str], str | None]
    nutshell_id: Callable[[str, str], str | None]
    # why an operator's decision holds the record back (the PHI review), or None
    held: Callable[[str, str], str | None] = lambda kind, source_id: None
    # the canonical fields of a record changed by the delta window since the export (its rows
    # in the log are the first export's), or None
    revised: Callable[[str, str], Mapping[str, Any] | None] = lambda kind, source_id: None
    # the fields the derivation left out of a record and kept as written (and reported)
    kept: Callable[[str, str], Collection[str]] = lambda kind, source_id: ()


def verify_records(records: Mapping[Key, SourceRecord], keys: Iterable[Key],
                   expector: Expector, log: LogView, fetch: Fetch,
                   type_names: Mapping[str, str]) -> OracleReport:
    """Checks the records named by `keys` (all, or a sample); a carried record is checked on
    its patient's Person."""
    report = OracleReport()
    children: dict[str, list[SourceRecord]] = {}
    for rec in records.values():
        if rec.kind in CARRIED and rec.values.get("patient_source_id"):
            children.setdefault(str(rec.values["patient_source_id"]), []).append(rec)
    cache: dict[tuple[str, str], Mapping[str, Any] | None] = {}

    def get(entity: str, nid: str) -> Mapping[str, Any] | None:
        if (entity, nid) not in cache:
            found = fetch(entity, nid)
            cache[(entity, nid)] = None if found is None or found.get("deletedTime") else found
        return cache[(entity, nid)]

    for key in keys:
        found_rec = records.get(key)
        if found_rec is None or found_rec.kind in CARRIED:
            continue
        rec = found_rec
        counts = report.kinds.setdefault(rec.kind, KindCounts())
        state = log.state(*key)
        patient = str(rec.values.get("patient_source_id") or "")
        why = expector.not_expected(rec) or log.held(*key) or (
            "its patient is quarantined in the log" if rec.kind in HUNG_ON_PATIENT
            and log.state("patient", patient) in NOT_EXPECTED else None) or (
            "quarantined in the log" if state in NOT_EXPECTED else
            "not derived (see the quarantine)" if state is None else None)
        if why:
            counts.not_expected += 1
            report.not_expected[why] = report.not_expected.get(why, 0) + 1
            continue
        counts.expected += 1
        changed = log.revised(*key)
        if changed is not None:
            rec = _revised(rec, changed)
        entity, nid = ENTITY[rec.kind], log.nutshell_id(*key)
        lead = on_lead(rec.kind, rec.values)
        if lead:  # its file is on the lead, once the document itself was sent
            entity, nid = "leads", log.nutshell_id("lead", lead) if state == "pushed" else None
        if rec.kind == "document" and nid and nid.endswith("-notes"):
            entity = "notes"  # listed without its file: a note says what the export says of it
        found = get(entity, nid) if nid else None
        if found is None:
            counts.missing += 1
            reason = MISSING_RECORD if nid or state == "pushed" else NOT_SENT
            report.differences.append(record_difference(rec.kind, rec.source_id, reason,
                                                        rec.file, rec.row))
            continue
        counts.found += 1
        wanted = expector.for_record(rec)
        if entity == "notes" and rec.kind == "document":
            # a note's text and its patient: where the activity had them
            wanted = [replace(w, place=NOTE_PLACE.get(w.place, w.place)) for w in wanted]
        if rec.kind == "patient":
            wanted += expector.carried(rec.source_id, children.get(rec.source_id, []))
        diffs = check_record(entity, found, wanted, type_names, get)
        if any(d.reason == UNREADABLE for d in diffs):
            kept = log.kept(*key)
            reported = [d for d in diffs if d.reason == UNREADABLE and d.field in kept
                        and _absent(d.actual)]
            report.kept_as_written.extend(reported)
            diffs = [d for d in diffs if d not in reported]
        if diffs:
            counts.differing += 1
            report.differences.extend(diffs)
    return report


def _absent(value: Any) -> bool:
    return value is None or value is MISSING or value == [] or str(value).strip() == ""
