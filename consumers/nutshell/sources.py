"""Lead Sources for the export's referral types: found by name or created once, recorded on
the run (which are ours, to delete on a rollback of the whole run)."""

from __future__ import annotations

from consumers.bootstrap import Engine
from domain.mapping import MappingDocument
from domain.nutshell.fields import kind_enabled
from domain.nutshell.referrals import source_spec
from domain.ports import NutshellAPI

REFERRAL_KINDS = ("lead", "referral")


def referral_types(engine: Engine) -> set[str]:
    run_name = engine.settings.run_name
    found: set[str] = set()
    for kind in REFERRAL_KINDS:
        for _, source_id, state in engine.store.records_in_state(kind):
            if state == "quarantined":
                continue
            record = engine.app.record(run_name, kind, source_id)
            value = str((record.fields if record else {}).get("referral_type") or "").strip()
            if value:
                found.add(value.lower())
    return found


def ensure_sources(engine: Engine, api: NutshellAPI, doc: MappingDocument) -> int:
    """Sources for referral types the run has not ensured yet; how many were missing."""
    if not any(kind_enabled(doc, k) for k in REFERRAL_KINDS):
        return 0
    run = engine.run()
    known = {k for k, v in (getattr(run, "sources", {}) or {}).items() if not v.get("removed")}
    missing = sorted(referral_types(engine) - set(known))
    for referral_type in missing:
        spec = source_spec(referral_type)
        if spec is None:
            continue
        name, channel = spec
        found = api.find_source(name)
        made = found or api.create_source(name, channel)
        run.trigger_event(run.SourceEnsured, referral_type=referral_type, name=name,
                           nutshell_id=str(made.get("id", "")), reused=found is not None)
    if missing:
        engine.app.save(run)
    return len(missing)


def remove_sources(engine: Engine, api: NutshellAPI) -> list[str]:
    """Deletes the Sources the migration created (found ones stay); their ids."""
    run = engine.run()
    removed = []
    for referral_type, source in sorted((getattr(run, "sources", {}) or {}).items()):
        if source.get("reused") or source.get("removed"):
            continue
        api.delete_source(str(source["id"]))
        run.trigger_event(run.SourceEnsured, referral_type=referral_type, name=source["name"],
                           nutshell_id=str(source["id"]), reused=False, removed=True)
        removed.append(str(source["id"]))
    if removed:
        engine.app.save(run)
    return removed


def ours(engine: Engine) -> list[dict[str, str]]:
    """The Sources the migration created and has not removed: what a rollback deletes."""
    return [{"referral_type": k, "name": v["name"], "id": v["id"]}
            for k, v in sorted((getattr(engine.run(), "sources", {}) or {}).items())
            if not v.get("reused") and not v.get("removed")]


def left_behind(engine: Engine, api: NutshellAPI) -> list[str]:
    """Names of Sources the rollback removed that Nutshell still lists."""
    gone = [v for v in (getattr(engine.run(), "sources", {}) or {}).values()
            if v.get("removed")]
    return [str(v["name"]) for v in gone if api.find_source(str(v["name"])) is not None]
