"""The closing lines of `status` and `map confirm`: what was held back and why, and the
values kept as written."""

from __future__ import annotations

from typing import Any

from rich.console import Console


def print_reasons(console: Console, reasons: dict[str, Any], skipped: dict[str, str]) -> None:
    """The closing lines of `status` and `map confirm`: top reasons per file, then why the
    kinds that will not be sent are skipped."""
    for name, entry in reasons["per_file"].items():
        console.print(f"{name}: {entry['rows']} held back; top reasons: " + "; ".join(
            f"{item['reason']} ({item['rows']})" for item in entry["top_reasons"]))
    for kind, why in skipped.items():
        console.print(f"{kind}: not sent: {why}")
    if reasons["per_file"]:
        console.print("every row and its reason: `c2n quarantine` (--file F, --reason R, "
                      "--json, --csv)")


def print_kept(console: Console, kept: list[dict[str, Any]]) -> None:
    """Per file and column: records that kept a value as written, why, masked examples."""
    for item in kept:
        where = f"column {item['column']}: " if item.get("column") else ""
        examples = f"; e.g. {', '.join(item['examples'])}" if item.get("examples") else ""
        console.print(f"{item['file']}: {item['records']} records keep a value as written "
                      f"({where}{item['problem']}){examples}", markup=False)
