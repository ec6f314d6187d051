"""The operator's view: the `c2n` command run as a separate process against a sandbox over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
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


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(data_dir=tmp_path / "sandbox") as srv:
        srv.start()
        yield srv


@pytest.fixture
def operator(sandbox: SandboxServer, tmp_path: Path) -> Operator:
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env.update({
        "C2N_HOME": str(tmp_path / "home"),
        "C2N_NUTSHELL_URL": sandbox.url,
        "C2N_NUTSHELL_USER": sandbox.admin_user,
        "C2N_NUTSHELL_API_KEY": sandbox.admin_key,
        "PYTHONPATH": str(ROOT),
    })
    return Operator(env=env, cwd=tmp_path)


@pytest.fixture
def export() -> Path:
    return sample_path("cliniko")
