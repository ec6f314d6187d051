"""`c2n rollback --undo`: a rollback's deletions reversed, parents first. Records Nutshell can
undelete are undeleted (within its restore window); activities and tasks, which it cannot, are
created again under new ids, each recorded as a new operation so that a later rollback deletes
the new record. Files go back too: a re-created activity's files, and the files a rollback
detached from a lead, are uploaded again with bytes streamed from the export, and each is
downloaded and its SHA-256 compared with the source before the reversal counts as done. A
clinical note is undeleted and the activity holding its embedded images, built again as the
push built it, is created anew with its files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.stores.mapping_file import load_mapping
from consumers.bootstrap import Engine
from consumers.nutshell import referrers
from consumers.nutshell.documents import Documents
from consumers.nutshell.found import made_since
from consumers.nutshell.plan import activity_types_of
from consumers.nutshell.push_context import RunContext
from consumers.nutshell.rollback import (
    RECREATE_NOTE,
    RECREATED,
    Compensation,
    RollbackResult,
    _ordered,
    _scope_keys,
    comp_key,
    uploads_only,
)
from domain.errors import C2NError, TerminalError, TransientError
from domain.nutshell.activities import upload_metas
from domain.nutshell.paths import read_paths, record_from_values
from domain.nutshell.payloads import Blocked, Skipped, build, with_extra
from domain.ports import JSON, NutshellAPI
from domain.records.aggregate import ClinicRecord


def undo(engine: Engine, api: NutshellAPI, *, scope: str = "run", by: str = "operator",
         tick: Callable[[], None] | None = None,
         on_total: Callable[[int], None] | None = None) -> RollbackResult:
    """Reverses a rollback's deletions, parents first (see the module's note)."""
    engine.catch_up()
    result = RollbackResult(scope=scope, dry_run=False)
    run = engine.run()
    run.request_rollback(scope=scope, by=by, force=False, undo=True)
    engine.app.save(run)
    records = _ordered(engine, _scope_keys(engine, scope))
    if on_total:
        on_total(len(records))
    documents = Documents(engine, api)
    for record in reversed(records):
        def save(record: ClinicRecord = record) -> None:
            engine.app.save(record)
        for op in list(record.operations):
            if op["op_key"] not in record.compensated or _reversed(record, op):
                continue
            if op["action"] == "create" and op["entity"] in RECREATED:
                _recreate(api, documents, record, op, result, save)
            elif op["action"] == "create" and _beside(op):
                _undelete_and_recreate(engine, api, documents, record, op, result, save)
            elif op["action"] == "create":
                _undelete(api, record, op, result)
            elif uploads_only(op):
                _reattach(documents, record, op, result)
        engine.app.save(record)
        if tick:
            tick()
    if scope == "run":
        result.referrers = referrers.restore_referrers(engine, api)
    run = engine.run()
    run.complete_rollback(scope=f"undo:{scope}", summary={"done": result.done})
    engine.app.save(run)
    engine.catch_up()
    return result


def _undelete(api: NutshellAPI, record: ClinicRecord, op: dict[str, Any],
              result: RollbackResult) -> None:
    key = comp_key(op["op_key"], "undelete")
    record.request_compensation(comp_key=key, op_key=op["op_key"], action="undelete",
                                entity=op["entity"], nutshell_id=op["nutshell_id"], ops=[])
    try:
        for res in op.get("results") or [{"entity": op["entity"], "id": op["nutshell_id"]}]:
            if res.get("action", "create") == "create":
                api.undelete(res["entity"], res["id"])
    except C2NError as exc:
        _failed(record, key, op, exc, result)
        return
    record.compensation_succeeded(comp_key=key, op_key=op["op_key"], action="undelete",
                                  entity=op["entity"], nutshell_id=op["nutshell_id"])
    result.items.append(Compensation(record.kind, record.source_id, op["op_key"], "undelete",
                                     op["entity"], op["nutshell_id"]))
    result.done["undelete"] = result.done.get("undelete", 0) + 1


def _recreate(api: NutshellAPI, documents: Documents, record: ClinicRecord,
              op: dict[str, Any], result: RollbackResult, save: Callable[[], None]) -> None:
    """The deleted record stays deleted; the values we had written are created again, and the
    files it held are uploaded to the new one."""
    key = comp_key(op["op_key"], "recreate")
    since = _interrupted(record, key)
    record.request_compensation(comp_key=key, op_key=op["op_key"], action="recreate",
                                entity=op["entity"], nutshell_id=op["nutshell_id"], ops=[])
    save()  # on the log before Nutshell is asked, so a restart knows to look for what it made
    results: list[dict[str, JSON]] = []
    try:
        made = _create_once(api, record, str(op["entity"]),
                            record_from_values(op["entity"], op.get("written") or {}), since)
        new_id = str(made["id"])
        results.append({"action": "create", "entity": op["entity"], "id": new_id})
        if _uploaded(op):
            results += _reupload(documents, record, op["entity"], new_id)
    except C2NError as exc:
        # what was made before the failure is on the record's log, so a rollback finds it
        if results:
            _record_push(record, key, op, results)
        _failed(record, key, op, exc, result)
        return
    record.compensation_succeeded(comp_key=key, op_key=op["op_key"], action="recreate")
    _record_push(record, key, op, results)
    files = sum(1 for r in results if r["action"] == "upload")
    result.items.append(Compensation(record.kind, record.source_id, op["op_key"], "recreate",
                                     op["entity"], new_id, reason=RECREATE_NOTE + (
                                         f"; {files} file(s) uploaded again" if files else "")))
    result.done["recreate"] = result.done.get("recreate", 0) + 1


def _undelete_and_recreate(engine: Engine, api: NutshellAPI, documents: Documents,
                           record: ClinicRecord, op: dict[str, Any],
                           result: RollbackResult, save: Callable[[], None]) -> None:
    """An operation that made a record Nutshell can undelete (a clinical note) and, beside it,
    an activity it cannot (the note's embedded images): the first undeleted under its id, the
    activity built again as the push built it and created under a new id with its files
    uploaded again; recorded as a new operation (the same order of results) so that a later
    rollback deletes both."""
    key = comp_key(op["op_key"], "recreate")
    since = _interrupted(record, key)
    record.request_compensation(comp_key=key, op_key=op["op_key"], action="recreate",
                                entity=op["entity"], nutshell_id=op["nutshell_id"], ops=[])
    save()
    made = [r for r in op.get("results") or [] if r.get("action") == "create"]
    back: dict[int, list[dict[str, JSON]]] = {}
    try:
        # built first: when that cannot be done, nothing is sent and a retry starts clean
        values = {i: _rebuilt(engine, api, record, str(res["entity"]))
                  for i, res in enumerate(made) if res["entity"] in RECREATED}
        for i, res in enumerate(made):
            if res["entity"] not in RECREATED:
                api.undelete(res["entity"], res["id"])
                back[i] = [{"action": "create", "entity": res["entity"], "id": res["id"]}]
        for i, res in enumerate(made):
            if res["entity"] in RECREATED:
                entity = str(res["entity"])
                new = _create_once(api, record, entity, record_from_values(entity, values[i]),
                                   since)
                back[i] = [{"action": "create", "entity": entity, "id": str(new["id"])}]
                back[i] += _reupload(documents, record, entity, str(new["id"]))
    except C2NError as exc:
        if back:  # what was brought back is on the record's log, so a rollback finds it
            _record_push(record, key, op, [r for i in sorted(back) for r in back[i]],
                         main=op)
        _failed(record, key, op, exc, result)
        return
    record.compensation_succeeded(comp_key=key, op_key=op["op_key"], action="recreate")
    results = [r for i in sorted(back) for r in back[i]]
    _record_push(record, key, op, results, main=op)
    files = sum(1 for r in results if r["action"] == "upload")
    for i, res in enumerate(made):
        again = back[i][0]
        recreated = res["entity"] in RECREATED
        result.items.append(Compensation(
            record.kind, record.source_id, op["op_key"], "recreate" if recreated else "undelete",
            str(again["entity"]), str(again["id"]),
            reason=(RECREATE_NOTE + f"; {files} file(s) uploaded again") if recreated else ""))
        action = "recreate" if recreated else "undelete"
        result.done[action] = result.done.get(action, 0) + 1


def _rebuilt(engine: Engine, api: NutshellAPI, record: ClinicRecord,
             entity: str) -> dict[str, JSON]:
    """The values the push gave the `entity` record that holds this record's files (a
    clinical note's images activity), built again from the record's fields and the run's
    context; the patient's id is the one the run gave it (undeleted before its children)."""
    ctx = RunContext(engine, activity_types_of(engine, api))
    patient = str(record.fields.get("patient_source_id") or "")
    if patient and not ctx.nutshell_id("patient", patient):
        found = engine.app.record(engine.settings.run_name, "patient", patient)
        ctx.created("patient", patient, found.nutshell_id if found is not None else None)
    built = build(record.kind, record.source_id, with_extra(record.fields, record.extra), ctx,
                  load_mapping(engine.settings.mapping_path))
    if isinstance(built, Blocked | Skipped):
        raise TerminalError(f"the {entity} record beside {record.kind} {record.source_id} "
                            f"cannot be built again: {built.reason}")
    for one in built:
        if one.entity == entity and one.files:
            return read_paths(entity, one.record)
    raise TerminalError(f"{record.kind} {record.source_id} no longer builds a {entity} record")


def _reattach(documents: Documents, record: ClinicRecord, op: dict[str, Any],
              result: RollbackResult) -> None:
    """Files a rollback detached from a record it kept (a lead's documents) go back on it."""
    key = comp_key(op["op_key"], "reattach")
    targets = sorted({(str(r["entity"]), str(r["id"])) for r in op.get("results") or []
                      if r.get("action") == "upload"})
    record.request_compensation(comp_key=key, op_key=op["op_key"], action="reattach",
                                entity=targets[0][0], nutshell_id=targets[0][1], ops=[])
    try:
        results = [r for entity, target in targets
                   for r in _reupload(documents, record, entity, target)]
    except C2NError as exc:
        _failed(record, key, op, exc, result)
        return
    record.compensation_succeeded(comp_key=key, op_key=op["op_key"], action="reattach")
    _record_push(record, key, op, results, action="patch")
    result.items.append(Compensation(record.kind, record.source_id, op["op_key"], "reattach",
                                     targets[0][0], targets[0][1],
                                     reason=f"{len(results)} file(s) uploaded again"))
    result.done["reattach"] = result.done.get("reattach", 0) + 1


def _reupload(documents: Documents, record: ClinicRecord, entity: str,
              target: str) -> list[dict[str, JSON]]:
    """The record's files uploaded to `target` from the export, each read back and its
    SHA-256 compared with the source's; the upload results."""
    out: list[dict[str, JSON]] = []
    for meta in upload_metas(record.kind, record.source_id, record.fields):
        got = documents.upload(entity, target, meta)
        if documents.remote_sha256(str(got["uri"])) != documents.source_sha256(meta):
            raise TerminalError(f"file {got['file']} uploaded again to {entity} {target} does "
                                "not hash as its source")
        out.append({"action": "upload", "entity": entity, "id": target, "file": got["file"],
                    "uri": got["uri"]})
    return out


def _beside(op: dict[str, Any]) -> bool:
    """An operation whose record Nutshell can undelete made an activity beside it (the one
    holding a clinical note's images), which it cannot."""
    return op["entity"] not in RECREATED and any(
        r.get("action") == "create" and r.get("entity") in RECREATED
        for r in op.get("results") or [])


def _reversed(record: ClinicRecord, op: dict[str, Any]) -> bool:
    """An earlier reversal already made this operation's records again (or put its files
    back) as a new operation: never again from this one. If a later rollback deleted that new
    operation's records, it is that one which is reversed now."""
    again = {comp_key(op["op_key"], "recreate"), comp_key(op["op_key"], "reattach")}
    return any(o["op_key"] in again for o in record.operations)


def _interrupted(record: ClinicRecord, key: str) -> int | None:
    """When this reversal was requested before and never answered (the process died), the
    time to look from for what Nutshell may have made; else None."""
    pending = getattr(record, "pending_compensation", None)
    if not isinstance(pending, tuple | list) or pending[0] != key:
        return None
    return int(pending[1]) - 5


def _create_once(api: NutshellAPI, record: ClinicRecord, entity: str, whole: dict[str, JSON],
                 since: int | None) -> dict[str, Any]:
    """Creates the record, unless an interrupted attempt already did: then the one Nutshell
    made since the request, holding exactly these values, is taken."""
    if since is not None:
        taken = frozenset(str(r.get("id")) for o in record.operations
                          for r in o.get("results") or [])
        found = made_since(api, entity, read_paths(entity, whole), since, taken)
        if found is not None:
            return found
    return dict(api.create(entity, whole))


def _uploaded(op: dict[str, Any]) -> bool:
    return any(r.get("action") == "upload" for r in op.get("results") or [])


def _record_push(record: ClinicRecord, key: str, op: dict[str, Any],
                 results: list[dict[str, JSON]], action: str = "create",
                 main: dict[str, Any] | None = None) -> None:
    """`main` names the new operation's record (by `entity`, `nutshell_id`): the first result
    unless given (an undeleted note stays the record's, its images activity beside it)."""
    entity, nid = (main["entity"], main["nutshell_id"]) if main else (results[0]["entity"],
                                                                      results[0]["id"])
    record.push_succeeded(op_key=key, action=action, entity=str(entity),
                          nutshell_id=str(nid), results=results,
                          written=op.get("written") or {}, overwritten={}, links_added=[],
                          answer={"mode": "undo", "replaces": op["nutshell_id"]})


def _failed(record: ClinicRecord, key: str, op: dict[str, Any], exc: C2NError,
            result: RollbackResult) -> None:
    record.compensation_failed(comp_key=key, op_key=op["op_key"],
                               status=getattr(exc, "status", None),
                               transient=isinstance(exc, TransientError), reason=str(exc)[:300])
    result.failed.append({"record": record.key, "action": key, "error": str(exc)[:300]})
