"""Rollback: compensating commands computed from the event history, newest first, children
before parents.

- created by us and unchanged since -> deleted (activities through JSON-RPC `deleteActivity`
  with the rev `getActivity` shows);
- updated by us (an existing record, or a delta change) -> the values we overwrote put back;
- changed in Nutshell by someone else after our write -> skipped and reported, unless forced.
Each compensation is an event (requested, then succeeded / failed / skipped), so a rollback
that dies half way resumes by running it again and never compensates a record twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from consumers.bootstrap import Engine
from consumers.nutshell import referrers, sources
from consumers.nutshell.compensate import (
    delete_created,
    detach_files,
    file_readable,
    restore,
)
from consumers.views.report_html import plain_table_html
from domain.errors import C2NError, PreconditionFailed, TransientError
from domain.ids import NAMESPACE
from domain.nutshell.map import RUN_ORDER, actual_values, compare, inverse_patch, residue
from domain.ports import NutshellAPI
from domain.records.aggregate import ClinicRecord
from domain.run.signer import Signer

# Children before parents: the reverse of the run order, branches before their parents.
ROLLBACK_ORDER = tuple(reversed(RUN_ORDER))
# Nutshell has no undelete for these (no REST undelete, no JSON-RPC undeleteActivity): a
# rollback's reversal creates them again, under new ids.
RECREATED = frozenset({"activities", "tasks"})
RECREATE_NOTE = ("Nutshell cannot undelete activities or tasks: reversing this rollback "
                 "(--undo) creates them again, under new ids")


@dataclass
class Compensation:
    kind: str
    source_id: str
    op_key: str
    action: str  # delete | restore | carried | skip
    entity: str
    nutshell_id: str
    reason: str = ""
    paths: list[str] = field(default_factory=list)
    ops: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"record": f"{self.kind}:{self.source_id}", "action": self.action,
                "entity": self.entity, "nutshell_id": self.nutshell_id, "reason": self.reason,
                "paths": self.paths}


@dataclass
class RollbackResult:
    scope: str
    dry_run: bool
    items: list[Compensation] = field(default_factory=list)
    done: dict[str, int] = field(default_factory=dict)
    failed: list[dict[str, Any]] = field(default_factory=list)
    residue: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # lead Sources we created (deleted)
    referrers: list[str] = field(default_factory=list)  # referrers' records we created

    @property
    def notes(self) -> list[str]:
        """What the operator should know before running it (the dry run says it too)."""
        if any(i.action == "delete" and i.entity in RECREATED for i in self.items):
            return [RECREATE_NOTE]
        return []

    def count(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for item in self.items:
            out.setdefault(item.kind, {}).setdefault(item.action, 0)
            out[item.kind][item.action] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {"scope": self.scope, "dry_run": self.dry_run, "by_kind": self.count(),
                "items": [i.to_json() for i in self.items], "done": self.done,
                "failed": self.failed, "residue": self.residue, "notes": self.notes,
                "sources": self.sources, "referrers": self.referrers}


def _scope_keys(engine: Engine, scope: str) -> list[tuple[str, str]]:
    run = engine.run()
    if scope == "sample":
        if not run.sample:
            raise PreconditionFailed("no sample to roll back")
        keys = [tuple(k.split(":", 1)) for k in run.sample["records"]]
        return [(k[0], k[1]) for k in keys]
    if scope.startswith("record:"):
        _, kind, source_id = scope.split(":", 2)
        return [(kind, source_id)]
    kinds = ROLLBACK_ORDER
    if scope.startswith("kind:"):
        kinds = (scope.split(":", 1)[1],)
    elif scope != "run":
        raise PreconditionFailed("--scope is run, sample, kind:KIND or record:KIND:SOURCE_ID")
    return [(k, s) for kind in kinds for k, s, _ in engine.store.records_in_state(kind)]


def _ordered(engine: Engine, keys: list[tuple[str, str]]) -> list[ClinicRecord]:
    rank = {k: i for i, k in enumerate(ROLLBACK_ORDER)}
    records = [r for r in (engine.app.record(engine.settings.run_name, k, s) for k, s in keys)
               if r is not None and r.operations]
    # Branches (with a parent) before their parents; newest operations first within a kind.
    records.sort(key=lambda r: (rank.get(r.kind, -1), 0 if r.fields.get("parent_source_id") else 1))
    return records


def comp_key(op_key: str, action: str) -> str:
    from uuid import uuid5

    return str(uuid5(NAMESPACE, f"{op_key}/compensate/{action}"))


def uploads_only(op: dict[str, Any]) -> list[dict[str, Any]]:
    """The files an operation attached to a record it did not create (a lead's document):
    what its compensation detaches; empty for any other operation."""
    results = op.get("results") or []
    if op["action"] == "create" or any(r.get("action") != "upload" for r in results):
        return []
    return list(results)


def plan_compensations(engine: Engine, api: NutshellAPI, record: ClinicRecord,
                       force: bool) -> list[Compensation]:
    out: list[Compensation] = []
    for op in reversed(record.operations):
        if op["op_key"] in record.compensated:
            continue
        base = dict(kind=record.kind, source_id=record.source_id, op_key=op["op_key"],
                    entity=op["entity"], nutshell_id=op["nutshell_id"])
        if op["action"] == "carried":
            out.append(Compensation(**base, action="carried",
                                    reason="carried by the patient's Person"))
            continue
        current = api.get(op["entity"], op["nutshell_id"])
        made = [r for r in op.get("results") or [] if r.get("action") == "create"]
        if current is None and op["action"] == "create" and len(made) > 1:
            # A rollback killed between the deletes of one operation (a lead, then its
            # prospect Person): what the operation made and is still there goes too.
            out.append(Compensation(**base, action="delete",
                                    reason="partly deleted already: the rest of what it made"))
            continue
        if current is None:
            out.append(Compensation(**base, action="gone", reason="no longer in Nutshell"))
            continue
        attached = uploads_only(op)
        if attached:
            out.append(Compensation(**base, action="detach",
                                    paths=[f"file {r['file']}" for r in attached],
                                    reason="files the migration attached to a record it did "
                                           "not create: detached and deleted, the record kept"))
            continue
        written = op.get("written") or {}
        changed = [c.path for c in compare(written, actual_values(op["entity"], current, written))
                   if c.status != "matched"] if written else []
        if changed and not force:
            out.append(Compensation(**base, action="skip", paths=sorted(changed),
                                    reason="changed in Nutshell by someone else after our write"))
            continue
        if op["action"] == "create" and not any(r.get("action") == "adopt"
                                                for r in op.get("results") or []):
            note = "; undo re-creates it (new id)" if op["entity"] in RECREATED else (
                "; undo undeletes it and re-creates the activity beside it (new id)"
                if any(r["entity"] in RECREATED for r in made) else "")
            files = [f"file {r['file']}" for r in op.get("results") or []
                     if r.get("action") == "upload"]
            out.append(Compensation(**base, action="delete", paths=files,
                                    reason="created by the migration"
                                    + (" (forced)" if changed else "") + note
                                    + (f"; its {len(files)} uploaded file(s) deleted first"
                                       if files else "")))
        else:
            ops = inverse_patch(op["entity"], op.get("overwritten") or {}, written)
            out.append(Compensation(**base, action="restore", ops=ops,
                                    paths=sorted(written), reason="values we overwrote put back"))
    return out


def rollback(engine: Engine, api: NutshellAPI, *, scope: str = "run", by: str = "operator",
             dry_run: bool = False, force: bool = False,
             tick: Callable[[], None] | None = None,
             signer: Signer | None = None,
             on_total: Callable[[int], None] | None = None) -> RollbackResult:
    """`tick` once per record with operations on the log (planned, and compensated unless
    `dry_run`); `on_total` first, with their number."""
    engine.catch_up()
    result = RollbackResult(scope=scope, dry_run=dry_run)
    run = engine.run()
    if not dry_run:
        if signer is not None:
            signer.sign(run, "rollback", scope=scope, force=force)
        run.request_rollback(scope=scope, by=by, force=force, undo=False)
        engine.app.save(run)
    kinds_pushed: set[str] = set()
    records = _ordered(engine, _scope_keys(engine, scope))
    if on_total:
        on_total(len(records))
    for record in records:
        kinds_pushed.add(record.kind)
        items = plan_compensations(engine, api, record, force)
        result.items += items
        if not dry_run:
            _apply(engine, api, record, items, result)
        if tick:
            tick()
    # Fields we created, and fields whose creation was asked for with no answer on the log
    # (a command killed in between): Nutshell may hold them either way.
    created = [k for k, v in run.custom_fields.items() if not v.get("reused")]
    created += list(run.custom_fields_requested)
    result.residue = residue(kinds_pushed, created)
    if scope == "run":  # the Sources and referrers the migration created, once unlinked
        result.sources = [s["id"] for s in sources.ours(engine)]
        result.referrers = [r["id"] or f"(asked for: {r['entity']})"
                            for r in referrers.ours(engine)]
        kept = [i for i in result.items if i.action == "skip"]
        if kept and (result.sources or result.referrers):
            # a record left in Nutshell may still link them: they stay, and the report says so
            result.residue.append(f"lead Sources and referrers the run created are kept: "
                                  f"{len(kept)} record(s) skipped may still link them")
        elif not dry_run and not result.failed:
            sources.remove_sources(engine, api)
            result.failed += [{"record": "referrer", "error": e}
                              for e in referrers.remove_referrers(engine, api)[1]]
    if not dry_run:
        run = engine.run()
        run.complete_rollback(scope=scope, summary={"done": result.done,
                                                   "failed": len(result.failed),
                                                   "skipped": sum(1 for i in result.items
                                                                  if i.action == "skip")})
        engine.app.save(run)
    engine.catch_up()
    write_rollback_report(engine, result)
    return result


def _apply(engine: Engine, api: NutshellAPI, record: ClinicRecord, items: list[Compensation],
           result: RollbackResult) -> None:
    for item in items:
        key = comp_key(item.op_key, item.action)
        if item.action == "skip":
            record.compensation_skipped(comp_key=key, op_key=item.op_key, reason=item.reason,
                                        paths=item.paths)
            continue
        record.request_compensation(comp_key=key, op_key=item.op_key, action=item.action,
                                    entity=item.entity, nutshell_id=item.nutshell_id,
                                    ops=item.ops)
        engine.app.save(record)
        try:
            if item.action == "delete":
                delete_created(api, record, item.op_key, item.entity, item.nutshell_id)
            elif item.action == "detach":
                detach_files(api, record, item.op_key)
            elif item.action == "restore" and item.ops:
                restore(api, item.entity, item.nutshell_id, item.ops)
        except C2NError as exc:
            record.compensation_failed(comp_key=key, op_key=item.op_key,
                                       status=getattr(exc, "status", None),
                                       transient=isinstance(exc, TransientError),
                                       reason=str(exc)[:300])
            result.failed.append({**item.to_json(), "error": str(exc)[:300]})
            continue
        record.compensation_succeeded(comp_key=key, op_key=item.op_key, action=item.action)
        result.done[item.action] = result.done.get(item.action, 0) + 1
    engine.app.save(record)


def verify_rollback(engine: Engine, api: NutshellAPI, scope: str = "run") -> dict[str, Any]:
    """Everything in scope is as before the migration: what we created is gone, what we
    overwrote holds its previous values; skipped items and the residue are declared."""
    engine.catch_up()
    problems: list[dict[str, Any]] = []
    checked = 0
    for record in _ordered(engine, _scope_keys(engine, scope)):
        for op in record.operations:
            if op["op_key"] not in record.compensated or op["action"] == "carried":
                continue
            checked += 1
            attached = uploads_only(op)
            if attached:  # files on a record we did not create: only they had to go
                if any(file_readable(api, r) for r in attached):
                    problems.append({"record": record.key, "problem": "file still readable"})
                continue
            if op["action"] == "create":
                made = [r for r in op.get("results") or [] if r.get("action") == "create"] or \
                    [{"entity": op["entity"], "id": op["nutshell_id"]}]
                if any(api.get(r["entity"], r["id"]) is not None for r in made):
                    problems.append({"record": record.key, "problem": "still in Nutshell"})
                if any(file_readable(api, r) for r in op.get("results") or []
                       if r.get("action") == "upload"):
                    problems.append({"record": record.key, "problem": "file still readable"})
                continue
            current = api.get(op["entity"], op["nutshell_id"])
            previous = op.get("overwritten") or {}
            if current is None:
                problems.append({"record": record.key, "problem": "missing"})
                continue
            bad = [c.path for c in compare(previous, actual_values(op["entity"], current, previous))
                   if c.status != "matched"]
            if bad:
                problems.append({"record": record.key, "problem": "values not restored",
                                 "paths": bad})
    if scope == "run":
        problems += [{"record": f"source:{name}", "problem": "still in Nutshell"}
                     for name in sources.left_behind(engine, api)]
        problems += [{"record": f"referrer:{nid}", "problem": "still in Nutshell"}
                     for nid in referrers.left_behind(engine, api)]
    ok = not problems
    run = engine.run()
    run.record_verification(ok=ok, scope=f"rollback:{scope}",
                            summary={"checked": checked, "problems": len(problems)})
    engine.app.save(run)
    engine.catch_up()
    return {"ok": ok, "checked": checked, "problems": problems}


def write_rollback_report(engine: Engine, result: RollbackResult) -> None:
    reports = engine.settings.reports
    reports.mkdir(parents=True, exist_ok=True, mode=0o700)
    stem = "rollback-plan" if result.dry_run else "rollback"
    (reports / f"{stem}.json").write_bytes(
        orjson.dumps(result.to_json(), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    rows = [[i.kind, i.source_id, i.action, i.entity, i.nutshell_id, i.reason,
             ", ".join(i.paths)] for i in result.items]
    rows += [["residue", "", "cannot be undone", "", "", text, ""] for text in result.residue]
    (reports / f"{stem}.html").write_text(plain_table_html(
        f"Rollback ({'dry run' if result.dry_run else 'done'}): scope {result.scope}",
        ["kind", "source id", "action", "entity", "Nutshell id", "reason", "fields"], rows,
        "Computed from the event log; ids only, no field values.", phi=False), encoding="utf-8")
