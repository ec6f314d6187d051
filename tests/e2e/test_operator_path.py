"""The whole operator path over the CLI: extract, propose, confirm, plan (walked once per
session, tests/e2e/conftest.py), sample (zero unexplained differences), approve, run, verify;
then `c2n run` killed at random points and restarted, and still exactly one Nutshell record
per source record."""

from __future__ import annotations

import json
import random
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from adapters.nutshell_sandbox import SandboxServer
from tests.e2e.conftest import Operator, copy_run, operating

EXTERNAL_KEYS = {"contacts": ("Clinic Patient ID", "Clinic Staff ID"),
                 "accounts": ("Clinic Company ID",), "leads": ("Clinic Lead ID",)}


def live(snapshot: dict[str, list[dict[str, Any]]], entity: str) -> list[dict[str, Any]]:
    return [r for r in snapshot.get(entity, []) if not r.get("deletedTime")]


def assert_exactly_once(op: Operator, sandbox: SandboxServer) -> dict[str, Any]:
    """Every pushed record's external key appears on exactly one live Nutshell record, and
    the number of live activities/notes equals the records pushed as such."""
    status = op.json("status", expect=(0, 1))
    snapshot = sandbox.snapshot()
    for entity, fields in EXTERNAL_KEYS.items():
        keys = Counter((name, (r.get("customFields") or {}).get(name))
                       for r in live(snapshot, entity) for name in fields
                       if (r.get("customFields") or {}).get(name))
        duplicates = {k: n for k, n in keys.items() if n > 1}
        assert not duplicates, f"{entity}: {duplicates}"
    counts = status["counts"]
    pushed_activities = counts["appointment"]["pushed"] + counts["communication"]["pushed"]
    assert len(live(snapshot, "activities")) == pushed_activities
    patients = {r["customFields"]["Clinic Patient ID"] for r in live(snapshot, "contacts")
                if (r.get("customFields") or {}).get("Clinic Patient ID")}
    assert len(patients) == counts["patient"]["pushed"]
    return status


def test_the_operator_path_end_to_end(prepared: Path, tmp_path: Path) -> None:
    copy_run(prepared, tmp_path)
    with operating(tmp_path) as (operator, sandbox):
        walk_on(operator, sandbox)


def walk_on(operator: Operator, sandbox: SandboxServer) -> None:
    """From the applied plan: sample, approve, run, verify, audit."""
    # 1: the values kept as written (a bad email, an impossible birth date) are listed
    sample = operator.json("sample", "--size", "120", expect=1)
    assert sample["from_source"]["kept_as_written"]
    assert sample["diff"]["differing"] == 0 and sample["diff"]["missing_records"] == 0
    # checked from the source rows too: every expected record found, every column accounted
    source = sample["from_source"]
    assert source["records"]["missing"] == 0 and source["records"]["differing"] == 0
    assert source["unaccounted_columns"] == 0 and source["records"]["found"] > 20
    assert sample["diff"]["records"] > 20
    assert sample["coverage"]["features_covered"] == sample["coverage"]["features_total"]
    assert Path(sample["reports"]["html"]).is_file()
    operator.json("approve", "--by", "bob")
    operator.run("run", expect=(0, 1))  # 1: an orphan appointment is reported, not sent
    status = assert_exactly_once(operator, sandbox)
    assert status["run"]["approved"] is True
    verified = operator.json("verify", expect=(0, 1))
    checked = verified["from_source"]
    assert checked["records"]["found"] == checked["records"]["expected"] > 100
    assert checked["differences"] == [] and checked["unaccounted_columns"] == 0
    assert verified["diff"]["differing"] == 0 and verified["diff"]["missing_records"] == 0
    for kind, values in verified["counts"].items():
        assert values["pushed"] == values["found_in_nutshell"], kind
    audit = json.loads(operator.run("audit", "--format", "json", "--actor", "bob").stdout)
    assert [a["event"] for a in audit] == ["MigrationRun.SampleApproved"]


def test_run_refuses_without_approval(prepared: Path, tmp_path: Path) -> None:
    copy_run(prepared, tmp_path)
    with operating(tmp_path) as (operator, _sandbox):
        done = operator.run("run", expect=2)
    assert "approv" in done.stderr


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_runs_resume_without_duplicates(approved: Path, tmp_path: Path,
                                               seed: int) -> None:
    copy_run(approved, tmp_path)
    with operating(tmp_path) as (operator, sandbox):
        kill_and_resume(operator, sandbox, seed)


def kill_and_resume(operator: Operator, sandbox: SandboxServer, seed: int) -> None:
    sandbox.set_faults([{"kind": "latency", "ms": 15, "count": 100000}])
    rng = random.Random(seed)
    kills = 0
    for _ in range(6):
        proc = operator.spawn("run")
        deadline = time.monotonic() + rng.uniform(0.4, 2.5)
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            kills += 1
        else:
            break
    print(f"seed {seed}: killed `c2n run` {kills} times")
    sandbox.set_faults([])
    operator.run("run", expect=(0, 1))
    status = assert_exactly_once(operator, sandbox)
    counts = status["counts"]
    for kind, values in counts.items():
        assert values["failed"] == 0, kind
    assert counts["patient"]["pushed"] + counts["patient"]["quarantined"] == counts["patient"]["extracted"]
