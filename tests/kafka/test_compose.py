"""docker-compose.yml and the Dockerfile cannot run here (no Docker engine): their structure is
checked instead, against the settings the engine reads (design/operator-interface.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ("C2N_DATABASE_URL", "C2N_KAFKA_BOOTSTRAP", "C2N_NUTSHELL_URL", "C2N_NUTSHELL_USER",
            "C2N_NUTSHELL_API_KEY")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_three_services_postgres_16_kafka_in_kraft_mode_and_the_consumer(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"postgres", "kafka", "consumer"}
    assert services["postgres"]["image"].startswith("postgres:16")
    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    env = kafka["environment"]
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "KAFKA_ZOOKEEPER_CONNECT" not in env
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"].startswith(f"{env['KAFKA_NODE_ID']}@kafka:")


def test_the_consumer_runs_delta_consume_with_the_engines_settings(compose: dict[str, Any]) -> None:
    consumer = compose["services"]["consumer"]
    assert consumer["build"] == "."
    assert consumer["command"] == ["delta", "consume"]
    env = consumer["environment"]
    assert set(SETTINGS) <= set(env)
    assert all(name.startswith("C2N_") for name in env)
    # wired to the other two services, by their names inside the compose network
    kafka_listener = compose["services"]["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    assert f"PLAINTEXT://{env['C2N_KAFKA_BOOTSTRAP']}" == kafka_listener
    assert re.match(r"postgresql://c2n:[^@]+@postgres:5432/c2n$", env["C2N_DATABASE_URL"].replace(
        "${C2N_DB_PASSWORD:-c2n}", "pw"))
    # Nutshell credentials come from the user's environment, never from the file
    assert env["C2N_NUTSHELL_USER"].startswith("${C2N_NUTSHELL_USER")
    assert env["C2N_NUTSHELL_API_KEY"].startswith("${C2N_NUTSHELL_API_KEY")
    assert set(consumer["depends_on"]) == {"postgres", "kafka"}
    assert all(dep["condition"] == "service_healthy" for dep in consumer["depends_on"].values())
    assert consumer["stop_signal"] == "SIGTERM"


def test_the_settings_are_the_ones_the_engine_reads() -> None:
    bootstrap = (ROOT / "consumers" / "bootstrap.py").read_text(encoding="utf-8")
    for name in SETTINGS:
        assert f'"{name}"' in bootstrap, name


def test_the_dockerfile_installs_the_packages_and_runs_c2n() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = re.findall(r"^COPY (\S+) ", dockerfile, flags=re.MULTILINE)
    for package in ("domain", "projections", "adapters", "consumers"):
        assert package in copied and (ROOT / package / "__init__.py").exists()
    assert re.search(r'^ENTRYPOINT \["c2n"\]$', dockerfile, flags=re.MULTILINE)
    assert re.search(r"^STOPSIGNAL SIGTERM$", dockerfile, flags=re.MULTILINE)
