"""Several requests in flight under one throttle: order kept, errors returned, latency hidden."""

from __future__ import annotations

import time
from typing import Any

import pytest

from adapters.nutshell.client import NutshellClient
from domain.errors import TerminalError
from tests.fakes.fake_nutshell import API_KEY, USER, FakeNutshell

URL = "https://nutshell.test/rest"
KEY = "Clinic Patient ID"


@pytest.fixture
def fake() -> FakeNutshell:
    fake = FakeNutshell()
    fake.definitions["contacts"].append({"id": "1-customFields", "name": KEY, "type": "Text"})
    return fake


def test_map_concurrent_keeps_order_and_returns_errors(fake: FakeNutshell) -> None:
    def work(n: int) -> int:
        if n % 3 == 0:
            raise TerminalError(f"item {n} refused", status=400)
        return n * 10

    with NutshellClient(URL, USER, API_KEY, transport=fake.transport()) as client:
        results = client.map_concurrent(work, range(7), max_in_flight=4)
    assert [r.value for r in results] == [None, 10, 20, None, 40, 50, None]
    assert [r.ok for r in results] == [False, True, True, False, True, True, False]
    assert isinstance(results[3].error, TerminalError) and "item 3" in str(results[3].error)


def test_create_many_overlaps_latency(fake: FakeNutshell) -> None:
    fake.latency_s = 0.05
    records: list[dict[str, Any]] = [{"name": f"P {i}", "customFields": {KEY: f"K{i}"}}
                                      for i in range(24)]
    records[5] = {"name": "bad", "customFields": {"Nope": "x"}}
    with NutshellClient(URL, USER, API_KEY, transport=fake.transport(),
                        max_in_flight=8) as client:
        started = time.monotonic()
        results = client.create_many("contacts", records, external_key_field=KEY)
        elapsed = time.monotonic() - started
    assert [r.ok for r in results].count(False) == 1 and not results[5].ok
    names = [r.value["name"] for r in results if r.value is not None]
    assert names == [f"P {i}" for i in range(24) if i != 5]  # input order
    assert fake.count("contacts") == 23
    # One at a time would take 24 x 50 ms = 1.2 s; eight in flight need about a quarter.
    assert elapsed < 0.6


def test_throttle_caps_the_rate_across_threads(fake: FakeNutshell) -> None:
    with NutshellClient(URL, USER, API_KEY, transport=fake.transport(), rate_limit=50.0,
                        max_in_flight=8) as client:
        started = time.monotonic()
        client.map_concurrent(lambda _: client.users(), range(30))
        elapsed = time.monotonic() - started
        assert client.stats().requests == 30
        measured = client.measured_rate()
    assert elapsed >= 29 / 50 - 0.02  # 30 evenly spaced slots at 50/s
    assert 30 <= measured <= 55  # never above the limit; the floor allows a busy machine
