"""The Kafka broker restarted while `c2n delta consume` runs: changes published after the
restart are all applied by the same consumer process, each once. (Tansu keeps its log in
memory, so what was published before a restart is gone; the scenario publishes after.)"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.faults.checks import say
from tests.faults.harness import opened, operator, served
from tests.integration.migrate import Premigrated
from tests.integration.test_delta import newer_export, publish, revisions
from tests.kafka.drained import terminate_when_drained

pytestmark = [pytest.mark.faults, pytest.mark.kafka,
              pytest.mark.usefixtures("tolerate_kafka_socket_leaks")]


def test_a_consumer_process_rides_out_a_broker_restart(tmp_path: Path,
                                                       private_tansu_broker: Any,
                                                       topic_name: str,
                                                       premigrated: Premigrated) -> None:
    scenario = "kafka-broker-restart"
    broker = private_tansu_broker
    premigrated.into(tmp_path)
    with served(tmp_path) as (srv, settings):
        op = operator(settings, tmp_path, C2N_KAFKA_BOOTSTRAP=broker.bootstrap)
        status_file = settings.home / "delta-status.json"
        since = time.time()
        proc = subprocess.Popen(op.argv("delta", "consume", "--topic", topic_name, "--group",
                                        "g-restart", "--max-idle", "25", "--json"),
                                env=op.env, cwd=op.cwd, text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 30
            while not status_file.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            assert status_file.exists(), "the consumer never reported itself polling"
            broker.restart()
            with opened(settings) as (engine, api):
                ops = publish(engine, broker.bootstrap, topic_name, newer_export(tmp_path))
            # the five received and nothing left: stopped then, not after 25 s idle
            terminate_when_drained(proc, status_file, since=since, expected=5)
            out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        say(scenario, f"injected: broker restarted while `c2n delta consume` polled; then "
                      f"published {dict(ops)}; the consumer exited {proc.returncode}")
        assert proc.returncode == 0, err[-2000:]
        result = json.loads(out)
        with opened(settings) as (engine, api):
            applied = revisions(engine)
        say(scenario, f"checked: consumer applied {result['applied']}, revisions {dict(applied)}")
        assert result["applied"] == 5
        assert sum(applied.values()) == 5 and all(n == 1 for n in applied.values()), applied
