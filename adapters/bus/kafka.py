"""The change bus on a Kafka topic (kafka-python).

Keys are "<kind>:<source_id>", so one record's changes land in one partition, in order. Values
are orjson documents. Offsets are committed by hand, and only for what `poll` returned: the
delta consumer commits after the events of a page are saved, so a crash in between redelivers.

Kafka exceptions never leave this module: they become TransientError (the broker may come back)
or TerminalError. Log lines and error messages carry topics, partitions, offsets and exception
class names, never message keys or values (they identify patients).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import orjson
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka import errors as kerr
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from kafka.structs import OffsetAndMetadata

from domain.errors import PreconditionFailed, TerminalError, TransientError
from domain.ports import ChangeBus, ChangeMessage

log = logging.getLogger(__name__)

# Broker-side problems that go away on their own: unreachable broker, elections, rebalances.
_TRANSIENT: tuple[type[BaseException], ...] = (
    kerr.RetriableError, kerr.KafkaConnectionError,
    kerr.CommitFailedError, kerr.RebalanceInProgressError, kerr.IllegalGenerationError,
    kerr.UnknownMemberIdError, kerr.BrokerNotAvailableError, kerr.UnknownTopicOrPartitionError,
    kerr.OutOfOrderSequenceNumberError, kerr.UnknownProducerIdError,
)


@contextmanager
def _translated(action: str, topic: str) -> Iterator[None]:
    try:
        yield
    except (TransientError, TerminalError):
        raise
    except _TRANSIENT as exc:
        raise TransientError(f"kafka {action} on topic {topic}: {type(exc).__name__}") from exc
    except kerr.KafkaError as exc:
        raise TerminalError(f"kafka {action} on topic {topic}: {type(exc).__name__}") from exc
    except (OSError, KeyError) as exc:
        # KeyError: kafka-python 3.0.12 trips over partitions that vanished mid-request (a topic
        # lost by a restarting broker); asking again later works.
        raise TransientError(f"kafka {action} on topic {topic}: {type(exc).__name__}") from exc


def ensure_topic(bootstrap: str, topic: str, partitions: int, *, timeout_s: float = 15.0) -> None:
    """Creates the topic when missing and waits until its partitions are visible."""
    with _translated("create topic", topic):
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="c2n-admin",
                                 request_timeout_ms=int(timeout_s * 1000),
                                 bootstrap_timeout_ms=int(timeout_s * 1000))
        try:
            if topic in admin.list_topics():
                found = admin.describe_topics([topic])
                have = len(found[0].get("partitions", [])) if found else 0
                if have < partitions:
                    log.warning("topic %s has %d partitions, fewer than the %d asked for",
                                topic, have, partitions)
            else:
                try:
                    admin.create_topics(
                        {topic: {"num_partitions": partitions, "replication_factor": 1}},
                        timeout_ms=int(timeout_s * 1000))
                except kerr.TopicAlreadyExistsError:
                    pass  # another process created it first
            deadline = time.monotonic() + timeout_s
            while True:
                found = admin.describe_topics([topic])
                parts = found[0].get("partitions", []) if found else []
                if parts and all(p.get("leader_id", -1) >= 0 for p in parts):
                    return
                if time.monotonic() > deadline:
                    raise TransientError(f"topic {topic} has no leaders after {timeout_s}s")
                time.sleep(0.1)
        finally:
            admin.close()


class _ForgetRevoked(ConsumerRebalanceListener):
    """Offsets of a revoked partition are not ours to commit any more: the new owner starts
    from the last committed offset and may see those messages again, which is harmless."""

    def __init__(self, bus: KafkaChangeBus) -> None:
        self._bus = bus

    def on_partitions_revoked(self, revoked: Any) -> None:
        for tp in revoked:
            self._bus._pending.pop(tp, None)
            self._bus._consumed.pop(tp, None)

    def on_partitions_assigned(self, assigned: Any) -> None:
        self._bus.assigned_at = time.monotonic()
        log.info("assigned partitions %s", sorted(tp.partition for tp in assigned))


class KafkaChangeBus(ChangeBus):
    def __init__(self, bootstrap: str, topic: str, *, group_id: str | None,
                 client_id: str = "c2n", partitions: int = 6, session_timeout_ms: int = 6000,
                 heartbeat_interval_ms: int = 1000, request_timeout_ms: int = 10000,
                 max_poll_interval_ms: int = 300_000, linger_ms: int = 5,
                 auto_create_topic: bool = True) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.group_id = group_id
        self.client_id = client_id
        self.partitions = partitions
        self._session_timeout_ms = session_timeout_ms
        self._heartbeat_interval_ms = heartbeat_interval_ms
        self._request_timeout_ms = request_timeout_ms
        self._max_poll_interval_ms = max_poll_interval_ms
        self._linger_ms = linger_ms
        self._auto_create = auto_create_topic
        self._producer: KafkaProducer | None = None
        self._consumer: KafkaConsumer | None = None
        self._pending: dict[TopicPartition, int] = {}  # next offset to commit, per partition
        self._consumed: dict[TopicPartition, int] = {}  # next offset after what poll returned
        self._topic_checked = False
        self.assigned_at = 0.0  # monotonic time of the last partition assignment
        self._topic_id: object = None  # the topic's id when this consumer joined (KIP-516)
        self._last_lag: dict[int, int] = {}

    # --- producing ------------------------------------------------------------------------

    def publish(self, messages: Sequence[ChangeMessage]) -> None:
        if not messages:
            return
        self._ensure_topic_once()
        try:
            with _translated("publish", self.topic):
                self._send(messages)
        except (TransientError, TerminalError):
            # A producer that lost its broker can be left in a fatal state (its producer id
            # unknown to a restarted broker), and the topic itself may be what was lost (a
            # broker without durable storage). Start over once, with the topic ensured and a
            # fresh producer: a message sent twice is harmless, its change id makes the second
            # copy a duplicate.
            self._drop_producer()
            self._topic_checked = False
            self._ensure_topic_once()
            with _translated("publish", self.topic):
                self._send(messages)

    def _send(self, messages: Sequence[ChangeMessage]) -> None:
        producer = self._producer_client()
        futures = [producer.send(self.topic, key=m.key.encode("utf-8"),
                                 value=orjson.dumps(m.value)) for m in messages]
        producer.flush(timeout=self._request_timeout_ms / 1000 * 3)
        for future in futures:
            # flush() returning means every future is done; get() raises its error, if any
            future.get(timeout=0)

    def _drop_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                producer.close(timeout=5)
            except Exception as exc:  # noqa: BLE001 - it is being thrown away
                log.warning("discarding producer for %s: %s", self.topic, type(exc).__name__)

    def _producer_client(self) -> KafkaProducer:
        if self._producer is None:
            with _translated("connect producer", self.topic):
                self._producer = KafkaProducer(
                    bootstrap_servers=self.bootstrap, client_id=self.client_id, acks="all",
                    linger_ms=self._linger_ms, request_timeout_ms=self._request_timeout_ms,
                    bootstrap_timeout_ms=self._request_timeout_ms,
                    max_block_ms=self._request_timeout_ms, allow_auto_create_topics=False)
        return self._producer

    # --- consuming ------------------------------------------------------------------------

    def poll(self, max_records: int, timeout_s: float) -> list[ChangeMessage]:
        consumer = self._consumer_client()
        if self._topic_recreated(consumer):
            self._restart_positions(consumer)
        with _translated("poll", self.topic):
            batches = consumer.poll(timeout_ms=int(timeout_s * 1000), max_records=max_records)
        out: list[ChangeMessage] = []
        for tp, records in batches.items():
            for record in records:
                out.append(ChangeMessage(key=_text(record.key), value=_decode(record.value),
                                         partition=record.partition, offset=record.offset))
                self._pending[tp] = max(self._pending.get(tp, 0), record.offset + 1)
                self._consumed[tp] = max(self._consumed.get(tp, 0), record.offset + 1)
        return out

    def commit(self) -> None:
        if not self._pending or self._consumer is None:
            return
        offsets = {tp: OffsetAndMetadata(offset, "", -1) for tp, offset in self._pending.items()}
        with _translated("commit", self.topic):
            self._consumer.commit(offsets=offsets)
        for tp, offset in offsets.items():
            if self._pending.get(tp) == offset.offset:
                del self._pending[tp]

    def lag(self) -> dict[int, int]:
        consumer = self._consumer_client()
        if not _stable(consumer):
            # Mid-rebalance, the group's offsets are not ours to ask for: with kafka-python
            # 3.0.12 an offset fetch then can swallow the join's completion, and the member
            # rejoins over and over, keeping its old partitions (a dead peer's never come).
            return dict(self._last_lag)
        with _translated("lag", self.topic):
            assigned = list(consumer.assignment())
            if not assigned:
                return {}
            ends = consumer.end_offsets(assigned)
            # The consumer's own position runs ahead of what poll handed out (it prefetches),
            # so "consumed" is what poll returned, else the group's committed offset.
            unknown = [tp for tp in assigned if tp not in self._consumed]
            starts = consumer.beginning_offsets(unknown) if unknown else {}
            lag: dict[int, int] = {}
            for tp in assigned:
                consumed = self._consumed.get(tp)
                if consumed is None:
                    committed = consumer.committed(tp)
                    consumed = committed if committed is not None else int(starts.get(tp, 0))
                lag[tp.partition] = max(0, self._end(consumer, tp, ends) - consumed)
        self._last_lag = lag
        return lag

    @staticmethod
    def _end(consumer: KafkaConsumer, tp: TopicPartition, ends: dict[TopicPartition, int]) -> int:
        """The partition's end: the high watermark of the last fetch, or ListOffsets.

        Tansu 0.6 answers ListOffsets(latest) with the last batch's base offset + 1, short of
        the real end whenever a batch holds several records; its fetch responses carry the
        right high watermark. The larger of the two is right on Tansu and on Kafka."""
        highwater = consumer.highwater(tp)
        return max(int(ends.get(tp, 0)), int(highwater) if highwater is not None else 0)

    def _consumer_client(self) -> KafkaConsumer:
        if self.group_id is None:
            raise PreconditionFailed("this change bus was opened without a consumer group")
        if self._consumer is None:
            self._ensure_topic_once()
            with _translated("connect consumer", self.topic):
                consumer = KafkaConsumer(
                    bootstrap_servers=self.bootstrap, group_id=self.group_id,
                    client_id=self.client_id, enable_auto_commit=False,
                    # the topic is made by ensure_topic with its partition count, never by a
                    # metadata request (Tansu would create it with 4 partitions)
                    allow_auto_create_topics=False,
                    auto_offset_reset="earliest", session_timeout_ms=self._session_timeout_ms,
                    heartbeat_interval_ms=self._heartbeat_interval_ms,
                    max_poll_interval_ms=self._max_poll_interval_ms,
                    request_timeout_ms=max(self._request_timeout_ms,
                                           self._session_timeout_ms + 1000),
                    bootstrap_timeout_ms=self._request_timeout_ms)
                consumer.subscribe([self.topic], listener=_ForgetRevoked(self))
            self._consumer = consumer
        return self._consumer

    def _topic_recreated(self, consumer: KafkaConsumer) -> bool:
        cluster = getattr(getattr(consumer, "_client", None), "cluster", None)
        current = cluster.topic_id(self.topic) if cluster is not None else None
        if current is None:
            return False
        if self._topic_id is None:
            self._topic_id = current
        return bool(current != self._topic_id)

    def _restart_positions(self, consumer: KafkaConsumer) -> None:
        """The broker lost the topic (a restart of a broker without durable storage, or a delete
        and re-create): offsets in the old log mean nothing in the new one, yet kafka-python
        keeps fetching from them while its assignment stands. Start again from the group's
        committed offsets, or the beginning. (A consumer that is rejoining meanwhile gets its
        positions from the new assignment, which kafka-python resets itself.)"""
        log.warning("topic %s was re-created; consuming it from the group's committed offsets",
                    self.topic)
        self._pending.clear()
        self._consumed.clear()
        self._topic_id = None
        with _translated("reset positions", self.topic):
            for tp in consumer.assignment():
                committed = consumer.committed(tp)
                if committed is None:
                    consumer.seek_to_beginning(tp)
                else:
                    consumer.seek(tp, committed)

    def _drop_consumer(self) -> None:
        consumer, self._consumer = self._consumer, None
        self._pending.clear()
        self._consumed.clear()
        self._topic_id = None
        if consumer is not None:
            try:
                consumer.close(autocommit=False, timeout_ms=5000)
            except Exception as exc:  # noqa: BLE001 - it is being thrown away
                log.warning("closing consumer for %s: %s", self.topic, type(exc).__name__)

    def _ensure_topic_once(self) -> None:
        if self._auto_create and not self._topic_checked:
            ensure_topic(self.bootstrap, self.topic, self.partitions,
                         timeout_s=self._request_timeout_ms / 1000)
            self._topic_checked = True

    def close(self) -> None:
        # Never raises: it runs on the way out, often after a broker failure.
        self._drop_producer()
        self._drop_consumer()


def _stable(consumer: KafkaConsumer) -> bool:
    """Whether the consumer's group membership is settled (not joining or rebalancing)."""
    coordinator = getattr(consumer, "_coordinator", None)
    stable = getattr(coordinator, "stable", None)
    return bool(stable()) if callable(stable) else True


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8") if raw is not None else ""


def _decode(raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        return {}  # a tombstone: nothing to apply
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        # Handed on rather than raised: one bad message must not stop the window. The consume
        # loop counts it as an error and commits past it.
        return {"_undecodable": "value is not a JSON object"}
    return value
