"""Fixtures: a fresh in-memory sandbox per test and an httpx client authenticated as its admin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from adapters.nutshell_sandbox import SandboxServer

REFERENCE = Path(__file__).resolve().parents[2] / "adapters" / "nutshell_sandbox" / "reference"
WIRE = REFERENCE / "wire-samples"
PATCH_HEADERS = {"Content-Type": "application/json-patch+json"}

# One verifying TLS context for the tests' own clients: httpx would otherwise read and parse
# the CA bundle for every client (each `httpx.get` is one), tens of milliseconds each.
TLS = httpx.create_ssl_context()

STAFF = {"email": "nurse@clinic.test", "name": "Nora Nurse", "api_key": "nurse-key",
         "is_admin": False}


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(users=[{"email": "admin@clinic.test", "name": "Ada Admin",
                               "api_key": "admin-key", "is_admin": True}, STAFF]) as srv:
        yield srv


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.url, auth=(sandbox.admin_user, sandbox.admin_key), verify=TLS,
                      timeout=10) as c:
        yield c


def patch(client: httpx.Client, path: str, ops: list[dict]) -> httpx.Response:
    return client.patch(path, content=orjson.dumps(ops), headers=PATCH_HEADERS)


def create(client: httpx.Client, entity: str, item: dict, status: int | None = None) -> dict:
    r = client.post(f"/{entity}", json={entity: [item]})
    assert r.status_code in ((status,) if status else (200, 201)), r.text
    return r.json()[entity][0]


def define(client: httpx.Client, entity: str, name: str, kind: str = "Text", **extra) -> dict:
    r = client.post(f"/{entity}/customfield", json={"name": name, "type": kind, **extra})
    assert r.status_code == 200, r.text
    return r.json()


def rpc_url(sandbox: SandboxServer) -> str:
    return sandbox.url.replace("/rest", "/api/v1/json")


def rpc(sandbox: SandboxServer, method: str, auth: tuple[str, str] | None = None,
        **params: object) -> dict:
    """One JSON-RPC call as the administrator; the whole answer (result or error)."""
    r = httpx.post(rpc_url(sandbox), auth=auth or (sandbox.admin_user, sandbox.admin_key),
                   json={"method": method, "params": params, "id": 7, "jsonrpc": "2.0"},
                   timeout=10, verify=TLS)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == 7
    return r.json()
