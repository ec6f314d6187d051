"""Rollback against the sandbox over HTTP: the instance as it was before, staff edits kept,
overwritten values restored, a half-done rollback finished without double compensation, and
a dry run that lists exactly what the real run then does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from consumers.nutshell.rollback import rollback, verify_rollback
from consumers.nutshell.undo import undo
from tests.integration.migrate import (
    STAFF_USER,
    Premigrated,
    assert_each_operation_compensated_once,
    environment,
    live,
    migrate,
)

PRE_EXISTING = {"name": "Existing Person", "emails": [{"value": "existing@clinic.test"}]}


def seed_pre_existing(url: str, admin: tuple[str, str]) -> dict[str, Any]:
    """Records the Nutshell account had before the migration: one unrelated person, one
    person who is also a clinic patient (imported earlier, carrying the patient's key)."""
    with httpx.Client(base_url=url, auth=admin) as http:
        http.post("/contacts", json={"contacts": [PRE_EXISTING]}).raise_for_status()
        r = http.post("/contacts", json={"contacts": [{
            "name": "Old Spelling", "customFields": {}}]})
        r.raise_for_status()
        return dict(r.json()["contacts"][0])


def test_full_run_then_rollback_leaves_the_sandbox_as_before(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, srv):
        seed_pre_existing(srv.url, (srv.admin_user, srv.admin_key))
        before = live(srv.snapshot())
        migrate(engine, api)
        during = live(srv.snapshot())
        assert len(during["contacts"]) > len(before["contacts"]) + 20
        assert during["activities"] and during["notes"]
        result = rollback(engine, api, scope="run", by="tester")
        assert not result.failed
        after = live(srv.snapshot())
        assert after == before
        proof = verify_rollback(engine, api)
        assert proof["ok"] and proof["checked"] > 50
        counts = engine.store.counts()
        assert counts["patient"]["rolled_back"] == counts["patient"]["extracted"] - counts["patient"].get("quarantined", 0)
        assert any("custom-field definitions" in r for r in result.residue)
        # Again: nothing left to do, nothing compensated twice.
        again = rollback(engine, api, scope="run", by="tester")
        assert again.done == {} and not again.failed


def test_a_pre_existing_contact_gets_its_old_values_back(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, srv):
        with httpx.Client(base_url=srv.url, auth=(srv.admin_user, srv.admin_key)) as http:
            http.post("/contacts/customfield", json={"name": "Clinic Patient ID", "type": "Text"})
            made = http.post("/contacts", json={"contacts": [{
                "name": "Earlier Import", "customFields": {"Clinic Patient ID": "1000001"}}]})
            made.raise_for_status()
            existing = made.json()["contacts"][0]
        migrate(engine, api)
        adopted = api.get("contacts", existing["id"])
        assert adopted is not None and adopted["name"] != "Earlier Import"  # updated by us
        record = engine.app.record("default", "patient", "1000001")
        assert record is not None and record.nutshell_id == existing["id"]
        assert [op["action"] for op in record.operations] == ["adopt"]
        rollback(engine, api, scope="run", by="tester")
        restored = api.get("contacts", existing["id"])
        assert restored is not None, "a record we did not create is never deleted"
        assert restored["name"] == "Earlier Import"
        assert verify_rollback(engine, api)["ok"]


def test_a_staff_edit_after_migration_is_skipped_and_reported(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api)
        record = engine.app.record("default", "patient", "1000002")
        assert record is not None and record.nutshell_id
        with httpx.Client(base_url=srv.url, auth=(STAFF_USER["email"], STAFF_USER["api_key"])) as http:
            r = http.patch(f"/contacts/{record.nutshell_id}", content=orjson.dumps(
                [{"op": "replace", "path": "/contacts/0/name", "value": "Edited By Staff"}]),
                headers={"Content-Type": "application/json-patch+json"})
            assert r.status_code == 204, r.text
        result = rollback(engine, api, scope="run", by="tester")
        skipped = [i for i in result.items if i.action == "skip"]
        assert [(i.kind, i.source_id) for i in skipped] == [("patient", "1000002")]
        assert skipped[0].paths == ["contacts.name"]
        kept = api.get("contacts", record.nutshell_id)
        assert kept is not None and kept["name"] == "Edited By Staff"
        # the Sources the run created stay while a record left in Nutshell may link them
        assert any("Sources and referrers the run created are kept" in r
                   for r in result.residue)
        assert [s for s in srv.snapshot()["sources"] if not s.get("deletedTime")]
        forced = rollback(engine, api, scope="record:patient:1000002", by="tester", force=True)
        assert forced.done == {"delete": 1}
        assert api.get("contacts", record.nutshell_id) is None
        rollback(engine, api, scope="run", by="tester")  # nothing left to link them
        assert not [s for s in srv.snapshot()["sources"] if not s.get("deletedTime")]


class Crash(BaseException):
    """Stands for the process dying mid-rollback (not an error the engine handles)."""


def test_a_rollback_killed_half_way_finishes_without_double_compensation(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api)
        real_delete = api.delete
        calls = {"n": 0}

        def dying_delete(entity: str, api_id: str) -> None:
            calls["n"] += 1
            if calls["n"] == 40:
                real_delete(entity, api_id)  # the delete lands, the process dies before saving
                raise Crash()
            real_delete(entity, api_id)

        api.delete = dying_delete  # type: ignore[method-assign]
        with pytest.raises(Crash):
            rollback(engine, api, scope="run", by="tester")
        api.delete = real_delete  # type: ignore[method-assign]
        result = rollback(engine, api, scope="run", by="tester")
        assert not result.failed
        assert verify_rollback(engine, api)["ok"]
        assert_each_operation_compensated_once(engine)


def test_the_dry_run_lists_exactly_what_the_real_run_does(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api)
        before = live(srv.snapshot())
        planned = rollback(engine, api, scope="run", by="tester", dry_run=True)
        assert live(srv.snapshot()) == before, "a dry run sends nothing"
        report = engine.settings.reports / "rollback-plan.json"
        assert report.is_file() and orjson.loads(report.read_bytes())["dry_run"] is True
        done = rollback(engine, api, scope="run", by="tester")
        as_planned = sorted((i.kind, i.source_id, i.action, i.nutshell_id) for i in planned.items)
        as_done = sorted((i.kind, i.source_id, i.action, i.nutshell_id) for i in done.items)
        assert as_planned == as_done
        assert sum(done.done.values()) == sum(1 for i in done.items if i.action != "skip")


def test_undo_restores_what_the_rollback_deleted(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, sample=30)
        migrated = live(srv.snapshot())
        rollback(engine, api, scope="kind:company", by="tester")
        assert len(live(srv.snapshot())["accounts"]) < len(migrated["accounts"])
        restored = undo(engine, api, scope="kind:company", by="tester")
        assert restored.done.get("undelete", 0) > 0
        assert set(live(srv.snapshot())["accounts"]) == set(migrated["accounts"])


def test_a_rollback_killed_between_a_lead_and_its_prospect_finishes_both(
        tmp_path: Path, premigrated: Premigrated) -> None:
    with environment(tmp_path / "empty") as (_engine, _api, srv):
        before = live(srv.snapshot())  # the sandbox before the migration
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        real_delete = api.delete

        def dying_delete(entity: str, api_id: str) -> None:
            real_delete(entity, api_id)
            if entity == "leads":
                raise Crash()  # the lead is gone, its prospect Person not yet

        api.delete = dying_delete  # type: ignore[method-assign]
        with pytest.raises(Crash):
            rollback(engine, api, scope="kind:lead", by="tester")
        api.delete = real_delete  # type: ignore[method-assign]
        rollback(engine, api, scope="run", by="tester")
        assert live(srv.snapshot()) == before
        assert verify_rollback(engine, api)["ok"]


def test_activities_are_deleted_by_their_rpc_rev_and_undo_creates_them_again(
        tmp_path: Path) -> None:
    """Nutshell has no undeleteActivity: the dry run says so, the reversal creates the
    appointments again under new ids, and a second rollback deletes those new ones."""
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, sample=30)
        migrated = live(srv.snapshot())["activities"]
        assert migrated
        plan = rollback(engine, api, scope="kind:appointment", by="tester", dry_run=True)
        assert plan.notes and "create" in plan.notes[0]
        assert live(srv.snapshot())["activities"] == migrated  # a dry run sends nothing
        done = rollback(engine, api, scope="kind:appointment", by="tester")
        assert not done.failed and done.done["delete"] > 0
        left = live(srv.snapshot())["activities"]
        assert len(left) == len(migrated) - done.done["delete"]
        restored = undo(engine, api, scope="kind:appointment", by="tester")
        assert not restored.failed and restored.done == {"recreate": done.done["delete"]}
        again = live(srv.snapshot())["activities"]
        assert len(again) == len(migrated)
        new_ids = set(again) - set(migrated)
        assert len(new_ids) == done.done["delete"]
        names = sorted(a["name"] for a in migrated.values())
        assert sorted(a["name"] for a in again.values()) == names
        twice = undo(engine, api, scope="kind:appointment", by="tester")
        assert twice.done == {} and not twice.failed  # a second reversal makes nothing again
        assert live(srv.snapshot())["activities"] == again
        second = rollback(engine, api, scope="kind:appointment", by="tester")
        assert not second.failed and second.done["delete"] == len(new_ids)
        assert set(live(srv.snapshot())["activities"]) == set(left)


