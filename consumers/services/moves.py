"""What of an export will move to Nutshell, shown before anything is confirmed.

For a FHIR file, each resource type found in it (counted from the extracted rows) with the
canonical kind it becomes or "not migrated"; for a table, its kind. A kind the mapping turns
off (clinical content off, `enabled: false`) does not move either. When most of the rows of a
file, or of the whole export, will not move, `map propose` and `map show` say so.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from uuid import UUID

from consumers.bootstrap import Engine
from domain.fhir.resources import kinds_for_resource_type
from domain.mapping import MappingDocument
from domain.nutshell.fields import kind_enabled

MOSTLY = 0.5  # above this share of rows not moving, the operator is warned


def _resource_type(values: dict[str, Any]) -> str:
    inner = values.get("resource")
    entry = inner if isinstance(inner, dict) else values
    found = entry.get("resourceType")
    return found if isinstance(found, str) and found else "(no resourceType)"


def _why_not(doc: MappingDocument, kinds: list[str]) -> str | None:
    """None when the rows move; else why not."""
    if not kinds:
        return "not migrated"
    if any(kind_enabled(doc, k) for k in kinds):
        return None
    return "not migrated: " + ", ".join(sorted(kinds)) + " turned off (clinical content or " \
        "enabled: false in HOME/mapping.yaml)"


def moves(engine: Engine, doc: MappingDocument) -> dict[str, Any]:
    """{"files": {name: {"rows", "moving", "types": {type: {"rows", "kinds", "moves",
    "why_not"}}}}, "rows", "moving"}: the FHIR resource types per file and what they become."""
    run = engine.app.find_run(engine.settings.run_name)
    files: dict[str, Any] = {}
    for file_id, info in (run.files.items() if run else []):
        name = info["name"]
        fm = doc.files.get(name)
        if fm is None:
            continue
        if fm.kind != "fhir":
            why = (f"twin of {fm.twin_of}" if fm.twin_of else "no kind to migrate"
                   if fm.skipped else _why_not(doc, [fm.kind]))
            files[name] = {"rows": info["rows"], "moving": 0 if why else info["rows"],
                           "kind": fm.kind, "why_not": why}
            continue
        counted = Counter(_resource_type(row["v"]) for row in engine.app.iter_rows(UUID(file_id)))
        types = {}
        for rtype, n in sorted(counted.items(), key=lambda item: (-item[1], item[0])):
            kinds = kinds_for_resource_type(rtype)
            why = _why_not(doc, kinds)
            types[rtype] = {"rows": n, "kinds": kinds, "moves": why is None, "why_not": why}
        rows = sum(counted.values())
        files[name] = {"rows": rows, "kind": "fhir", "types": types,
                       "moving": sum(t["rows"] for t in types.values() if t["moves"])}
    total = sum(f["rows"] for f in files.values())
    return {"files": files, "rows": total, "moving": sum(f["moving"] for f in files.values())}


def notes(document: dict[str, Any]) -> list[str]:
    """Files most of whose rows will not move (a notes table with clinical content off)."""
    return [f"{name}: {entry['rows'] - entry['moving']} of {entry['rows']} rows will not move "
            "to Nutshell" for name, entry in document["files"].items()
            if entry["rows"] and entry["moving"] / entry["rows"] < 1 - MOSTLY]


def warnings(document: dict[str, Any]) -> list[str]:
    """The export as a whole: most of its rows will not move."""
    if document["rows"] and document["moving"] / document["rows"] < 1 - MOSTLY:
        return [f"most of this export will not move: {document['moving']} of "
                f"{document['rows']} rows become Nutshell records"]
    return []
