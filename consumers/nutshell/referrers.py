"""Referrers named only by free text, as Nutshell People or Companies: ensured at
`plan --apply` (found first by email, then by exact name; created only when not found), each
create an intent on the run before it is sent and an outcome after. A rollback of the whole
run deletes the ones the run created (People before their Companies) and never a found one;
its dry run lists them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from consumers.bootstrap import Engine
from domain.errors import C2NError
from domain.mapping import MappingDocument
from domain.nutshell.fields import kind_enabled
from domain.nutshell.referrals import Referrer, first_referral, name_of, referrer_record, referrers_of
from domain.ports import NutshellAPI


def wanted(engine: Engine) -> list[Referrer]:
    """The free-text referrers the patients' links need (the referral each patient arrived
    by), each once: the first spelling in source-id order names it."""
    run_name = engine.settings.run_name
    by_patient: dict[str, list[dict[str, Any]]] = {}
    for _, source_id, state in engine.store.records_in_state("referral"):
        if state == "quarantined":
            continue
        record = engine.app.record(run_name, "referral", source_id)
        if record is None:
            continue
        fields = {**record.fields, "source_id": source_id}
        by_patient.setdefault(str(fields.get("patient_source_id") or ""), []).append(fields)
    found: dict[str, Referrer] = {}
    for patient in sorted(by_patient):
        for ref in referrers_of(first_referral(by_patient[patient]) or {}):
            prior = found.get(ref.key)
            found[ref.key] = ref if prior is None else _with_contact(prior, ref)
    # organisations before the people who work there
    return sorted(found.values(), key=lambda r: (r.entity != "accounts", r.key))


def _with_contact(first: Referrer, later: Referrer) -> Referrer:
    """The first spelling, with an email, phone or organisation only a later row gives."""
    return Referrer(first.key, first.entity, first.name, first.email or later.email,
                    first.phone or later.phone, first.company_key or later.company_key)


def find(api: NutshellAPI, ref: Referrer) -> dict[str, Any] | None:
    """The referrer already in Nutshell: by email first, then by exact name (lowest id)."""
    if ref.email:
        found = api.find_by_email(ref.entity, ref.email)
        if found:
            return sorted(found, key=lambda r: str(r.get("id")))[0]
    named = api.find_by_name(ref.entity, ref.name)
    return sorted(named, key=lambda r: str(r.get("id")))[0] if named else None


def ensure_referrers(engine: Engine, api: NutshellAPI, doc: MappingDocument) -> int:
    """Finds or creates the referrers the run has not ensured yet; how many were missing."""
    if not kind_enabled(doc, "referral"):
        return 0
    run = engine.run()
    known = {k for k, v in run.referrers.items() if not v.get("removed")}
    missing = [r for r in wanted(engine) if r.key not in known]
    for ref in missing:
        run = engine.run()
        company = run.referrers.get(ref.company_key) if ref.company_key else None
        found = find(api, ref)
        ours = ref.key in run.referrers_requested  # created by an attempt that died
        if found is None:
            run.request_referrer(key=ref.key, entity=ref.entity)
            engine.app.save(run)
            found = api.create(ref.entity, referrer_record(
                ref, str(company["id"]) if company and not company.get("removed") else None))
            ours = True
        run.referrer_ensured(key=ref.key, entity=ref.entity, name=name_of(found) or ref.name,
                             nutshell_id=str(found.get("id", "")), reused=not ours)
        engine.app.save(run)
    return len(missing)


def ours(engine: Engine) -> list[dict[str, str]]:
    """The referrers the run created and has not removed (People first): what a rollback of
    the whole run deletes; the intents with no outcome are named by key, id unknown."""
    run = engine.run()
    made = [{"key": k, "entity": v["entity"], "id": v["id"]} for k, v in run.referrers.items()
            if not v.get("reused") and not v.get("removed")]
    made += [{"key": k, "entity": v["entity"], "id": ""} for k, v in
             run.referrers_requested.items()]
    return sorted(made, key=lambda r: (r["entity"] != "contacts", r["key"]))


def remove_referrers(engine: Engine, api: NutshellAPI) -> tuple[list[str], list[str]]:
    """Deletes the referrers the run created (found ones stay): (ids deleted, errors)."""
    removed, errors = [], []
    wanted_now = {r.key: r for r in wanted(engine)}
    for item in ours(engine):
        run = engine.run()
        nutshell_id, name = item["id"], run.referrers.get(item["key"], {}).get("name", "")
        if not nutshell_id:  # an intent with no outcome: Nutshell may hold it, ours
            ref = wanted_now.get(item["key"])
            found = find(api, ref) if ref is not None else None
            if found is None:
                run.referrer_ensured(key=item["key"], entity=item["entity"], name="",
                                     nutshell_id="", reused=False, removed=True)
                engine.app.save(run)
                continue
            nutshell_id, name = str(found.get("id")), name_of(found)
        try:
            api.delete(item["entity"], nutshell_id)
        except C2NError as exc:
            errors.append(f"referrer {nutshell_id}: {str(exc)[:200]}")
            continue
        run.referrer_ensured(key=item["key"], entity=item["entity"], name=name,
                             nutshell_id=nutshell_id, reused=False, removed=True)
        engine.app.save(run)
        removed.append(nutshell_id)
    return removed, errors


def restore_referrers(engine: Engine, api: NutshellAPI) -> list[str]:
    """A rollback's reversal: the referrers it deleted are undeleted (Companies first)."""
    run = engine.run()
    gone = sorted(((k, v) for k, v in run.referrers.items() if v.get("removed") and v["id"]),
                  key=lambda kv: (kv[1]["entity"] != "accounts", kv[0]))
    back = []
    for key, item in gone:
        api.undelete(item["entity"], item["id"])
        run.referrer_ensured(key=key, entity=item["entity"], name=item["name"],
                             nutshell_id=item["id"], reused=False)
        back.append(item["id"])
    if back:
        engine.app.save(run)
    return back


def left_behind(engine: Engine, api: NutshellAPI) -> Iterator[str]:
    """Ids of referrers the rollback removed that Nutshell still shows."""
    for item in engine.run().referrers.values():
        if item.get("removed") and item["id"] and api.get(item["entity"], item["id"]):
            yield str(item["id"])
