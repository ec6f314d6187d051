"""The balance `map check` and `map confirm` print: per file where its rows go, why rows would be
quarantined (column, masked example), and per kind what is expected to land in Nutshell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from consumers.services.check import CheckReport


def render_check(report: CheckReport, console: Console) -> None:
    table = Table(title="rows per file", title_justify="left")
    for head in ("file", "kind", "read", "records", "quarantined", "dropped", "furniture"):
        table.add_column(head, justify="left" if head in ("file", "kind") else "right")
    for name, check in report.files.items():
        kind = check.kind if check.twin_of is None else f"twin of {check.twin_of}"
        table.add_row(escape(name), escape(kind), str(check.read), str(check.derived),
                      str(check.quarantined), str(check.dropped), str(check.furniture))
    console.print(table)
    for name, check in report.files.items():
        for reason in check.top():
            columns = ", ".join(reason.columns) or "(no column)"
            console.print(f"  {escape(name)}: {reason.rows} rows quarantined: "
                          f"{escape(reason.reason)} (column {escape(columns)}; e.g. row "
                          f"{reason.example_row}: {escape(reason.example or '')})")
        for (kind, why), records in sorted(check.dropped_reasons.items()):
            console.print(f"  {escape(name)}: {records} {kind} records dropped on purpose: "
                          f"{escape(why)}")
    landing = Table(title="expected in Nutshell per kind", title_justify="left")
    for head in ("kind", "records", "landing", "duplicates", "unresolved references"):
        landing.add_column(head, justify="left" if head == "kind" else "right")
    for kind, counts in report.landing.items():
        landing.add_row(kind, str(counts["records"]), str(counts["landing"]),
                        str(counts["duplicates"]), str(counts["unresolved_references"]))
    console.print(landing)
    for name in report.unmapped:
        console.print(f"  {escape(name)}: extracted but not in the mapping")
    console.print(f"checked in {report.seconds:.1f}s")
