"""Data survives stop/start and a killed process; concurrent writes stay consistent."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from adapters.nutshell_sandbox import SandboxServer

from .conftest import create, define, patch

ROOT = Path(__file__).resolve().parents[2]


def test_data_survives_stop_and_start(tmp_path):
    users = [{"email": "a@x.test", "api_key": "k", "is_admin": True, "name": "A"}]
    with SandboxServer(data_dir=tmp_path, users=users) as srv:
        with httpx.Client(base_url=srv.url, auth=("a@x.test", "k")) as c:
            define(c, "contacts", "Clinic Patient ID")
            person = create(c, "contacts", {"name": "Jo", "customFields": {"Clinic Patient ID": "P1"}})
            patch(c, f"/contacts/{person['id']}",
                  [{"op": "replace", "path": "/contacts/0/name", "value": "Jo Two"}])
            create(c, "contacts", {"name": "Gone"})
            c.delete("/contacts/2-contacts")
        before = srv.snapshot()
    with SandboxServer(data_dir=tmp_path, users=users) as srv:
        assert srv.snapshot() == before
        with httpx.Client(base_url=srv.url, auth=("a@x.test", "k")) as c:
            found = c.get("/contacts", params={"filter[Clinic Patient ID]": "P1"}).json()
            assert [p["name"] for p in found["contacts"]] == ["Jo Two"]
            assert c.get("/contacts/2-contacts").status_code == 404
            assert create(c, "contacts", {"name": "Next"})["id"] == "3-contacts"


def test_concurrent_creates_get_distinct_ids(sandbox, client):
    errors: list[str] = []

    def worker(n: int) -> None:
        with httpx.Client(base_url=sandbox.url, auth=client.auth) as c:
            for i in range(10):
                r = c.post("/contacts", json={"contacts": [{"name": f"W{n}-{i}"}]})
                if r.status_code != 200:
                    errors.append(r.text)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    listed = client.get("/contacts", params={"page[limit]": 100}).json()
    assert listed["meta"]["total"] == 60
    assert len({c["id"] for c in listed["contacts"]}) == 60
    assert len(client.get("/events", params={"limit": 100}).json()["events"]) == 60


def _serve(data: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "consumers.cli", "sandbox", "serve", "--port", "0",
         "--data", str(data), "--user", "ops@x.test", "--api-key", "ops-key", *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"(http://\S+/rest)", line)
    assert m, line + (proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
    return proc, m.group(1)


def test_cli_serves_prints_credentials_and_stops_on_sigterm(tmp_path):
    proc, url = _serve(tmp_path, "--fault", "503:count=1:match=GET /users")
    try:
        assert proc.stdout is not None
        printed = "".join(proc.stdout.readline() for _ in range(3))
        assert "C2N_NUTSHELL_USER=ops@x.test" in printed
        assert "C2N_NUTSHELL_API_KEY=ops-key" in printed
        codes = [httpx.get(f"{url}/users", auth=("ops@x.test", "ops-key")).status_code
                 for _ in range(2)]
        assert codes == [503, 200]
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "stopped" in err


def test_a_killed_server_keeps_every_acknowledged_write(tmp_path):
    proc, url = _serve(tmp_path)
    acknowledged: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        with httpx.Client(base_url=url, auth=("ops@x.test", "ops-key"), timeout=5) as c:
            n = 0
            while not stop.is_set():
                try:
                    r = c.post("/accounts", json={"accounts": [{"name": f"A{n}"}]})
                except httpx.TransportError:
                    return
                if r.status_code == 201:
                    acknowledged.append(r.json()["accounts"][0]["id"])
                n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    deadline = time.monotonic() + 10
    while len(acknowledged) < 30:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)
    stop.set()
    thread.join(timeout=10)
    with SandboxServer(data_dir=tmp_path, users=[
            {"email": "ops@x.test", "api_key": "ops-key", "is_admin": True}]) as srv:
        stored = {a["id"] for a in srv.snapshot()["accounts"]}
    assert set(acknowledged) <= stored


def test_concurrent_link_patches_on_one_record_all_land(sandbox, client):
    person = create(client, "contacts", {"name": "Hub"})
    accounts = [create(client, "accounts", {"name": f"A{n}"})["id"] for n in range(12)]
    failures: list[int] = []

    def worker(chunk: list[str]) -> None:
        with httpx.Client(base_url=sandbox.url, auth=client.auth) as c:
            for account in chunk:
                r = patch(c, f"/contacts/{person['id']}",
                          [{"op": "add", "path": "/contacts/0/links/accounts/-", "value": account}])
                if r.status_code != 204:
                    failures.append(r.status_code)

    threads = [threading.Thread(target=worker, args=(accounts[n::4],)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert failures == []
    linked = client.get(f"/contacts/{person['id']}").json()["contacts"][0]["links"]["accounts"]
    assert sorted(linked) == sorted(accounts)
    backs = client.get("/accounts/" + ",".join(accounts)).json()["accounts"]
    assert all(a["links"]["contacts"] == [person["id"]] for a in backs)
