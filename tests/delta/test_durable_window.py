"""The delta window on a broker that keeps its state: changes published before a broker restart
are applied after it, by `c2n delta consume` processes that are SIGKILLed mid-window; two
processes in one group share the partitions and a survivor takes over a killed member's.
Afterwards every change is applied exactly once (one revision per record, the values in the
sandbox)."""

from __future__ import annotations

import csv
import json
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from kafka import KafkaAdminClient

from adapters.bus.kafka import ensure_topic
from adapters.nutshell_sandbox import FaultSpec
from adapters.samples import sample_path
from tests.faults.checks import say
from tests.faults.harness import opened, operator, served
from tests.integration.migrate import Premigrated
from tests.integration.test_delta import edit, publish, revisions
from tests.kafka.drained import terminate_when_drained

pytestmark = [pytest.mark.faults, pytest.mark.kafka, pytest.mark.slow,
              pytest.mark.usefixtures("tolerate_kafka_socket_leaks")]


def every_city_changed(tmp_path: Path, engine: Any) -> tuple[Path, dict[str, str]]:
    """The export a day later with the city of every patient in Nutshell changed: one update
    per patient."""
    target = tmp_path / "newer"
    shutil.copytree(sample_path("cliniko"), target)
    pushed = {s for _, s, state in engine.store.records_in_state("patient") if state == "pushed"}
    with (target / "patients.csv").open(newline="", encoding="utf-8") as f:
        ids = [row["ID"] for row in csv.DictReader(f) if row["ID"] in pushed]
    cities = {pid: f"Town{n:03d}" for n, pid in enumerate(ids)}
    edit(target / "patients.csv", "ID", {pid: {"City": city} for pid, city in cities.items()})
    return target, cities


