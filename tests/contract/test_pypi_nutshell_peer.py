"""A third-party client as the sandbox's peer: PyPI `nutshell` 0.4.4, written against Nutshell's
JSON-RPC API, drives the sandbox with its own method classes and response models unchanged; only
its endpoint URL is pointed at the sandbox. Its pydantic models reject an answer shaped
otherwise than Nutshell's, so each call passing is a check of the RPC entity shapes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from adapters.nutshell_sandbox import SandboxServer

nutshell = pytest.importorskip("nutshell")
from nutshell import methods  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as srv:
        yield srv


def _peer(srv: SandboxServer) -> nutshell.NutshellAPI:
    api = nutshell.NutshellAPI(srv.admin_user, srv.admin_key)
    api.URL = srv.url.removesuffix("/rest") + "/api/v1/json"  # the only change: where
    return api


def _rest(srv: SandboxServer, entity: str, item: dict) -> dict:
    r = httpx.post(f"{srv.url}/{entity}", json={entity: [item]},
                   auth=(srv.admin_user, srv.admin_key))
    r.raise_for_status()
    return r.json()[entity][0]


def test_users_and_activity_types(sandbox):
    api = _peer(sandbox)
    api.api_calls = [methods.FindUsers(), methods.GetUser(), methods.FindActivityTypes()]
    users, me, types = api.call_api()
    assert [u.emails for u in users.result] == [[sandbox.admin_user]]
    assert me.result.id == users.result[0].id and me.result.is_administrator
    assert {t.name for t in types.result} >= {"Phone Call", "Email", "Meeting"}


def test_an_activity_read_edited_and_deleted_by_its_rev(sandbox):
    person = _rest(sandbox, "contacts", {"name": "Pat Doe"})
    activity = _rest(sandbox, "activities", {"name": "Cleaning", "startTime": 1_700_000_000,
                                             "links": {"participants": [person["id"]]}})
    number = int(activity["id"].split("-")[0])
    api = _peer(sandbox)
    api.api_calls = methods.GetActivity(activity_id=number)
    got = api.call_api().result
    assert got.name == "Cleaning" and got.entity_type == "Activities"
    assert [p["id"] for p in got.participants] == [int(person["id"].split("-")[0])]
    api.api_calls = methods.EditActivity(activity_id=number, rev=got.rev,
                                         activity={"name": "Deep cleaning"})
    edited = api.call_api().result
    assert edited.name == "Deep cleaning" and edited.rev != got.rev
    api.api_calls = methods.DeleteActivity(activity_id=number, rev=got.rev)  # stale
    with pytest.raises(Exception, match="result"):
        api.call_api()  # the peer cannot read an error answer as a result: refused
    api.api_calls = methods.DeleteActivity(activity_id=number, rev=edited.rev)
    assert api.call_api().result is True
    gone = httpx.get(f"{sandbox.url}/activities/{activity['id']}",
                     auth=(sandbox.admin_user, sandbox.admin_key))
    assert gone.status_code == 404


def test_a_lead_read_and_edited(sandbox):
    lead = _rest(sandbox, "leads", {"description": "Implant consult", "confidence": 40})
    number = int(lead["id"].split("-")[0])
    api = _peer(sandbox)
    api.api_calls = methods.GetLead(lead_id=number)
    got = api.call_api().result
    assert got.description == "Implant consult" and got.status == 0
    api.api_calls = methods.EditLead(lead_id=number, rev=got.rev,
                                     lead={"description": "Implant consult, booked"})
    assert api.call_api().result.description == "Implant consult, booked"
