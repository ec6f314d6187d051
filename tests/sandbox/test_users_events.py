"""Impersonation, attribution and the events feed."""

from __future__ import annotations

import httpx

from .conftest import STAFF, create, patch


def test_admin_impersonates_staff_and_records_are_attributed(sandbox, client):
    person = create(client, "contacts", {"name": "Jo"})
    as_staff = {"X-Nutshell-Impersonate": STAFF["email"]}
    r = client.post("/accounts", json={"accounts": [{"name": "Staff Co"}]}, headers=as_staff)
    assert r.json()["accounts"][0]["links"]["creator"] == "2-users"
    r = client.patch(f"/contacts/{person['id']}", headers={
        **as_staff, "Content-Type": "application/json-patch+json"},
        content=b'[{"op": "replace", "path": "/contacts/0/name", "value": "Jo Staff"}]')
    assert r.status_code == 204
    events = client.get("/events").json()["events"]
    assert events[0]["action"] == "update" and events[0]["links"]["actor"] == "2-users"
    assert events[0]["changes"][0]["attribute"] == "name"
    assert events[-1]["links"]["actor"] == "1-users"
    by_id = client.get("/accounts", headers={"X-Nutshell-Impersonate": "2-users"})
    assert by_id.status_code == 200


def test_only_admins_may_impersonate(sandbox, client):
    with httpx.Client(base_url=sandbox.url, auth=(STAFF["email"], STAFF["api_key"])) as staff:
        r = staff.get("/contacts", headers={"X-Nutshell-Impersonate": sandbox.admin_user})
        assert r.status_code == 403
    assert client.get("/contacts", headers={"X-Nutshell-Impersonate": "ghost@x.test"}
                      ).status_code == 400


def test_events_feed_pages_by_id_and_filters(client):
    a = create(client, "accounts", {"name": "A"})
    p = create(client, "contacts", {"name": "P"})
    patch(client, f"/contacts/{p['id']}", [{"op": "replace", "path": "/contacts/0/name", "value": "Q"}])
    client.delete(f"/accounts/{a['id']}")
    body = client.get("/events", params={"limit": 2}).json()
    assert [e["action"] for e in body["events"]] == ["delete", "update"]
    assert {x["id"] for x in body["payloads"]} == {a["id"], p["id"]}
    older = httpx.get(body["meta"]["previous"], auth=client.auth).json()
    assert [e["action"] for e in older["events"]] == ["create", "create"]
    newer = client.get("/events", params={"since_id": body["events"][0]["id"]}).json()
    assert newer["events"] == []
    only = client.get("/events", params={"filters[payload][]": "contacts"}).json()["events"]
    assert {e["payloadType"] for e in only} == {"contacts"} and len(only) == 2
    by_entity = client.get("/events", params={"entity_id": a["id"]}).json()["events"]
    assert [e["action"] for e in by_entity] == ["delete", "create"]
    assert client.get("/events", params={"limit": "many"}).status_code == 400


def test_users_from_csv_and_json_files(tmp_path):
    from adapters.nutshell_sandbox import SandboxServer
    from adapters.nutshell_sandbox.auth import load_users_file

    csv_file = tmp_path / "staff.csv"
    csv_file.write_text("email,name,api_key\ndr.a@clinic.test,Dr A,key-a\nfront@clinic.test,Front Desk,\n")
    json_file = tmp_path / "staff.json"
    json_file.write_text('[{"email": "boss@clinic.test", "name": "Boss", "api_key": "kb", "is_admin": true}]')
    users = load_users_file(csv_file) + load_users_file(json_file)
    assert [(u["email"], u["api_key"], u["is_admin"]) for u in users] == [
        ("dr.a@clinic.test", "key-a", False), ("front@clinic.test", None, False),
        ("boss@clinic.test", "kb", True)]
    with SandboxServer(users=users) as srv:
        assert (srv.admin_user, srv.admin_key) == ("boss@clinic.test", "kb")
        listed = httpx.get(f"{srv.url}/users", auth=("dr.a@clinic.test", "key-a")).json()["users"]
        assert [u["emails"][0] for u in listed] == [u["email"] for u in users]
        # a user without a key cannot sign in, but can be impersonated by the admin
        assert httpx.get(f"{srv.url}/users", auth=("front@clinic.test", "")).status_code == 401
        r = httpx.post(f"{srv.url}/accounts", auth=("boss@clinic.test", "kb"),
                       headers={"X-Nutshell-Impersonate": "front@clinic.test"},
                       json={"accounts": [{"name": "X"}]})
        assert r.json()["accounts"][0]["links"]["creator"] == "2-users"
    bad = tmp_path / "bad.csv"
    bad.write_text("email,name\nnot-an-email,X\n")
    try:
        load_users_file(bad)
    except ValueError as exc:
        assert "row 1" in str(exc) and "not-an-email" not in str(exc)
    else:
        raise AssertionError("a row without an email must be refused")
