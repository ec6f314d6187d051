"""The ledger every fault scenario ends with: exactly one Nutshell record per pushed source
record, counts that reconcile, nothing lost from the audit log, `verify` clean.

Works on an engine opened in-process over the same HOME (and database) the scenario used,
so it checks the same whether the scenario drove the services or the `c2n` command."""

from __future__ import annotations

from collections import Counter
from typing import Any

from adapters.nutshell_sandbox import SandboxServer
from consumers.bootstrap import Engine
from consumers.nutshell import migration as svc
from consumers.services.status import status_document
from domain.ports import NutshellAPI
from tests.integration.migrate import live

# Kinds with a Nutshell record of their own (the others ride on their patient's Person).
OWN_RECORD = {"patient": "contacts", "provider": "contacts", "company": "accounts",
              "lead": "leads", "appointment": "activities", "communication": "activities",
              "clinical_note": "notes", "document": "activities"}
EXTERNAL_KEYS = {"patient": ("contacts", "Clinic Patient ID"),
                 "provider": ("contacts", "Clinic Staff ID"),
                 "company": ("accounts", "Clinic Company ID"),
                 "lead": ("leads", "Clinic Lead ID")}


def say(scenario: str, text: str) -> None:
    print(f"[{scenario}] {text}")


def consumed(srv: SandboxServer) -> list[tuple[str, str | None, int]]:
    """Each injected fault: kind, match, and how many times it fired."""
    return [(f["kind"], f["match"], f["count"] - f["remaining"]) for f in srv.faults.describe()]


def pushed_records(engine: Engine) -> dict[str, Any]:
    """'kind:source_id' -> the record, for every record in state pushed."""
    out = {}
    for kind, source_id, _ in engine.store.records_in_state(states=["pushed"]):
        record = engine.app.record(engine.settings.run_name, kind, source_id)
        assert record is not None
        out[f"{kind}:{source_id}"] = record
    return out


def assert_exactly_once(scenario: str, engine: Engine, api: NutshellAPI, srv: SandboxServer,
                        baseline: dict[str, int] | None = None) -> dict[str, Any]:
    """Every check of the ledger; returns `status --json`'s document."""
    status = status_document(engine)
    counts = status["counts"]
    snapshot = live(srv.snapshot())
    records = pushed_records(engine)
    # 1. External keys: unique among live records, one per pushed record of the kind.
    for kind, (entity, name) in EXTERNAL_KEYS.items():
        keys = Counter(str(r["customFields"][name]) for r in snapshot[entity].values()
                       if (r.get("customFields") or {}).get(name))
        twice = {k: n for k, n in keys.items() if n > 1}
        assert not twice, f"{kind}: external keys on more than one record: {sorted(twice)}"
        assert len(keys) == counts[kind]["pushed"], (kind, len(keys), counts[kind]["pushed"])
    # 2. Records without an external key, counted against what was pushed as such.
    # (a document is a logged activity holding its file)
    for entity, kinds in (("activities", ("appointment", "communication", "document")),
                          ("notes", ("clinical_note",))):
        expected = sum(counts[k]["pushed"] for k in kinds)
        assert len(snapshot[entity]) == expected, (entity, len(snapshot[entity]), expected)
    # 3. Every pushed record points at a live Nutshell record, no two at the same one.
    owners: dict[tuple[str, str], str] = {}
    for key, record in records.items():
        entity = OWN_RECORD.get(record.kind, "contacts")
        assert str(record.nutshell_id) in snapshot[entity], f"{key}: its Nutshell record is gone"
        if record.kind in OWN_RECORD:
            other = owners.setdefault((entity, str(record.nutshell_id)), key)
            assert other == key, f"{key} and {other} share one Nutshell record"
    # 4. Counts reconcile: status vs the log vs Nutshell.
    assert sum(c["pushed"] for c in counts.values()) == len(records)
    push_failures = [f for f in engine.store.failures() if f["stage"] == "push"]
    assert push_failures == [], push_failures
    if baseline is not None:
        got = {entity: len(found) for entity, found in snapshot.items()}
        assert got == baseline, f"live records per collection {got} != fault-free run {baseline}"
    # 5. The audit log: one PushSucceeded per pushed record, none for any other.
    engine.catch_up()
    succeeded = Counter(str(a["record"]) for a in engine.audit()
                        if a["event"] == "ClinicRecord.PushSucceeded")
    assert set(succeeded) == set(records), set(succeeded) ^ set(records)
    assert all(n == 1 for n in succeeded.values()), {k: n for k, n in succeeded.items() if n > 1}
    # 6. `c2n verify`: every pushed record found, field for field.
    report, verified = svc.verify(engine, api, None)
    summary = report.summary()
    assert summary["differing"] == 0 and summary["missing_records"] == 0, summary
    for kind, values in verified["counts"].items():
        assert values["pushed"] == values["found_in_nutshell"], kind
    say(scenario, f"checked: {len(records)} pushed records, each once in Nutshell (external keys "
                  f"unique, {len(snapshot['activities'])} activities and {len(snapshot['notes'])} "
                  f"notes = pushed), {sum(succeeded.values())} PushSucceeded in the audit log, "
                  f"verify: {summary['records']} compared, 0 differing, 0 missing"
                  + (", live counts = fault-free run" if baseline is not None else ""))
    return status
