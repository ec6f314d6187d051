"""The client finds an account's request rate itself (Nutshell publishes none and sends no
Retry-After): the pace's rules on a fake clock, then the client against the sandbox's limit
untold, with the sandbox's 429s both bare (as Nutshell's) and carrying Retry-After."""

from __future__ import annotations

import time

import pytest

from adapters.nutshell.client import NutshellClient
from adapters.nutshell.throttle import AdaptivePace, TokenBucket
from adapters.nutshell_sandbox import SandboxServer, Settings
from domain.ports import CustomFieldSpec
from tests.client.fake_time import FakeTime

KEY = "Clinic Patient ID"


def _pace(ceiling: float | None = None) -> tuple[AdaptivePace, FakeTime]:
    t = FakeTime()
    bucket = TokenBucket(ceiling, clock=t.clock, sleep=t.sleep)
    return AdaptivePace(bucket, ceiling=ceiling, clock=t.clock), t


def test_nothing_is_paced_until_a_429_then_just_under_what_was_accepted():
    pace, t = _pace()
    for _ in range(30):  # 30 accepted answers within the last second
        t.now += 1 / 30
        pace.answered(201, 0.1)
    assert pace.rate is None
    pace.answered(429, 0.1)
    assert pace.rate == pytest.approx(30 * pace.back_off ** 2, rel=0.05)
    first = pace.rate
    pace.answered(429, 0.1)  # the same news from another request in flight: no second cut
    assert pace.rate == first


def test_the_pace_probes_upward_and_backs_off_multiplicatively():
    pace, t = _pace()
    for _ in range(20):
        t.now += 0.05
        pace.answered(200, 0.1)
    pace.answered(429, 0.1)  # the first refusal sets a pace
    assert pace.decreases == 1
    pace.bucket.set_rate(10.0)
    for _ in range(10):  # one second just after a refusal: gentle
        t.now += 0.1
        pace.answered(200, 0.1)
    assert 10.0 + 10 * pace.probe <= pace.rate <= 10.0 + 10 * pace.probe * 1.2
    t.now += 60  # a long calm: the probe has doubled six times
    start = pace.rate
    for _ in range(10):
        t.now += 0.1
        pace.answered(200, 0.1)
    assert pace.rate == pytest.approx(start + 10 * pace.probe * 64)
    before = pace.rate
    assert before is not None
    pace.answered(429, 0.1)
    assert pace.rate == pytest.approx(min(before, 10.0) * pace.back_off)


def test_a_told_rate_is_a_ceiling():
    pace, t = _pace(ceiling=5.0)
    for _ in range(1000):
        t.now += 0.2
        pace.answered(200, 0.1)
    assert pace.rate == 5.0


def test_a_latency_surge_slows_the_pace():
    pace, t = _pace()
    for _ in range(20):
        t.now += 0.1
        pace.answered(200, 0.05)
    assert pace.rate is None
    for _ in range(40):
        t.now += 0.1
        pace.answered(200, 2.0)
    assert pace.rate is not None and pace.decreases >= 1


@pytest.mark.parametrize("retry_after", [False, True])
def test_the_client_finds_an_untold_limit(retry_after):
    limit = 12.0
    with SandboxServer(rate_limit=limit, latency_ms=30,
                       settings=Settings(retry_after=retry_after)) as srv:
        with NutshellClient(srv.url, srv.admin_user, srv.admin_key) as setup:
            setup.create_custom_field(CustomFieldSpec("contacts", KEY, "Text"))
        time.sleep(1.1)  # the server's bucket refills after the set-up request
        with NutshellClient(srv.url, srv.admin_user, srv.admin_key, max_in_flight=6,
                            backoff_base=0.05) as client:
            records = [{"name": f"P{i}", "customFields": {KEY: f"K{i}"}} for i in range(120)]
            results = client.create_many("contacts", records, external_key_field=KEY)
            stats, pace = client.stats(), client.pace()
        stored = [c for c in srv.snapshot()["contacts"]]
    assert all(r.ok for r in results) and len(stored) == 120
    assert stats.statuses.get(429, 0) >= 1  # it had to find the limit
    assert stats.statuses.get(429, 0) <= 0.1 * stats.requests
    assert pace is not None and 0.6 * limit <= pace <= 1.2 * limit
