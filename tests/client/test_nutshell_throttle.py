"""Token bucket, rate meter and retry timing."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime

import pytest

from adapters.nutshell.retry import Backoff, parse_retry_after
from adapters.nutshell.throttle import RateMeter, TokenBucket
from tests.client.fake_time import FakeTime


def test_bucket_spaces_slots_evenly() -> None:
    t = FakeTime()
    bucket = TokenBucket(10.0, clock=t.clock, sleep=t.sleep)
    waits = [bucket.reserve() for _ in range(4)]
    assert waits == pytest.approx([0.0, 0.1, 0.2, 0.3])


def test_bucket_allows_a_burst_after_idling() -> None:
    t = FakeTime()
    bucket = TokenBucket(10.0, burst=3, clock=t.clock, sleep=t.sleep)
    t.now += 5  # idle long enough to refill
    assert [bucket.reserve() for _ in range(4)] == pytest.approx([0.0, 0.0, 0.0, 0.1])


def test_bucket_does_not_bank_idle_time_beyond_its_burst() -> None:
    t = FakeTime()
    bucket = TokenBucket(10.0, clock=t.clock, sleep=t.sleep)
    bucket.acquire()
    t.now += 60
    assert [bucket.reserve() for _ in range(2)] == pytest.approx([0.0, 0.1])


def test_hold_off_pauses_every_caller_even_without_a_rate() -> None:
    t = FakeTime()
    bucket = TokenBucket(None, clock=t.clock, sleep=t.sleep)
    assert bucket.acquire() == 0.0
    bucket.hold_off(2.5)
    assert bucket.reserve() == pytest.approx(2.5)
    assert bucket.reserve() == pytest.approx(2.5)  # unlimited rate: all wait for the same time
    t.now += 3
    assert bucket.reserve() == 0.0


def test_hold_off_then_rate_resumes_spacing() -> None:
    t = FakeTime()
    bucket = TokenBucket(4.0, clock=t.clock, sleep=t.sleep)
    bucket.hold_off(1.0)
    assert [bucket.reserve() for _ in range(2)] == pytest.approx([1.0, 1.25])


def test_bucket_is_shared_safely_by_threads() -> None:
    bucket = TokenBucket(200.0)
    starts: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(10):
            bucket.acquire()
            with lock:
                starts.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(4)]
    begun = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(starts) == 40
    # 40 slots at 200/s: the last cannot start before 39 intervals have passed.
    assert max(starts) - begun >= 39 / 200 - 0.01


def test_rejects_nonsense_rates() -> None:
    with pytest.raises(ValueError):
        TokenBucket(0)
    with pytest.raises(ValueError):
        TokenBucket(5, burst=0)


def test_rate_meter_counts_a_sliding_window() -> None:
    t = FakeTime()
    meter = RateMeter(window=10.0, clock=t.clock)
    assert meter.rate() == 0.0
    for _ in range(20):
        meter.mark()
        t.now += 0.25
    assert meter.rate() == pytest.approx(4.0)
    t.now += 30  # everything fell out of the window
    assert meter.rate() == 0.0


def test_backoff_grows_within_its_cap() -> None:
    backoff = Backoff(base=0.5, cap=4.0, rng=random.Random(7))
    for retry, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (10, 4.0), (500, 4.0)]:
        draws = [backoff.delay(retry) for _ in range(50)]
        assert all(0.0 <= d <= ceiling for d in draws)
        assert max(draws) > ceiling / 2  # jittered over the range, not stuck at zero


def test_retry_after_adds_only_a_little_jitter() -> None:
    backoff = Backoff(base=0.25, cap=30.0, rng=random.Random(1))
    waits = [backoff.after_retry_after(2.0) for _ in range(20)]
    assert all(2.0 <= w <= 2.25 for w in waits)


@pytest.mark.parametrize(("header", "expected"), [
    ("3", 3.0), (" 1.5 ", 1.5), ("-4", 0.0), ("", None), (None, None), ("soon", None),
    ("nan", None), ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0), ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
])
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(header, now=now) == expected
