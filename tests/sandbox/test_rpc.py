"""The JSON-RPC API: Nutshell's methods and rules (https://www.nutshell.com/api/revs-etags.html,
https://developers.nutshell.com/ endpoint discovery and SMD), nothing else."""

from __future__ import annotations

import httpx
import pytest

from adapters.nutshell_sandbox import SandboxServer

from .conftest import PATCH_HEADERS, create, define, rpc, rpc_url

STALE = {"code": 409, "message": "rev key is out-of-date", "data": None}


def _activity(client: httpx.Client) -> dict:
    return create(client, "activities", {"name": "Cleaning", "startTime": 1_700_000_000,
                                          "endTime": 1_700_003_600, "isLogged": True})


def test_get_activity_answers_the_rpc_entity_shape_with_a_rev(sandbox, client):
    person = create(client, "contacts", {"name": "Pat Doe"})
    act = create(client, "activities", {"name": "Cleaning", "startTime": 1_700_000_000,
                                        "links": {"participants": [person["id"]]}})
    got = rpc(sandbox, "getActivity", activityId=int(act["id"].split("-")[0]))["result"]
    assert got["entityType"] == "Activities" and got["id"] == int(act["id"].split("-")[0])
    assert isinstance(got["rev"], str) and got["stub"] is False
    assert got["startTime"] == "2023-11-14T22:13:20+0000"
    assert got["activityType"]["entityType"] == "Activity_Types"
    assert got["participants"] == [{"stub": True, "id": int(person["id"].split("-")[0]),
                                    "rev": "1", "entityType": "Contacts", "name": "Pat Doe",
                                    "modifiedTime": got["participants"][0]["modifiedTime"]}]


def test_delete_activity_needs_the_current_rev_and_there_is_no_undelete(sandbox, client):
    act = _activity(client)
    first = rpc(sandbox, "getActivity", activityId=act["id"])["result"]["rev"]
    client.put(f"/activities/{act['id']}", json={"activities": [{"note": "moved"}]})
    assert rpc(sandbox, "deleteActivity", activityId=act["id"], rev=first)["error"] == STALE
    assert rpc(sandbox, "deleteActivity", activityId=act["id"])["error"] == STALE
    assert client.get(f"/activities/{act['id']}").status_code == 200
    current = rpc(sandbox, "getActivity", activityId=act["id"])["result"]["rev"]
    assert current != first
    done = rpc(sandbox, "deleteActivity", activityId=int(act["id"].split("-")[0]), rev=current)
    assert done == {"result": True, "error": None, "id": 7, "jsonrpc": "2.0"}
    assert client.get(f"/activities/{act['id']}").status_code == 404
    assert rpc(sandbox, "getActivity", activityId=act["id"])["result"]["deletedTime"]
    assert rpc(sandbox, "undeleteActivity", activityId=act["id"])["error"]["code"] == -32601


@pytest.mark.parametrize(("entity", "method", "id_param", "payload", "item"), [
    ("contacts", "Contact", "contactId", "contact", {"name": "Pat"}),
    ("accounts", "Account", "accountId", "account", {"name": "Acme"}),
    ("leads", "Lead", "leadId", "lead", {"description": "Implant"}),
    ("activities", "Activity", "activityId", "activity", {"name": "Visit"}),
])
def test_edit_and_delete_refuse_a_stale_rev(sandbox, client, entity, method, id_param,
                                             payload, item):
    rec = create(client, entity, item)
    got = rpc(sandbox, f"get{method}", **{id_param: rec["id"]})["result"]
    assert got["entityType"] == f"{entity.capitalize()}"
    edited = rpc(sandbox, f"edit{method}", **{id_param: rec["id"], "rev": got["rev"],
                                              payload: {"description": "edited"}})["result"]
    assert edited["description"] == "edited" and edited["rev"] != got["rev"]
    stale = rpc(sandbox, f"edit{method}", **{id_param: rec["id"], "rev": got["rev"],
                                             payload: {"description": "again"}})
    assert stale["error"] == STALE
    assert rpc(sandbox, f"delete{method}", **{id_param: rec["id"], "rev": got["rev"]})[
        "error"] == STALE
    assert rpc(sandbox, f"delete{method}", **{id_param: rec["id"], "rev": edited["rev"]})[
        "result"] is True
    assert client.get(f"/{entity}/{rec['id']}").status_code == 404


def test_a_rest_write_changes_the_rpc_rev(sandbox, client):
    rec = create(client, "contacts", {"name": "Pat"})
    before = rpc(sandbox, "getContact", contactId=rec["id"])["result"]["rev"]
    r = client.patch(f"/contacts/{rec['id']}", headers=PATCH_HEADERS,
                     content=b'[{"op": "replace", "path": "/contacts/0/name", "value": "P"}]')
    assert r.status_code == 204
    after = rpc(sandbox, "getContact", contactId=rec["id"])["result"]
    assert after["rev"] != before and after["name"] == "P"
    assert rpc(sandbox, "deleteContact", contactId=rec["id"], rev=before)["error"] == STALE