def wait_for(what: str, check: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def committed(bootstrap: str, group: str) -> int:
    """How many messages the group has committed, over all partitions."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10000)
    try:
        offsets = admin.list_group_offsets(group).get(group, {})
    finally:
        admin.close()
    return sum(o.offset for o in offsets.values() if o.offset >= 0)


class Members:
    """Which partitions each `c2n delta consume` process holds, as their status file says
    (the processes share one HOME and take turns writing it; Tansu does not answer
    DescribeGroups in a form kafka-python reads)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict[str, set[int]] = {}

    def look(self) -> dict[str, set[int]]:
        try:
            status = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return self.seen  # not written yet, or caught mid-write
        if status.get("lag"):
            self.seen[status["member"]] = {int(p) for p in status["lag"]}
        return self.seen


def cities_in_sandbox(engine: Any, api: Any, ids: list[str]) -> dict[str, str]:
    found = {}
    for pid in ids:
        record = engine.app.record("default", "patient", pid)
        contact = api.get("contacts", record.nutshell_id) if record and record.nutshell_id else None
        text = orjson.dumps(contact).decode() if contact else ""
        found[pid] = next((c for c in (f"Town{n:03d}" for n in range(len(ids))) if c in text), "")
    return found


def test_a_broker_restart_and_a_killed_consumer_lose_and_repeat_nothing(
        tmp_path: Path, durable_tansu_broker: Any, topic_name: str,
        premigrated: Premigrated) -> None:
    scenario = "durable-broker-restart"
    broker, group = durable_tansu_broker, "g-durable"
    premigrated.into(tmp_path)
    with served(tmp_path) as (srv, settings):
        with opened(settings) as (engine, api):
            export, cities = every_city_changed(tmp_path, engine)
            ops = publish(engine, broker.bootstrap, topic_name, export)
        assert ops == {"update": len(cities)}
        op = operator(settings, tmp_path, C2N_KAFKA_BOOTSTRAP=broker.bootstrap)
        argv = op.argv("delta", "consume", "--topic", topic_name, "--group", group,
                       "--max-idle", "8", "--json")
        # The fifth PATCH hangs: the consumer is killed with four changes sent and a fifth
        # saved as requested but unanswered; nothing of the page is committed yet.
        hang = FaultSpec("latency", ms=4000, count=1, match="PATCH")
        srv.set_faults([FaultSpec("latency", ms=1, count=4, match="PATCH"), hang])
        first = subprocess.Popen(argv, env=op.env, cwd=op.cwd, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            wait_for("the fifth PATCH", lambda: hang.remaining == 0 or first.poll() is not None,
                     60)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        before_restart = committed(broker.bootstrap, group)
        say(scenario, f"injected: consumer SIGKILLed during its fifth PATCH; committed offsets "
                      f"{before_restart} of {len(cities)}; broker restarted")
        assert before_restart < len(cities), "the kill did not land mid-window"
        broker.restart()
        assert committed(broker.bootstrap, group) == before_restart  # offsets kept
        since = time.time()
        second = subprocess.Popen(argv, env=op.env, cwd=op.cwd, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        try:
            # stopped once everything after the committed offsets came and nothing is left,
            # not after 8 s idle
            terminate_when_drained(second, settings.home / "delta-status.json", since=since,
                                   expected=len(cities) - before_restart, partitions=6)
            out, err = second.communicate(timeout=120)
        finally:
            if second.poll() is None:
                second.kill()
                second.communicate(timeout=10)
        assert second.returncode == 0, err[-2000:]
        result = json.loads(out)
        # everything after the committed offsets came again: none of it was lost in the restart
        assert result["received"] == len(cities) - before_restart
        with opened(settings) as (engine, api):
            applied = revisions(engine)
            found = cities_in_sandbox(engine, api, sorted(cities))
        say(scenario, f"checked: {sum(applied.values())} revisions over {len(applied)} records; "
                      f"second consumer received {result['received']}")
        assert len(applied) == len(cities) and set(applied.values()) == {1}, applied
        assert found == cities


def test_a_killed_group_member_hands_its_partitions_to_the_other(
        tmp_path: Path, durable_tansu_broker: Any, topic_name: str,
        premigrated: Premigrated) -> None:
    scenario = "group-member-killed"
    broker, group = durable_tansu_broker, "g-pair"
    premigrated.into(tmp_path)
    with served(tmp_path) as (srv, settings):
        with opened(settings) as (engine, api):
            export, cities = every_city_changed(tmp_path, engine)
        op = operator(settings, tmp_path, C2N_KAFKA_BOOTSTRAP=broker.bootstrap)
        argv = op.argv("delta", "consume", "--topic", topic_name, "--group", group,
                       "--max-idle", "30", "--json")
        ensure_topic(broker.bootstrap, topic_name, 6)
        procs = [subprocess.Popen(argv, env=op.env, cwd=op.cwd, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        try:
            members = Members(settings.home / "delta-status.json")
            # Tansu's group join can take a minute when the machine is busy; the bound only
            # stops a hang (seen once at 60 s in a full CI run)
            wait_for("both members assigned", lambda: len(members.look()) == 2
                     or any(proc.poll() is not None for proc in procs), 150)
            for proc in procs:  # a member that died is reported with its error, not waited on
                assert proc.poll() is None, proc.communicate(timeout=10)[1][-2000:]
            assert all(0 < len(held) < 6 for held in members.seen.values()), members.seen
            # Slow PATCHes so the window is still open when a member dies.
            pace = FaultSpec("latency", ms=300, count=10_000, match="PATCH")
            srv.set_faults([pace])
            with opened(settings) as (engine, api):
                publish(engine, broker.bootstrap, topic_name, export)
            wait_for("a few changes applied", lambda: pace.count - pace.remaining >= 4, 60)
            procs[0].send_signal(signal.SIGKILL)
            procs[0].communicate(timeout=10)  # reaped, its pipes closed
            at_kill = pace.count - pace.remaining  # one PATCH per change here
            assert at_kill < len(cities), "the kill did not land mid-window"
            members.seen.clear()
            # the survivor, alone, takes over the dead member's partitions: all six
            wait_for("the survivor holding every partition", lambda: any(
                len(held) == 6 for held in members.look().values()), 60)
            [survivor_id] = [m for m, held in members.seen.items() if len(held) == 6]
            # stopped once it holds all six with nothing left, not after 30 s idle
            terminate_when_drained(procs[1], members.path, since=0.0, partitions=6,
                                   member=survivor_id, timeout=150)
            out, err = procs[1].communicate(timeout=150)
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                proc.communicate(timeout=10)
        assert procs[1].returncode == 0, err[-2000:]
        survivor = json.loads(out)
        with opened(settings) as (engine, api):
            applied = revisions(engine)
            found = cities_in_sandbox(engine, api, sorted(cities))
        say(scenario, f"injected: one of two members SIGKILLed after {at_kill} "
                      f"PATCHes; the survivor applied {survivor['applied']}, "
                      f"duplicates {survivor['duplicates']}")
        assert len(applied) == len(cities) and set(applied.values()) == {1}, applied
        assert found == cities
