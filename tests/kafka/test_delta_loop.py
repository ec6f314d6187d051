"""The delta consume loop over the in-process bus (no broker): apply-then-commit, duplicates,
crashes, retries and every way the window closes."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from adapters.bus.memory import MemoryChangeBus, MemoryTopic
from consumers.delta.loop import DeltaConsumer, DeltaStatus, PageResult
from domain.delta import Change, to_message
from domain.errors import TransientError
from domain.ports import ChangeMessage

ApplyPage = Callable[[list[Change]], PageResult]


def change(n: int, name: str = "Ada") -> Change:
    return Change.make("patient", f"P{n}", "update", {"first_name": f"{name}{n}"}, {},
                       "export-diff", 0)


class Recorder:
    """An apply_page that keeps what it was given, page by page."""

    def __init__(self) -> None:
        self.pages: list[list[Change]] = []

    def __call__(self, page: list[Change]) -> PageResult:
        self.pages.append(page)
        return PageResult(applied=len(page))

    @property
    def ids(self) -> list[str]:
        return [c.change_id for page in self.pages for c in page]


@pytest.fixture
def topic() -> MemoryTopic:
    return MemoryTopic(partitions=3)


def publish(topic: MemoryTopic, changes: list[Change]) -> None:
    MemoryChangeBus(topic).publish([to_message(c) for c in changes])


def consumer(topic: MemoryTopic, apply_page: ApplyPage, **kw: Any) -> DeltaConsumer:
    kw.setdefault("poll_timeout_s", 0.05)
    kw.setdefault("max_idle_s", 0.3)
    return DeltaConsumer(MemoryChangeBus(topic, group_id="delta"), apply_page, **kw)


def run_once(topic: MemoryTopic, apply_page: ApplyPage, **kw: Any) -> DeltaStatus:
    """One group member's whole life: run, then leave the group."""
    loop = consumer(topic, apply_page, **kw)
    try:
        return loop.run()
    finally:
        loop.bus.close()


def test_every_change_is_applied_then_committed(topic: MemoryTopic) -> None:
    changes = [change(i) for i in range(25)]
    publish(topic, changes)
    rec = Recorder()
    status = run_once(topic, rec, page_size=10)
    assert sorted(rec.ids) == sorted(c.change_id for c in changes)
    assert all(len(page) <= 10 for page in rec.pages)
    assert (status.applied, status.received, status.errors) == (25, 25, 0)
    assert status.stopped_because == "no message for 0.3s"
    assert sum(status.lag.values()) == 0
    # committed: the next member of the group finds nothing left
    again = Recorder()
    run_once(topic, again)
    assert again.pages == []


def test_duplicates_never_reach_apply_page_twice(topic: MemoryTopic) -> None:
    dup = change(1)
    publish(topic, [dup, dup, change(2)])
    rec = Recorder()
    loop = consumer(topic, rec)
    status = loop.run()
    assert sorted(rec.ids) == sorted([dup.change_id, change(2).change_id])
    assert status.duplicates == 1
    # a redelivery to the same process is recognised too
    publish(topic, [dup])
    loop.should_stop.clear()
    status = loop.run()
    assert rec.ids.count(dup.change_id) == 1
    assert status.duplicates == 2


def test_a_crash_between_apply_and_commit_redelivers_the_page(topic: MemoryTopic) -> None:
    changes = [change(i) for i in range(6)]
    publish(topic, changes)
    applied: list[str] = []

    def apply_then_crash(page: list[Change]) -> PageResult:
        applied.extend(c.change_id for c in page)  # the events are saved...
        raise RuntimeError("killed before the commit")  # ...and the process dies

    crashed = consumer(topic, apply_then_crash, page_size=100)
    with pytest.raises(RuntimeError):
        crashed.run()
    crashed.bus.close()
    assert len(applied) == 6

    rec = Recorder()
    run_once(topic, rec)
    assert sorted(rec.ids) == sorted(applied)


