"""After a real run against the sandbox over HTTP, Nutshell is changed behind the engine's back
(as a staff member or an integration would, through the API); verification from the source must
report each change with its reason class and fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from adapters.samples import sample_path
from consumers.bootstrap import Engine, Settings
from consumers.cli.demo import _migrate
from consumers.nutshell import migration as svc


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[tuple[Engine, NutshellClient, dict[str, Any]]]:
    # a second user, for an owner changed behind the engine's back
    users = [{"email": "admin@sandbox.test", "name": "Admin", "api_key": "tamper-admin-key",
              "is_admin": True},
             {"email": "front@clinic.test", "name": "Front Desk", "api_key": None,
              "is_admin": False}]
    with SandboxServer(data_dir=tmp_path / "sandbox", users=users) as sandbox:
        url = sandbox.start()
        settings = Settings(home=tmp_path / "home", database_url=None, cipher_key=None,
                            nutshell_url=url, nutshell_user=sandbox.admin_user,
                            nutshell_api_key=sandbox.admin_key, run_name="tamper")
        with Engine(settings) as engine, NutshellClient(url, sandbox.admin_user,
                                                        sandbox.admin_key) as api:
            summary = _migrate(engine, api, sample_path("cliniko"), 60, sandbox.admin_user)
            yield engine, api, summary


class _NO:
    fields: dict[str, Any] = {}


def _nid(engine: Engine, kind: str, source_id: str) -> str:
    found = engine.store.xref_by_source(kind, source_id)
    assert found is not None, (kind, source_id)
    return found[1]


def _pushed(engine: Engine, kind: str) -> list[str]:
    return [s for _, s, st in engine.store.records_in_state(kind) if st == "pushed"]


def _reasons(result: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(d["record"], d["nutshell_field"], d["reason"])
            for d in result["from_source"]["differences"]}


def test_a_clean_run_verifies_with_every_column_accounted(migrated: Any) -> None:
    engine, api, summary = migrated
    report, result = svc.verify(engine, api)
    source = result["from_source"]
    assert result["ok"], source["differences"][:5]
    assert source["unaccounted_columns"] == 0
    assert source["records"]["found"] == source["records"]["expected"] > 100
    # vendor extra columns really arrive as custom-field values
    assert any(line["column"] == "Race" and line["status"] == "custom"
               for line in source["ledger"])


def test_every_tamper_is_reported_with_its_reason_and_fails(migrated: Any) -> None:
    engine, api, _ = migrated
    patients = _pushed(engine, "patient")
    appointments = _pushed(engine, "appointment")
    # 1. a custom-field value changed
    p1 = next(p for p in patients
              if (engine.app.record("tamper", "patient", p) or _NO).fields.get("date_of_birth"))
    api.patch("contacts", _nid(engine, "patient", p1), [
        {"op": "replace", "path": "/contacts/0/customFields/Date of Birth", "value": "1900-01-01"}])
    # 2. an extra column's value dropped
    p2 = patients[1]
    api.patch("contacts", _nid(engine, "patient", p2), [
        {"op": "replace", "path": "/contacts/0/customFields/Race", "value": ""}])
    # 3. an owner changed
    p3 = patients[2]
    other = next(str(u["id"]) for u in api.users()
                 if str(u["id"]) != str(engine.run().owners.get("fallback_owner")))
    api.patch("contacts", _nid(engine, "patient", p3), [
        {"op": "replace", "path": "/contacts/0/links/owner", "value": other}])
    # 4. an activity type changed
    a1 = appointments[0]
    types = {str(t["name"]): str(t["id"]) for t in api.activity_types()}
    api.patch("activities", _nid(engine, "appointment", a1), [
        {"op": "replace", "path": "/activities/0/activityType", "value": types["SMS"]}])
    # 5. a contact deleted
    p4 = patients[3]
    api.delete("contacts", _nid(engine, "patient", p4))

    report, result = svc.verify(engine, api)
    found = _reasons(result)
    assert result["ok"] is False
    assert (f"patient:{p1}", "customFields.Date of Birth", "wrong value") in found
    assert (f"patient:{p2}", "customFields.Race", "missing value") in found
    assert (f"patient:{p3}", "owner", "wrong owner") in found
    assert (f"appointment:{a1}", "activityType", "wrong activity type") in found
    assert (f"patient:{p4}", "", "missing record") in found
    source = result["from_source"]
    assert source["records"]["missing"] >= 1 and source["records"]["differing"] >= 4
    # every difference names its source cell, values masked without the cipher key
    chart = next(d for d in source["differences"]
                 if d["nutshell_field"] == "customFields.Date of Birth")
    assert chart["file"] == "patients.csv" and chart["column"] == "Date of Birth"
    assert str(chart["expected"]).startswith("h:") and str(chart["actual"]).startswith("h:")
