"""A hostile export run through the real `c2n` process, with the checks every such run must pass.

Each test gets its own tmp tree: `home` (C2N_HOME), `cwd` (the process's working folder, kept
apart from HOME), `src` (the hostile export, built on the fly) and `sentinel` (a folder nothing
may touch). Every command is checked for the expected exit code (0/1/2), no Python traceback
and none of the test's secret values on stderr; whatever runs inside `contained()` must leave
the tree outside HOME as it was and never create the traversal target under /tmp.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMAND_TIMEOUT = 90.0  # seconds; a hang (e.g. a reader opening a FIFO) fails instead of blocking

Snapshot = dict[str, tuple[int, int]]


def snapshot(top: Path, skip: Path) -> Snapshot:
    """Every file and folder under `top` except `skip`: path -> (size, mtime_ns)."""
    seen: Snapshot = {}
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d != skip]
        for name in dirs + files:
            path = here / name
            st = path.lstat()
            seen[str(path.relative_to(top))] = (st.st_size if name in files else 0,
                                                st.st_mtime_ns)
    return seen


@dataclass
class Hostile:
    root: Path
    env: dict[str, str]
    secrets: list[str] = field(default_factory=list)  # values that must never be printed
    escape: Path = field(default_factory=lambda: Path("/tmp") / f"c2n-pwned-{uuid.uuid4().hex}")

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def cwd(self) -> Path:
        return self.root / "cwd"

    @property
    def src(self) -> Path:
        return self.root / "src"

    @property
    def sentinel(self) -> Path:
        return self.root / "sentinel"

    def run(self, *args: str, expect: int | tuple[int, ...]) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "consumers.cli", *args], env=self.env,
                              cwd=self.cwd, text=True, capture_output=True,
                              timeout=COMMAND_TIMEOUT, check=False)
        wanted = (expect,) if isinstance(expect, int) else expect
        shown = f"c2n {' '.join(args)} exited {done.returncode}\n{done.stderr[-3000:]}"
        assert done.returncode in wanted, shown
        assert "Traceback" not in done.stderr, shown
        for secret in self.secrets:
            assert secret not in done.stderr, f"c2n {' '.join(args)} printed a source value"
        return done

    def json(self, *args: str, expect: int | tuple[int, ...]) -> Any:
        return json.loads(self.run(*args, "--json", expect=expect).stdout)

    def errors(self, done: subprocess.CompletedProcess[str]) -> list[str]:
        return [line for line in done.stderr.splitlines() if line.startswith("c2n: ")]

    @contextmanager
    def contained(self) -> Iterator[None]:
        """Whatever runs inside may write into HOME only: the rest of the tree, and the
        traversal target under /tmp, are the same afterwards."""
        assert not self.escape.exists()
        before = snapshot(self.root, skip=self.home)
        yield
        after = snapshot(self.root, skip=self.home)
        assert sorted(set(after) - set(before)) == [], "created outside HOME"
        assert sorted(set(before) - set(after)) == [], "deleted outside HOME"
        assert {k: v for k, v in after.items() if before[k] != v} == {}, "changed outside HOME"
        assert not self.escape.exists(), "wrote through a path taken from the export"

    def fields(self, kind: str, source_id: str) -> dict[str, Any]:
        """A derived record's canonical fields, read back from the event store in HOME."""
        from consumers.bootstrap import Engine, Settings

        with Engine(Settings(home=self.home)) as engine:
            record = engine.app.record("default", kind, source_id)
            assert record is not None, f"{kind}:{source_id} not derived"
            return dict(record.fields)

    def quarantines(self) -> list[dict[str, Any]]:
        """The audit `detail` of every quarantine event (what `c2n audit` shows), read in
        process: one subprocess less per test."""
        from consumers.bootstrap import Engine, Settings
        from consumers.services.audit import audit_rows

        with Engine(Settings(home=self.home)) as engine:
            return [row["detail"] for row in audit_rows(engine)
                    if row["event"].endswith(".Quarantined")]


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env.update({"C2N_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT),
                # Nothing here talks to Nutshell: an address that refuses at once, never the real one
                "C2N_NUTSHELL_URL": "http://127.0.0.1:9/rest"})
    h = Hostile(root=tmp_path, env=env)
    for folder in (h.cwd, h.src, h.sentinel):
        folder.mkdir()
    (h.sentinel / "keep.txt").write_text("untouched\n")
    return h
