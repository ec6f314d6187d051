"""Broker fixtures for these tests: `tansu_broker` (one per session), `private_tansu_broker`
(one per test, free to restart), `topic_name` (a fresh topic) and
`tolerate_kafka_socket_leaks`. They live in tests/kafka/fixtures.py, with the launcher in
tests/kafka/broker.py, and tests/conftest.py offers them to every test directory; they are not
re-exported here, so a session starts one shared broker, not one per directory."""
