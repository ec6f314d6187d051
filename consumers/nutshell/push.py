"""The executor: canonical records pushed to Nutshell in run order, a page at a time.

For each page: plan every record, save the `PushRequested` events (one transaction), send the
steps with several requests in flight, save the outcomes (one transaction). A run killed at any
point resumes from the log: a record whose request has no outcome is finished by first looking
its external key up in Nutshell, so nothing is created twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from consumers.bootstrap import Engine
from consumers.nutshell.documents import Documents
from consumers.nutshell.found import made_since
from consumers.nutshell.push_context import RunContext
from domain.errors import AmbiguousWriteError, C2NError, TerminalError, TransientError
from domain.ids import operation_key
from domain.mapping import MappingDocument
from domain.nutshell.activities import FILELESS, NO_FILE
from domain.nutshell.map import (
    RUN_ORDER,
    Blocked,
    Skipped,
    Step,
    actual_values,
    bind,
    expectations,
    order_key,
    plan_record,
    read_paths,
    update_ops,
)
from domain.nutshell.payloads import CARRIED, with_extra
from domain.ports import NutshellAPI
from domain.records.aggregate import ClinicRecord

PAGE = 100
ORPHAN = " is not in the export: an orphan)"


@dataclass
class PushSummary:
    pushed: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    blocked: dict[str, list[str]] = field(default_factory=dict)  # kind -> reasons (no values)
    # documents the export lists without their files, landed as notes: the operator is told
    without_file: dict[str, int] = field(default_factory=dict)

    def add(self, bucket: str, kind: str) -> None:
        counter: dict[str, int] = getattr(self, bucket)
        counter[kind] = counter.get(kind, 0) + 1

    def to_json(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "failed": self.failed, "skipped": self.skipped,
                "blocked": {k: len(v) for k, v in self.blocked.items()},
                "landed_without_file": {k: {"records": n, "reason": FILELESS}
                                        for k, n in self.without_file.items()}}


@dataclass
class _Outcome:
    adopted: bool = False
    entity: str = ""
    nutshell_id: str = ""
    results: list[dict[str, Any]] = field(default_factory=list)
    overwritten: dict[str, Any] = field(default_factory=dict)


class Pusher:
    def __init__(self, engine: Engine, api: NutshellAPI, doc: MappingDocument, mode: str,
                 ctx: RunContext, *, max_in_flight: int = 8,
                 on_record: Callable[[str], None] | None = None) -> None:
        self.engine = engine
        self.app = engine.app
        self.api = api
        self.doc = doc
        self.mode = mode
        self.ctx = ctx
        self.max_in_flight = max_in_flight
        self.on_record = on_record
        self.summary = PushSummary()
        self.documents = Documents(engine, api, ctx.record)
        # (source id, kind) -> (the plan's reason, the kind of the parent not in the export)
        self.orphaned: dict[tuple[str, str], tuple[str, str]] = {}

    # --- selection ----------------------------------------------------------------------------

    def push(self, keys: Iterable[tuple[str, str]]) -> PushSummary:
        """Pushes the given records (kind, source_id) in run order; blocked ones are retried
        after their kind's pass (deeper company hierarchies), then reported."""
        by_kind: dict[str, list[str]] = {}
        for kind, source_id in keys:
            by_kind.setdefault(kind, []).append(source_id)
        for kind in [k for k in RUN_ORDER if k in by_kind] + sorted(set(by_kind) - set(RUN_ORDER)):
            records = [r for r in (self.app.record(self.ctx.run_name, kind, s)
                                   for s in by_kind[kind]) if r is not None]
            records.sort(key=lambda r: order_key(r.kind, r.fields))
            for _ in range(3):
                blocked = self._push_records(records)
                if not blocked or len(blocked) == len(records):
                    break
                records = [record for record, _ in blocked]
            for record, reason in blocked:
                self.summary.blocked.setdefault(record.kind, []).append(
                    f"{record.source_id}: {reason}")
            self._quarantine_orphans(blocked)
            self.engine.catch_up()
        return self.summary

    def _push_records(self, records: Sequence[ClinicRecord]) -> list[tuple[ClinicRecord, str]]:
        blocked: list[tuple[ClinicRecord, str]] = []
        for start in range(0, len(records), PAGE):
            blocked += self._push_page(list(records[start:start + PAGE]))
        return blocked

    # --- one page -----------------------------------------------------------------------------

    def _fields(self, record: ClinicRecord) -> dict[str, Any]:
        """The record's fields as its plan reads them: a document whose file is not in the
        export marked so (it is planned, and checked, as a note)."""
        fields = dict(with_extra(record.fields, record.extra))
        if self.documents.fileless(record.kind, record.source_id, record.fields):
            fields[NO_FILE] = FILELESS
        return fields

    def _push_page(self, records: list[ClinicRecord]) -> list[tuple[ClinicRecord, str]]:
        work: list[tuple[ClinicRecord, list[Step], bool]] = []
        blocked: list[tuple[ClinicRecord, str]] = []
        touched: list[ClinicRecord] = []
        for record in records:
            if record.pending:
                steps = [Step.from_json(s) for s in record.pending["steps"]]
                work.append((record, steps, True))
                continue
            held = self.documents.hold_reason(record.kind, record.source_id, record.fields)
            if held:
                blocked.append((record, held))
                continue
            plan = plan_record(record.kind, record.source_id, self._fields(record), self.ctx,
                               self.doc)
            if isinstance(plan, Blocked):
                why, orphan = self._why_blocked(plan)
                blocked.append((record, why))
                if orphan:
                    self.orphaned[record.source_id, record.kind] = (plan.reason, orphan)
                continue
            if isinstance(plan, Skipped):
                carried = plan.reason == CARRIED
                if carried and self._carry(record):
                    touched.append(record)
                    continue
                if carried:
                    blocked.append((record, "its patient has no Nutshell record"))
                    continue
                if record.state != "skipped":
                    record.skip(plan.reason)
                    touched.append(record)
                self.summary.add("skipped", record.kind)
                continue
            if record.kind == "document" and all(s.entity == "notes" for s in plan):
                self.summary.add("without_file", record.kind)
            retry = record.state == "failed"  # an earlier attempt may have landed: look first
            action = "create" if any(s.action == "create" for s in plan) else "patch"
            op_key = operation_key(record.id, f"{self.mode}/{action}", record.content_hash)
            record.request_push(op_key=op_key, action=action,
                                steps=[s.to_json() for s in plan], mode=self.mode)
            work.append((record, plan, retry))
            touched.append(record)
        if touched:
            self.app.save(*touched)
        if not work:
            return blocked
        results = self._run_concurrently(work)
        for (record, _steps, _resumed), outcome in zip(work, results, strict=True):
            assert record.pending is not None
            op_key, action = record.pending["op_key"], record.pending["action"]
            if isinstance(outcome, _Outcome):
                written = expectations(record.kind, record.source_id, self._fields(record),
                                       self.ctx, self.doc)
                if outcome.adopted:
                    action = "adopt"
                record.push_succeeded(op_key=op_key, action=action, entity=outcome.entity,
                                      nutshell_id=outcome.nutshell_id, results=outcome.results,
                                      written=written, overwritten=outcome.overwritten,
                                      links_added=[], answer={"steps": len(outcome.results)})
                if action in {"create", "adopt"}:
                    self.ctx.created(record.kind, record.source_id, outcome.nutshell_id)
                self.summary.add("pushed", record.kind)
            else:
                transient = isinstance(outcome, TransientError)
                status = getattr(outcome, "status", None)
                record.push_failed(op_key=op_key, status=status, transient=transient,
                                   reason=_reason(outcome))
                self.summary.add("failed", record.kind)
            if self.on_record:
                self.on_record(record.kind)
        self.app.save(*(r for r, _, _ in work))
        return blocked

    def _why_blocked(self, plan: Blocked) -> tuple[str, str | None]:
        """The plan's reason, and whether a missing parent is quarantined (an orphan the
        operator must fix in the export) rather than merely not pushed yet; the kind of the
        parent the export does not hold, if so."""
        for kind, source_id in plan.missing:
            state = self.engine.store.record_state(kind, source_id)
            if state is None:
                return f"{plan.reason} ({kind} {source_id or '(blank)'}{ORPHAN}", kind
            if state in {"quarantined", "skipped", "failed"}:
                return f"{plan.reason} ({kind} {source_id} is {state})", None
        return plan.reason, None

    def _quarantine_orphans(self, blocked: Sequence[tuple[ClinicRecord, str]]) -> None:
        """A record whose parent the export does not hold (an orphan, or a blank reference)
        can never be sent as the export stands: quarantined with its reason, so status, the
        failures list and verify show it (a re-derivation after the export is fixed lets it
        go again); one merely waiting for its parent stays as it is."""
        orphans = [r for r, _ in blocked if (r.source_id, r.kind) in self.orphaned
                   and r.state not in {"quarantined", "pushed"} and r.pending is None]
        for record in orphans:  # the reason names the parent's kind, never its id (PHI)
            reason, kind = self.orphaned[record.source_id, record.kind]
            record.requarantine(file=record.file, rows=record.rows, field=None,
                                reason=f"{reason}: its {kind} is not in the export (an orphan)",
                                mapping_hash=record.mapping_hash)
        if orphans:
            self.app.save(*orphans)

    def _carry(self, record: ClinicRecord) -> bool:
        """A kind carried as custom fields on the patient's Person is in Nutshell once its
        patient is: recorded as such, with no request of its own."""
        patient = record.fields.get("patient_source_id")
        nutshell_id = self.ctx.nutshell_id("patient", str(patient)) if patient else None
        if not nutshell_id:
            return False
        if record.state == "pushed":
            return True
        op_key = operation_key(record.id, f"{self.mode}/carried", record.content_hash)
        record.push_succeeded(op_key=op_key, action="carried", entity="contacts",
                              nutshell_id=nutshell_id, results=[], written={}, overwritten={},
                              links_added=[], answer={})
        self.summary.add("pushed", record.kind)
        return True

    def _run_concurrently(self, work: list[tuple[ClinicRecord, list[Step], bool]]) -> list[Any]:
        def one(item: tuple[ClinicRecord, list[Step], bool]) -> _Outcome:
            record, steps, resumed = item
            since = int((record.pending or {}).get("requested_at") or time.time()) - 5
            return self._execute(steps, resumed, since)

        mapper = getattr(self.api, "map_concurrent", None)
        if mapper is None:
            out: list[Any] = []
            for item in work:
                try:
                    out.append(one(item))
                except Exception as exc:  # noqa: BLE001 - recorded as the record's failure
                    out.append(exc)
            return out
        return [r.value if r.ok else r.error for r in mapper(one, work, self.max_in_flight)]

    def _execute(self, steps: list[Step], resumed: bool, since: int) -> _Outcome:
        outcome = _Outcome()
        created: list[str | None] = []
        for step in steps:
            payload = bind(step, created)
            if step.action == "create" and not resumed and step.external_key \
                    and self.doc.settings.adopt_existing:
                existing = self.api.find_by_custom_field(step.entity, *step.external_key)
                if existing is not None:
                    self._adopt(step, payload, existing, outcome)
                    created.append(str(existing["id"]))
                    continue
            if step.action == "create":
                found = self._find_existing(step, payload, since) if resumed else None
                try:
                    # made as the user who logged the activity / wrote the note (impersonation)
                    with self.api.acting_as(step.acting_user):
                        record = found or self.api.create(
                            step.entity, payload,  # type: ignore[arg-type]
                            external_key=step.external_key)
                except AmbiguousWriteError:
                    # No external key to look up by: find it by when it was made and what it holds.
                    record = self._find_existing(step, payload, since)  # type: ignore[assignment]
                    if record is None:
                        raise
                new_id = str(record["id"])
                created.append(new_id)
                outcome.results.append({"action": "create", "entity": step.entity, "id": new_id})
                outcome.entity, outcome.nutshell_id = step.entity, new_id
                continue
            target = self._target(step, created)
            if step.action in {"upload", "status"}:
                self._side_step(step, target, outcome)
                created.append(None)
                continue
            before = self.api.get(step.entity, target)
            if before is None:
                raise TerminalError(f"{step.entity} {target} is gone from Nutshell", status=404)
            if step.action == "patch":
                ops: list[dict[str, Any]] = payload  # type: ignore[assignment]
                paths = _paths_of(step.entity, ops)
            else:  # a whole activity (PUT): applied as the patch of every writable path
                whole = _unwrap(step.entity, payload)
                values = read_paths(step.entity, whole)
                ops, paths = _whole_record_ops(step.entity, values), list(values)
            if step.target is not None:  # an existing record: keep what we overwrite
                outcome.overwritten.update(actual_values(step.entity, before, paths))
            with self.api.acting_as(step.acting_user):
                self.api.patch(step.entity, target, ops)
            created.append(None)
            outcome.results.append({"action": step.action, "entity": step.entity, "id": target})
            if not outcome.nutshell_id:
                outcome.entity, outcome.nutshell_id = step.entity, target
        return outcome

    def _side_step(self, step: Step, target: str, outcome: _Outcome) -> None:
        """A file attached to the record, or a lead's status set through its endpoint."""
        payload: dict[str, Any] = step.payload  # type: ignore[assignment]
        if step.action == "upload":
            got = self.documents.upload(step.entity, target, payload)
            outcome.results.append({"action": "upload", "entity": step.entity, "id": target,
                                    "file": got["file"], "uri": got["uri"]})
        else:
            if step.target is not None:  # an existing lead: keep the status it had
                before = self.api.get(step.entity, target) or {}
                outcome.overwritten["leads.status"] = before.get("status")
            self.api.set_lead_status(target, str(payload["status"]))
            outcome.results.append({"action": "status", "entity": step.entity, "id": target,
                                    "status": payload["status"]})
        if not outcome.nutshell_id:
            outcome.entity, outcome.nutshell_id = step.entity, target

    def _adopt(self, step: Step, payload: Any, existing: dict[str, Any], outcome: _Outcome) -> None:
        """A record that was in Nutshell before us: updated in place, what it held kept."""
        values = read_paths(step.entity, _unwrap(step.entity, payload))
        target = str(existing["id"])
        outcome.overwritten.update(actual_values(step.entity, existing, list(values)))
        self.api.patch(step.entity, target, update_ops(step.entity, values))
        outcome.results.append({"action": "adopt", "entity": step.entity, "id": target})
        outcome.entity, outcome.nutshell_id, outcome.adopted = step.entity, target, True

    def _find_existing(self, step: Step, payload: Any, since: int) -> dict[str, Any] | None:
        """The record an interrupted create may have made: by its external key, or else among
        the records created since the request, the one holding exactly what was sent."""
        if step.external_key:
            return self.api.find_by_custom_field(step.entity, *step.external_key)
        sent = read_paths(step.entity, _unwrap(step.entity, payload))
        return made_since(self.api, step.entity, sent, since)

    def _target(self, step: Step, created: list[str | None]) -> str:
        if step.target is not None:
            found = self.ctx.nutshell_id(*step.target)
            if found:
                return found
            raise TerminalError(f"no Nutshell id for {step.target[0]} yet")
        if step.uses_result_of is not None and created[step.uses_result_of]:
            return str(created[step.uses_result_of])
        raise TerminalError("a patch step names no record")


def _whole_record_ops(entity: str, values: dict[str, Any]) -> list[dict[str, Any]]:
    """An activity is replaced whole (PUT): every field, link lists included, is a `replace`
    (an emptied field is written as null)."""
    return [{"op": "replace", "path": f"/{entity}/0/" + path.split(".", 1)[1].replace(".", "/"),
             "value": value} for path, value in values.items()]


def _unwrap(entity: str, payload: Any) -> dict[str, Any]:
    if isinstance(payload, dict) and isinstance(payload.get(entity), list) and payload[entity]:
        return dict(payload[entity][0])
    return dict(payload)


def _paths_of(entity: str, ops: list[dict[str, Any]]) -> list[str]:
    """Expectation paths touched by JSON Patch ops (`/contacts/0/customFields/X`)."""
    out = []
    for op in ops:
        parts = str(op.get("path", "")).split("/")[3:]
        if parts and parts[0] != "links":
            out.append(".".join([entity, *parts]))
    return out


def _reason(exc: BaseException) -> str:
    if isinstance(exc, C2NError):
        return str(exc)[:300]
    return f"{type(exc).__name__} in the executor"
