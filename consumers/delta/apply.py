"""The delta window's apply side: changes made in the clinic during cutover, applied to the
canonical records and, where Nutshell still holds what we wrote, to Nutshell.

Per field, three ways: what the source says now, what the engine last wrote, what Nutshell
holds now. Nutshell unchanged since our write -> the change is applied; changed by staff ->
a conflict is recorded and Nutshell left as it is. Every step is an event saved before the
consumer commits its offsets; a redelivered change is recognised by its id.

A page's changes are applied in lanes, one per Nutshell object, side by side up to the client's
request budget (lanes.py); one object's changes stay in order within its lane.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from eventsourcing.utils import get_topic

from consumers.bootstrap import Engine
from consumers.delta.lanes import LockedAPI, OwnedLock, request_budget, run_lanes
from consumers.nutshell.push import Pusher
from consumers.nutshell.push_context import RunContext
from consumers.services.derive import content_hash
from domain.delta import Change, PageResult
from domain.errors import C2NError, TransientError
from domain.ids import operation_key, phi_hash
from domain.mapping import MappingDocument
from domain.nutshell.map import (
    CARRIED_BY_PATIENT,
    actual_values,
    expectations,
    three_way,
    update_ops,
)
from domain.nutshell.payloads import with_extra
from domain.nutshell.plan import Step
from domain.ports import NutshellAPI
from domain.records.aggregate import ClinicRecord
from domain.run.signer import Signer


@dataclass
class _Tally:
    applied: int = 0
    conflicts: int = 0
    errors: int = 0
    details: list[dict[str, Any]] = field(default_factory=list)


class DeltaApplier:
    def __init__(self, engine: Engine, api: NutshellAPI, doc: MappingDocument, *,
                 lanes: int | None = None) -> None:
        self.engine = engine
        self.ctx = RunContext(engine)
        self.app = engine.app
        self._lock = OwnedLock()
        self.api = cast(NutshellAPI, LockedAPI(api, self._lock))
        self.workers = lanes or request_budget(api)
        self.doc = doc
        self.run = engine.settings.run_name
        self.mapping_hash = doc.content_hash()

    def __call__(self, changes: list[Change]) -> PageResult:
        tally = _Tally()
        # One context per page: it caches parents' ids, owners and the children index.
        self.ctx = RunContext(self.engine)
        lanes: dict[str, list[Change]] = {}
        for change in changes:
            lanes.setdefault(self._lane(change), []).append(change)

        def apply_one(change: Change) -> None:
            try:
                self._apply(change, tally)
            except C2NError as exc:
                tally.errors += 1
                tally.details.append({"record": change.key, "error": type(exc).__name__,
                                      "transient": isinstance(exc, TransientError)})
                if isinstance(exc, TransientError):
                    raise  # the lane stops; the page is not committed: it comes again

        failures = run_lanes(lanes.values(), apply_one, lock=self._lock, workers=self.workers)
        self.engine.catch_up()
        if failures:
            raise failures[0]
        return PageResult(applied=tally.applied, conflicts=tally.conflicts, errors=tally.errors,
                          details=tally.details)

    def _lane(self, change: Change) -> str:
        """The Nutshell object a change writes to: a carried kind writes to its patient's."""
        if change.kind not in CARRIED_BY_PATIENT:
            return change.key
        patient = change.fields.get("patient_source_id") or change.previous.get("patient_source_id")
        if not patient:
            record = self.app.record(self.run, change.kind, change.source_id)
            patient = record.fields.get("patient_source_id") if record is not None else None
        return f"patient:{patient}" if patient else change.key

    # --- one change -------------------------------------------------------------------------

    def _apply(self, change: Change, tally: _Tally) -> None:
        record = self.app.record(self.run, change.kind, change.source_id)
        if record is not None and change.change_id in record.applied_changes:
            self._resume(record, change)
            return
        if record is None:
            if change.op == "delete":
                return  # deleted before we ever saw it: nothing to do
            if self.engine.of_forgotten_patient(change.kind, change.source_id, change.fields):
                # An erasure is not undone by a change made in the clinic during cutover:
                # nothing is recorded or sent, and the operator sees why (no values).
                tally.details.append({"record": f"{change.kind}:{phi_hash(change.source_id)}",
                                      "forgotten_patient": True})
                return
            record = ClinicRecord.derive(
                run=self.run, kind=change.kind, source_id=change.source_id,
                fields=dict(change.fields), extra={}, raw_kept={}, warnings=[], file="delta",
                rows=[], mapping_hash=self.mapping_hash,
                content_hash=content_hash(dict(change.fields), {}))
            self._revise(record, change, deleted=False)
            self.app.save(record)
            self.engine.catch_up()
            self.ctx.changed(record.kind, record.source_id, new=True)
            self._push_new(record)
            tally.applied += 1
            return
        target = self._target_record(record)
        if self._finish_pendings(record, target):
            record = self._reloaded(record)
            target = self._target_record(record)
        if change.op == "delete":
            self._revise(record, change, deleted=True)
            self.app.save(record)
            self._propagate_delete(record)
            tally.details.append({"record": change.key, "deleted_in_source": True,
                                  "propagated": self.doc.settings.propagate_deletes})
            tally.applied += 1
            return
        self._revise(record, change, deleted=False)
        if not self._in_nutshell(record):
            self.app.save(record)  # not in Nutshell yet: the run sends the new values
            tally.applied += 1
            return
        conflicts = self._sync(target, record, change)
        tally.applied += 1
        tally.conflicts += conflicts

    def _resume(self, record: ClinicRecord, change: Change) -> None:
        """A change seen before. A consumer killed (or a page failed) after saving the revision
        may have sent nothing, or not saved the outcome: finish what was requested, then sync.
        Each way is idempotent: a fully applied change finds Nutshell already agreeing with the
        source and sends nothing. The sync is not skipped after finishing a write: that write
        may have been another change's (a carried kind's, on the same patient)."""
        target = self._target_record(record)
        if self._finish_pendings(record, target):
            record = self._reloaded(record)
            target = self._target_record(record)
        if change.op == "delete":
            self._propagate_delete(record)  # killed before (or while) sending the delete
            return
        if any(c.get("change_id") == change.change_id for c in record.conflicts.values()):
            return
        if not self._in_nutshell(record):
            if change.op == "create":
                self._push_new(record)  # the revision was saved, the create never requested
            return
        self._sync(target, record, change)

    def _finish_pendings(self, record: ClinicRecord, target: ClinicRecord) -> bool:
        """A delta write to this record's Nutshell object that a killed consumer requested and
        never saw answered is finished first, whichever change it was for: until then the record
        is not `pushed`, and a later change must neither take it for one not in Nutshell yet nor
        overtake the write. True when one was finished (the records are then stale)."""
        for pending in (record, target):
            if pending.pending and pending.pending.get("mode") == "delta":
                self._finish_pending(pending)
                return True
        return False

    def _reloaded(self, record: ClinicRecord) -> ClinicRecord:
        """The record as saved now (finishing a write may have saved it through another copy)."""
        fresh = self.app.record(self.run, record.kind, record.source_id)
        assert fresh is not None
        return fresh

    @staticmethod
    def _in_nutshell(record: ClinicRecord) -> bool:
        """Nutshell holds the record's object, so a change is synced now. A failed delta write
        (a transient error; the page comes again) leaves the record `failed` but in Nutshell."""
        return record.state == "pushed" or (record.state == "failed" and bool(record.nutshell_id))

    def _revise(self, record: ClinicRecord, change: Change, *, deleted: bool) -> None:
        record.revise(change_id=change.change_id, origin=change.origin,
                      fields=dict(change.fields), previous=dict(change.previous),
                      deleted=deleted, ts_ms=change.ts_ms)

    def _target_record(self, record: ClinicRecord) -> ClinicRecord:
        """The record whose Nutshell object holds this one's values (a carried kind's patient)."""
        if record.kind in CARRIED_BY_PATIENT:
            patient = self.app.record(self.run, "patient",
                                      str(record.fields.get("patient_source_id")))
            if patient is not None:
                return patient
        return record

    def _sync(self, target: ClinicRecord, changed: ClinicRecord, change: Change) -> int:
        """Three-way per path on the target's Nutshell object; applies, or records conflicts."""
        self.app.save(changed)  # the revision is a fact before anything is sent
        self.ctx.changed(changed.kind, changed.source_id)
        source_now = expectations(target.kind, target.source_id,
                                  with_extra(target.fields, target.extra), self.ctx,
                                  self.doc)
        entity, nutshell_id = target.entity, target.nutshell_id
        if not entity or not nutshell_id:
            return 0
        current = self.api.get(entity, nutshell_id)
        if current is None:
            return 0
        nutshell_now = actual_values(entity, current, source_now.keys())
        decisions = three_way(source_now, target.written, nutshell_now)
        conflict_paths = sorted(p for p, d in decisions.items() if d == "conflict")
        apply_paths = sorted(p for p, d in decisions.items() if d == "apply")
        if conflict_paths:
            changed.detect_conflict(change_id=change.change_id, paths=conflict_paths, detail={
                p: {"source": phi_hash(source_now.get(p)), "written": phi_hash(target.written.get(p)),
                    "nutshell": phi_hash(nutshell_now.get(p))} for p in conflict_paths})
        if apply_paths:
            values = {p: source_now.get(p) for p in apply_paths}
            step = Step("patch", entity, update_ops(entity, values), None,
                        (target.kind, target.source_id))
            # The write is the target's operation (its Nutshell object, its rollback), so that
            # what the target's record says Nutshell holds stays true.
            op_key = operation_key(target.id, f"delta/{change.change_id}", changed.content_hash)
            if target is not changed:
                self.app.save(changed)
            target.request_push(op_key=op_key, action="patch", steps=[step.to_json()],
                                mode="delta")
            self.app.save(target)
            self._send_patch(target, entity, nutshell_id, values, {p: nutshell_now.get(p)
                                                                   for p in apply_paths})
        else:
            self.app.save(changed)
        return len(conflict_paths)

    def _send_patch(self, record: ClinicRecord, entity: str, nutshell_id: str,
                    values: dict[str, Any], overwritten: dict[str, Any]) -> None:
        assert record.pending is not None
        op_key = record.pending["op_key"]
        try:
            self.api.patch(entity, nutshell_id, update_ops(entity, values))
        except C2NError as exc:
            record.push_failed(op_key=op_key, status=getattr(exc, "status", None),
                               transient=isinstance(exc, TransientError), reason=str(exc)[:300])
            self.app.save(record)
            raise
        record.push_succeeded(op_key=op_key, action="patch", entity=entity,
                              nutshell_id=nutshell_id, results=[{"action": "patch",
                                                                 "entity": entity,
                                                                 "id": nutshell_id}],
                              written=values, overwritten=overwritten, links_added=[],
                              answer={"mode": "delta"})
        self.app.save(record)

    def _finish_pending(self, record: ClinicRecord) -> None:
        assert record.pending is not None
        if record.pending["action"] == "delete":
            self._propagate_delete(record)
            return
        steps = [Step.from_json(s) for s in record.pending["steps"]]
        if any(step.action == "create" for step in steps):
            # A new record whose create was requested: the executor resumes it, looking the
            # record up by its external key before creating anything.
            self._push_new(record)
            return
        if not steps or steps[0].target is None:
            return
        target = self.app.record(self.run, *steps[0].target)
        if target is None or not target.nutshell_id or not target.entity:
            return
        current = self.api.get(target.entity, target.nutshell_id) or {}
        # The saved ops name wire pointers (`/contacts/0/addresses`), not the logical paths
        # (`contacts.address`) a write records: the paths are those whose ops hit the same
        # pointers, valued as the source says now (the revision is already saved).
        pointers = {op.get("path") for op in steps[0].payload if isinstance(op, dict)}
        source_now = expectations(target.kind, target.source_id,
                                  with_extra(target.fields, target.extra), self.ctx, self.doc)
        values = {path: value for path, value in source_now.items()
                  if {op["path"] for op in update_ops(target.entity, {path: value})} & pointers}
        self._send_patch(record, target.entity, target.nutshell_id, values,
                         actual_values(target.entity, current, values.keys()))

    def _push_new(self, record: ClinicRecord) -> None:
        pusher = Pusher(self.engine, self.api, self.doc, "delta", self.ctx)
        pusher.push([(record.kind, record.source_id)])

    def _propagate_delete(self, record: ClinicRecord) -> None:
        """A source delete becomes a Nutshell delete where the mapping says so, once: a resumed
        one is sent again (Nutshell answers an already deleted record as gone, which is fine)."""
        if not (self.doc.settings.propagate_deletes and record.nutshell_id and record.entity):
            return
        if any(op["action"] == "delete" for op in record.operations):
            return
        self._delete(record)

    def _delete(self, record: ClinicRecord) -> None:
        assert record.entity and record.nutshell_id
        op_key = operation_key(record.id, "delta/delete", record.content_hash)
        record.request_push(op_key=op_key, action="delete", steps=[], mode="delta")
        self.app.save(record)
        self.api.delete(record.entity, record.nutshell_id)
        record.push_succeeded(op_key=op_key, action="delete", entity=record.entity,
                              nutshell_id=record.nutshell_id, results=[], written={},
                              overwritten={}, links_added=[], answer={"mode": "delta"})
        self.app.save(record)


