"""Authentication, ids, envelopes, create rules and status codes, over real sockets."""

from __future__ import annotations

import re

import httpx

from .conftest import STAFF, WIRE, create


def test_missing_or_bad_credentials_get_the_html_401_page(sandbox, client):
    for auth in (None, (sandbox.admin_user, "wrong"), ("nobody@x.test", "admin-key")):
        r = httpx.get(f"{sandbox.url}/contacts", auth=auth)
        assert r.status_code == 401
        assert r.headers["content-type"].startswith("text/html")
        assert b"401 Unauthorized" in r.content
        assert re.fullmatch(r"[0-9a-f]{32}", r.headers["x-nutshell-request-id"])


def test_staff_key_authenticates_and_request_ids_differ(sandbox):
    with httpx.Client(base_url=sandbox.url, auth=(STAFF["email"], STAFF["api_key"])) as c:
        first, second = c.get("/contacts"), c.get("/contacts")
    assert first.status_code == second.status_code == 200
    assert first.headers["x-nutshell-request-id"] != second.headers["x-nutshell-request-id"]


def test_create_answers_the_envelope_with_links_and_urls(sandbox, client):
    r = client.post("/accounts", json={"accounts": [{"name": "Sunrise Dental"}]})
    assert r.status_code == 201  # the document's code; the wire sample shows 200
    body = r.json()
    assert body["meta"] == {"instanceId": "379104", "siteId": "6smEpVK1"}
    assert body["links"] == {}
    account = body["accounts"][0]
    assert account["id"] == "1-accounts" and account["type"] == "accounts"
    assert account["href"] == f"{sandbox.url}/accounts/1-accounts"
    assert account["htmlUrl"].endswith("/company/1-sunrise-dental")
    assert account["initials"] == "SD"
    assert account["links"]["creator"] == account["links"]["owner"] == "1-users"
    # as the live capture: no times on an account, nulls sent as null
    assert "createdTime" not in account and account["description"] is None


def test_status_codes_per_entity_follow_the_document(client):
    assert client.post("/contacts", json={"contacts": [{"name": "A"}]}).status_code == 200
    assert client.post("/leads", json={"leads": [{"description": "L"}]}).status_code == 201
    assert client.post("/sources", json={"sources": [{"name": "Web"}]}).status_code == 201
    assert client.post("/tags", json={"tags": [{"name": "VIP", "tagType": "2"}]}).status_code == 200
    assert client.post("/tasks", json={"title": "Call back"}).status_code == 200
    assert client.post("/notes", json={"data": {"body": "hi", "links": {"parent": "1-contacts"}}}
                       ).status_code == 201


def test_two_records_in_one_post_is_nutshells_error_byte_for_byte(client):
    r = client.post("/accounts", json={"accounts": [{"name": "A"}, {"name": "B"}]})
    assert r.status_code == 400
    assert r.content == (WIRE / "write/err-create-account.json").read_bytes()
    r = client.post("/contacts", json={"contacts": [{"name": "A"}, {"name": "B"}]})
    assert r.json()["errors"][0]["title"] == "You may only create one contacts resource per request."
    assert client.get("/accounts").json()["accounts"] == []


def test_bad_create_bodies_are_400(client):
    for body in (b"not json", b"[]", b'{"accounts": []}', b'{"accounts": [1]}',
                 b'{"accounts": [{"description": "no name or contact detail"}]}',
                 b'{"accounts": [{"name": "x", "emails": [{"value": 5}]}]}',
                 b'{"accounts": [{"name": "x", "links": {"owner": "99-users"}}]}'):
        r = client.post("/accounts", content=body, headers={"Content-Type": "application/json"})
        assert r.status_code == 400, body
        assert r.json()["errors"][0]["status"] == "400"


def test_ids_plain_integers_and_comma_lists(client):
    for name in ("A", "B", "C"):
        create(client, "contacts", {"name": name})
    assert client.get("/contacts/2").json()["contacts"][0]["name"] == "B"
    both = client.get("/contacts/1-contacts,3-contacts").json()["contacts"]
    assert [c["name"] for c in both] == ["A", "C"]
    for missing in ("/contacts/9-contacts", "/contacts/1-accounts", "/contacts/1-contacts,9",
                    "/contacts/abc"):
        r = client.get(missing)
        assert r.status_code == 404
        assert r.content == (WIRE / "err-not-found.html").read_bytes()


