"""Custom-field definitions and the type check of their values."""

from __future__ import annotations

import pytest

from .conftest import create, define


def test_definitions_are_listed_per_entity_and_names_are_unique(client):
    define(client, "contacts", "Clinic Patient ID")
    define(client, "accounts", "Clinic Company ID")
    listed = client.get("/contacts/customfields/attributes").json()
    assert [(d["name"], d["type"]) for d in listed] == [("Clinic Patient ID", "Text")]
    # accounts answer {"customFields": [...]}, as the document declares for them only
    accounts = client.get("/accounts/customfields/attributes").json()["customFields"]
    assert [d["name"] for d in accounts] == ["Clinic Company ID"]
    assert client.get("/leads/customfields/attributes").json() == []
    dup = client.post("/contacts/customfield", json={"name": "clinic patient id", "type": "Text"})
    assert dup.status_code == 400
    assert dup.json()["errors"][0]["field"] == "name"


@pytest.mark.parametrize("body", [
    {"name": "X", "type": "Colour"},
    {"name": "", "type": "Text"},
    {"type": "Text"},
    {"name": "X", "type": "Decision"},
    {"name": "X", "type": "Decision", "choices": ["a", "a"]},
    {"name": "X", "type": "Text", "choices": ["a"]},
    {"name": "X", "type": "Email"},  # leads only
])
def test_bad_definitions_are_400(client, body):
    assert client.post("/contacts/customfield", json=body).status_code == 400


def test_there_is_no_delete_of_definitions(client):
    field = define(client, "contacts", "Sex")
    assert client.delete(f"/contacts/customfield/{field['id']}").status_code in (404, 405)
    assert client.delete("/contacts/customfield").status_code in (404, 405)
    assert [d["name"] for d in client.get("/contacts/customfields/attributes").json()] == ["Sex"]


@pytest.mark.parametrize(("kind", "extra", "good", "bad"), [
    ("Date", {}, "1990-02-28", ["1990-02-30", "28/02/1990", 19900228]),
    ("Currency", {}, "12.50", ["12,50", "$12", True, {"amount": "1"}]),
    ("Number", {}, "42", ["forty-two", "1e3"]),
    ("Decision", {"choices": ["verified", "pending"]}, "pending", ["maybe", ["verified", "pending"]]),
    ("Decision", {"choices": ["a", "b", "c"], "isMultiple": True}, ["a", "c"], [["a", "z"]]),
    ("Checkbox", {}, True, ["yes"]),
    ("Text", {}, "anything", [5]),
])
def test_values_are_type_checked(client, kind, extra, good, bad):
    define(client, "contacts", "F", kind, **extra)
    person = create(client, "contacts", {"name": "Jo", "customFields": {"F": good}})
    assert person["customFields"]["F"] == good
    for value in bad:
        r = client.post("/contacts", json={"contacts": [{"name": "Jo", "customFields": {"F": value}}]})
        assert r.status_code == 400, value
        assert r.json()["errors"][0]["field"] == "F"


def test_unknown_field_names_are_rejected(client):
    r = client.post("/contacts", json={"contacts": [{"name": "Jo", "customFields": {"Nope": "x"}}]})
    assert r.status_code == 400
    assert "Nope" in r.json()["errors"][0]["title"]


def test_record_custom_fields_endpoint(client):
    define(client, "leads", "Clinic Lead ID")
    lead = create(client, "leads", {"description": "x", "customFields": {"Clinic Lead ID": "L7"}})
    values = client.get(f"/leads/{lead['id']}/customfields").json()
    assert [(v["name"], v["value"]) for v in values] == [("Clinic Lead ID", "L7")]


def test_lookup_by_external_key_filter(client):
    define(client, "contacts", "Clinic Patient ID")
    for n in range(3):
        create(client, "contacts", {"name": f"P{n}", "customFields": {"Clinic Patient ID": f"K{n}"}})
    found = client.get("/contacts", params={"filter[Clinic Patient ID]": "K1"}).json()["contacts"]
    assert [c["name"] for c in found] == ["P1"]
    assert client.get("/contacts", params={"filter[Clinic Patient ID]": "K9"}).json()[
        "contacts"] == []
    assert client.get("/contacts", params={"filter[No Such Field]": "x"}).status_code == 400
