"""After a real run against the sandbox over HTTP, Nutshell is changed behind the engine's back
(as a staff member or an integration would, through the API); verification from the source must
report each change with its reason class and fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from adapters.samples import sample_path
from consumers.bootstrap import Engine, Settings
from consumers.cli.demo import _migrate
from consumers.nutshell import migration as svc
from consumers.services.review import clear_all, sign_off

ROOT = Path(__file__).resolve().parents[2]
PROVIDER, PROVIDER_EMAIL = "1006000", "bennett146.breitenberg711@example.com"


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[tuple[Engine, NutshellClient, dict[str, Any]]]:
    # a second user, for an owner changed behind the engine's back
    users = [{"email": "admin@sandbox.test", "name": "Admin", "api_key": "tamper-admin-key",
              "is_admin": True},
             {"email": "front@clinic.test", "name": "Front Desk", "api_key": None,
              "is_admin": False},
             # a practitioner of the export: matched by email, owns and logs their records
             {"email": PROVIDER_EMAIL, "name": "Dr Bennett", "api_key": None,
              "is_admin": False}]
    with SandboxServer(data_dir=tmp_path / "sandbox", users=users) as sandbox:
        url = sandbox.start()
        settings = Settings(home=tmp_path / "home", database_url=None, cipher_key=None,
                            nutshell_url=url, nutshell_user=sandbox.admin_user,
                            nutshell_api_key=sandbox.admin_key, run_name="tamper")
        with Engine(settings) as engine, NutshellClient(url, sandbox.admin_user,
                                                        sandbox.admin_key) as api:
            summary = _migrate(engine, api, sample_path("cliniko"), 60, sandbox.admin_user)
            # the PHI review lets the clinical notes go, and the run sends them
            clear_all(engine, by="reviewer", reason="tamper suite: synthetic data")
            sign_off(engine, by="officer")
            svc.run_full(engine, api)
            yield engine, api, {**summary, "sandbox": sandbox, "home": tmp_path / "home"}


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


def assert_a_clean_run_verifies_with_every_column_accounted(migrated: Any) -> None:
    """The untampered run: verified clean. The tamper test starts here (one migration for
    both), so each difference it then finds is the tamper's and nothing else's."""
    engine, api, _summary = migrated
    report, result = svc.verify(engine, api)
    source = result["from_source"]
    assert result["ok"], source["differences"][:5]
    assert source["unaccounted_columns"] == 0
    assert source["records"]["found"] == source["records"]["expected"] > 100
    # the practitioner matched to a user owns their patients and logged their activities and
    # notes (impersonation): checked by the oracle above; here, that there were some
    user = engine.run().owners["matched"][PROVIDER]
    logged = [a for a in api.list_all("activities")
              if user in str((a.get("links") or {}).get("logger") or "")
              or user in str((a.get("links") or {}).get("loggedBy") or "")
              or user in str((a.get("links") or {}).get("creator") or "")]
    assert len(logged) >= 10
    # the reports lead with the figures; the checklist says what activities cannot hold
    reports = engine.settings.reports
    page = (reports / "verify.html").read_text(encoding="utf-8")
    assert page.index('id="from-source"') < page.index('id="summary"')
    assert '<b id="unaccounted">0</b>' in page
    checklist = (reports / "custom-field-checklist.md").read_text(encoding="utf-8")
    assert "Activities and notes: no custom fields" in checklist
    # `c2n map show` lists the ledger: every column of every file, none unaccounted
    code, shown = _cli(migrated, "map", "show")
    assert code == 0 and shown["unaccounted_columns"] == 0
    files = {str(info["name"]) for info in engine.run().files.values()}
    assert len(files) == 13 and {line["file"] for line in shown["ledger"]} == files
    # vendor extra columns really arrive as custom-field values
    assert any(line["column"] == "Race" and line["status"] == "custom"
               for line in source["ledger"])


def _edit_note(sandbox: SandboxServer, note_id: str, body: str) -> None:
    """A note's text changed through Nutshell's JSON-RPC API (REST cannot edit notes)."""
    url = sandbox.url.removesuffix("/rest") + "/api/v1/json"
    auth = (sandbox.admin_user, sandbox.admin_key)
    number = int(note_id.split("-", maxsplit=1)[0])
    got = httpx.post(url, auth=auth, timeout=10, json={
        "jsonrpc": "2.0", "id": 1, "method": "getNote", "params": {"noteId": number}}).json()
    rev = got["result"]["rev"]
    done = httpx.post(url, auth=auth, timeout=10, json={
        "jsonrpc": "2.0", "id": 2, "method": "editNote",
        "params": {"noteId": number, "rev": rev, "note": {"note": body}}}).json()
    assert done.get("error") is None, done


def _cli(migrated: Any, *args: str) -> tuple[int, dict[str, Any]]:
    engine, _api, info = migrated
    sandbox = info["sandbox"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env.update({"C2N_HOME": str(info["home"]), "C2N_RUN": engine.settings.run_name,
                "C2N_NUTSHELL_URL": sandbox.url, "C2N_NUTSHELL_USER": sandbox.admin_user,
                "C2N_NUTSHELL_API_KEY": sandbox.admin_key, "PYTHONPATH": str(ROOT)})
    done = subprocess.run([sys.executable, "-m", "consumers.cli", *args, "--json"], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.stdout.strip(), done.stderr[-2000:]
    return done.returncode, json.loads(done.stdout)


def test_a_clean_run_verifies_then_every_tamper_is_reported_with_its_reason_and_fails(
        migrated: Any) -> None:
    assert_a_clean_run_verifies_with_every_column_accounted(migrated)
    engine, api, info = migrated
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
    other = next(str(u["id"]) for u in api.users() if "front@clinic.test" in str(u))
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
    # 6. a note's text changed
    n1 = _pushed(engine, "clinical_note")[0]
    _edit_note(info["sandbox"], _nid(engine, "clinical_note", n1), "nothing of the original")

    code, result = _cli(migrated, "verify")  # the operator's command, as a separate process
    found = _reasons(result)
    assert code == 1 and result["ok"] is False
    assert (f"patient:{p1}", "customFields.Date of Birth", "wrong value") in found
    assert (f"patient:{p2}", "customFields.Race", "missing value") in found
    assert (f"patient:{p3}", "owner", "wrong owner") in found
    assert (f"appointment:{a1}", "activityType", "wrong activity type") in found
    assert (f"patient:{p4}", "", "missing record") in found
    assert (f"clinical_note:{n1}", "body", "wrong value") in found
    source = result["from_source"]
    assert source["records"]["missing"] >= 1 and source["records"]["differing"] >= 4
    # grouped by what to fix: the column, the field, the reason
    assert {"file": "patients.csv", "column": "Date of Birth",
            "nutshell_field": "customFields.Date of Birth", "reason": "wrong value",
            "records": 1} in source["by_column"]
    # every difference names its source cell, values masked without the cipher key
    chart = next(d for d in source["differences"]
                 if d["nutshell_field"] == "customFields.Date of Birth")
    assert chart["file"] == "patients.csv" and chart["column"] == "Date of Birth"
    assert str(chart["expected"]).startswith("h:") and str(chart["actual"]).startswith("h:")
