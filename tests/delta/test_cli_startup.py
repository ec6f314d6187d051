"""`c2n` imports the Kafka client only for a command that talks to the broker: every other
command (and every `c2n` process the tests start) is spared kafka-python's import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from consumers.cli import build_parser
build_parser().parse_args(["status"])
print(sorted(m for m in sys.modules if m == "kafka" or m.startswith(("kafka.", "adapters.bus.kafka"))))
"""


def test_building_the_command_line_imports_no_kafka_client() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, text=True,
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_delta_commands_still_reach_the_kafka_client() -> None:
    from consumers.cli import delta

    bus = delta._change_bus("127.0.0.1:9", "c2n-startup-probe", group_id=None)
    try:
        assert type(bus).__module__ == "adapters.bus.kafka"
    finally:
        bus.close()
