"""Kafka broker fixtures, importable by any test module (conftest.py re-exports them)."""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.kafka.broker import PORTS, BrokerUnavailable, TansuBroker, start_broker
from tests.services import require_service


def _unavailable(reason: str) -> None:
    require_service(f"Kafka broker unavailable: {reason}")


def _launch(log_dir: Path) -> TansuBroker:
    try:
        return start_broker(log_dir=log_dir)
    except BrokerUnavailable as exc:
        _unavailable(str(exc))
        raise  # unreachable: skip/fail raise


@pytest.fixture(scope="session")
def tansu_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TansuBroker]:
    """One broker for the session. Tests that restart it must use `private_tansu_broker`:
    a restart empties its in-memory storage."""
    broker = _launch(tmp_path_factory.mktemp("tansu"))
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def private_tansu_broker(tmp_path: Path) -> Iterator[TansuBroker]:
    """A broker of the test's own, free to be restarted."""
    broker = _launch(tmp_path)
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def topic_name() -> str:
    return f"c2n-test-{uuid.uuid4().hex[:12]}"


def _to_a_broker(text: str) -> bool:
    found = re.search(r"raddr=\('127\.0\.0\.1', (\d+)\)", text)
    return found is not None and int(found.group(1)) in PORTS


@pytest.fixture(scope="session")
def tolerate_kafka_socket_leaks() -> None:
    """kafka-python 3.0.12 drops, without closing, a socket whose connect was refused, which
    happens while a broker restarts or is unreachable. Such sockets were never connected (local
    address 0.0.0.0). It also drops, now and then, a connected socket to a broker that was
    stopped or restarted under it (its remote address a port a test broker listened on). Their ResourceWarning is dropped for the rest of the
    session, whenever the collector gets to them (often only after the last test); any other
    unraisable exception, a socket to anything else included, still reaches pytest."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        exc = unraisable.exc_value
        text = str(exc)
        if isinstance(exc, ResourceWarning) and "unclosed <socket.socket" in text and (
                "laddr=('0.0.0.0'" in text or _to_a_broker(text)):
            return
        previous(unraisable)

    # Not restored at teardown on purpose: pytest reinstates its own hook when it unconfigures.
    sys.unraisablehook = hook
