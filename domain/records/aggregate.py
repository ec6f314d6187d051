"""The record aggregate: one per canonical record, holding its whole life as past-tense events.

id = uuid5("<run>/<kind>/<source_id>"), so re-running a derivation finds the record instead of
duplicating it. Every Nutshell operation made for the record is an event here, which is what
lets rollback compute compensating commands from history alone.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from domain.ids import record_id

JSONDict = dict[str, Any]

# Record states, as counted by the projections and shown by `c2n status`.
DERIVED, QUARANTINED, REQUESTED, PUSHED, FAILED, COMPENSATED, SKIPPED = (
    "derived", "quarantined", "requested", "pushed", "failed", "rolled_back", "skipped",
)


class ClinicRecord(Aggregate):
    class Derived(Aggregate.Created):
        run: str
        kind: str
        source_id: str
        fields: JSONDict
        extra: JSONDict
        raw_kept: JSONDict
        warnings: list[str]
        file: str
        rows: list[int]
        mapping_hash: str
        content_hash: str

    class Quarantined(Aggregate.Created):
        """A source row that could not become a valid record; kept, never dropped."""

        run: str
        kind: str
        source_id: str
        file: str
        rows: list[int]
        field: str | None
        reason: str
        mapping_hash: str

    def __init__(self, run: str, kind: str, source_id: str, file: str, rows: list[int],
                 mapping_hash: str, fields: JSONDict | None = None,
                 extra: JSONDict | None = None, raw_kept: JSONDict | None = None,
                 warnings: list[str] | None = None, content_hash: str = "",
                 field: str | None = None, reason: str | None = None) -> None:
        self.run = run
        self.kind = kind
        self.source_id = source_id
        self.file = file
        self.rows = list(rows)
        self.mapping_hash = mapping_hash
        self.fields: JSONDict = dict(fields or {})
        self.extra: JSONDict = dict(extra or {})
        self.raw_kept: JSONDict = dict(raw_kept or {})
        self.warnings = list(warnings or [])
        self.content_hash = content_hash
        self.quarantine_reason = reason
        self.quarantine_field = field
        self.state = QUARANTINED if reason is not None else DERIVED
        self.nutshell_id: str | None = None
        self.entity: str | None = None
        self.pending: JSONDict | None = None  # the operation requested and not yet answered
        self.operations: list[JSONDict] = []  # succeeded operations, oldest first
        self.written: JSONDict = {}  # what Nutshell should hold, per expectation path
        self.compensated: set[str] = set()  # operation keys already compensated
        # (key, Unix time asked) of a compensation not yet answered: a restart looks from then
        self.pending_compensation: tuple[str, float] | None = None
        self.conflicts: JSONDict = {}  # path -> conflict details (open ones)
        self.applied_changes: set[str] = set()  # delta change ids already applied
        self.in_sample = False

    # --- factories ----------------------------------------------------------------------------

    @classmethod
    def derive(cls, *, run: str, kind: str, source_id: str, fields: JSONDict, extra: JSONDict,
               raw_kept: JSONDict, warnings: list[str], file: str, rows: list[int],
               mapping_hash: str, content_hash: str) -> ClinicRecord:
        return cls._create(
            cls.Derived, id=record_id(run, kind, source_id), run=run, kind=kind,
            source_id=source_id, fields=fields, extra=extra, raw_kept=raw_kept,
            warnings=warnings, file=file, rows=rows, mapping_hash=mapping_hash,
            content_hash=content_hash)

    @classmethod
    def derived_event(cls, *, run: str, kind: str, source_id: str, fields: JSONDict,
                      extra: JSONDict, raw_kept: JSONDict, warnings: list[str], file: str,
                      rows: list[int], mapping_hash: str, content_hash: str) -> ClinicRecord.Derived:
        """The creating event alone, for the derivation hot path where the new aggregate
        object itself is never used: the same fact, without building the object.

        The event's state goes straight into its __dict__, as the library's mapper does when it
        reads an event back: the frozen-dataclass constructor costs more than saving it.
        """
        event = object.__new__(cls.Derived)
        event.__dict__.update(
            originator_topic=_RECORD_TOPIC, originator_id=record_id(run, kind, source_id),
            originator_version=cls.INITIAL_VERSION, timestamp=cls.Derived.create_timestamp(),
            run=run, kind=kind, source_id=source_id, fields=fields, extra=extra,
            raw_kept=raw_kept, warnings=warnings, file=file, rows=rows,
            mapping_hash=mapping_hash, content_hash=content_hash)
        return event

    @classmethod
    def quarantine(cls, *, run: str, kind: str, source_id: str, file: str, rows: list[int],
                   field: str | None, reason: str, mapping_hash: str) -> ClinicRecord:
        return cls._create(
            cls.Quarantined, id=record_id(run, kind, source_id), run=run, kind=kind,
            source_id=source_id, file=file, rows=rows, field=field, reason=reason,
            mapping_hash=mapping_hash)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.source_id}"

    # --- derivation ---------------------------------------------------------------------------

    class Rederived(Aggregate.Event):
        """The mapping changed and so did this record's canonical content."""

        fields: JSONDict
        extra: JSONDict
        raw_kept: JSONDict
        warnings: list[str]
        file: str
        rows: list[int]
        mapping_hash: str
        content_hash: str
        changed: list[str]

        def apply(self, aggregate: Any) -> None:
            aggregate.fields = dict(self.fields)
            aggregate.extra = dict(self.extra)
            aggregate.raw_kept = dict(self.raw_kept)
            aggregate.warnings = list(self.warnings)
            aggregate.file = self.file
            aggregate.rows = list(self.rows)
            aggregate.mapping_hash = self.mapping_hash
            aggregate.content_hash = self.content_hash
            if aggregate.state == QUARANTINED:
                aggregate.state = DERIVED
                aggregate.quarantine_reason = None
                aggregate.quarantine_field = None

    class Requarantined(Aggregate.Event):
        """A re-derivation made a valid record invalid."""
        file: str
        rows: list[int]
        field: str | None
        reason: str
        mapping_hash: str

        def apply(self, aggregate: Any) -> None:
            aggregate.state = QUARANTINED
            aggregate.quarantine_reason = self.reason
            aggregate.quarantine_field = self.field
            aggregate.mapping_hash = self.mapping_hash

    class Augmented(Aggregate.Event):
        """Fields from a key/value table merged into the record (Open Dental patfield style)."""
        fields: JSONDict
        extra: JSONDict
        file: str
        rows: list[int]
        content_hash: str

        def apply(self, aggregate: Any) -> None:
            aggregate.fields.update(self.fields)
            aggregate.extra.update(self.extra)
            aggregate.content_hash = self.content_hash

    def rederive(self, **kwargs: Any) -> None:
        self.trigger_event(self.Rederived, **kwargs)

    def requarantine(self, **kwargs: Any) -> None:
        self.trigger_event(self.Requarantined, **kwargs)

    def augment(self, **kwargs: Any) -> None:
        self.trigger_event(self.Augmented, **kwargs)

    # --- Nutshell operations ------------------------------------------------------------------

    class PushRequested(Aggregate.Event):
        """About to send; the idempotency key lets a resumed run recognise its own writes."""

        op_key: str
        action: str  # "create" | "patch" | "carried"
        steps: list[JSONDict]
        mode: str  # "sample" | "run" | "retry" | "delta"

        def apply(self, aggregate: Any) -> None:
            aggregate.pending = {"op_key": self.op_key, "action": self.action, "mode": self.mode,
                                 "steps": self.steps,
                                 "requested_at": int(self.timestamp.timestamp())}
            aggregate.state = REQUESTED
            if self.mode == "sample":
                aggregate.in_sample = True

    class PushSucceeded(Aggregate.Event):
        op_key: str
        action: str
        entity: str
        nutshell_id: str
        results: list[JSONDict]  # per step: {"action", "entity", "id"}
        written: JSONDict  # expectation path -> value written
        overwritten: JSONDict  # expectation path -> value Nutshell held before (patches)
        links_added: list[JSONDict]
        answer: JSONDict  # what Nutshell answered: request ids, statuses (no values)

        def apply(self, aggregate: Any) -> None:
            aggregate.pending = None
            aggregate.state = PUSHED
            if self.action != "patch" or not aggregate.nutshell_id:
                aggregate.nutshell_id = self.nutshell_id
                aggregate.entity = self.entity
            aggregate.written.update(self.written)
            aggregate.operations.append({
                "op_key": self.op_key, "action": self.action, "entity": self.entity,
                "nutshell_id": self.nutshell_id, "results": self.results,
                "written": self.written, "overwritten": self.overwritten,
                "links_added": self.links_added,
            })

    class PushFailed(Aggregate.Event):
        op_key: str
        status: int | None
        transient: bool
        reason: str

        def apply(self, aggregate: Any) -> None:
            aggregate.pending = None
            aggregate.state = FAILED
            aggregate.failure = {"status": self.status, "transient": self.transient,
                                 "reason": self.reason}

    class Skipped(Aggregate.Event):
        """Not moved by design (kind disabled, clinical content not opted in, held for review)."""

        reason: str

        def apply(self, aggregate: Any) -> None:
            aggregate.state = SKIPPED
            aggregate.skip_reason = self.reason

    def request_push(self, *, op_key: str, action: str, steps: list[JSONDict], mode: str) -> None:
        self.trigger_event(self.PushRequested, op_key=op_key, action=action, steps=steps,
                           mode=mode)

    def push_succeeded(self, **kwargs: Any) -> None:
        self.trigger_event(self.PushSucceeded, **kwargs)

    def push_failed(self, *, op_key: str, status: int | None, transient: bool,
                    reason: str) -> None:
        self.trigger_event(self.PushFailed, op_key=op_key, status=status, transient=transient,
                           reason=reason)

    def skip(self, reason: str) -> None:
        self.trigger_event(self.Skipped, reason=reason)

    # --- delta window -------------------------------------------------------------------------

    class Revised(Aggregate.Event):
        """A change made in the clinic during cutover, applied to the canonical record."""

        change_id: str
        origin: str
        fields: JSONDict
        previous: JSONDict
        deleted: bool
        ts_ms: int

        def apply(self, aggregate: Any) -> None:
            aggregate.fields.update(self.fields)
            aggregate.applied_changes.add(self.change_id)
            if self.deleted:
                aggregate.deleted_in_source = True

    class ConflictDetected(Aggregate.Event):
        change_id: str
        paths: list[str]
        detail: JSONDict  # path -> {"source": hash, "written": hash, "nutshell": hash}

        def apply(self, aggregate: Any) -> None:
            for path in self.paths:
                aggregate.conflicts[path] = {"change_id": self.change_id,
                                             **self.detail.get(path, {})}

    class ConflictResolved(Aggregate.Event):
        paths: list[str]
        take: str  # "source" | "nutshell"
        by: str
        accepted: JSONDict  # path -> value now regarded as ours (Nutshell's, when kept)

        def apply(self, aggregate: Any) -> None:
            for path in self.paths:
                aggregate.conflicts.pop(path, None)
            aggregate.written.update(self.accepted)

    def revise(self, **kwargs: Any) -> None:
        self.trigger_event(self.Revised, **kwargs)

    def detect_conflict(self, *, change_id: str, paths: list[str], detail: JSONDict) -> None:
        self.trigger_event(self.ConflictDetected, change_id=change_id, paths=paths,
                           detail=detail)

    def resolve_conflict(self, *, paths: list[str], take: str, by: str,
                         accepted: JSONDict) -> None:
        self.trigger_event(self.ConflictResolved, paths=paths, take=take, by=by,
                           accepted=accepted)

    # --- rollback -----------------------------------------------------------------------------

    class CompensationRequested(Aggregate.Event):
        comp_key: str
        op_key: str
        action: str  # "delete" | "restore" | "unlink" | "undelete"
        entity: str
        nutshell_id: str
        ops: list[JSONDict]

        def apply(self, aggregate: Any) -> None:
            aggregate.pending_compensation = (self.comp_key, self.timestamp.timestamp())

    class CompensationSucceeded(Aggregate.Event):
        comp_key: str
        op_key: str
        action: str
        # the record an undelete brought back (for the cross-reference); else empty
        entity: str = ""
        nutshell_id: str = ""

        def apply(self, aggregate: Any) -> None:
            aggregate.pending_compensation = None
            if self.action == "undelete":
                aggregate.compensated.discard(self.op_key)
                aggregate.state = PUSHED
            else:
                aggregate.compensated.add(self.op_key)
                if all(op["op_key"] in aggregate.compensated for op in aggregate.operations):
                    aggregate.state = COMPENSATED

    class CompensationFailed(Aggregate.Event):
        comp_key: str
        op_key: str
        status: int | None
        transient: bool
        reason: str

        def apply(self, aggregate: Any) -> None:
            aggregate.pending_compensation = None

    class CompensationSkipped(Aggregate.Event):
        comp_key: str
        op_key: str
        reason: str
        paths: list[str]

        def apply(self, aggregate: Any) -> None:
            aggregate.pending_compensation = None

    def request_compensation(self, **kwargs: Any) -> None:
        self.trigger_event(self.CompensationRequested, **kwargs)

    def compensation_succeeded(self, **kwargs: Any) -> None:
        self.trigger_event(self.CompensationSucceeded, **kwargs)

    def compensation_failed(self, **kwargs: Any) -> None:
        self.trigger_event(self.CompensationFailed, **kwargs)

    def compensation_skipped(self, **kwargs: Any) -> None:
        self.trigger_event(self.CompensationSkipped, **kwargs)

    # --- verification -------------------------------------------------------------------------

    class Verified(Aggregate.Event):
        ok: bool
        matched: int
        differing: list[str]  # expectation paths
        missing: list[str]

        def apply(self, aggregate: Any) -> None:
            aggregate.last_verified_ok = self.ok

    def verified(self, *, ok: bool, matched: int, differing: list[str],
                 missing: list[str]) -> None:
        self.trigger_event(self.Verified, ok=ok, matched=matched, differing=differing,
                           missing=missing)


_RECORD_TOPIC = get_topic(ClinicRecord)

