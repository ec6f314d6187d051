"""PostgreSQL restarted while `c2n run` writes to it: the command may fail with a clear error
(exit 2), the re-run finishes, and the ledger holds exactly once.

The restart is short and every wait bounded: other tests on this machine share the server,
and it is never left stopped (the restart is retried as a plain start in `finally`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from consumers.nutshell import migration as svc
from tests.faults.checks import assert_exactly_once, say
from tests.faults.harness import opened, operator, served
from tests.integration.migrate import prepare, sign_off_review
from tests.services import require_service

pytestmark = [pytest.mark.faults, pytest.mark.postgres]


def _cluster() -> list[str]:
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not versions or not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        require_service("restarting PostgreSQL needs root and pg_ctlcluster")
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main"]


def _ready(deadline_s: float) -> bool:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        done = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-t", "2"],
                              capture_output=True, check=False, timeout=10)
        if done.returncode == 0:
            return True
        time.sleep(0.2)
    return False


def restart_postgres(cluster: list[str]) -> float:
    started = time.monotonic()
    try:
        subprocess.run([*cluster, "restart", "-m", "fast"], capture_output=True, check=False,
                       timeout=60)
    finally:
        if not _ready(30):
            subprocess.run([*cluster, "start"], capture_output=True, check=False, timeout=60)
    assert _ready(30), "PostgreSQL did not come back"
    return time.monotonic() - started


def test_a_run_survives_a_postgres_restart(tmp_path: Path, pg_url: str,
                                           baseline: dict[str, int]) -> None:
    scenario = "postgres-restart"
    cluster = _cluster()
    with served(tmp_path, database_url=pg_url) as (srv, settings):
        with opened(settings) as (engine, api):
            prepare(engine, api)
            sign_off_review(engine)  # notes and documents move too
            svc.run_sample(engine, api, 60)
            svc.approve(engine, "tester")
        op = operator(settings, tmp_path)
        srv.set_faults([{"kind": "latency", "ms": 40, "count": 100000}])  # a run of seconds
        proc = subprocess.Popen(op.argv("run"), env=op.env, cwd=op.cwd, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            time.sleep(2.0)  # into the run: the pushes have started
            running = proc.poll() is None
            took = restart_postgres(cluster)
            out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        srv.set_faults([])
        say(scenario, f"injected: PostgreSQL restarted ({took:.1f} s) "
                      f"{'during' if running else 'after'} `c2n run`; it exited {proc.returncode}")
        # 0/1: finished (1 reports the export's orphan appointment); 2: a clear error.
        assert proc.returncode in (0, 1, 2), err[-2000:]
        assert "Traceback" not in err, err[-2000:]
        if proc.returncode == 2:
            assert "run the command again" in err, err[-2000:]
            say(scenario, f"its error: {err.strip().splitlines()[-1] if err.strip() else '(none)'}")
        again = op.run("run", expect=(0, 1))
        parked = sum(v["failed"] for v in op.json("status", expect=(0, 1))["counts"].values())
        if parked:
            op.run("run", "--retry-failed", expect=(0, 1))
        say(scenario, f"re-run exited {again.returncode}; {parked} records parked and retried")
        with opened(settings) as (engine, api):
            assert_exactly_once(scenario, engine, api, srv, baseline)
