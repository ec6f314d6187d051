"""`c2n demo` ends with the commands that open the console on the demo's home: run them as
printed (ports aside, so that the test never meets another server) and sign in."""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from consumers.cli import main
from tests.console.world import csrf_of

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _argv_env(line: str) -> tuple[list[str], dict[str, str]]:
    """A printed command as argv and environment: `VAR=value c2n ...` (comment dropped)."""
    words = shlex.split(line, comments=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env["PYTHONPATH"] = str(ROOT)
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "c2n"
    return [sys.executable, "-m", "consumers.cli", *words[1:]], env


def _wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


def test_the_demo_says_how_to_open_the_console_and_it_opens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name in [k for k in os.environ if k.startswith("C2N_")]:
        monkeypatch.delenv(name)
    assert main(["--home", str(tmp_path / "home"), "demo", "--size", "40"]) == 0
    printed = capsys.readouterr().err
    lines = printed[printed.index("To open the approvers' console"):].splitlines()[1:4]
    sandbox_port, console_port = _free_port(), _free_port()
    lines = [line.strip().replace(":8765", f":{sandbox_port}")
             .replace("--port 8765", f"--port {sandbox_port}")
             .replace("--port 8780", f"--port {console_port}") for line in lines]
    add, sandbox, serve = (_argv_env(line) for line in lines)
    assert subprocess.run(add[0], env=add[1], input="a long demo password\n", text=True,
                          capture_output=True, timeout=120, check=False).returncode == 0
    servers = [subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) for argv, env in (sandbox, serve)]
    try:
        url = f"http://127.0.0.1:{console_port}"
        _wait(f"http://127.0.0.1:{sandbox_port}/")
        _wait(f"{url}/login")
        with httpx.Client(base_url=url, timeout=120) as client:
            token = csrf_of(client.get("/login").text)
            assert client.post("/login", data={"username": "me", "password": "a long demo password",
                                               "csrf": token}).status_code == 303
            overview = client.get("/")
            home = serve[0][serve[0].index("--home") + 1]
            status = subprocess.run([sys.executable, "-m", "consumers.cli", "--home", home, "status", "--json"],
                                    env={**serve[1], "C2N_RUN": "demo"}, capture_output=True, text=True, timeout=120,
                                    check=False)
            state = json.loads(status.stdout)["run"]["state"]  # the demo ends rolled back and back
            assert "Run <q>demo</q>" in overview.text and f">{state}<" in overview.text
            page = client.get("/rollback")
            dry = client.post("/rollback/dry-run", data={"csrf": csrf_of(page.text)})
            assert dry.status_code == 303  # the demo's Nutshell (its sandbox) answered
            assert "patient" in client.get("/rollback").text.split('id="blast"')[1]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