def test_a_transient_apply_failure_retries_the_same_page(topic: MemoryTopic) -> None:
    publish(topic, [change(i) for i in range(4)])
    calls: list[int] = []

    def flaky(page: list[Change]) -> PageResult:
        calls.append(len(page))
        if len(calls) < 3:
            raise TransientError("event store busy")
        return PageResult(applied=len(page), conflicts=1)

    status = run_once(topic, flaky, page_size=100)
    assert calls == [4, 4, 4]
    assert (status.applied, status.conflicts, status.bus_errors) == (4, 1, 2)
    assert status.last_error == "TransientError"


def test_undecodable_and_empty_messages_are_counted_and_passed(topic: MemoryTopic) -> None:
    bus = MemoryChangeBus(topic)
    bus.publish([ChangeMessage(key="patient:P1", value={"op": "nonsense"}),
                 ChangeMessage(key="patient:P2", value={}),
                 to_message(change(3))])
    rec = Recorder()
    status = run_once(topic, rec)
    assert rec.ids == [change(3).change_id]
    assert (status.errors, status.skipped, status.applied) == (1, 1, 1)
    assert run_once(topic, Recorder()).received == 0  # committed past them


def test_the_window_closes_at_its_deadline(topic: MemoryTopic) -> None:
    started = time.monotonic()
    status = run_once(topic, Recorder(), until=started + 0.4, max_idle_s=None)
    elapsed = time.monotonic() - started
    assert status.stopped_because == "window closed"
    assert 0.4 <= elapsed < 2.0
    assert status.ends_at is not None and status.time_left() == 0.0


def test_a_stop_request_from_another_thread_ends_the_run(topic: MemoryTopic) -> None:
    stop = threading.Event()
    seen: list[DeltaStatus] = []
    loop = consumer(topic, Recorder(), max_idle_s=None, should_stop=stop, on_status=seen.append)
    result: list[DeltaStatus] = []
    thread = threading.Thread(target=lambda: result.append(loop.run()))
    thread.start()
    publish(topic, [change(1)])
    deadline = time.monotonic() + 5
    while not any(s.applied for s in seen) and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert result[0].stopped_because == "stop requested"
    assert result[0].applied == 1


def test_sigterm_finishes_the_current_page_and_stops(topic: MemoryTopic) -> None:
    publish(topic, [change(i) for i in range(10)])
    before = signal.getsignal(signal.SIGTERM)
    rec = Recorder()

    def apply_and_get_terminated(page: list[Change]) -> PageResult:
        if not rec.pages:
            os.kill(os.getpid(), signal.SIGTERM)
        return rec(page)

    status = run_once(topic, apply_and_get_terminated, page_size=4, max_idle_s=None)
    assert status.stopped_because == "stop requested"
    assert len(rec.pages) == 1 and status.applied == 4  # the page finished, no next page
    assert signal.getsignal(signal.SIGTERM) is before
    rest = Recorder()
    run_once(topic, rest)
    assert len(rest.ids) == 6  # the first page was committed before stopping


class LateAssignment(MemoryChangeBus):
    """A member whose partitions arrive late (its peers' sessions still expiring): the first
    polls return nothing, then the assignment and the messages come."""

    def __init__(self, topic: MemoryTopic, empty_polls: int) -> None:
        super().__init__(topic, group_id="late")
        self.empty_polls = empty_polls
        self.assigned_at = 0.0

    def poll(self, max_records: int, timeout_s: float) -> list[ChangeMessage]:
        if self.empty_polls > 0:
            self.empty_polls -= 1
            time.sleep(timeout_s)
            if self.empty_polls == 0:
                self.assigned_at = time.monotonic()
            return []
        return super().poll(max_records, timeout_s)


def test_idle_time_counts_from_the_partition_assignment(topic: MemoryTopic) -> None:
    publish(topic, [change(n) for n in range(4)])
    recorder = Recorder()
    # 8 empty polls of 0.05 s outlast the 0.3 s idle limit counted from start-up.
    bus = LateAssignment(topic, empty_polls=8)
    status = DeltaConsumer(bus, recorder, poll_timeout_s=0.05, max_idle_s=0.3).run()
    assert len(recorder.ids) == 4
    assert status.applied == 4
