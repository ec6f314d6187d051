"""`c2n status` for people: the run's line, the counts table, the delta window, then what was
held back and why."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from consumers.views.output import plain, print_table
from consumers.views.quarantine import print_reasons
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
        console.print(f"delta window: {plain(document['delta'])}")
    print_reasons(console, document["quarantine"], document["skipped_kinds"])
