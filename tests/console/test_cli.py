"""`c2n console user add|list|disable` and `c2n console serve`, run as the operator runs them."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def c2n(home: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """The command as `c2n` runs it, in this process (the serve test below runs a process)."""
    import contextlib
    import io
    from unittest import mock

    from consumers.cli import main

    out, err = io.StringIO(), io.StringIO()
    with mock.patch("sys.stdin", io.StringIO(stdin)), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        code = main(["--home", str(home), *args])
    return code, out.getvalue(), err.getvalue()


def test_people_are_added_with_an_argon2_hash_listed_and_disabled(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, _, err = c2n(home, "console", "user", "add", "Olga", "--role", "operator",
                       stdin="a long passphrase\n")
    assert code == 0, err
    assert c2n(home, "console", "user", "add", "max", "--role", "manager",
               stdin="another long one\n")[0] == 0
    code, _, err = c2n(home, "console", "user", "add", "tim", "--role", "auditor", stdin="short\n")
    assert code == 2 and "10 characters" in err
    listed = json.loads(c2n(home, "console", "user", "list", "--json")[1])
    assert listed["users"] == [{"name": "max", "role": "manager", "disabled": False},
                               {"name": "olga", "role": "operator", "disabled": False}]
    store = home / "console" / "users.sqlite"
    assert store.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(store) as db:
        hashes = [h for (h,) in db.execute("SELECT hash FROM users")]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert b"a long passphrase" not in store.read_bytes()
    assert c2n(home, "console", "user", "disable", "olga")[0] == 0
    listed = json.loads(c2n(home, "console", "user", "list", "--json")[1])
    assert {u["name"]: u["disabled"] for u in listed["users"]} == {"max": False, "olga": True}


def test_serve_refuses_a_public_address_without_tls(tmp_path: Path) -> None:
    code, _, err = c2n(tmp_path / "home", "console", "serve", "--host", "0.0.0.0", "--port", "0")
    assert code == 2 and "--tls-cert" in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env["PYTHONPATH"] = str(ROOT)
    process = subprocess.Popen([sys.executable, "-m", "consumers.cli", "--home",
                                str(tmp_path / "home"), "console", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        answer = None
        while time.monotonic() < deadline and answer is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200
        assert 'name="username"' in answer.text and 'name="csrf"' in answer.text
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 303
    finally:
        process.terminate()
        process.wait(timeout=30)
