"""Fixtures for tests against a real Kafka-compatible broker: `tansu_broker` (one per session),
`private_tansu_broker` (one per test, free to restart) and `topic_name` (a fresh topic)."""

from tests.kafka.fixtures import (
    private_tansu_broker,
    tansu_broker,
    tolerate_kafka_socket_leaks,
    topic_name,
)

__all__ = ["private_tansu_broker", "tansu_broker", "tolerate_kafka_socket_leaks", "topic_name"]
