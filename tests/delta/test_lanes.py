"""The concurrent applier: lanes side by side up to the request budget, one record's changes in
order, everything but the wait for Nutshell done one lane at a time."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import orjson

from consumers.delta.apply import DeltaApplier
from consumers.delta.lanes import LockedAPI, OwnedLock, request_budget, run_lanes
from domain.delta import Change
from tests.integration.migrate import Premigrated, environment
from tests.integration.test_delta import revisions


def test_lanes_wait_for_requests_together_and_keep_their_order() -> None:
    lock = OwnedLock()
    workers = 4
    # Each lane's first item waits for the other lanes inside a "request": only lanes in
    # flight together get past the barrier (a sequential run breaks it after its timeout).
    barrier = threading.Barrier(workers, timeout=10)
    seen: list[tuple[str, int]] = []
    inside = [0]

    def apply(item: tuple[str, int]) -> None:
        assert lock.held()
        inside[0] += 1
        assert inside[0] == 1  # nobody else is between its lock-held steps
        seen.append(item)
        inside[0] -= 1
        if item[1] == 0:
            lock.call_released(barrier.wait)

    lanes = [[(f"r{n}", i) for i in range(3)] for n in range(workers)]
    failures = run_lanes(lanes, apply, lock=lock, workers=workers)
    assert failures == []
    for n in range(workers):
        assert [i for key, i in seen if key == f"r{n}"] == [0, 1, 2]


def test_a_failed_change_stops_its_lane_only() -> None:
    lock = OwnedLock()
    done: list[str] = []

    def apply(item: str) -> None:
        if item == "a2":
            raise RuntimeError("boom")
        done.append(item)

    failures = run_lanes([["a1", "a2", "a3"], ["b1", "b2"]], apply, lock=lock, workers=2)
    assert [type(f) for f in failures] == [RuntimeError]
    assert sorted(done) == ["a1", "b1", "b2"]  # a3 never overtakes the failed a2


class InFlight:
    """Counts the requests in flight at once through the real client."""

    def __init__(self, api: Any) -> None:
        self.api = api
        self.max_in_flight = api.max_in_flight
        self.now = 0
        self.peak = 0
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)

    def _counted(self, fn: Any, *args: Any) -> Any:
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        try:
            return fn(*args)
        finally:
            with self._lock:
                self.now -= 1

    def get(self, *args: Any) -> Any:
        return self._counted(self.api.get, *args)

    def patch(self, *args: Any) -> Any:
        return self._counted(self.api.patch, *args)


def test_the_applier_overlaps_records_and_keeps_each_in_order(tmp_path: Path,
                                                               premigrated: Premigrated) -> None:
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        patients = sorted(s for _, s, st in engine.store.records_in_state("patient")
                          if st == "pushed")[:10]
        changes = [Change.make("patient", pid, "update", {"phone_home": f"+1617555{n:04d}"}, {},
                               "export-diff", 1_700_000_000_000 + n)
                   for n in range(3) for pid in patients]  # three edits per patient, in turn
        srv.latency_ms = 40  # every request takes a while, as the live API's do
        spy = InFlight(api)
        applier = DeltaApplier(engine, spy, engine_mapping(engine))  # type: ignore[arg-type]
        assert applier.workers == request_budget(api) > 1
        started = time.monotonic()
        result = applier(changes)
        assert result.applied == len(changes) and result.errors == 0
        assert 1 < spy.peak <= api.max_in_flight
        assert time.monotonic() - started < len(changes) * 2 * 0.04  # faster than one by one
        assert all(n == 3 for n in revisions(engine).values())
        for pid in patients:
            record = engine.app.record("default", "patient", pid)
            contact = api.get("contacts", record.nutshell_id)  # type: ignore[union-attr, arg-type]
            assert "617555" + "0002" in orjson.dumps(contact).decode()  # the last edit won


def engine_mapping(engine: Any) -> Any:
    from adapters.stores.mapping_file import load_mapping

    return load_mapping(engine.settings.mapping_path)


def test_a_client_without_a_budget_gets_one_lane() -> None:
    assert request_budget(object()) == 1
    lock = OwnedLock()
    api = LockedAPI(type("A", (), {"get": lambda self, *a: lock.held()})(), lock)
    with lock:
        assert api.get("contacts", "1") is False  # the request ran without the lock
        assert lock.held()  # and the lane has it back
