"""`c2n plan`: custom fields to create, staff to users, plan limits, run order, time estimate.

With apply, the custom fields are created (existing ones reused) and the owner resolution is
recorded, each as events on the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from consumers.bootstrap import Engine
from consumers.nutshell.referrers import ensure_referrers, wanted
from consumers.nutshell.sources import ensure_sources
from domain.errors import C2NError, PreconditionFailed
from domain.mapping import MappingDocument
from domain.nutshell.map import (
    RUN_ORDER,
    activity_type_id,
    custom_field_specs,
    estimate_seconds,
    kind_enabled,
    plan_limits,
    resolve_owners,
)
from domain.ports import CustomFieldSpec, NutshellAPI
from domain.records.canonical import ENUMS

PLAN = "foundation"


@dataclass
class Plan:
    custom_fields: list[dict[str, Any]] = field(default_factory=list)
    owners: dict[str, Any] = field(default_factory=dict)
    findings: list[dict[str, str]] = field(default_factory=list)
    run_order: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    estimate_seconds: float = 0.0
    applied: bool = False
    # referrers named only by free text: People and Companies to find, else create (and, once
    # applied, how many were found and how many created)
    referrers: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"custom_fields": self.custom_fields, "owners": self.owners,
                "findings": self.findings, "run_order": self.run_order, "counts": self.counts,
                "requests": self.requests, "estimate_seconds": round(self.estimate_seconds, 1),
                "applied": self.applied, "referrers": self.referrers}


def record_counts(engine: Engine) -> dict[str, int]:
    engine.catch_up()
    return {kind: values.get("extracted", 0) - values.get("quarantined", 0)
            for kind, values in engine.store.counts().items() if not kind.startswith("_")}


def staff(engine: Engine) -> list[tuple[str, str | None]]:
    out = []
    for _, source_id, state in engine.store.records_in_state("provider"):
        if state == "quarantined":
            continue
        record = engine.app.record(engine.settings.run_name, "provider", source_id)
        if record is not None:
            email = record.fields.get("email")
            out.append((source_id, str(email) if email else None))
    return out


def make_plan(engine: Engine, api: NutshellAPI, doc: MappingDocument, *, apply: bool,
              fallback_owner_email: str | None, rate: float) -> Plan:
    counts = record_counts(engine)
    plan = Plan(counts=counts,
                run_order=[k for k in RUN_ORDER if counts.get(k) and kind_enabled(doc, k)])
    specs = custom_field_specs(doc, [k for k, n in counts.items() if n])
    # Every check that can refuse runs before the first write to Nutshell: a refused
    # --apply leaves Nutshell as it found it.
    users = api.users()
    resolution = resolve_owners(staff(engine), users)
    fallback_id = None
    if fallback_owner_email:
        matches = [u for u in users if fallback_owner_email.casefold() in
                   [str(e).casefold() for e in _emails(u)]]
        if not matches:
            raise PreconditionFailed(
                "the fallback owner is not a Nutshell user of this account (users: "
                + ", ".join(sorted(e for u in users for e in _emails(u))[:10])
                + "); nothing was created")
        fallback_id = str(matches[0]["id"])
    if apply and resolution.unmatched and not fallback_id:
        raise PreconditionFailed(f"{len(resolution.unmatched)} staff have no Nutshell user: "
                                 "run again with --fallback-owner EMAIL; nothing was created")
    existing = {(entity, str(cf.get("name")).casefold()): cf
                for entity in {s.entity for s in specs} for cf in api.custom_fields(entity)}
    for spec in specs:
        found = existing.get((spec.entity, spec.name.casefold()))
        plan.custom_fields.append({"entity": spec.entity, "name": spec.name, "type": spec.type,
                                   "choices": list(spec.choices), "exists": found is not None})
    plan.owners = {"matched": len(resolution.matched), "unmatched": resolution.unmatched,
                   "seats_missing": resolution.seats_missing, "fallback_owner": fallback_id}
    if resolution.unmatched and not fallback_id:
        plan.findings.append({"level": "error", "message":
                              f"{len(resolution.unmatched)} staff have no Nutshell user: name a "
                              "fallback owner with --fallback-owner EMAIL"})
    for finding in plan_limits(PLAN, counts, len(resolution.unmatched) + len(resolution.matched),
                               len(users), len(specs)):
        plan.findings.append({"level": finding.level, "message": finding.message})
    types = api.activity_types()
    plan.findings += _activity_type_findings(types, doc, counts)
    errors = [f["message"] for f in plan.findings if f["level"] == "error"]
    if apply and errors:
        raise PreconditionFailed("plan --apply refused, nothing was created: " + "; ".join(errors))
    if apply:
        _create_fields(engine, api, doc, specs, existing)
        ensure_sources(engine, api, doc)  # like the custom fields: before any record moves
        ensure_referrers(engine, api, doc)  # free-text referrers, found or created
    plan.requests = sum(n for k, n in counts.items() if kind_enabled(doc, k)) + len(specs)
    plan.estimate_seconds = estimate_seconds(plan.requests, rate, 0.15, 8)
    if kind_enabled(doc, "referral"):
        named = wanted(engine)
        plan.referrers = {"people": sum(1 for r in named if r.entity == "contacts"),
                          "companies": sum(1 for r in named if r.entity == "accounts")}
        if apply:
            ensured = [v for v in engine.run().referrers.values() if not v.get("removed")]
            plan.referrers.update(found=sum(1 for v in ensured if v["reused"]),
                                  created=sum(1 for v in ensured if not v["reused"]))
    if apply:
        run = engine.run()
        run.owners_resolved(matched=resolution.matched, unmatched=resolution.unmatched,
                            fallback_owner=fallback_id)
        run.activity_types_read(types)
        engine.app.save(run)
        plan.applied = True
    return plan


def activity_types_of(engine: Engine, api: NutshellAPI) -> list[dict[str, Any]]:
    """The instance's activity types as `plan --apply` read them (asked again only for a run
    planned before they were recorded)."""
    recorded = engine.run().activity_types
    return list(recorded) if recorded is not None else api.activity_types()


def _activity_type_findings(types: list[dict[str, Any]], doc: MappingDocument,
                            counts: dict[str, int]) -> list[dict[str, str]]:
    """Nutshell's API cannot create activity types: say before the run which channel has none
    in this instance (its activities would take the instance's default type)."""
    out: list[dict[str, str]] = []
    wanted = (["appointment"] if counts.get("appointment") else []) + (
        list(ENUMS[("communication", "channel")]) if counts.get("communication") else [])
    for channel in wanted:
        kind = "appointment" if channel == "appointment" else "communication"
        target = doc.nutshell.get(kind)
        chosen = target.activity_types.get(channel) if target is not None else None
        if activity_type_id((chosen or channel).casefold(), types) is None:
            out.append({"level": "warning", "message":
                        f"no Nutshell activity type fits {channel!r} (types: "
                        + ", ".join(sorted(str(t.get('name')) for t in types))
                        + f"); name one in the mapping: nutshell.{kind}.activity_types"})
    return out


def _create_fields(engine: Engine, api: NutshellAPI, doc: MappingDocument,
                   specs: list[CustomFieldSpec],
                   existing: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Each creation is on the log before it is sent (CustomFieldRequested, saved) and after
    (CustomFieldEnsured): a command killed or refused in between leaves an intent that a retry
    and rollback's residue both see. A field found in Nutshell under an intent of ours is ours
    (created by the interrupted attempt), not a pre-existing one."""
    run = engine.run()
    for spec in specs:
        key = f"{spec.entity}/{spec.name}"
        if key in run.custom_fields:
            continue
        found = existing.get((spec.entity, spec.name.casefold()))
        ours = key in run.custom_fields_requested
        if found is None:
            run.request_custom_field(entity=spec.entity, name=spec.name, type=spec.type)
            engine.app.save(run)
            found = create_definition(api, doc, spec)
            ours = True
        run.custom_field_ensured(entity=spec.entity, name=spec.name, type=spec.type,
                                 nutshell_id=str(found.get("id", "")), reused=not ours)
        engine.app.save(run)


def _emails(user: dict[str, Any]) -> list[str]:
    raw = user.get("emails") or []
    if isinstance(raw, str):
        raw = [raw]
    return [str(e.get("value") if isinstance(e, dict) else e) for e in raw]


def ensure_custom_fields(engine: Engine, api: NutshellAPI, doc: MappingDocument) -> int:
    """Creates the custom fields the mapping needs and the run has not made or found yet
    (a re-confirmed mapping may need more); returns how many were missing."""
    run = engine.run()
    counts = record_counts(engine)
    missing = [s for s in custom_field_specs(doc, [k for k, n in counts.items() if n])
               if f"{s.entity}/{s.name}" not in run.custom_fields]
    if not missing:
        return 0
    existing = {(entity, str(cf.get("name")).casefold()): cf
                for entity in {s.entity for s in missing} for cf in api.custom_fields(entity)}
    _create_fields(engine, api, doc, missing, existing)
    return len(missing)


def ensure_prepared(engine: Engine, api: NutshellAPI, doc: MappingDocument,
                    fallback_owner_email: str | None = None) -> None:
    """Sample and run need the custom fields and the owners: `plan --apply` if not done, and
    the custom fields a re-confirmed mapping added."""
    if not engine.run().owners:
        make_plan(engine, api, doc, apply=True, fallback_owner_email=fallback_owner_email,
                  rate=10.0)
    ensure_custom_fields(engine, api, doc)
    ensure_sources(engine, api, doc)
    ensure_referrers(engine, api, doc)


def specs_needed(doc: MappingDocument, kinds: list[str]) -> list[CustomFieldSpec]:
    return custom_field_specs(doc, kinds)


def definition_label(doc: MappingDocument, spec: CustomFieldSpec) -> str:
    """Which definition a custom field is and where it came from, for an error about it
    (names and headers only: no values)."""
    sources = [f"column '{column}' of {fname}" for fname, fm in sorted(doc.files.items())
               for column, cm in [*fm.columns.items(), *fm.key_values.items()]
               if cm.target is None and cm.custom_field
               and cm.custom_field.casefold() == spec.name.casefold()]
    origin = "; ".join(sources[:3]) or "the engine's own fields"
    return (f"custom-field definition '{spec.name}' ({spec.type}) on {spec.entity}, "
            f"from {origin}")


def create_definition(api: NutshellAPI, doc: MappingDocument,
                      spec: CustomFieldSpec) -> dict[str, Any]:
    try:
        return api.create_custom_field(spec)
    except C2NError as exc:
        # the same error (its kind decides retries and exit codes), saying what it was about
        exc.args = (f"{definition_label(doc, spec)}: {exc}", *exc.args[1:])
        raise