def open_conflicts(engine: Engine) -> list[dict[str, Any]]:
    engine.catch_up()
    conflicted = engine.audit(topics=[get_topic(ClinicRecord.ConflictDetected)])
    keys = sorted({a["record"] for a in conflicted if a["record"]})
    out = []
    for key in keys:
        kind, source_id = key.split(":", 1)
        record = engine.app.record(engine.settings.run_name, kind, source_id)
        if record is not None and record.conflicts:
            out.append({"record": key, "paths": sorted(record.conflicts),
                        "detail": {p: {k: v for k, v in d.items() if k != "change_id"}
                                   for p, d in record.conflicts.items()}})
    return out


def resolve(engine: Engine, api: NutshellAPI, doc: MappingDocument, key: str, take: str,
            by: str, signer: Signer | None = None) -> dict[str, Any]:
    kind, source_id = key.split(":", 1)
    record = engine.app.record(engine.settings.run_name, kind, source_id)
    if record is None or not record.conflicts:
        return {"record": key, "resolved": []}
    applier = DeltaApplier(engine, api, doc)
    target = applier._target_record(record)
    paths = sorted(record.conflicts)
    assert target.entity and target.nutshell_id
    current = api.get(target.entity, target.nutshell_id) or {}
    nutshell_now = actual_values(target.entity, current, paths)
    if take == "source":
        source_now = expectations(target.kind, target.source_id,
                                  with_extra(target.fields, target.extra),
                                  RunContext(engine), doc)
        values = {p: source_now.get(p) for p in paths}
        op_key = operation_key(record.id, f"resolve/{'/'.join(paths)}", record.content_hash)
        step = Step("patch", target.entity, update_ops(target.entity, values), None,
                    (target.kind, target.source_id))
        record.request_push(op_key=op_key, action="patch", steps=[step.to_json()], mode="delta")
        engine.app.save(record)
        applier._send_patch(record, target.entity, target.nutshell_id, values, nutshell_now)
        record.resolve_conflict(paths=paths, take="source", by=by, accepted=values)
    else:
        record.resolve_conflict(paths=paths, take="nutshell", by=by, accepted=nutshell_now)
    if signer is not None:
        run = engine.run()
        signer.sign(run, f"resolve-conflict-{take}", record=key, paths=paths)
        engine.app.save(record, run)
    else:
        engine.app.save(record)
    engine.catch_up()
    return {"record": key, "resolved": paths, "take": take}


def conflict_sides(engine: Engine, api: NutshellAPI, doc: MappingDocument,
                   key: str) -> dict[str, dict[str, Any]]:
    """Per conflicting path of one record, the two values `resolve` chooses between: what the
    source says now and what Nutshell holds now (PHI: for the people deciding only)."""
    kind, source_id = key.split(":", 1)
    record = engine.app.record(engine.settings.run_name, kind, source_id)
    if record is None or not record.conflicts:
        return {}
    target = DeltaApplier(engine, api, doc)._target_record(record)
    paths = sorted(record.conflicts)
    if not target.entity or not target.nutshell_id:
        return {}
    current = api.get(target.entity, target.nutshell_id) or {}
    nutshell_now = actual_values(target.entity, current, paths)
    source_now = expectations(target.kind, target.source_id, target.fields, RunContext(engine),
                              doc)
    return {p: {"source": source_now.get(p), "nutshell": nutshell_now.get(p)} for p in paths}
