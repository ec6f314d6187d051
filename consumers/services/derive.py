"""Derivation: the extracted rows, read back from the log, through the confirmed mapping into
canonical record aggregates (or quarantine). Re-confirming a changed mapping re-derives only the
records whose content changed; nothing reads the export again.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import IntegrityError

from adapters.stores.quality_index import DiskQualityIndex
from domain.app import MigrationLog
from domain.collector import collector_paused
from domain.errors import PreconditionFailed
from domain.ids import record_id, source_file_id
from domain.mapping import FileMapping, MappingDocument
from domain.ports import SourceRow
from domain.records.aggregate import QUARANTINED, ClinicRecord
from domain.records.derive import (
    DerivedRecord,
    Quarantined,
    derive_key_values,
    derive_row,
    is_furniture,
    row_outcome,
)
from domain.records.empty import Dropped
from domain.records.quality import PeopleSeen, QualityChecker, repeated_row, same_person_reason
from domain.records.source_file import is_erased
from domain.run.signer import Signer

# Records per save (one transaction) while deriving. New records' ids are spread all over the
# event store's index, so every transaction rewrites index pages everywhere: larger pages write
# each index page fewer times (on SQLite, pages of 4000 halve the commit time of pages of 500;
# memory holds one page).
DERIVE_PAGE = 4000


def content_hash(fields: dict[str, Any], extra: dict[str, Any]) -> str:
    data = orjson.dumps({"f": fields, "x": extra}, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(data).hexdigest()


@dataclass
class Balance:
    """rows read = records derived + rows quarantined + rows erased + rows dropped + rows of
    report furniture. `ignored`: the quarantined rows that are FHIR resource types not migrated
    by design (Procedure...); `erased`: rows of forgotten patients, shredded by `c2n forget`."""

    read: int = 0
    derived: int = 0
    quarantined: int = 0
    ignored: int = 0
    erased: int = 0
    dropped: int = 0  # left out on purpose: twin files' rows, routed to `drop`, empty slots
    furniture: int = 0  # a report's titles, repeated headers, totals: no record in them

    @property
    def balanced(self) -> bool:
        return self.read == self.derived + self.quarantined + self.erased + self.dropped + self.furniture

    def to_json(self) -> dict[str, int]:
        return {"read": self.read, "derived": self.derived, "quarantined": self.quarantined,
                "ignored": self.ignored, "erased": self.erased, "dropped": self.dropped,
                "furniture": self.furniture}


KEPT_EXAMPLES = 3  # records named per value kept as written (status shows them masked)
KEPT_GROUPS = 100  # problems listed one by one; the rest of a file's in one line
OTHER_KEPT = "other values kept as written (fewer records each)"


@dataclass
class DerivationSummary:
    balance: dict[str, Balance] = field(default_factory=dict)
    created: int = 0
    rederived: int = 0
    unchanged: int = 0
    quarantined: int = 0
    orphans: list[Any] = field(default_factory=list)
    merge_candidates: list[Any] = field(default_factory=list)
    # (file, "field: reason") -> records: values a record kept as written instead of typed
    # (a phone number not valid in the clinic's country...), reported, never rewritten
    warnings: dict[tuple[str, str], int] = field(default_factory=dict)
    # the same key -> the first records that kept it ("kind:source_id"), to show examples
    warning_examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return all(b.balanced for b in self.balance.values())

    def kept_as_written(self) -> list[dict[str, Any]]:
        """The values kept as written, per file and problem, with a few records' keys; past
        the KEPT_GROUPS commonest problems (a key/value table's problems name their rows) the
        rest of a file's are one line, so the count stays whole and the list short."""
        ranked = sorted(self.warnings.items(), key=lambda item: -item[1])
        rest = Counter[str]()
        for (file, _), n in ranked[KEPT_GROUPS:]:
            rest[file] += n
        return [{"file": file, "warning": warning, "records": n,
                 "examples": self.warning_examples.get((file, warning), [])}
                for (file, warning), n in sorted(ranked[:KEPT_GROUPS])] + [
            {"file": file, "warning": OTHER_KEPT, "records": n, "examples": []}
            for file, n in sorted(rest.items())]


class _Pager:
    """Collects touched aggregates and saves them a page at a time."""

    def __init__(self, app: MigrationLog) -> None:
        self.app = app
        self.pending: dict[UUID, ClinicRecord] = {}
        self.created: dict[UUID, ClinicRecord.Derived] = {}  # new records: their event alone

    def get(self, rid: UUID) -> ClinicRecord | None:
        if rid in self.created:
            self.flush()  # rare (a record touched twice in one page): read it back
        found = self.pending.get(rid)
        return found if found is not None else self.app.record_by_id(rid)

    def add(self, record: ClinicRecord) -> None:
        self.pending[record.id] = record
        self._maybe_flush()

    def add_new(self, event: ClinicRecord.Derived) -> None:
        self.created[event.originator_id] = event
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if len(self.pending) + len(self.created) >= DERIVE_PAGE:
            self.flush()

    def flush(self) -> None:
        if not (self.pending or self.created):
            return
        try:
            self.app.save(*self.created.values(), *self.pending.values())
        except IntegrityError:
            # A derivation killed half way saved some of these already: keep only new ones.
            fresh = [e for rid, e in self.created.items() if self.app.record_by_id(rid) is None]
            self.app.save(*fresh, *self.pending.values())
        self.pending = {}
        self.created = {}


def _rows(app: MigrationLog, fid: UUID, balance: Balance) -> Iterator[SourceRow]:
    for row in app.iter_rows(fid, erased=True):
        if is_erased(row):
            balance.read += 1  # read, then shredded by a forget: nothing left to derive
            balance.erased += 1
            continue
        yield SourceRow(number=row["n"], values=row["v"], problem=row.get("p"),
                        problem_field=row.get("pf"))


def _primary_taken(results: list[Any], taken: list[bool], kind: str) -> bool:
    """Whether the record that makes the row "derived" (row_outcome's) was taken."""
    if kind == "fhir":
        return any(ok and isinstance(r, DerivedRecord) for r, ok in zip(results, taken, strict=True))
    return bool(taken) and taken[0]


class Deriver:
    def __init__(self, app: MigrationLog, run_name: str, doc: MappingDocument,
                 on_rows: Callable[[int], None] | None = None,
                 quality: QualityChecker | DiskQualityIndex | None = None) -> None:
        self.app = app
        self.run_name = run_name
        self.doc = doc
        self.mapping_hash = doc.content_hash()
        self.on_rows = on_rows
        self.pager = _Pager(app)
        # (kind, source_id) of the records written in this pass: a second one is a duplicate.
        # Kept by natural key (the record id is a hash of it) so the hot path hashes once.
        # Which records exist and what they reference: in memory by default; on disk (flat
        # memory) for the operator's commands.
        self.quality = quality if quality is not None else QualityChecker()
        self.summary = DerivationSummary()
        self.people = PeopleSeen()  # one person entered twice under two ids
        # With no record derived before (first confirmation) nothing can exist already:
        # skip the look-up per record.
        self.first_pass = app.run(run_name).derivation is None
        # Rows that only add to a record derived from another row (a FHIR PractitionerRole
        # naming its Practitioner) wait until every file has been read: the record they
        # add to may come later in the same bundle or in another file.
        self.deferred: list[tuple[FileMapping, Balance, list[Any]]] = []

    def derive_all(self) -> DerivationSummary:
        with collector_paused():
            return self._derive_all()

    def _derive_all(self) -> DerivationSummary:
        run = self.app.run(self.run_name)
        files = sorted(run.files.items(), key=lambda item: (
            self._mapping(item[1]["name"]).key_value is not None, item[1]["name"]))
        for file_id, info in files:
            self._derive_file(UUID(file_id), info["name"], self._mapping(info["name"]))
            self.pager.flush()
        for mapping, balance, results in self.deferred:
            self._take_row(mapping, balance, results)
        self.pager.flush()
        self.summary.orphans = self.quality.orphans()
        self.summary.merge_candidates = self.quality.merge_candidates()
        self.quality.close()
        return self.summary

    def _mapping(self, name: str) -> FileMapping:
        mapping = self.doc.files.get(name)
        if mapping is None:
            raise PreconditionFailed(f"{name}: the mapping names no kind for this file; "
                                     "edit HOME/mapping.yaml and confirm again")
        return mapping

    def _derive_file(self, fid: UUID, name: str, mapping: FileMapping) -> None:
        balance = self.summary.balance.setdefault(name, Balance())
        settings = self.doc.settings
        if mapping.skipped:
            # The same table delivered again: read once, from the file it is the twin of.
            for _ in self._counted(fid, balance):
                balance.dropped += 1
            return
        rows = self._not_furniture(fid, balance)
        if mapping.key_value is not None:
            for result in derive_key_values(name, mapping, settings, rows):
                self._take(result, mapping, balance, partial_file=True)
            return
        for row in rows:
            results = derive_row(name, mapping, settings, row)
            if results and all(isinstance(r, Quarantined) and r.ignored for r in results):
                balance.quarantined += 1
                balance.ignored += 1
                continue  # kept in the source stream; not a problem record
            if results and all(isinstance(r, DerivedRecord) and r.partial for r in results):
                self.deferred.append((mapping, balance, results))
                continue
            self._take_row(mapping, balance, results)

    def _take_row(self, mapping: FileMapping, balance: Balance, results: list[Any]) -> None:
        kept = [r for r in results if not isinstance(r, Dropped)]  # an empty slot: no record
        taken = [self._take(r, mapping, balance, partial_file=False) for r in kept]
        outcome = row_outcome(results, mapping.kind)
        # A row counts as a record only when its record was taken: one quarantined as a
        # duplicate of an earlier row is a quarantined row, not a record.
        if outcome == "derived" and not _primary_taken(kept, taken, mapping.kind):
            outcome = "quarantined"
        if outcome == "derived" or (mapping.kind == "fhir" and not results):
            balance.derived += 1
        elif outcome == "dropped":
            balance.dropped += 1
        else:
            balance.quarantined += 1

    def _not_furniture(self, fid: UUID, balance: Balance) -> Iterator[SourceRow]:
        for row in self._counted(fid, balance):
            balance.furniture += is_furniture(row)
            if not is_furniture(row):
                yield row

    def _counted(self, fid: UUID, balance: Balance) -> Iterator[SourceRow]:
        for row in _rows(self.app, fid, balance):
            balance.read += 1
            if self.on_rows and balance.read % 500 == 0:
                self.on_rows(500)
            yield row

    def _take(self, result: DerivedRecord | Quarantined, mapping: FileMapping,
              balance: Balance, *, partial_file: bool) -> bool:
        """True when the result became (or updated) a record; False when it was quarantined."""
        if isinstance(result, Quarantined):
            if partial_file:
                balance.quarantined += 1
            self._quarantine(result)
            return False
        if partial_file:
            # key/value rows: the rows of one record count as records only if it was taken
            taken = self._take_record(result)
            if taken:
                balance.derived += len(result.rows)
            else:
                balance.quarantined += len(result.rows)
            return taken
        return self._take_record(repeated_row(result, mapping, self.quality.taken))

    def _take_record(self, result: DerivedRecord) -> bool:
        for warning in result.warnings:
            key = (result.file, warning)
            self.summary.warnings[key] = self.summary.warnings.get(key, 0) + 1
            examples = self.summary.warning_examples.setdefault(key, [])
            if len(examples) < KEPT_EXAMPLES:
                examples.append(f"{result.kind}:{result.source_id}")
        if result.partial:
            return self._augment(result)
        if self.quality.taken(result.kind, result.source_id):
            self._quarantine(Quarantined(result.file, result.rows[0], result.kind, None,
                                         "source_id", "duplicate source id in the export"))
            return False
        earlier = self.people.earlier(result)
        if earlier is not None:
            self._quarantine(Quarantined(result.file, result.rows[0], result.kind,
                                         result.source_id, "source_id",
                                         same_person_reason(earlier, result.kind)))
            return False
        self.quality.add(result)
        chash = content_hash(result.fields, result.extra)
        existing = None if self.first_pass else self.pager.get(
            record_id(self.run_name, result.kind, result.source_id))
        if existing is None:
            self.pager.add_new(ClinicRecord.derived_event(
                run=self.run_name, kind=result.kind, source_id=result.source_id,
                fields=result.fields, extra=result.extra, raw_kept=dict(result.raw_kept),
                warnings=result.warnings, file=result.file, rows=result.rows,
                mapping_hash=self.mapping_hash, content_hash=chash))
            self.summary.created += 1
        elif existing.content_hash == chash and existing.state != QUARANTINED:
            self.summary.unchanged += 1
        else:
            changed = sorted(k for k in set(existing.fields) | set(result.fields)
                             if existing.fields.get(k) != result.fields.get(k))
            existing.rederive(fields=result.fields, extra=result.extra,
                              raw_kept=dict(result.raw_kept), warnings=result.warnings,
                              file=result.file, rows=result.rows,
                              mapping_hash=self.mapping_hash, content_hash=chash,
                              changed=changed)
            self.pager.add(existing)
            self.summary.rederived += 1
        return True

    def _augment(self, result: DerivedRecord) -> bool:
        rid = record_id(self.run_name, result.kind, result.source_id)
        existing = self.pager.get(rid)
        if existing is None or existing.state == QUARANTINED:
            self._quarantine(Quarantined(result.file, result.rows[0], result.kind,
                                         f"{result.source_id}#kv",
                                         None, f"adds to a {result.kind} not in the export"))
            return False
        merged_fields = {**existing.fields, **result.fields}
        merged_extra = {**existing.extra, **result.extra}
        chash = content_hash(merged_fields, merged_extra)
        if chash == existing.content_hash:
            return True
        existing.augment(fields=result.fields, extra=result.extra, file=result.file,
                         rows=result.rows, content_hash=chash)
        self.pager.add(existing)
        return True

    def _quarantine(self, q: Quarantined) -> None:
        self.summary.quarantined += 1
        source_id = q.source_id or f"{q.file}#{q.row}"
        kind = q.kind
        if self.quality.taken(kind, source_id):
            source_id = f"{source_id}#{q.file}#{q.row}"
        self.quality.mark_quarantined(kind, source_id)
        rid = record_id(self.run_name, kind, source_id)
        existing = self.pager.get(rid)
        if existing is None:
            self.pager.add(ClinicRecord.quarantine(
                run=self.run_name, kind=kind, source_id=source_id, file=q.file, rows=[q.row],
                field=q.field, reason=q.reason, mapping_hash=self.mapping_hash))
        elif existing.state != QUARANTINED or existing.quarantine_reason != q.reason:
            existing.requarantine(file=q.file, rows=[q.row], field=q.field, reason=q.reason,
                                  mapping_hash=self.mapping_hash)
            self.pager.add(existing)


def file_stream_id(run_name: str, sha256: str) -> UUID:
    return source_file_id(run_name, sha256)


def confirm_and_derive(app: MigrationLog, run_name: str, doc: MappingDocument, by: str,
                       on_rows: Callable[[int], None] | None = None,
                       scratch: Path | None = None,
                       signer: Signer | None = None) -> DerivationSummary:
    """Records the confirmation (bound to the mapping's hash), derives the canonical records
    through it, and records the derivation's balance. A console `signer` is saved with it."""
    run = app.run(run_name)
    if signer is not None:
        signer.sign(run, "confirm-mapping", mapping_hash=doc.content_hash())
    run.confirm_mapping(mapping_hash=doc.content_hash(), by=by, mapping=doc.to_data())
    app.save(run)
    quality = DiskQualityIndex(scratch / "derive-index.sqlite") if scratch else None
    result = Deriver(app, run_name, doc, on_rows, quality).derive_all()
    run = app.run(run_name)
    run.derivation_completed(
        mapping_hash=doc.content_hash(),
        balance={k: v.to_json() for k, v in result.balance.items()},
        orphans=len(result.orphans), merge_candidates=len(result.merge_candidates),
        created=result.created, rederived=result.rederived, unchanged=result.unchanged,
        kept_as_written=result.kept_as_written())
    app.save(run)
    return result