def test_unknown_route_is_404_and_wrong_method_is_405(client):
    assert client.get("/nothing-here").status_code == 404
    r = client.put("/contacts")
    assert r.status_code == 405
    assert r.content == (WIRE / "err-internal-server.txt").read_bytes()


def test_users_are_listed_with_admin_flag(client):
    users = client.get("/users").json()["users"]
    assert [(u["id"], u["emails"], u["isAdministrator"]) for u in users] == [
        ("1-users", ["admin@clinic.test"], True), ("2-users", [STAFF["email"]], False)]
    assert all("_api_key" not in u and "api_key" not in u for u in users)
    assert client.get("/users/2-users").json()["users"][0]["name"] == "Nora Nurse"


def test_activity_types_sources_and_tags(client):
    types = client.get("/activitytypes").json()["activityTypes"]
    assert {t["name"] for t in types} >= {"Phone Call", "Email", "Meeting"}
    create(client, "sources", {"name": "Referral", "channel": 6})
    create(client, "sources", {"name": "Web"})
    assert [s["name"] for s in client.get("/sources", params={"q": "ref"}).json()["sources"]] == [
        "Referral"]
    tag = create(client, "tags", {"name": "VIP", "tagType": "2", "colorType": "5"})
    assert tag["tagType"] == "contacts"
    assert client.get("/tags", params={"filter[tagType]": "leads"}).json()["tags"] == []
    assert len(client.get("/tags", params={"filter[tagType]": "contacts"}).json()["tags"]) == 1
    assert client.post("/tags", json={"tags": [{"name": "x"}]}).status_code == 400
    assert client.post("/sources", json={"sources": [{"name": "x", "channel": 99}]}
                       ).status_code == 400


def test_leads_link_contacts_and_carry_status_and_value(client):
    person = create(client, "contacts", {"name": "Pat"})
    lead = create(client, "leads", {"description": "Implant consult", "manualValue": "1200.50",
                                    "links": {"contacts": [person["id"]]}})
    assert lead["name"] == "Implant consult" and lead["status"] == "open"
    assert lead["value"]["amount"] == 1200.5  # a number, as the leads capture shows
    assert lead["number"] != int(lead["id"].split("-")[0])
    assert isinstance(lead["createdTime"], dict) and lead["createdTime"]["timestamp"] > 0
    assert lead["links"]["contacts"] == [person["id"]]


def test_other_methods_get_404_or_405_never_501(sandbox, client):
    assert client.request("QUERY", "/contacts").status_code == 405
    assert client.request("TRACE", "/users").status_code == 405
    assert client.request("OPTIONS", "/nowhere").status_code == 404
    head = client.head("/contacts")
    assert head.status_code == 405 and head.content == b""
    assert client.get("/contacts").status_code == 200  # the connection is still usable


def test_default_administrator_credentials():
    from adapters.nutshell_sandbox import SandboxServer

    with SandboxServer() as srv:
        assert (srv.admin_user, srv.admin_key) == ("admin@sandbox.test", "sandbox-admin-key")
        r = httpx.get(f"{srv.url}/users", auth=(srv.admin_user, srv.admin_key))
        assert r.json()["users"][0]["isAdministrator"] is True


def test_a_number_sent_with_its_country_code_keeps_that_country(client: httpx.Client) -> None:
    # ten digits after a `+` are not North American for that: +64 4 653 4925 is Wellington's
    person = create(client, "contacts", {"name": "Tane", "phones": [
        {"value": "+64 4 653 4925", "name": "home"}, {"value": "415 555 0100", "name": "work"},
        {"value": {"E164": "+6446534925", "number": "6446534925"}, "name": "mobile"}]})
    held = client.get(f"/contacts/{person['id']}").json()["contacts"][0]["phones"]
    assert [(p["value"]["countryCode"], p["value"]["E164"]) for p in held] == [
        ("64", "+6446534925"), ("1", "+14155550100"), ("64", "+6446534925")]
