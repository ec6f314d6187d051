"""A full run while the sandbox misbehaves: 429 storms (with and without Retry-After), 5xx
bursts, latency spikes, connections reset after a create was committed. Whatever the engine
parks as failed, `run --retry-failed` finishes; afterwards the ledger holds exactly once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adapters.nutshell_sandbox.faults import FaultSpec
from consumers.nutshell import migration as svc
from tests.faults.checks import assert_exactly_once, consumed, say
from tests.integration.migrate import Premigrated, environment

pytestmark = pytest.mark.faults

CREATES = ("contacts", "accounts", "leads", "activities", "notes")

SCENARIOS: dict[str, list[FaultSpec | dict[str, Any]]] = {
    "429-storm": [{"kind": "429", "count": 60}],
    "429-retry-after": [{"kind": "429", "count": 4, "retry_after": 1}],
    "5xx-bursts": [{"kind": "500", "count": 6}, {"kind": "502", "count": 6},
                   {"kind": "503", "count": 6}],
    "latency-spikes": [{"kind": "latency", "ms": 300, "count": 40}],
    "resets-after-commit": [{"kind": "reset_after_commit", "count": 3, "match": f"POST /{e}"}
                            for e in CREATES],
    "combined-storm": [{"kind": "429", "count": 10, "match": "POST /contacts"},
                       {"kind": "reset_after_commit", "count": 2, "match": "POST /notes"},
                       {"kind": "503", "count": 4},
                       {"kind": "reset_after_commit", "count": 2, "match": "POST /activities"},
                       {"kind": "latency", "ms": 200, "count": 10},
                       {"kind": "502", "count": 2, "match": "POST /leads"}],
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_a_full_run_under_sandbox_faults(scenario: str, tmp_path: Path,
                                         baseline: dict[str, int],
                                         premigrated: Premigrated) -> None:
    premigrated.prepared_into(tmp_path)  # signed off: notes and documents move too
    with environment(tmp_path) as (engine, api, srv):
        # From the sample on: the sample holds every lead and most companies.
        srv.set_faults(SCENARIOS[scenario])
        svc.run_sample(engine, api, 60)
        svc.approve(engine, "tester")
        svc.run_full(engine, api)
        fired = consumed(srv)
        srv.set_faults([])
        say(scenario, f"injected during `sample` and `run`: {fired}")
        assert all(n > 0 for _, _, n in fired), f"a fault never fired: {fired}"
        parked = [f for f in engine.store.failures() if f["stage"] == "push"]
        say(scenario, f"parked after `run`: {len(parked)} records "
                      f"({sorted({str(f['kind']) for f in parked})})")
        if parked:
            assert all(f["transient"] for f in parked), parked
            svc.run_full(engine, api, retry_failed=True)
            left = [f for f in engine.store.failures() if f["stage"] == "push"]
            say(scenario, f"`run --retry-failed` finished them: {len(left)} left")
            assert left == []
        assert_exactly_once(scenario, engine, api, srv, baseline)
