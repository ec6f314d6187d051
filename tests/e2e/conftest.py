"""The operator's view: the `c2n` command run as a separate process against a sandbox over HTTP."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from adapters.nutshell_sandbox import SandboxServer
from adapters.samples import sample_path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Operator:
    env: dict[str, str]
    cwd: Path

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "consumers.cli", *args]

    def run(self, *args: str, expect: int | tuple[int, ...] = 0,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(self.argv(*args), env=self.env, cwd=self.cwd, text=True,
                              capture_output=True, timeout=timeout, check=False)
        wanted = (expect,) if isinstance(expect, int) else expect
        assert done.returncode in wanted, (
            f"c2n {' '.join(args)} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
        return done

    def json(self, *args: str, expect: int | tuple[int, ...] = 0) -> Any:
        return json.loads(self.run(*args, "--json", expect=expect).stdout)

    def spawn(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(self.argv(*args), env=self.env, cwd=self.cwd, text=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def operator_of(sandbox: SandboxServer, folder: Path) -> Operator:
    """`c2n` with its HOME in `folder/home`, against the sandbox."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env.update({
        "C2N_HOME": str(folder / "home"),
        "C2N_NUTSHELL_URL": sandbox.url,
        "C2N_NUTSHELL_USER": sandbox.admin_user,
        "C2N_NUTSHELL_API_KEY": sandbox.admin_key,
        "PYTHONPATH": str(ROOT),
    })
    return Operator(env=env, cwd=folder)


@contextmanager
def operating(folder: Path) -> Iterator[tuple[Operator, SandboxServer]]:
    """The operator and the sandbox over `folder` (`sandbox/` and `home/`, new or kept)."""
    with SandboxServer(data_dir=folder / "sandbox") as srv:
        srv.start()
        yield operator_of(srv, folder), srv


def copy_run(template: Path, folder: Path) -> None:
    """A run of the test's own, as `template` left it (its sandbox and HOME)."""
    for part in ("sandbox", "home"):
        shutil.copytree(template / part, folder / part)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(data_dir=tmp_path / "sandbox") as srv:
        srv.start()
        yield srv


@pytest.fixture
def operator(sandbox: SandboxServer, tmp_path: Path) -> Operator:
    return operator_of(sandbox, tmp_path)


@pytest.fixture
def export() -> Path:
    return sample_path("cliniko")


def prepare(op: Operator, export: Path) -> None:
    op.run("extract", str(export))
    proposal = op.json("map", "propose")
    assert set(proposal["files"]) >= {"patients.csv", "appointments.csv"}
    assert proposal["files"]["patients.csv"]["kind"] == "patient"
    confirmed = op.json("map", "confirm", "--by", "alice", expect=1)  # rows were quarantined
    assert confirmed["balanced"]
    for name, balance in confirmed["files"].items():
        assert balance["read"] == balance["derived"] + balance["quarantined"], name
    # no id, and one person entered twice under a new id; a bad date and a bad email lose
    # only their field (kept as written, listed), not the patient
    assert confirmed["files"]["patients.csv"]["quarantined"] == 2
    kept = {k["problem"].partition(":")[0] for k in confirmed["values_kept_as_written"]
            if k["file"] == "patients.csv" and "left out" in k["problem"]}
    assert kept == {"date_of_birth", "email"}
    plan = op.json("plan", "--apply", "--fallback-owner", "admin@sandbox.test")
    assert plan["applied"] and plan["custom_fields"]


@pytest.fixture(scope="session")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The path through `c2n` up to an applied plan (`prepare`, its checks included), walked
    once per session; each test continues from a copy of its own."""
    folder = tmp_path_factory.mktemp("prepared")
    with operating(folder) as (op, _srv):
        prepare(op, sample_path("cliniko"))
    return folder


@pytest.fixture(scope="session")
def approved(prepared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`prepared`, then a sample of 100 and its approval, through `c2n`."""
    folder = tmp_path_factory.mktemp("approved")
    copy_run(prepared, folder)
    with operating(folder) as (op, _srv):
        op.json("sample", "--size", "100", expect=(0, 1))  # 1: values kept as written
        op.json("approve", "--by", "bob")
    return folder
