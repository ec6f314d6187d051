"""The client's retries, backoff, error translation and ambiguous-create handling, over the
in-process fake Nutshell with a fake clock (every wait is observed, none is slept)."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.nutshell.client import NutshellClient
from domain.errors import (
    AmbiguousWriteError,
    AuthenticationFailed,
    NotFound,
    TerminalError,
    TransientError,
)
from domain.ports import CustomFieldSpec
from tests.client.fake_time import FakeTime
from tests.fakes.fake_nutshell import API_KEY, USER, FakeNutshell

KEY = "Clinic Patient ID"
URL = "https://nutshell.test/rest"


@pytest.fixture
def fake() -> FakeNutshell:
    fake = FakeNutshell()
    fake.definitions["contacts"].append({"id": "1-customFields", "name": KEY, "type": "Text",
                                         "choices": [], "isMultiple": False})
    return fake


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture
def client(fake: FakeNutshell, clock: FakeTime) -> Iterator[NutshellClient]:
    with NutshellClient(URL, USER, API_KEY, transport=fake.transport(), clock=clock.clock,
                        sleep=clock.sleep, rng=random.Random(3), backoff_base=0.25,
                        backoff_cap=30.0, max_retries=6) as client:
        yield client


def patient(pid: str, **extra: Any) -> dict[str, Any]:
    return {"name": "Pat Example", "customFields": {KEY: pid}, **extra}


def posts(fake: FakeNutshell) -> int:
    return sum(1 for r in fake.seen if r.method == "POST")


# --- retries and backoff --------------------------------------------------------------------

def test_5xx_is_retried_with_growing_capped_backoff(
        client: NutshellClient, fake: FakeNutshell, clock: FakeTime) -> None:
    fake.faults.append({"kind": "503", "count": 4})
    assert client.users()
    assert len(clock.sleeps) == 4
    for retry, slept in enumerate(clock.sleeps):
        assert 0 <= slept <= min(30.0, 0.25 * 2 ** retry)
    assert client.stats().retries == 4
    assert client.stats().statuses == {503: 4, 200: 1}


def test_retries_exhausted_is_transient_with_the_status(
        client: NutshellClient, fake: FakeNutshell, clock: FakeTime) -> None:
    fake.faults.append({"kind": "502", "count": 50})
    with pytest.raises(TransientError) as caught:
        client.users()
    assert not isinstance(caught.value, AmbiguousWriteError)
    assert caught.value.status == 502
    assert "GET /users" in str(caught.value) and "7 attempts" in str(caught.value)
    assert len(fake.seen) == 7  # one try + max_retries


def test_429_honours_retry_after_seconds(
        client: NutshellClient, fake: FakeNutshell, clock: FakeTime) -> None:
    fake.faults.append({"kind": "429", "retry_after": "2"})
    client.create("contacts", patient("P-1"))
    assert 2.0 <= clock.sleeps[0] <= 2.25
    assert posts(fake) == 2  # a 429 was refused: resending is safe even without a key


def test_429_honours_retry_after_as_an_http_date(
        client: NutshellClient, fake: FakeNutshell, clock: FakeTime) -> None:
    fake.faults.append({"kind": "429", "retry_after": "Fri, 01 Jan 2100 00:00:00 GMT"})
    with pytest.raises(TransientError) as caught:
        client.users()  # decades away: beyond the cap, so handed back to the caller at once
    assert caught.value.retry_after is not None and caught.value.retry_after > 30
    assert clock.sleeps == []
    assert len(fake.seen) == 1


def test_429_without_retry_after_backs_off_and_holds_every_thread(
        client: NutshellClient, fake: FakeNutshell, clock: FakeTime) -> None:
    fake.faults.append({"kind": "429"})
    assert client.users()
    assert len(clock.sleeps) == 1 and 0 <= clock.sleeps[0] <= 0.25


def test_connection_refused_is_resent_even_for_a_create(
        client: NutshellClient, fake: FakeNutshell) -> None:
    fake.faults.append({"kind": "connect_error", "match": "POST /contacts"})
    made = client.create("contacts", patient("P-2"))
    assert fake.count("contacts") == 1 and made["id"] == "1-contacts"


# --- ambiguous creates ----------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["reset_after_commit", "timeout_after_commit"])
def test_an_interrupted_create_that_landed_is_found_not_repeated(
        client: NutshellClient, fake: FakeNutshell, kind: str) -> None:
    fake.faults.append({"kind": kind, "match": "POST /contacts"})
    made = client.create("contacts", patient("P-3"), external_key=(KEY, "P-3"))
    assert fake.count("contacts") == 1
    assert made["id"] == "1-contacts"
    assert posts(fake) == 1
    assert client.stats().recovered_creates == 1


def test_a_5xx_create_that_did_not_land_is_looked_up_then_resent(
        client: NutshellClient, fake: FakeNutshell) -> None:
    fake.faults.append({"kind": "500", "count": 2, "match": "POST /contacts"})
    made = client.create("contacts", patient("P-4"), external_key=(KEY, "P-4"))
    assert fake.count("contacts") == 1 and made["customFields"] == {KEY: "P-4"}
    lookups = [r for r in fake.seen if r.method == "GET" and r.path == "/rest/contacts"]
    assert len(lookups) == 2  # one look-up before each resend
    assert posts(fake) == 3


def test_an_ambiguous_create_without_a_key_is_not_resent(
        client: NutshellClient, fake: FakeNutshell) -> None:
    fake.faults.append({"kind": "reset_after_commit", "match": "POST /notes"})
    with pytest.raises(AmbiguousWriteError):
        client.create("notes", {"body": "text", "links": {"parent": "1-contacts"}})
    assert fake.count("notes") == 1  # it landed once, and only once
    assert posts(fake) == 1


def test_ambiguous_create_that_never_lands_ends_ambiguous(
        client: NutshellClient, fake: FakeNutshell) -> None:
    fake.faults.append({"kind": "503", "count": 50, "match": "POST /contacts"})
    with pytest.raises(AmbiguousWriteError) as caught:
        client.create("contacts", patient("P-5"), external_key=(KEY, "P-5"))
    assert caught.value.status == 503
    assert fake.count("contacts") == 0


def test_a_reset_during_delete_counts_as_done(client: NutshellClient, fake: FakeNutshell) -> None:
    made = client.create("contacts", patient("P-6"))
    fake.faults.append({"kind": "reset_after_commit", "match": "DELETE /contacts"})
    client.delete("contacts", str(made["id"]))  # the resend meets 404: the first one worked
    assert client.get("contacts", str(made["id"])) is None


def test_custom_field_create_interrupted_is_found_by_name(
        client: NutshellClient, fake: FakeNutshell) -> None:
    fake.faults.append({"kind": "reset_after_commit", "match": "POST /contacts/customfield"})
    made = client.create_custom_field(CustomFieldSpec("contacts", "Sex", "Text"))
    assert made["name"] == "Sex"
    assert [d["name"] for d in fake.definitions["contacts"]] == [KEY, "Sex"]


# --- error translation ----------------------------------------------------------------------

def test_401_is_authentication_failed_without_credentials_in_the_message(
        fake: FakeNutshell) -> None:
    with NutshellClient(URL, "someone@clinic.example", "wrong-key-xyz",
                        transport=fake.transport()) as client:
        with pytest.raises(AuthenticationFailed) as caught:
            client.users()
    message = str(caught.value)
    assert caught.value.status == 401
    assert "wrong-key-xyz" not in message and "someone@clinic.example" not in message
    assert "GET /users" in message and "request " in message


def test_404_is_none_for_get_and_not_found_otherwise(client: NutshellClient) -> None:
    assert client.get("contacts", "41-contacts") is None
    assert client.get("contacts", "../users") is None  # not an id: never sent
    with pytest.raises(NotFound) as caught:
        client.patch("contacts", "41-contacts", [{"op": "replace", "path": "/contacts/0/name",
                                                  "value": "X"}])
    assert "PATCH /contacts/{id}" in str(caught.value) and caught.value.status == 404


def test_400_is_terminal_and_names_fields_not_values(client: NutshellClient) -> None:
    with pytest.raises(TerminalError) as caught:
        client.create("contacts", {"name": "Jane Secret", "customFields": {"Bogus": "123-45-6789"}})
    message = str(caught.value)
    assert caught.value.status == 400 and not isinstance(caught.value, NotFound)
    assert "fields: Bogus" in message
    assert "123-45-6789" not in message and "Jane Secret" not in message


def test_patch_sends_json_patch_media_type(client: NutshellClient, fake: FakeNutshell) -> None:
    made = client.create("contacts", patient("P-7"))
    client.patch("contacts", str(made["id"]), [{"op": "replace", "path": "/contacts/0/name",
                                                "value": "Renamed"}])
    patches = [r for r in fake.seen if r.method == "PATCH"]
    assert [r.content_type for r in patches] == ["application/json-patch+json"]
    client.patch("contacts", str(made["id"]), [])  # nothing to change: nothing sent
    assert len([r for r in fake.seen if r.method == "PATCH"]) == 1


def test_activity_delete_rereads_a_stale_rev(client: NutshellClient, fake: FakeNutshell) -> None:
    made = client.create("activities", {"name": "Visit", "startTime": 1, "endTime": 2})
    api_id = str(made["id"])
    # Someone edits between our read of the rev and our RPC: the first RPC meets a stale rev.
    original = fake._rpc

    def edit_first(call: dict[str, Any]) -> Any:
        if not getattr(edit_first, "done", False):
            edit_first.done = True  # type: ignore[attr-defined]
            fake.records["activities"][1]["rev"] = "99"
        return original(call)

    fake._rpc = edit_first  # type: ignore[method-assign]
    client.delete("activities", api_id)
    assert client.get("activities", api_id) is None
    assert len([r for r in fake.seen if r.path == "/api/v1/json"]) == 2


def test_activity_patch_rejects_what_put_cannot_express(client: NutshellClient) -> None:
    with pytest.raises(ValueError):
        client.patch("activities", "1-activities",
                     [{"op": "remove", "path": "/activities/0/name"}])


# --- identity, configuration, logs ----------------------------------------------------------

def test_impersonation_header_is_sent(fake: FakeNutshell) -> None:
    with NutshellClient(URL, USER, API_KEY, transport=fake.transport(),
                        impersonate="staff@clinic.example") as client:
        client.users()
    assert [r.impersonate for r in fake.seen] == ["staff@clinic.example"]


def test_from_env_reads_the_three_variables() -> None:
    env = {"C2N_NUTSHELL_USER": "a@b.example", "C2N_NUTSHELL_API_KEY": "k"}
    with NutshellClient.from_env(env) as client:
        assert client.base_url == "https://app.nutshell.com/rest"
        assert client.rpc_url == "https://app.nutshell.com/api/v1/json"
        assert "k" not in repr(client).replace("NutshellClient", "")
    with NutshellClient.from_env({**env, "C2N_NUTSHELL_URL": "http://127.0.0.1:9/rest/"}) as c:
        assert c.base_url == "http://127.0.0.1:9/rest"
    with pytest.raises(AuthenticationFailed):
        NutshellClient.from_env({"C2N_NUTSHELL_USER": "a@b.example"})


def test_logs_hold_no_lookup_values_or_credentials(
        client: NutshellClient, fake: FakeNutshell, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake.faults.append({"kind": "500", "match": "GET /contacts"})
    client.create("contacts", patient("P-8", emails=[{"value": "private.person@example.org"}]))
    assert len(client.find_by_email("contacts", "private.person@example.org")) == 1
    assert client.find_by_custom_field("contacts", KEY, "P-8") is not None
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "HTTP Request" in text  # httpx did log its requests...
    assert "retry 1" in text
    assert "private.person" not in text  # ...but without their query strings
    assert "P-8" not in text and API_KEY not in text and USER not in text
