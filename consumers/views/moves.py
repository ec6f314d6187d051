"""What of an export will move to Nutshell, for people (computed by consumers/services/moves.py)."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from consumers.services.moves import notes, warnings
from consumers.views.output import print_table


def render_moves(document: dict[str, Any], console: Console) -> None:
    for name, entry in document["files"].items():
        if entry["kind"] != "fhir":
            continue
        print_table(console, ["resource type", "rows", "becomes"],
                    ([rtype, t["rows"], ", ".join(t["kinds"]) if t["moves"] else t["why_not"]]
                     for rtype, t in entry["types"].items()),
                    title=f"{name}: FHIR resources, {entry['moving']} of {entry['rows']} "
                          "rows move")
    for text in notes(document):
        console.print(f"note: {text}")
    for text in warnings(document):
        console.print(f"warning: {text}")
