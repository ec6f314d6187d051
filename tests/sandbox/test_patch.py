"""JSON Patch updates: fields, contact details, custom fields, links, and their errors."""

from __future__ import annotations

from .conftest import WIRE, create, define, patch


def _get(client, entity, api_id):
    return client.get(f"/{entity}/{api_id}").json()[entity][0]


def test_replace_field_answers_204_and_changes_the_record(client):
    person = create(client, "contacts", {"name": "Jane"})
    r = patch(client, f"/contacts/{person['id']}",
              [{"op": "replace", "path": "/contacts/0/name", "value": "Jane Roe"},
               {"op": "add", "path": "/contacts/0/emails/-", "value": {"value": "j@x.test"}},
               {"op": "replace", "path": "/contacts/0/phones", "value": ["+1 555 010 9999"]}])
    assert r.status_code == 204 and r.content == b""
    after = _get(client, "contacts", person["id"])
    assert after["name"] == "Jane Roe"
    assert [e["value"] for e in after["emails"]] == ["j@x.test"]
    assert after["phones"][0]["value"]["number"] == "15550109999"


def test_custom_fields_by_both_path_forms(client):
    define(client, "contacts", "Clinic Patient ID")
    define(client, "contacts", "Patient Status", "Decision", choices=["active", "inactive"])
    person = create(client, "contacts", {"name": "Jo"})
    r = patch(client, f"/contacts/{person['id']}", [
        {"op": "replace", "path": "/contacts/0/customFields/Clinic Patient ID", "value": "P-9"},
        {"op": "replace", "path": "/contacts/0/Patient Status", "value": "inactive"}])
    assert r.status_code == 204, r.text
    assert _get(client, "contacts", person["id"])["customFields"] == {
        "Clinic Patient ID": "P-9", "Patient Status": "inactive"}
    r = patch(client, f"/contacts/{person['id']}",
              [{"op": "remove", "path": "/contacts/0/customFields/Patient Status"}])
    assert r.status_code == 204
    assert _get(client, "contacts", person["id"])["customFields"] == {"Clinic Patient ID": "P-9"}


def test_links_add_and_remove_keep_both_ends(client):
    a = create(client, "accounts", {"name": "A"})
    b = create(client, "accounts", {"name": "B"})
    person = create(client, "contacts", {"name": "Jo", "links": {"accounts": [a["id"]]}})
    r = patch(client, f"/contacts/{person['id']}",
              [{"op": "add", "path": "/contacts/0/links/accounts/-", "value": b["id"]},
               {"op": "remove", "path": f"/contacts/0/links/accounts/{a['id']}"}])
    assert r.status_code == 204, r.text
    assert _get(client, "contacts", person["id"])["links"]["accounts"] == [b["id"]]
    assert _get(client, "accounts", a["id"])["links"]["contacts"] == []
    assert _get(client, "accounts", b["id"])["links"]["contacts"] == [person["id"]]
    r = patch(client, f"/contacts/{person['id']}",
              [{"op": "replace", "path": "/contacts/0/links/owner", "value": "2-users"}])
    assert r.status_code == 204
    assert _get(client, "contacts", person["id"])["links"]["owner"] == "2-users"


def test_wrong_media_type_is_400_with_nutshells_exact_body(client):
    person = create(client, "contacts", {"name": "Jo"})
    r = client.patch(f"/contacts/{person['id']}",
                     json=[{"op": "replace", "path": "/contacts/0/name", "value": "X"}])
    assert r.status_code == 400
    assert r.content == (WIRE / "write/err-media-type.txt").read_bytes()
    assert _get(client, "contacts", person["id"])["name"] == "Jo"


def test_patch_errors_are_400_and_change_nothing(client):
    define(client, "contacts", "Date of Birth", "Date")
    person = create(client, "contacts", {"name": "Jo"})
    bad = [
        [],
        {"op": "replace"},
        [{"op": "replace", "path": "/contacts/0/name"}],
        [{"op": "replace", "path": "/accounts/0/name", "value": "X"}],
        [{"op": "replace", "path": "/contacts/1/name", "value": "X"}],
        [{"op": "replace", "path": "/contacts/0/Nope", "value": "X"}],
        [{"op": "replace", "path": "/contacts/0/customFields/Nope", "value": "X"}],
        [{"op": "replace", "path": "/contacts/0/Date of Birth", "value": "31/12/1990"}],
        [{"op": "move", "from": "/contacts/0/Nope", "path": "/contacts/0/description"}],
        [{"op": "replace", "path": "/contacts/0/name", "value": "Changed"},
         {"op": "add", "path": "/contacts/0/links/accounts/-", "value": "99-accounts"}],
    ]
    for ops in bad:
        r = patch(client, f"/contacts/{person['id']}", ops)
        assert r.status_code == 400, ops
    assert _get(client, "contacts", person["id"])["name"] == "Jo"


def test_patch_of_missing_or_deleted_record_is_404(client):
    person = create(client, "contacts", {"name": "Jo"})
    client.delete(f"/contacts/{person['id']}")
    ops = [{"op": "replace", "path": "/contacts/0/name", "value": "X"}]
    assert patch(client, f"/contacts/{person['id']}", ops).status_code == 404
    assert patch(client, "/contacts/77-contacts", ops).status_code == 404


def test_lead_and_task_updates(client):
    lead = create(client, "leads", {"description": "Whitening"})
    r = patch(client, f"/leads/{lead['id']}", [
        {"op": "replace", "path": "/leads/0/manualValue", "value": "300"}])
    assert r.status_code == 204
    after = _get(client, "leads", lead["id"])
    assert after["status"] == "open" and after["value"]["amount"] == 300
    # status is not user-entered: the PATCH is refused whole, the status endpoint closes it
    r = patch(client, f"/leads/{lead['id']}", [
        {"op": "replace", "path": "/leads/0/manualValue", "value": "400"},
        {"op": "replace", "path": "/leads/0/status", "value": "won"}])
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "path"
    assert _get(client, "leads", lead["id"])["value"]["amount"] == 300
    won = next(o["id"] for o in client.get("/outcomes").json()["outcomes"]
               if o["status"] == "won")
    assert client.post(f"/leads/{lead['id']}/status", json={"outcomeId": won}).status_code == 200
    assert _get(client, "leads", lead["id"])["status"] == "won"
    task = create(client, "tasks", {"title": "Call", "dueTime": "1800000000"})
    r = client.patch(f"/tasks/{task['id']}",
                     json=[{"op": "replace", "path": "/tasks/0/links/assignee", "value": "2-users"}])
    assert r.status_code == 204  # tasks declare application/json for their patch
    assert _get(client, "tasks", task["id"])["links"]["assignee"] == "2-users"


def test_copy_and_move_follow_rfc_6902(client):
    """The document's patchInput lists move and copy: the value at `from` goes to `path`."""
    person = create(client, "contacts", {"name": "Jo", "description": "first"})
    assert patch(client, f"/contacts/{person['id']}", [
        {"op": "copy", "from": "/contacts/0/name", "path": "/contacts/0/jobTitle"}]
    ).status_code == 204
    got = _get(client, "contacts", person["id"])
    assert got["jobTitle"] == "Jo" and got["name"] == "Jo"
    assert patch(client, f"/contacts/{person['id']}", [
        {"op": "move", "from": "/contacts/0/description", "path": "/contacts/0/jobTitle"}]
    ).status_code == 204
    got = _get(client, "contacts", person["id"])
    assert got["jobTitle"] == "first" and got["description"] is None
