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


LONE = """
import sys
from consumers.cli import build_parser
argv = ["--home", "somewhere", "status", "--json"]
build_parser(argv).parse_args(argv)
print(sorted(m for m in sys.modules if m.startswith("consumers.cli.")))
"""


def test_a_command_line_imports_only_the_module_of_its_command() -> None:
    done = subprocess.run([sys.executable, "-c", LONE], cwd=ROOT, text=True,
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['consumers.cli.common', 'consumers.cli.status']"


def test_the_table_of_commands_is_what_the_modules_register() -> None:
    import argparse
    import importlib

    from consumers.cli import COMMAND_MODULES, COMMANDS, build_parser

    assert tuple(COMMANDS) == COMMAND_MODULES
    for name in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(name).register(sub)
        assert tuple(sub.choices) == COMMANDS[name], name
    # a command named on the line: the same commands, in the same order, in the usage line
    full, lone = build_parser(), build_parser(["run"])
    assert full.format_usage() == lone.format_usage()
    assert lone.parse_args(["run", "--retry-failed"]).retry_failed is True
    assert build_parser(["--home", "x", "audit"]).parse_args(
        ["--home", "x", "audit"]).command == "audit"
