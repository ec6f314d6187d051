"""One whole migration through the CLI with a cipher key and sentinel PHI, then `c2n forget`.

Session-scoped: the flow costs seconds, and every PHI test reads what it left behind (files in
HOME, every command's output, the stored events) rather than driving it again.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.cipher import AESCipher

from adapters.nutshell_sandbox import SandboxServer
from consumers.bootstrap import Engine, Settings
from domain.ids import record_id
from tests.e2e.conftest import ROOT, Operator
from tests.phi.sentinels import FORGET_ID, KEEP_ID, sentinel_export


@dataclass
class RecordingOperator(Operator):
    """An operator that keeps every command's stdout and stderr for the leak scan."""

    outputs: list[tuple[str, str]] = field(default_factory=list)

    def run(self, *args: str, expect: int | tuple[int, ...] = 0,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        done = super().run(*args, expect=expect, timeout=timeout)
        self.outputs.append((" ".join(args), done.stdout + done.stderr))
        return done

    def without(self, *names: str, **extra: str) -> RecordingOperator:
        env = {k: v for k, v in self.env.items() if k not in names}
        env.update(extra)
        return RecordingOperator(env=env, cwd=self.cwd, outputs=self.outputs)


class InProcessOperator(RecordingOperator):
    """The same commands through `consumers.cli.main` in this process: the flow's dozen
    commands without a dozen interpreter start-ups. stdout and stderr (the console, warnings
    logged) are captured as a subprocess's would be; errors the CLI does not map to an exit
    code fail the test instead of printing a traceback."""

    def run(self, *args: str, expect: int | tuple[int, ...] = 0,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        from consumers.cli import main

        wanted = (expect,) if isinstance(expect, int) else expect
        saved = {k: v for k, v in os.environ.items() if k.startswith("C2N_")}
        old_umask = os.umask(0o077)
        os.umask(old_umask)
        out, err = io.StringIO(), io.StringIO()
        try:
            for k in saved:
                del os.environ[k]
            os.environ.update({k: v for k, v in self.env.items() if k.startswith("C2N_")})
            with redirect_stdout(out), redirect_stderr(err):
                code = main(list(args))
        finally:
            for k in [k for k in os.environ if k.startswith("C2N_")]:
                del os.environ[k]
            os.environ.update(saved)
            os.umask(old_umask)
        self.outputs.append((" ".join(args), out.getvalue() + err.getvalue()))
        assert code in wanted, f"c2n {' '.join(args)} exited {code}\n{err.getvalue()}"
        return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


@contextmanager
def engine_at(settings: Settings) -> Iterator[Engine]:
    """An in-process engine; it sets the owner-only umask on the process, restored after."""
    old = os.umask(0o077)
    os.umask(old)
    try:
        with Engine(settings) as engine:
            yield engine
    finally:
        os.umask(old)


def new_key() -> str:
    return AESCipher.create_key(32)


def operator_env(home: Path, sandbox: SandboxServer | None, key: str | None,
                 database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env.update({"C2N_HOME": str(home), "PYTHONPATH": str(ROOT)})
    if sandbox is not None:
        env.update({"C2N_NUTSHELL_URL": sandbox.url, "C2N_NUTSHELL_USER": sandbox.admin_user,
                    "C2N_NUTSHELL_API_KEY": sandbox.admin_key})
    if key:
        env["C2N_CIPHER_KEY"] = key
    if database_url:
        env["C2N_DATABASE_URL"] = database_url
    return env


@dataclass
class Migrated:
    home: Path
    key: str
    api_key: str
    sandbox_url: str
    op: InProcessOperator
    wrapped_key: bytes  # the forgotten patient's key row as stored before `forget`
    before_forget: dict[str, Any]
    forget: dict[str, Any]
    status_after: dict[str, Any]
    replay: dict[str, Any]
    status_after_replay: dict[str, Any]
    audit_after: list[dict[str, Any]]


def _staff_renames_the_kept_patient(sandbox: SandboxServer) -> None:
    """A change in Nutshell, so that `verify` has a difference to show with its values."""
    import httpx

    contact = next(c for c in sandbox.snapshot()["contacts"]
                   if (c.get("customFields") or {}).get("Clinic Patient ID") == KEEP_ID)
    done = httpx.patch(
        f"{sandbox.url}/contacts/{contact['id']}", timeout=10,
        auth=(sandbox.admin_user, sandbox.admin_key),
        headers={"Content-Type": "application/json-patch+json"},
        content=b'[{"op": "replace", "path": "/contacts/0/name", "value": "Renamed By Staff"}]')
    assert done.status_code in (200, 204), done.status_code


def _wrapped(db: Path, subject: str) -> bytes:
    conn = sqlite3.connect(str(db))
    try:
        row = conn.execute("SELECT wrapped FROM c2n_keys WHERE subject = ?", (subject,)).fetchone()
    finally:
        conn.close()
    assert row is not None, "the patient's key was never made"
    return bytes(row[0])


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Migrated]:
    import json

    base = tmp_path_factory.mktemp("phi")
    export = sentinel_export(base / "export")
    key = new_key()
    with SandboxServer(data_dir=base / "sandbox") as sandbox:
        sandbox.start()
        op = InProcessOperator(env=operator_env(base / "home", sandbox, key), cwd=base)
        op.run("extract", str(export))
        op.json("map", "propose")
        op.json("map", "confirm", "--by", "alice", expect=(0, 1))
        op.json("plan", "--apply", "--fallback-owner", "admin@sandbox.test")
        op.json("sample", "--size", "40")
        op.json("approve", "--by", "bob")
        op.run("run", expect=(0, 1))
        _staff_renames_the_kept_patient(sandbox)
        op.json("verify", expect=(0, 1))
        before = op.json("status", expect=(0, 1))
        op.run("audit", "--format", "json")
        wrapped = _wrapped(base / "home" / "events.sqlite",
                           str(record_id("default", "patient", FORGET_ID)))
        forget = op.json("forget", "--patient", FORGET_ID, "--by", "dpo")
        status_after = op.json("status", expect=(0, 1))
        replay = op.json("replay")
        status_after_replay = op.json("status", expect=(0, 1))
        audit_after = json.loads(op.run("audit", "--format", "json").stdout)
        yield Migrated(home=base / "home", key=key, api_key=sandbox.admin_key,
                       sandbox_url=sandbox.url, op=op, wrapped_key=wrapped,
                       before_forget=before, forget=forget,
                       status_after=status_after, replay=replay,
                       status_after_replay=status_after_replay, audit_after=audit_after)
