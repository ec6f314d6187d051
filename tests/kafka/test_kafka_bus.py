"""KafkaChangeBus details beyond the port's contract: error translation and bad messages."""

from __future__ import annotations

import time

import pytest
from kafka import KafkaProducer

from adapters.bus.kafka import KafkaChangeBus, ensure_topic
from domain.delta import InvalidChange, from_message
from domain.errors import PreconditionFailed, TransientError
from domain.ports import ChangeMessage
from tests.kafka.broker import TansuBroker, free_port

pytestmark = pytest.mark.kafka


@pytest.mark.usefixtures("tolerate_kafka_socket_leaks")
def test_an_unreachable_broker_is_a_transient_error() -> None:
    bus = KafkaChangeBus(f"127.0.0.1:{free_port()}", "nowhere", group_id=None,
                         request_timeout_ms=1000)
    started = time.monotonic()
    with pytest.raises(TransientError) as caught:
        bus.publish([ChangeMessage(key="patient:P1", value={"secret": "Ada Byron"})])
    bus.close()
    assert time.monotonic() - started < 30
    assert "Ada" not in str(caught.value)  # never a message value in an error


def test_a_producer_only_bus_cannot_poll(tansu_broker: TansuBroker, topic_name: str) -> None:
    bus = KafkaChangeBus(tansu_broker.bootstrap, topic_name, group_id=None)
    with pytest.raises(PreconditionFailed):
        bus.poll(10, 0.1)
    bus.close()


def test_a_message_that_is_not_json_is_handed_on_as_undecodable(
        tansu_broker: TansuBroker, topic_name: str) -> None:
    ensure_topic(tansu_broker.bootstrap, topic_name, 6)
    raw = KafkaProducer(bootstrap_servers=tansu_broker.bootstrap)
    raw.send(topic_name, key=b"patient:P1", value=b"\xff not json")
    raw.flush()
    raw.close()
    bus = KafkaChangeBus(tansu_broker.bootstrap, topic_name, group_id="g")
    try:
        got: list[ChangeMessage] = []
        deadline = time.monotonic() + 20
        while not got and time.monotonic() < deadline:
            got = bus.poll(10, 0.5)
    finally:
        bus.close()
    assert len(got) == 1 and got[0].key == "patient:P1"
    with pytest.raises(InvalidChange):
        from_message(got[0])
