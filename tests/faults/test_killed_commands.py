"""`c2n rollback` and `c2n delta consume` SIGKILLed at seeded random points and restarted
until done: nothing compensated twice, no change lost or applied twice."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from consumers.nutshell.rollback import verify_rollback
from tests.e2e.conftest import Operator
from tests.faults.checks import say
from tests.faults.harness import finish, kill_at_random_points, opened, operator, served
from tests.integration.migrate import (
    Premigrated,
    assert_each_operation_compensated_once,
    live,
    migrate,
)
from tests.integration.test_delta import newer_export, publish, revisions
from tests.kafka.drained import terminate_when_drained

pytestmark = pytest.mark.faults


@pytest.mark.parametrize("seed", [11, 12])
def test_a_killed_rollback_finishes_without_double_compensation(tmp_path: Path, seed: int) -> None:
    scenario = f"rollback-sigkill-{seed}"
    with served(tmp_path) as (srv, settings):
        before = live(srv.snapshot())
        with opened(settings) as (engine, api):
            migrate(engine, api)
            engine.catch_up()
            pushed = sum(c.get("pushed", 0) for k, c in engine.store.counts().items()
                         if not k.startswith("_"))
        op = operator(settings, tmp_path)
        srv.set_faults([{"kind": "latency", "ms": 10, "count": 100000}])  # room to land a kill
        kills = kill_at_random_points(scenario, op, ("rollback", "--by", "tester"), seed,
                                      attempts=3)
        srv.set_faults([])
        finish(op, "rollback", "--by", "tester")
        again = finish(op, "rollback", "--by", "tester", "--json")
        with opened(settings) as (engine, api):
            assert live(srv.snapshot()) == before, "the sandbox is not as it was before"
            proof = verify_rollback(engine, api)
            assert proof["ok"], proof
            compensations, with_ops = assert_each_operation_compensated_once(engine)
            rolled_back = sum(c.get("rolled_back", 0) for k, c in engine.store.counts().items()
                              if not k.startswith("_"))
            assert rolled_back == pushed
        assert json.loads(again.stdout)["done"] == {}
        say(scenario, f"injected: {kills} SIGKILLs during `c2n rollback`; checked: sandbox as "
                      f"before, verify --rollback ok ({proof['checked']} checked), "
                      f"{compensations} compensations = operations of "
                      f"{with_ops} records, each once; {rolled_back} rolled back = "
                      f"{pushed} pushed; a further rollback does nothing")


def consume_until_drained(op: Operator, args: tuple[str, ...], status_file: Path) -> str:
    """`c2n ARGS`, stopped as soon as it owns all 6 partitions with nothing left (else it
    stops by itself when idle); its stdout."""
    since = time.time()
    proc = subprocess.Popen(op.argv(*args), env=op.env, cwd=op.cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        terminate_when_drained(proc, status_file, since=since, partitions=6)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
    assert proc.returncode == 0, f"c2n {' '.join(args)} exited {proc.returncode}\n{err}"
    return out


@pytest.mark.kafka
@pytest.mark.usefixtures("tolerate_kafka_socket_leaks")
@pytest.mark.parametrize("seed", [21, 22])
def test_a_killed_delta_consumer_loses_and_duplicates_nothing(
        tmp_path: Path, seed: int, tansu_broker: Any, topic_name: str,
        premigrated: Premigrated) -> None:
    scenario = f"delta-consume-sigkill-{seed}"
    premigrated.into(tmp_path)
    with served(tmp_path) as (srv, settings):
        with opened(settings) as (engine, api):
            ops = publish(engine, tansu_broker.bootstrap, topic_name, newer_export(tmp_path))
            assert ops == {"update": 3, "create": 1, "delete": 1}
        op = operator(settings, tmp_path, C2N_KAFKA_BOOTSTRAP=tansu_broker.bootstrap)
        args = ("delta", "consume", "--topic", topic_name, "--group", f"g-{seed}",
                "--max-idle", "5")
        srv.set_faults([{"kind": "latency", "ms": 150, "count": 100000}])
        kills = kill_at_random_points(scenario, op, args, seed, attempts=3, window=(2.0, 6.0))
        srv.set_faults([])
        # Restarted until done: a run that owned all 6 partitions and left no lag. A run may
        # own only some while the killed members' sessions (6 s) have not yet expired.
        for attempt in range(3):
            final = json.loads(consume_until_drained(op, (*args[:-1], "15", "--json"),
                                                     settings.home / "delta-status.json"))
            say(scenario, f"restart {attempt + 1}: applied {final['applied']}, duplicates "
                          f"{final['duplicates']}, lag {final['lag']}")
            if len(final["lag"]) == 6 and final["lag_total"] == 0:
                break
        assert len(final["lag"]) == 6 and final["lag_total"] == 0, final
        with opened(settings) as (engine, api):
            applied = revisions(engine)
            assert sum(applied.values()) == 5, applied  # none lost
            assert all(n == 1 for n in applied.values()), applied  # none twice
            new = engine.app.record("default", "patient", "1000999")
            assert new is not None and new.state == "pushed"
            keys = [c for c in srv.snapshot()["contacts"] if not c.get("deletedTime")
                    and (c.get("customFields") or {}).get("Clinic Patient ID") == "1000999"]
            assert len(keys) == 1, "the created patient is in Nutshell exactly once"
            moved = engine.app.record("default", "patient", "1000000")
            assert moved is not None
            contact = api.get("contacts", str(moved.nutshell_id))
            assert contact is not None and "Worcester" in str(contact)
            assert contact["customFields"]["Insurance Member ID"] == "999000000"  # carried kind
            other = engine.app.record("default", "patient", "1000002")
            assert other is not None and "Quincy" in str(api.get("contacts", str(other.nutshell_id)))
        say(scenario, f"injected: {kills} SIGKILLs during `c2n delta consume` (150 ms latency "
                      f"per request); checked: 5 changes revised once each ({sorted(applied)}), "
                      f"the new patient created once, every update visible in Nutshell")
