"""Every route the sandbox serves, exercised for real; each JSON answer is validated against
the response schema Nutshell's OpenAPI document declares for that operation and status, except
where a live capture shows Nutshell answering otherwise: those collections answer the captured
shapes (nulls, nested addresses, lead times as objects) and test_wire_samples checks them."""

from __future__ import annotations

import httpx
import orjson

from ..conftest import PATCH_HEADERS, create, define
from .openapi_doc import SERVED, doc_path, document, validator


def _exercise(c: httpx.Client) -> None:
    for entity in ("contacts", "accounts", "leads"):
        define(c, entity, f"{entity} key")
        define(c, entity, f"{entity} pick", "Decision", choices=["a", "b"])
    account = create(c, "accounts", {"name": "Acme", "phones": ["555 0100"],
                                     "customFields": {"accounts key": "C1"}})
    person = create(c, "contacts", {"name": "Jo Lee", "emails": ["jo@x.test"],
                                    "addresses": [{"value": {"address_1": "1 Main", "city": "X"}}],
                                    "customFields": {"contacts key": "P1", "contacts pick": "a"},
                                    "links": {"accounts": [account["id"]]}})
    lead = create(c, "leads", {"description": "Consult", "customFields": {"leads key": "L1"},
                               "links": {"contacts": [person["id"]]}})
    for entity, rec in (("contacts", person), ("accounts", account), ("leads", lead)):
        c.get(f"/{entity}")
        c.get(f"/{entity}", params={"filter[" + entity + " key]": "x", "page[limit]": 5})
        c.get(f"/{entity}/{rec['id']}")
        c.get(f"/{entity}/{rec['id']}/customfields")
        c.get(f"/{entity}/customfields/attributes")
        c.patch(f"/{entity}/{rec['id']}", headers=PATCH_HEADERS, content=orjson.dumps(
            [{"op": "replace", "path": f"/{entity}/0/description", "value": "updated"}]))
    source = create(c, "sources", {"name": "Web", "channel": 1})
    tag = create(c, "tags", {"name": "VIP", "tagType": "2"})
    activity = create(c, "activities", {"name": "Visit", "links": {"participants": [person["id"]]}})
    c.put(f"/activities/{activity['id']}", json={"activities": [{"isLogged": True}]})
    c.get("/activities")
    c.get(f"/activities/{activity['id']}")
    c.get("/activitytypes")
    note = c.post("/notes", json={"data": {"body": "b", "links": {"parent": person["id"]}}}).json()
    note_id = note["notes"][0]["id"]
    c.get("/notes")
    c.get(f"/notes/{note_id}")
    task = c.post("/tasks", json={"title": "Call", "links": {"relatedEntity": person["id"]}}).json()
    task_id = task["tasks"][0]["id"]
    c.get("/tasks")
    c.get(f"/tasks/{task_id}")
    c.patch(f"/tasks/{task_id}", json=[{"op": "replace", "path": "/tasks/0/isCompleted",
                                        "value": True}])
    c.get("/sources")
    c.get("/tags")
    c.get("/users")
    c.get("/users/1-users")
    c.get("/events")
    outcomes = c.get("/outcomes").json()["outcomes"]
    c.get(f"/outcomes/{outcomes[0]['id']}")
    won = next(o["id"] for o in outcomes if o["status"] == "won")
    c.post(f"/leads/{lead['id']}/status", json={"outcomeId": won})  # close the lead
    c.post(f"/leads/{lead['id']}/status", json={"outcomeId": None})  # reopen it
    for entity, rid in (("notes", note_id), ("sources", source["id"]), ("tags", tag["id"]),
                        ("leads", lead["id"]), ("contacts", person["id"]),
                        ("accounts", account["id"])):
        c.delete(f"/{entity}/{rid}")
        c.post(f"/{entity}/{rid}/undelete")
    c.delete(f"/tasks/{task_id}")


LIVE_SHAPED = {"contacts", "accounts", "leads", "activities", "notes", "events"}


def test_every_served_route_answers_within_the_documents_schemas(sandbox):
    seen: list[httpx.Response] = []
    with httpx.Client(base_url=sandbox.url, auth=(sandbox.admin_user, sandbox.admin_key),
                      event_hooks={"response": [seen.append]}) as c:
        _exercise(c)
    covered = set()
    failures = []
    for r in seen:
        r.read()
        rel = r.request.url.path.removeprefix("/rest")
        template = doc_path(rel)
        assert template is not None, rel
        method = r.request.method
        assert r.status_code < 300, (method, rel, r.text)
        assert template in document()["paths"] and method.lower() in document()["paths"][template]
        covered.add((method, template))
        check = validator(method, template, r.status_code)
        if check is None or template.split("/")[1] in LIVE_SHAPED:
            continue
        errors = [e.message for e in check.iter_errors(r.json())]
        if errors:
            failures.append((method, rel, r.status_code, errors[:3]))
    assert failures == []
    assert set(SERVED) - covered == set()
