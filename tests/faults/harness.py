"""A sandbox and an engine HOME shared by in-process set-up, `c2n` subprocesses that the
scenario kills, and the in-process ledger checks afterwards."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from consumers.bootstrap import Engine, Settings
from tests.e2e.conftest import ROOT, Operator
from tests.faults.checks import say
from tests.integration.migrate import STAFF_USER

ADMIN = {"email": "admin@sandbox.test", "name": "Ada Admin", "api_key": "admin-key",
         "is_admin": True}


@contextmanager
def served(tmp_path: Path, database_url: str | None = None) -> Iterator[tuple[SandboxServer, Settings]]:
    with SandboxServer(data_dir=tmp_path / "sandbox", users=[ADMIN, STAFF_USER]) as srv:
        url = srv.start()
        yield srv, Settings(home=tmp_path / "home", database_url=database_url, nutshell_url=url,
                            nutshell_user=srv.admin_user, nutshell_api_key=srv.admin_key)


@contextmanager
def opened(settings: Settings) -> Iterator[tuple[Engine, NutshellClient]]:
    """The engine in-process; closed before any `c2n` subprocess uses the same HOME."""
    with Engine(settings) as engine, NutshellClient(
            settings.nutshell_url, str(settings.nutshell_user), str(settings.nutshell_api_key),
            backoff_base=0.05) as api:
        yield engine, api


def operator(settings: Settings, cwd: Path, **extra: str) -> Operator:
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env.update({"C2N_HOME": str(settings.home), "C2N_NUTSHELL_URL": settings.nutshell_url,
                "C2N_NUTSHELL_USER": str(settings.nutshell_user),
                "C2N_NUTSHELL_API_KEY": str(settings.nutshell_api_key),
                "PYTHONPATH": str(ROOT), **extra})
    if settings.database_url:
        env["C2N_DATABASE_URL"] = settings.database_url
    return Operator(env=env, cwd=cwd)


def kill_at_random_points(scenario: str, op: Operator, args: tuple[str, ...], seed: int, *,
                          attempts: int = 4, window: tuple[float, float] = (1.0, 4.0)) -> int:
    """Starts `c2n ARGS` up to `attempts` times, each SIGKILLed after a seeded random delay
    unless it finished first; returns how many were killed. Every wait is bounded."""
    rng = random.Random(seed)
    kills = 0
    for _ in range(attempts):
        proc = op.spawn(*args)
        delay = rng.uniform(*window)
        deadline = time.monotonic() + delay
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is not None:
            say(scenario, f"`c2n {' '.join(args)}` finished by itself (exit {proc.returncode})")
            break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        kills += 1
        say(scenario, f"SIGKILLed `c2n {' '.join(args)}` after {delay:.2f} s (seed {seed})")
    return kills


def finish(op: Operator, *args: str, expect: int | tuple[int, ...] = 0,
           timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return op.run(*args, expect=expect, timeout=timeout)
