"""The default map against the Nutshell sandbox over real HTTP: the custom fields it defines are
accepted, every kind's plan writes, the record read back matches its expectations, an update
and its inverse patch land as planned."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from adapters.nutshell_sandbox import SandboxServer
from domain.mapping import MappingDocument, Settings
from domain.nutshell.map import (
    RUN_ORDER,
    Step,
    activity_type_id,
    actual_values,
    bind,
    compare,
    custom_field_specs,
    expectations,
    inverse_patch,
    plan_record,
    update_ops,
)
from tests.nutshell_map.conftest import Ctx
from tests.nutshell_map.test_compare import CASES
from tests.nutshell_map.test_plan import PATIENT

DOC = MappingDocument(settings=Settings(clinical_content=True))


class Nutshell:
    """Just enough of a client to send a plan (the real client is tested elsewhere)."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def create(self, entity: str, record: dict[str, Any]) -> dict[str, Any]:
        body = {"notes": {"data": record}, "tasks": record}.get(entity, {entity: [record]})
        r = self.http.post(f"/{entity}", json=body)
        assert r.status_code in (200, 201), (entity, r.status_code, r.text)
        js = r.json()
        got = js.get(entity, js.get("data", js))
        return got[0] if isinstance(got, list) else got

    def get(self, entity: str, api_id: str) -> dict[str, Any]:
        r = self.http.get(f"/{entity}/{api_id}")
        assert r.status_code == 200, r.text
        got = r.json()[entity]
        return got[0] if isinstance(got, list) else got

    def patch(self, entity: str, api_id: str, ops: list[dict[str, Any]]) -> None:
        r = self.http.patch(f"/{entity}/{api_id}", content=json.dumps(ops),
                            headers={"content-type": "application/json-patch+json"})
        assert r.status_code in (200, 204), (r.status_code, r.text)

    def put(self, entity: str, api_id: str, record: dict[str, Any]) -> None:
        r = self.http.put(f"/{entity}/{api_id}", json={entity: [record]})
        assert r.status_code in (200, 204), (r.status_code, r.text)

    def run(self, steps: list[Step], ctx: Ctx) -> str:
        """Sends the steps; returns the id of the record the last step wrote."""
        created: list[str | None] = []
        last = ""
        for step in steps:
            payload = bind(step, created)
            if step.action == "create":
                assert isinstance(payload, dict)
                last = self.create(step.entity, payload)["id"]
                created.append(last)
                continue
            created.append(None)
            if step.target is not None:
                last = ctx.ids[step.target]
            else:
                assert step.uses_result_of is not None
                last = str(created[step.uses_result_of])
            if step.action == "upload":
                continue  # the file's bytes: tests/integration/documents/test_documents.py
            if step.action == "status":  # Nutshell's status endpoint, outcome by status
                assert isinstance(payload, dict)
                outcomes = self.http.get("/outcomes").json()["outcomes"]
                outcome = next(o["id"] for o in outcomes if o["status"] == payload["status"])
                r = self.http.post(f"/leads/{last}/status", json={"outcomeId": outcome})
                assert r.status_code == 200, r.text
                continue
            if step.action == "patch":
                assert isinstance(payload, list)
                self.patch(step.entity, last, payload)
            else:
                assert isinstance(payload, dict)
                self.put(step.entity, last, payload)
        return last


@pytest.fixture(scope="module")
def nutshell() -> Iterator[tuple[Nutshell, Ctx]]:
    with SandboxServer() as srv, httpx.Client(
            base_url=srv.url, auth=(srv.admin_user, srv.admin_key), timeout=10) as http:
        api = Nutshell(http)
        for spec in custom_field_specs(DOC, RUN_ORDER):
            body: dict[str, Any] = {"name": spec.name, "type": spec.type}
            if spec.choices:
                body["choices"] = list(spec.choices)
            r = http.post(f"/{spec.entity}/customfield", json=body)
            assert r.status_code in (200, 201), (spec, r.text)
        users = http.get("/users").json()["users"]
        types = http.get("/activitytypes").json()["activityTypes"]
        ctx = Ctx(owners={"*": users[0]["id"]}, records={("company", "C1"): {"name": "Main"}},
                  types={k: activity_type_id(k, types)
                         for k in ("appointment", "call", "sms", "email", "meeting")})
        ctx.ids[("company", "C1")] = api.create("accounts", {"name": "Main"})["id"]
        ctx.ids[("patient", "P1")] = api.create("contacts", {"name": "Ada Byron"})["id"]
        yield api, ctx


