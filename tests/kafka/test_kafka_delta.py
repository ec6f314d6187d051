"""The delta window against a real broker (Tansu): consumer groups, crashes, broker restarts.

Every wait is a loop bounded by a deadline; nothing sleeps for luck.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from adapters.bus.kafka import KafkaChangeBus, ensure_topic
from consumers.delta.loop import DeltaConsumer, DeltaStatus, PageResult
from domain.delta import Change, to_message
from domain.errors import TransientError
from tests.kafka.broker import TansuBroker

pytestmark = pytest.mark.kafka
TANSU_AUTO_PARTITIONS = 4


def changes(prefix: str, n: int) -> list[Change]:
    return [Change.make("patient", f"{prefix}{i}", "update", {"first_name": f"N{i}"}, {},
                        "export-diff", 0) for i in range(n)]


def wait_for(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")
        time.sleep(0.05)


class Member:
    """One DeltaConsumer running in a thread, recording what it applied."""

    def __init__(self, bootstrap: str, topic: str, group: str, applied: Counter[str],
                 lock: threading.Lock, fail_with: Exception | None = None,
                 partitions: int = 6) -> None:
        self.bus = KafkaChangeBus(bootstrap, topic, group_id=group, partitions=partitions)
        self.mine: list[str] = []
        self.status: DeltaStatus | None = None
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self._applied, self._lock, self._fail_with = applied, lock, fail_with
        self.loop = DeltaConsumer(self.bus, self._apply, poll_timeout_s=0.2, page_size=50,
                                  should_stop=self.stop, on_status=self._on_status)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _apply(self, page: list[Change]) -> PageResult:
        with self._lock:
            self._applied.update(c.change_id for c in page)
            self.mine.extend(c.change_id for c in page)
        if self._fail_with is not None:
            raise self._fail_with
        return PageResult(applied=len(page))

    def _on_status(self, status: DeltaStatus) -> None:
        self.status = status

    def _run(self) -> None:
        try:
            self.loop.run()
        except BaseException as exc:  # noqa: BLE001 - recorded for the test to assert on
            self.error = exc
        finally:
            self.bus.close()

    @property
    def partitions(self) -> set[int]:
        return set(self.status.lag) if self.status else set()

    def finish(self) -> None:
        self.stop.set()
        self.thread.join(timeout=15)
        assert not self.thread.is_alive()


@pytest.fixture
def publisher(tansu_broker: TansuBroker, topic_name: str) -> Iterator[KafkaChangeBus]:
    ensure_topic(tansu_broker.bootstrap, topic_name, 6)
    bus = KafkaChangeBus(tansu_broker.bootstrap, topic_name, group_id=None)
    yield bus
    bus.close()


def test_two_consumers_in_one_group_share_the_partitions(
        tansu_broker: TansuBroker, topic_name: str, publisher: KafkaChangeBus) -> None:
    applied: Counter[str] = Counter()
    lock = threading.Lock()
    group = f"g-{uuid.uuid4().hex[:8]}"
    members = [Member(tansu_broker.bootstrap, topic_name, group, applied, lock) for _ in range(2)]
    try:
        wait_for(lambda: members[0].partitions.isdisjoint(members[1].partitions)
                 and all(m.partitions for m in members)
                 and members[0].partitions | members[1].partitions == set(range(6)),
                 30, "both members to hold a share of the partitions")
        sent = changes("share", 120)
        publisher.publish([to_message(c) for c in sent])
        wait_for(lambda: sum(applied.values()) >= 120, 20, "every change applied")
    finally:
        for member in members:
            member.finish()
    assert set(applied) == {c.change_id for c in sent}
    assert max(applied.values()) == 1  # each change consumed once
    assert all(member.mine for member in members)
    assert all(m.error is None for m in members)


def test_a_member_that_dies_before_committing_hands_its_changes_to_the_next(
        tansu_broker: TansuBroker, topic_name: str, publisher: KafkaChangeBus) -> None:
    sent = changes("crash", 20)
    publisher.publish([to_message(c) for c in sent])
    group = f"g-{uuid.uuid4().hex[:8]}"
    first_seen: Counter[str] = Counter()
    crashing = Member(tansu_broker.bootstrap, topic_name, group, first_seen, threading.Lock(),
                      fail_with=RuntimeError("killed between apply and commit"))
    crashing.thread.join(timeout=30)
    assert isinstance(crashing.error, RuntimeError)
    assert first_seen  # it applied (saved) a page before dying

    again: Counter[str] = Counter()
    successor = Member(tansu_broker.bootstrap, topic_name, group, again, threading.Lock())
    try:
        wait_for(lambda: len(again) >= 20, 30, "the uncommitted changes to come back")
    finally:
        successor.finish()
    assert set(first_seen) <= set(again)
    assert set(again) == {c.change_id for c in sent}


@pytest.mark.usefixtures("tolerate_kafka_socket_leaks")
def test_the_consumer_recovers_when_the_broker_restarts_mid_window(
        private_tansu_broker: TansuBroker, topic_name: str) -> None:
    """Tansu here keeps everything in memory: a restart loses the topic, its messages and the
    group's offsets. Recovering means the consumer keeps running through the outage, rejoins
    its group, and applies what is published once the broker (and topic) are back.

    Tansu creates a topic the moment any client asks for its metadata, with 4 partitions and
    regardless of allow_auto_create_topics, so a restarted Tansu races our ensure_topic. The
    topic here has those 4 partitions, so that whichever wins, the layout is the same."""
    broker = private_tansu_broker
    ensure_topic(broker.bootstrap, topic_name, TANSU_AUTO_PARTITIONS)
    publisher = KafkaChangeBus(broker.bootstrap, topic_name, group_id=None,
                               partitions=TANSU_AUTO_PARTITIONS)
    applied: Counter[str] = Counter()
    member = Member(broker.bootstrap, topic_name, f"g-{uuid.uuid4().hex[:8]}", applied,
                    threading.Lock(), partitions=TANSU_AUTO_PARTITIONS)
    try:
        before = changes("before", 10)
        publisher.publish([to_message(c) for c in before])
        wait_for(lambda: len(applied) >= 10, 30, "the first changes applied")

        broker.restart()
        ensure_topic(broker.bootstrap, topic_name, TANSU_AUTO_PARTITIONS)
        after = changes("after", 10)
        deadline = time.monotonic() + 30
        while True:  # the producer may need a moment to notice the new broker
            try:
                publisher.publish([to_message(c) for c in after])
                break
            except TransientError:
                if time.monotonic() > deadline:
                    raise
        wait_for(lambda: {c.change_id for c in after} <= set(applied), 40,
                 "changes published after the restart to be applied")
        assert member.thread.is_alive() and member.error is None
    finally:
        member.finish()
        publisher.close()
    assert set(applied) == {c.change_id for c in before + after}


KILLED_MEMBER = """
import os, sys
from adapters.bus.kafka import KafkaChangeBus
from consumers.delta.loop import DeltaConsumer

