"""Paging and look-ups on the list endpoints."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from .conftest import WIRE, create


def test_pages_are_zero_based_and_end_with_an_empty_array(client):
    for n in range(5):
        create(client, "accounts", {"name": f"Clinic {n}"})
    seen = []
    for page in range(3):
        body = client.get("/accounts", params={"page[limit]": 2, "page[page]": page}).json()
        assert body["meta"]["count"] == body["meta"]["total"] == 5
        seen += [a["name"] for a in body["accounts"]]
    assert seen == [f"Clinic {n}" for n in range(5)]
    last = client.get("/accounts", params={"page[limit]": 2, "page[page]": 3}).json()
    assert last["accounts"] == [] and last["meta"]["total"] == 5
    assert last["meta"]["facets"]["accountType"] == {  # every type, zeros too (the capture)
        "1-accountTypes": 5, **{f"{n}-accountTypes": 0 for n in range(2, 6)}}


def test_default_page_size_is_50(client):
    for n in range(51):
        create(client, "contacts", {"name": f"P{n}"})
    assert len(client.get("/contacts").json()["contacts"]) == 50


def test_negative_page_is_nutshells_error_byte_for_byte(client):
    r = client.get("/accounts", params={"page[page]": -1})
    assert r.status_code == 400
    assert r.content == (WIRE / "read/err-page-size.json").read_bytes()


@pytest.mark.parametrize("params", [{"page[limit]": 10_001}, {"page[limit]": 0},
                                    {"page[limit]": "x"}, {"page[page]": "one"}])
def test_bad_page_arguments_are_400(client, params):
    r = client.get("/contacts", params=params)
    assert r.status_code == 400
    assert r.json()["errors"][0]["title"] == "Invalid filter"


def test_email_q_and_filters(client):
    create(client, "contacts", {"name": "Ann Lee", "emails": ["Ann@Example.test"]})
    create(client, "contacts", {"name": "Bob Ray", "emails": [{"value": "bob@example.test"}]})
    assert [c["name"] for c in client.get("/contacts", params={"email": "ann@example.TEST"})
            .json()["contacts"]] == ["Ann Lee"]
    assert [c["name"] for c in client.get("/contacts", params={"filter[email]": "BOB@example.test"})
            .json()["contacts"]] == ["Bob Ray"]
    assert [c["name"] for c in client.get("/contacts", params={"q": "ray"}).json()["contacts"]] == [
        "Bob Ray"]
    sorted_desc = client.get("/contacts", params={"sort": "-name"}).json()["contacts"]
    assert [c["name"] for c in sorted_desc] == ["Bob Ray", "Ann Lee"]


def test_created_time_filter(client):
    create(client, "accounts", {"name": "Now"})
    now = datetime.now(UTC)
    window = f"{now.year - 1}-01-01T00:00:00Z {now.year + 1}-01-01T00:00:00Z"
    assert len(client.get("/accounts", params={"filter[createdTime]": window}).json()["accounts"]) == 1
    old = "2000-01-01T00:00:00 TO 2000-01-02T00:00:00"
    assert client.get("/accounts", params={"filter[createdTime]": old}).json()["accounts"] == []
    assert client.get("/accounts", params={"filter[createdTime]": "garbage"}).status_code == 400