@pytest.mark.parametrize(("kind", "sid", "fields"), CASES, ids=[c[0] for c in CASES])
def test_every_kind_round_trips(nutshell: tuple[Nutshell, Ctx], kind: str, sid: str,
                                fields: dict[str, Any]) -> None:
    api, ctx = nutshell
    steps = plan_record(kind, sid, fields, ctx, DOC)
    assert isinstance(steps, list)
    api_id = api.run(steps, ctx)
    entity = steps[-1].entity
    expected = expectations(kind, sid, fields, ctx, DOC)
    result = compare(expected, actual_values(entity, api.get(entity, api_id), expected))
    assert [(c.path, c.status, c.note) for c in result if c.status != "matched"] == []


def test_update_then_inverse_patch(nutshell: tuple[Nutshell, Ctx]) -> None:
    api, ctx = nutshell
    first = plan_record("patient", "P9", PATIENT, ctx, DOC)
    assert isinstance(first, list)
    ctx.ids[("patient", "P9")] = api.run(first, ctx)
    before_exp = expectations("patient", "P9", PATIENT, ctx, DOC)

    changed = {**PATIENT, "last_name": "Lovelace", "phone_work": "617-555-0777",
               "chart_number": "", "date_of_birth": "1984-03-01"}
    update = plan_record("patient", "P9", changed, ctx, DOC)
    assert isinstance(update, list) and update[0].action == "patch"
    # the delta path: a field emptied in the source is cleared in Nutshell
    written = {**expectations("patient", "P9", changed, ctx, DOC),
               "contacts.customFields.Chart Number": None}
    previous = actual_values("contacts", api.get("contacts", ctx.ids[("patient", "P9")]),
                             written)
    assert previous["contacts.customFields.Chart Number"] == "CH-1"
    api.run(update, ctx)
    api.patch("contacts", ctx.ids[("patient", "P9")],
              update_ops("contacts", {"contacts.customFields.Chart Number": None}))
    now = api.get("contacts", ctx.ids[("patient", "P9")])
    assert "Chart Number" not in now["customFields"] or not now["customFields"]["Chart Number"]
    assert [c.path for c in compare(written, actual_values("contacts", now, written))
            if c.status != "matched"] == []

    api.patch("contacts", ctx.ids[("patient", "P9")],
              inverse_patch("contacts", previous, written))
    back = api.get("contacts", ctx.ids[("patient", "P9")])
    result = compare(before_exp, actual_values("contacts", back, before_exp))
    assert [c.path for c in result if c.status != "matched"] == []


def test_activity_update_by_put(nutshell: tuple[Nutshell, Ctx]) -> None:
    api, ctx = nutshell
    _kind, sid, fields = next(c for c in CASES if c[0] == "appointment")
    first = plan_record("appointment", "A99", fields, ctx, DOC)
    assert isinstance(first, list)
    ctx.ids[("appointment", "A99")] = api.run(first, ctx)
    moved = {**fields, "starts_at": "2025-01-11T15:00:00Z", "ends_at": "2025-01-11T15:45:00Z"}
    update = plan_record("appointment", "A99", moved, ctx, DOC)
    assert isinstance(update, list) and update[0].action == "put"
    api.run(update, ctx)
    expected = expectations("appointment", "A99", moved, ctx, DOC)
    got = actual_values("activities", api.get("activities", ctx.ids[("appointment", "A99")]),
                        expected)
    assert got["activities.startTime"] == 1736607600
    assert [c.path for c in compare(expected, got) if c.status != "matched"] == []