bootstrap, topic, group, out = sys.argv[1:5]

def apply_page(page):
    with open(out, "a", encoding="utf-8") as saved:  # the events of the page are saved...
        saved.write("".join(c.change_id + "\\n" for c in page))
        saved.flush()
        os.fsync(saved.fileno())
    os._exit(9)  # ...and the process dies before the offsets are committed

bus = KafkaChangeBus(bootstrap, topic, group_id=group)
DeltaConsumer(bus, apply_page, poll_timeout_s=0.2, max_idle_s=30).run()
"""


def test_a_process_killed_between_apply_and_commit_gets_its_page_redelivered(
        tansu_broker: TansuBroker, topic_name: str, publisher: KafkaChangeBus,
        tmp_path: Path) -> None:
    sent = changes("killed", 30)
    publisher.publish([to_message(c) for c in sent])
    group = f"g-{uuid.uuid4().hex[:8]}"
    saved = tmp_path / "saved.txt"
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", KILLED_MEMBER, tansu_broker.bootstrap,
                           topic_name, group, str(saved)], check=False, cwd=root,
                          timeout=60, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert proc.returncode == 9, proc.stderr.decode(errors="replace")[-2000:]
    saved_ids = set(saved.read_text(encoding="utf-8").split())
    assert saved_ids

    # The dead member never left the group: the successor gets its partitions once the
    # session times out, from the last committed offsets (none), so the page comes back.
    again: Counter[str] = Counter()
    successor = Member(tansu_broker.bootstrap, topic_name, group, again, threading.Lock())
    try:
        wait_for(lambda: len(again) >= 30, 40, "the killed member's page to come back")
    finally:
        successor.finish()
    assert saved_ids <= set(again)
    assert set(again) == {c.change_id for c in sent}
