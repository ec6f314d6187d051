"""The ChangeBus port's contract, run against every implementation.

Group joins take a few seconds on a real broker, so every wait is a loop bounded by a deadline.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator

import pytest

from adapters.bus.kafka import KafkaChangeBus
from adapters.bus.memory import MemoryChangeBus, MemoryTopic
from domain.ports import ChangeBus, ChangeMessage
from tests.kafka.broker import TansuBroker

BusFactory = Callable[[str | None], ChangeBus]
DEADLINE_S = 20.0


def drain(bus: ChangeBus, want: int, *, max_records: int = 500,
          deadline_s: float = DEADLINE_S) -> list[ChangeMessage]:
    """Polls until `want` messages arrived or the deadline passed."""
    got: list[ChangeMessage] = []
    deadline = time.monotonic() + deadline_s
    while len(got) < want and time.monotonic() < deadline:
        got += bus.poll(max_records, 0.5)
    return got


def messages(prefix: str, n: int) -> list[ChangeMessage]:
    return [ChangeMessage(key=f"patient:{prefix}{i}", value={"n": i, "prefix": prefix})
            for i in range(n)]


class ChangeBusContract:
    """Subclasses provide `make_bus`: a factory of buses on one fresh topic."""

    @pytest.fixture
    def make_bus(self) -> Iterator[BusFactory]:
        raise NotImplementedError

    def test_published_messages_come_back_with_partition_and_offset(self, make_bus: BusFactory) -> None:
        producer, consumer = make_bus(None), make_bus("g")
        sent = messages("a", 30)
        producer.publish(sent)
        got = drain(consumer, 30)
        assert sorted(m.key for m in got) == sorted(m.key for m in sent)
        assert {m.key: m.value for m in got} == {m.key: m.value for m in sent}
        assert all(m.partition >= 0 and m.offset >= 0 for m in got)
        assert len({(m.partition, m.offset) for m in got}) == 30

    def test_one_keys_changes_stay_in_one_partition_in_order(self, make_bus: BusFactory) -> None:
        producer, consumer = make_bus(None), make_bus("g")
        producer.publish([ChangeMessage(key="appointment:42", value={"seq": i}) for i in range(20)]
                         + messages("other", 10))
        got = [m for m in drain(consumer, 30) if m.key == "appointment:42"]
        assert [m.value["seq"] for m in got] == list(range(20))
        assert len({m.partition for m in got}) == 1
        assert [m.offset for m in got] == sorted(m.offset for m in got)

    def test_only_uncommitted_messages_reach_the_next_member(self, make_bus: BusFactory) -> None:
        producer, first = make_bus(None), make_bus("g")
        producer.publish(messages("committed", 5))
        assert len(drain(first, 5)) == 5
        first.commit()
        producer.publish(messages("pending", 5))
        assert len(drain(first, 5)) == 5
        first.close()  # leaves without committing the second batch, as a crash would

        second = make_bus("g")
        again = drain(second, 5)
        assert sorted(m.key for m in again) == sorted(m.key for m in messages("pending", 5))
        assert second.poll(500, 0.5) == []

    def test_lag_counts_what_this_member_has_not_consumed(self, make_bus: BusFactory) -> None:
        producer, consumer = make_bus(None), make_bus("g")
        # One message per publish: Tansu 0.6 reports a partition's end as its last batch's
        # base offset + 1, right only when batches hold one record (see KafkaChangeBus._end).
        for message in messages("lag", 12):
            producer.publish([message])
        first = drain(consumer, 1, max_records=1)
        assert len(first) == 1
        lag = consumer.lag()
        assert sum(lag.values()) == 11
        assert all(n >= 0 for n in lag.values())
        drain(consumer, 11)
        assert sum(consumer.lag().values()) == 0


class TestMemoryChangeBus(ChangeBusContract):
    @pytest.fixture
    def make_bus(self) -> Iterator[BusFactory]:
        topic = MemoryTopic(partitions=6)
        buses: list[ChangeBus] = []

        def make(group_id: str | None) -> ChangeBus:
            buses.append(MemoryChangeBus(topic, group_id=group_id))
            return buses[-1]

        yield make
        for bus in buses:
            bus.close()


@pytest.mark.kafka
class TestKafkaChangeBus(ChangeBusContract):
    @pytest.fixture
    def make_bus(self, tansu_broker: TansuBroker) -> Iterator[BusFactory]:
        topic = f"c2n-contract-{uuid.uuid4().hex[:12]}"
        group_prefix = uuid.uuid4().hex[:8]
        buses: list[ChangeBus] = []

        def make(group_id: str | None) -> ChangeBus:
            buses.append(KafkaChangeBus(tansu_broker.bootstrap, topic,
                                        group_id=f"{group_prefix}-{group_id}" if group_id else None))
            return buses[-1]

        yield make
        for bus in buses:
            bus.close()