def test_an_undo_killed_after_nutshell_made_an_activity_does_not_make_it_twice(
        tmp_path: Path) -> None:
    """The process dies after Nutshell created an appointment again but before the reversal
    was recorded: the next `--undo` finds that activity (made since the request, holding what
    was written) and takes it, instead of creating a second one."""
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, sample=30)
        migrated = live(srv.snapshot())["activities"]
        done = rollback(engine, api, scope="kind:appointment", by="tester")
        assert done.done["delete"] > 1
        real_create = api.create
        made: list[str] = []

        def dying_create(entity: str, record: Any, **kwargs: Any) -> dict[str, Any]:
            answer = real_create(entity, record, **kwargs)
            made.append(str(answer["id"]))
            if len(made) == 2:
                raise Crash()  # Nutshell holds the second activity; the log does not
            return answer

        api.create = dying_create  # type: ignore[method-assign]
        with pytest.raises(Crash):
            undo(engine, api, scope="kind:appointment", by="tester")
        api.create = real_create  # type: ignore[method-assign]
        restored = undo(engine, api, scope="kind:appointment", by="tester")
        assert not restored.failed
        again = live(srv.snapshot())["activities"]
        assert len(again) == len(migrated), "an activity was created twice"
        assert made[1] in again
        # the one found is on the log: a later rollback deletes it with the others
        second = rollback(engine, api, scope="kind:appointment", by="tester")
        assert not second.failed
        assert made[1] not in live(srv.snapshot())["activities"]
        assert len(live(srv.snapshot())["activities"]) == len(migrated) - done.done["delete"]


def test_after_undo_the_cross_reference_names_every_record_again(tmp_path: Path) -> None:
    """Undeleted records are in the source-to-Nutshell cross-reference again under their own
    ids (what a delta or verify resolves links by); re-created ones under their new ids."""
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, sample=30)
        engine.catch_up()
        before = {(k, s): (e, n) for k, s, e, n in engine.store.xref_all() if n}
        assert any(k == "patient" for k, _ in before)
        rollback(engine, api, scope="run", by="tester")
        engine.catch_up()
        assert not [n for _k, _s, _e, n in engine.store.xref_all() if n]
        undo(engine, api, scope="run", by="tester")
        engine.catch_up()
        after = {(k, s): (e, n) for k, s, e, n in engine.store.xref_all() if n}
        assert set(after) == set(before)
        alive = {str(r["id"]) for records in live(srv.snapshot()).values() for r in records.values()}
        for key, (entity, nid) in after.items():
            assert nid in alive, key
            if entity in {"contacts", "accounts", "leads"}:
                assert (entity, nid) == before[key], key  # undeleted: the same record
