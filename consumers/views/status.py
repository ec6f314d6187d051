"""`c2n status` for people: the run's line, the counts table, the delta window, then what was
held back and why."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from consumers.views.output import plain, print_table
from consumers.views.quarantine import print_kept, print_reasons
from projections.core import METRICS


def print_status(document: dict[str, Any], console: Console) -> None:
    run = document["run"]
    console.print(f"run [bold]{run['name']}[/]: {run['state']}; mapping "
                  f"{(run['mapping_hash'] or 'none')[:12]}; "
                  f"approved: {plain(run['approved'])}")
    print_table(console, ["kind", *METRICS],
                ([kind, *(values[m] for m in METRICS)]
                 for kind, values in document["counts"].items()))
    if document.get("delta"):
        print_delta(document["delta"], console)
    print_reasons(console, document["quarantine"], document["skipped_kinds"])
    print_kept(console, document.get("values_kept_as_written") or [])


def print_delta(delta: dict[str, Any], console: Console) -> None:
    opened = delta.get("open")
    state = "not opened" if opened is None else "open" if opened else "closed"
    console.print(f"delta window: {state}; topic {delta.get('topic') or '-'}")
    for feed in delta.get("sources") or []:
        console.print(f"  source {feed['kind']} {feed['source']}: position "
                      f"{feed['position'] or '-'}, {feed['published']} changes published")
    consumer = delta.get("consumer") or {}
    if consumer:
        lag = ", ".join(f"p{p}={n}" for p, n in (consumer.get("lag") or {}).items()) or "-"
        console.print(f"  consumer {consumer.get('member', '?')}: applied "
                      f"{consumer.get('applied', 0)} ({consumer.get('applied_per_s', 0):g}/s), "
                      f"conflicts {consumer.get('conflicts', 0)}, errors "
                      f"{consumer.get('errors', 0)}; lag {lag}"
                      + (f"; stopped: {consumer['stopped_because']}"
                         if consumer.get("stopped_because") else ""))
    for problem in delta.get("stalled") or []:
        console.print(f"  [bold red]stalled[/]: {problem}")
