"""The client against the sandbox's injected faults and rate limit, over real sockets."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.nutshell.client import NutshellClient
from domain.errors import AmbiguousWriteError, TransientError
from domain.ports import CustomFieldSpec

KEY = "Clinic Patient ID"


@pytest.fixture
def server() -> Iterator[Any]:
    from adapters.nutshell_sandbox import SandboxServer

    srv = SandboxServer(rate_limit=None)
    srv.start()
    try:
        with NutshellClient(srv.url, srv.admin_user, srv.admin_key) as setup:
            setup.create_custom_field(CustomFieldSpec("contacts", KEY, "Text"))
        yield srv
    finally:
        srv.stop()


def client_for(srv: Any, **options: Any) -> NutshellClient:
    options.setdefault("backoff_base", 0.01)
    options.setdefault("backoff_cap", 5.0)
    return NutshellClient(srv.url, srv.admin_user, srv.admin_key, timeout=10.0, **options)


def person(pid: str) -> dict[str, Any]:
    return {"name": f"Person {pid}", "customFields": {KEY: pid}}


def contacts(srv: Any) -> list[dict[str, Any]]:
    return list(srv.snapshot()["contacts"])


def test_resets_after_commit_under_concurrency_leave_no_duplicates(server: Any) -> None:
    server.set_faults([{"kind": "reset_after_commit", "count": 5, "match": "POST /contacts"}])
    with client_for(server) as client:
        results = client.create_many("contacts", [person(f"R{i}") for i in range(12)],
                                     external_key_field=KEY)
        stats = client.stats()
    assert all(r.ok for r in results)
    stored = contacts(server)
    keys = sorted(r["customFields"][KEY] for r in stored)
    assert keys == sorted(f"R{i}" for i in range(12))  # each exactly once
    assert stats.recovered_creates == 5
    assert {r.value["id"] for r in results if r.value} == {r["id"] for r in stored}


def test_reset_without_an_external_key_is_reported_not_resent(server: Any) -> None:
    server.set_faults([{"kind": "reset_after_commit", "count": 1, "match": "POST /contacts"}])
    with client_for(server) as client, pytest.raises(AmbiguousWriteError):
        client.create("contacts", person("N1"))
    assert len(contacts(server)) == 1


def test_429_with_retry_after_is_waited_out(server: Any) -> None:
    server.set_faults([{"kind": "429", "count": 1, "retry_after": 1, "match": "GET /users"}])
    with client_for(server) as client:
        started = time.monotonic()
        assert client.users()
        waited = time.monotonic() - started
        assert client.stats().statuses.get(429) == 1
    assert waited >= 1.0


def test_5xx_burst_is_absorbed(server: Any) -> None:
    server.set_faults([{"kind": "502", "count": 2}, {"kind": "503", "count": 1}])
    with client_for(server) as client:
        made = client.create("contacts", person("S1"), external_key=(KEY, "S1"))
        assert client.stats().retries == 3
    assert [r["id"] for r in contacts(server)] == [made["id"]]


def test_too_many_failures_end_transient(server: Any) -> None:
    server.set_faults([{"kind": "500", "count": 20, "match": "GET /users"}])
    with client_for(server, max_retries=2) as client, pytest.raises(TransientError) as caught:
        client.users()
    assert caught.value.status == 500


def test_latency_fault_is_tolerated_within_the_timeout(server: Any) -> None:
    server.set_faults([{"kind": "latency", "ms": 300, "count": 2}])
    with client_for(server) as client:
        started = time.monotonic()
        assert client.users() and client.users()
    assert time.monotonic() - started >= 0.6


def test_throttled_client_meets_the_rate_limit_without_429s() -> None:
    from adapters.nutshell_sandbox import SandboxServer

    with SandboxServer(rate_limit=25.0, latency_ms=40) as srv:
        with NutshellClient(srv.url, srv.admin_user, srv.admin_key) as setup:
            setup.create_custom_field(CustomFieldSpec("contacts", KEY, "Text"))
        time.sleep(1.1)  # the server's bucket refills after the set-up request
        with client_for(srv, rate_limit=25.0, max_in_flight=4) as client:
            started = time.monotonic()
            results = client.create_many("contacts", [person(f"L{i}") for i in range(50)])
            elapsed = time.monotonic() - started
            stats = client.stats()
    assert all(r.ok for r in results)
    assert stats.statuses.get(429, 0) == 0
    assert stats.requests / elapsed >= 0.9 * 25.0


def test_impersonated_creates_are_attributed_to_that_user() -> None:
    from adapters.nutshell_sandbox import SandboxServer

    users = [{"email": "admin@clinic.example", "name": "Admin", "api_key": "admin-key",
              "is_admin": True},
             {"email": "dr.staff@clinic.example", "name": "Dr Staff", "is_admin": False}]
    with SandboxServer(users=users) as srv:
        with client_for(srv) as admin:
            staff_id = next(u["id"] for u in admin.users()
                            if "dr.staff@clinic.example" in (u.get("emails") or []))
            admin.create_custom_field(CustomFieldSpec("contacts", KEY, "Text"))
            own = admin.create("contacts", person("I0"))
        with client_for(srv, impersonate="dr.staff@clinic.example") as acting:
            made = acting.create("contacts", person("I1"))
    assert made["links"]["creator"] == staff_id
    assert own["links"]["creator"] != staff_id