def test_get_answers_carry_an_etag_and_304_when_unchanged(sandbox, client):
    rec = create(client, "contacts", {"name": "Pat"})
    auth = (sandbox.admin_user, sandbox.admin_key)
    body = {"method": "getContact", "params": {"contactId": rec["id"]}, "id": 1}
    first = httpx.post(rpc_url(sandbox), auth=auth, json=body)
    tag = first.headers["ETag"]
    again = httpx.post(rpc_url(sandbox), auth=auth, json={**body, "id": 2},
                       headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    client.patch(f"/contacts/{rec['id']}", headers=PATCH_HEADERS,
                 content=b'[{"op": "replace", "path": "/contacts/0/name", "value": "Q"}]')
    changed = httpx.post(rpc_url(sandbox), auth=auth, json=body, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    edit = httpx.post(rpc_url(sandbox), auth=auth, json={"method": "editContact", "params": {
        "contactId": rec["id"], "rev": "0", "contact": {}}, "id": 3})
    assert "ETag" not in edit.headers  # edit methods ignore ETags


def test_lookups_a_migration_makes(sandbox, client):
    define(client, "contacts", "Clinic Patient ID")
    create(client, "contacts", {"name": "Pat", "emails": ["pat@example.test"]})
    me = rpc(sandbox, "getUser")["result"]
    assert me["entityType"] == "Users" and me["emails"] == [sandbox.admin_user]
    assert {u["emails"][0] for u in rpc(sandbox, "findUsers")["result"]} == {
        sandbox.admin_user, "nurse@clinic.test"}
    types = rpc(sandbox, "findActivityTypes")["result"]
    assert all(t["entityType"] == "Activity_Types" and t["stub"] for t in types) and types
    fields = rpc(sandbox, "findCustomFields")["result"]
    assert [f["name"] for f in fields["Contacts"]] == ["Clinic Patient ID"]
    found = rpc(sandbox, "searchByEmail", emailAddressString="PAT@example.test")["result"]
    assert [c["name"] for c in found["contacts"]] == ["Pat"] and found["accounts"] == []
    assert rpc(sandbox, "findSources", query={"name": "Web"})["result"] == []
    source = rpc(sandbox, "newSource", name="Web")["result"]
    assert source["entityType"] == "Sources"
    assert [s["id"] for s in rpc(sandbox, "findSources", query={"name": "web"})["result"]] == [
        source["id"]]
    outcomes = rpc(sandbox, "findLead_Outcomes")["result"]
    assert {o["entityType"] for o in outcomes} == {"Lead_Outcomes"} and outcomes


def test_discovery_and_service_description_need_no_credentials(sandbox):
    r = httpx.post(rpc_url(sandbox), json={"method": "getApiForUsername",
                                           "params": {"username": "a@b.test"}, "id": 1})
    host = sandbox.url.split("//")[1].split("/")[0]
    assert r.json()["result"] == {"api": host, "login": host, "iphone": host}
    smd = httpx.get(rpc_url(sandbox)).json()
    assert smd["envelope"] == "JSON-RPC-2.0" and smd["target"] == "/api/v1/json"
    assert {"name": "rev", "optional": False} in smd["services"]["deleteActivity"]["parameters"]
    assert "undeleteActivity" not in smd["services"]
    unauth = httpx.post(rpc_url(sandbox), json={"method": "getUser", "params": {}, "id": 1})
    assert unauth.status_code == 401
    r = httpx.put(rpc_url(sandbox), content=b"{}")
    assert r.status_code == 405 and r.headers["Allow"] == "GET, POST"


def test_json_rpc_errors(sandbox):
    assert rpc(sandbox, "dropDatabase")["error"]["code"] == -32601
    assert rpc(sandbox, "deleteActivity", rev="1")["error"]["code"] == -32602
    assert rpc(sandbox, "getContact", contactId=999)["error"]["code"] == 404
    auth = (sandbox.admin_user, sandbox.admin_key)
    assert httpx.post(rpc_url(sandbox), auth=auth, content=b"{nope").json()["error"][
        "code"] == -32700


def test_rpc_is_rate_limited_like_rest():
    with SandboxServer(rate_limit=1) as srv:
        codes = [httpx.post(rpc_url(srv), auth=(srv.admin_user, srv.admin_key),
                            json={"method": "getUser", "params": {}, "id": 1}).status_code
                 for _ in range(4)]
    assert 429 in codes and codes[0] == 200
