"""`c2n status` for people: the run's line, the counts table and the delta window."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from projections.core import METRICS


def print_status(document: dict[str, Any], console: Console) -> None:
    from rich.table import Table

    run = document["run"]
    console.print(f"run [bold]{run['name']}[/]: {run['state']}; mapping "
                  f"{(run['mapping_hash'] or 'none')[:12]}; approved: {run['approved']}")
    table = Table("kind", *METRICS)
    for kind, values in document["counts"].items():
        table.add_row(kind, *(str(values[m]) for m in METRICS))
    console.print(table)
    if document.get("delta"):
        console.print(f"delta window: {document['delta']}")
