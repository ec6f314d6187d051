"""Soft delete and undelete; activities: PUT updates, no REST delete."""

from __future__ import annotations

import pytest

from .conftest import create


@pytest.mark.parametrize(("entity", "item", "delete_status"), [
    ("contacts", {"name": "Jo"}, 204),
    ("accounts", {"name": "Acme"}, 200),
    ("leads", {"description": "L"}, 200),
    ("sources", {"name": "Web"}, 200),
    ("tags", {"name": "VIP", "tagType": "1"}, 200),
])
def test_soft_delete_hides_and_undelete_restores(sandbox, client, entity, item, delete_status):
    rec = create(client, entity, item)
    r = client.delete(f"/{entity}/{rec['id']}")
    assert r.status_code == delete_status
    if entity in ("contacts", "accounts", "leads"):
        assert client.get(f"/{entity}/{rec['id']}").status_code == 404
    assert client.get(f"/{entity}").json()[entity] == []
    stored = [x for x in sandbox.snapshot()[entity] if x["id"] == rec["id"]]
    assert stored and stored[0]["deletedTime"] is not None
    assert client.delete(f"/{entity}/{rec['id']}").status_code == 404
    r = client.post(f"/{entity}/{rec['id']}/undelete")
    assert r.status_code == 200
    restored = r.json()[entity][0]
    assert restored["id"] == rec["id"] and restored.get("deletedTime") is None
    assert [x["id"] for x in client.get(f"/{entity}").json()[entity]] == [rec["id"]]


def test_deleted_records_are_hidden_from_lookups(client):
    create(client, "contacts", {"name": "Jo", "emails": ["jo@x.test"]})
    client.delete("/contacts/1-contacts")
    assert client.get("/contacts", params={"email": "jo@x.test"}).json()["contacts"] == []
    assert client.get("/contacts", params={"q": "jo"}).json()["contacts"] == []


def test_notes_attach_to_a_parent_and_soft_delete(client):
    person = create(client, "contacts", {"name": "Jo"})
    r = client.post("/notes", json={"data": {"body": "[2024-01-02, Dr A] note",
                                             "links": {"parent": person["id"]}}})
    assert r.status_code == 201
    note = r.json()["notes"][0]
    assert note["parentType"] == "contacts" and note["links"]["parent"] == person["id"]
    assert isinstance(note["createdTime"], int)  # Unix seconds, as the events capture shows
    assert client.post("/notes", json={"data": {"body": "x", "links": {"parent": "9-contacts"}}}
                       ).status_code == 400
    assert client.delete(f"/notes/{note['id']}").status_code == 200
    assert client.get(f"/notes/{note['id']}").status_code == 404
    assert client.post(f"/notes/{note['id']}/undelete").status_code == 200
    assert client.get("/notes").json()["notes"][0]["body"] == note["body"]


def _activity(client, **extra):
    r = client.post("/activities", json={"activities": [{
        "name": "Cleaning", "startTime": 1_700_000_000, "endTime": 1_700_003_600,
        "isLogged": True, "activityType": "3-activityTypes", **extra}]})
    assert r.status_code == 201, r.text
    return r.json()["activities"][0]


def test_activities_put_updates_and_rest_delete_is_405(client):
    person = create(client, "contacts", {"name": "Pat"})
    act = _activity(client, links={"participants": [person["id"]]})
    assert "rev" not in act and act["links"]["activityType"] == "3-activityTypes"
    r = client.put(f"/activities/{act['id']}",
                   json={"activities": [{"name": "Deep cleaning", "isCancelled": True}]})
    assert r.status_code == 200, r.text
    updated = r.json()["activities"][0]
    assert updated["name"] == "Deep cleaning" and "rev" not in updated
    r = client.delete(f"/activities/{act['id']}")
    assert r.status_code == 405 and r.headers["Allow"] == "GET, PUT"
    assert client.get(f"/activities/{act['id']}").status_code == 200
    listed = client.get("/activities", params={"filter[participant][]": person["id"]})
    assert [a["id"] for a in listed.json()["activities"]] == [act["id"]]


def test_bad_activity_bodies_are_400(client):
    for item in ({"startTime": 1}, {"name": "x", "activityType": "99-activityTypes"},
                 {"name": "x", "startTime": 10, "endTime": 5}, {"name": "x", "isLogged": "yes"}):
        assert client.post("/activities", json={"activities": [item]}).status_code == 400, item


def test_a_task_is_deleted_but_has_no_undelete(client):
    """Nutshell's document has DELETE /tasks/{id} and no undelete for tasks."""
    task = client.post("/tasks", json={"title": "Call"}).json()["tasks"][0]
    assert client.delete(f"/tasks/{task['id']}").status_code == 200
    assert client.get(f"/tasks/{task['id']}").status_code == 404
    r = client.post(f"/tasks/{task['id']}/undelete")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
