"""The operator's commands run in this process (`consumers.cli.main`), against a sandbox over
HTTP: each command's exit status, stdout and stderr, without a Python start per command."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from adapters.nutshell_sandbox import SandboxServer
from consumers.cli import main

PATIENT_HEADER = ["Patient ID", "First Name", "Last Name", "Email", "Mobile", "Date of Birth"]


def patients_csv(path: Path, rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [",".join(PATIENT_HEADER)] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CLEAN = [["1", "Ann", "Smith", "ann@example.com", "+1 415 555 0100", "1980-02-03"],
         ["2", "Bob", "Jones", "bob@example.com", "+1 415 555 0101", "1975-11-30"],
         ["3", "Cy", "Brown", "cy@example.com", "+1 415 555 0102", "1990-06-15"]]


@dataclass
class Done:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Cli:
    capsys: pytest.CaptureFixture[str]
    home: Path

    def __call__(self, *args: str, expect: int | tuple[int, ...] | None = None) -> Done:
        self.capsys.readouterr()
        code = main(list(args))
        out, err = self.capsys.readouterr()
        done = Done(code, out, err)
        if expect is not None:
            wanted = (expect,) if isinstance(expect, int) else expect
            assert code in wanted, f"c2n {' '.join(args)} exited {code}\n{out}\n{err}"
        assert "Traceback" not in err
        return done


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(data_dir=tmp_path / "sandbox") as srv:
        srv.start()
        yield srv


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, sandbox: SandboxServer,
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    for name in ("C2N_DATABASE_URL", "C2N_CIPHER_KEY", "C2N_KAFKA_BOOTSTRAP"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("C2N_HOME", str(home))
    monkeypatch.setenv("C2N_NUTSHELL_URL", sandbox.url)
    monkeypatch.setenv("C2N_NUTSHELL_USER", sandbox.admin_user)
    monkeypatch.setenv("C2N_NUTSHELL_API_KEY", sandbox.admin_key)
    return Cli(capsys, home)
