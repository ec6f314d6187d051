"""`c2n rollback --undo`: a rollback's deletions reversed, parents first. Records Nutshell can
undelete are undeleted (within its restore window); activities and tasks, which it cannot, are
created again under new ids, each recorded as a new operation so that a later rollback deletes
the new record. Files go back too: a re-created activity's files, and the files a rollback
detached from a lead, are uploaded again with bytes streamed from the export, and each is
downloaded and its SHA-256 compared with the source before the reversal counts as done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from consumers.bootstrap import Engine
from consumers.nutshell import referrers
from consumers.nutshell.documents import Documents
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
from domain.nutshell.paths import record_from_values
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
        for op in list(record.operations):
            if op["op_key"] not in record.compensated:
                continue
            if op["action"] == "create" and op["entity"] in RECREATED:
                _recreate(api, documents, record, op, result)
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
    record.compensation_succeeded(comp_key=key, op_key=op["op_key"], action="undelete")
    result.items.append(Compensation(record.kind, record.source_id, op["op_key"], "undelete",
                                     op["entity"], op["nutshell_id"]))
    result.done["undelete"] = result.done.get("undelete", 0) + 1


def _recreate(api: NutshellAPI, documents: Documents, record: ClinicRecord,
              op: dict[str, Any], result: RollbackResult) -> None:
    """The deleted record stays deleted; the values we had written are created again, and the
    files it held are uploaded to the new one."""
    key = comp_key(op["op_key"], "recreate")
    record.request_compensation(comp_key=key, op_key=op["op_key"], action="recreate",
                                entity=op["entity"], nutshell_id=op["nutshell_id"], ops=[])
    results: list[dict[str, JSON]] = []
    try:
        made = api.create(op["entity"], record_from_values(op["entity"], op.get("written") or {}))
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


def _uploaded(op: dict[str, Any]) -> bool:
    return any(r.get("action") == "upload" for r in op.get("results") or [])


def _record_push(record: ClinicRecord, key: str, op: dict[str, Any],
                 results: list[dict[str, JSON]], action: str = "create") -> None:
    main = results[0]
    record.push_succeeded(op_key=key, action=action, entity=str(main["entity"]),
                          nutshell_id=str(main["id"]), results=results,
                          written=op.get("written") or {}, overwritten={}, links_added=[],
                          answer={"mode": "undo", "replaces": op["nutshell_id"]})


def _failed(record: ClinicRecord, key: str, op: dict[str, Any], exc: C2NError,
            result: RollbackResult) -> None:
    record.compensation_failed(comp_key=key, op_key=op["op_key"],
                               status=getattr(exc, "status", None),
                               transient=isinstance(exc, TransientError), reason=str(exc)[:300])
    result.failed.append({"record": record.key, "action": key, "error": str(exc)[:300]})
