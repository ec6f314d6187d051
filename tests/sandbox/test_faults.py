"""Injected faults (429, 5xx, reset after commit, latency) and the per-key rate limit."""

from __future__ import annotations

import time

import httpx
import pytest

from adapters.nutshell_sandbox import FaultSpec, FaultSpecError, SandboxServer, Settings

from .conftest import WIRE, create


def _admin_post(sandbox, path, **kw):
    return httpx.post(sandbox.url.replace("/rest", "/_sandbox") + path,
                      auth=(sandbox.admin_user, sandbox.admin_key), **kw)


def test_429_with_and_without_retry_after(sandbox, client):
    sandbox.set_faults([FaultSpec("429", count=1, retry_after=2),
                        {"kind": "429", "count": 1, "retry_after": None}])
    first, second, third = (client.get("/contacts") for _ in range(3))
    assert first.status_code == 429 and first.headers["Retry-After"] == "2"
    assert second.status_code == 429 and "Retry-After" not in second.headers
    assert third.status_code == 200


@pytest.mark.parametrize("kind", ["500", "502", "503"])
def test_server_errors_then_recovery(sandbox, client, kind):
    sandbox.set_faults([FaultSpec(kind, count=2)])
    codes = [client.get("/accounts").status_code for _ in range(3)]
    assert codes == [int(kind), int(kind), 200]


def test_500_body_is_nutshells(sandbox, client):
    sandbox.set_faults([FaultSpec("500")])
    r = client.get("/accounts")
    assert r.content == (WIRE / "err-internal-server.json").read_bytes()
    assert r.headers["x-nutshell-request-id"]


def test_match_limits_a_fault_to_one_route(sandbox, client):
    sandbox.set_faults([FaultSpec("503", count=5, match="POST /contacts")])
    assert client.get("/contacts").status_code == 200
    assert client.post("/accounts", json={"accounts": [{"name": "A"}]}).status_code == 201
    assert client.post("/contacts", json={"contacts": [{"name": "A"}]}).status_code == 503
    assert client.get("/contacts").json()["contacts"] == []


def test_reset_after_commit_drops_the_answer_but_keeps_the_record(sandbox, client):
    sandbox.set_faults([FaultSpec("reset_after_commit", match="POST /contacts")])
    with pytest.raises(httpx.TransportError):
        client.post("/contacts", json={"contacts": [{"name": "Ghost"}]})
    listed = client.get("/contacts").json()["contacts"]
    assert [c["name"] for c in listed] == ["Ghost"]
    assert create(client, "contacts", {"name": "Second"})["id"] == "2-contacts"


def test_latency_fault_and_global_latency(sandbox, client):
    sandbox.set_faults([FaultSpec("latency", ms=300, count=1)])
    started = time.monotonic()
    assert client.get("/contacts").status_code == 200
    assert time.monotonic() - started >= 0.3
    assert sandbox.faults.describe()[0]["remaining"] == 0
    with SandboxServer(latency_ms=150) as slow:
        started = time.monotonic()
        r = httpx.get(f"{slow.url}/users", auth=(slow.admin_user, slow.admin_key))
        assert r.status_code == 200 and time.monotonic() - started >= 0.15


@pytest.mark.parametrize("retry_after", [False, True])
def test_rate_limit_answers_429_per_key_with_retry_after_only_when_set(retry_after):
    with SandboxServer(rate_limit=2, settings=Settings(retry_after=retry_after), users=[
            {"email": "a@x.test", "api_key": "ka", "is_admin": True},
            {"email": "b@x.test", "api_key": "kb"}]) as srv:
        codes = []
        with httpx.Client(auth=("a@x.test", "ka")) as c:  # one connection: no set-up time
            while len(codes) < 60 and not any(r.status_code == 429 for r in codes):
                codes.append(c.get(f"{srv.url}/users"))
        refused = [r for r in codes if r.status_code == 429]
        assert refused, [r.status_code for r in codes]
        if retry_after:
            assert all(int(r.headers["Retry-After"]) >= 1 for r in refused)
        else:  # as Nutshell: no rate-limit hint at all
            assert not any("retry-after" in r.headers for r in refused)
        # another key has its own bucket
        assert httpx.get(f"{srv.url}/users", auth=("b@x.test", "kb")).status_code == 200
        deadline = time.monotonic() + 5
        while httpx.get(f"{srv.url}/users", auth=("a@x.test", "ka")).status_code == 429:
            assert time.monotonic() < deadline
            time.sleep(0.1)


def test_admin_endpoint_sets_faults_and_needs_admin(sandbox, client):
    r = _admin_post(sandbox, "/faults", json=[{"kind": "502", "count": 1}])
    assert r.status_code == 200 and r.json()["faults"][0]["remaining"] == 1
    assert client.get("/contacts").status_code == 502
    assert client.get("/contacts").status_code == 200
    assert _admin_post(sandbox, "/faults", json=[{"kind": "418"}]).status_code == 400
    staff = httpx.post(sandbox.url.replace("/rest", "/_sandbox") + "/faults",
                       auth=("nurse@clinic.test", "nurse-key"), json=[])
    assert staff.status_code == 401


def test_admin_snapshot_and_reset(sandbox, client):
    create(client, "contacts", {"name": "Jo"})
    client.delete("/contacts/1-contacts")
    snap = httpx.get(sandbox.url.replace("/rest", "/_sandbox") + "/snapshot",
                     auth=(sandbox.admin_user, sandbox.admin_key)).json()
    assert snap == sandbox.snapshot()
    assert snap["contacts"][0]["deletedTime"] is not None
    assert all("_api_key" not in u for u in snap["users"])
    assert _admin_post(sandbox, "/reset").status_code == 200
    assert sandbox.snapshot()["contacts"] == [] and sandbox.snapshot()["events"] == []
    assert len(sandbox.snapshot()["users"]) == 2
    assert create(client, "contacts", {"name": "Again"})["id"] == "1-contacts"


@pytest.mark.parametrize(("text", "expected"), [
    ("429:count=3:retry_after=1", FaultSpec("429", count=3, retry_after=1.0)),
    ("429", FaultSpec("429")),
    ("503:count=2:match=GET /contacts", FaultSpec("503", count=2, match="GET /contacts")),
    ("reset_after_commit:match=POST /contacts", FaultSpec("reset_after_commit", match="POST /contacts")),
    ("latency:ms=300:count=4", FaultSpec("latency", ms=300, count=4)),
])
def test_fault_spec_strings(text, expected):
    assert FaultSpec.parse(text) == expected


@pytest.mark.parametrize("text", ["418", "429:count=0", "429:count=x", "429:colour=red", "429:x"])
def test_bad_fault_spec_strings(text):
    with pytest.raises(FaultSpecError):
        FaultSpec.parse(text)
