"""`c2n map propose`: a mapping for every extracted file, from the rows in the log.

Files read with a vendor profile take the profile's mapping (confidence 1, the profile named as
the reason); FHIR files map by the standard; every other file goes through the proposal engine,
which looks at headers and at what the values look like.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

from adapters.stores.mapping_file import load_mapping, save_mapping
from consumers.services.profile_choice import ProfileChooser, fingerprint_from_json
from domain.app import MigrationLog
from domain.errors import PreconditionFailed
from domain.mapping import FileMapping, MappingDocument, Settings
from domain.proposal.propose import ColumnProfiler, propose_file
from domain.records.canonical import all_qualified_fields

PROFILE_ROWS = 20_000  # rows profiled per file: enough for shapes and pick-lists, bounded time


def propose_mapping(app: MigrationLog, run_name: str,
                    settings: Settings | None = None) -> MappingDocument:
    run = app.run(run_name)
    chooser = ProfileChooser("auto")
    doc = MappingDocument(settings=settings or Settings())
    for file_id, info in sorted(run.files.items(), key=lambda item: item[1]["name"]):
        stream = app.source_file(UUID(file_id))
        if stream is None:
            continue
        fingerprint = fingerprint_from_json(stream.fingerprint)
        mapping: FileMapping | None = None
        if info.get("profile"):
            found = chooser.mapping_for(fingerprint)
            if found is not None:
                mapping = found[1]
        if mapping is None:
            mapping = _proposed(app, UUID(file_id), fingerprint.name, list(fingerprint.header))
        doc.files[fingerprint.name] = mapping
    return doc


def _proposed(app: MigrationLog, fid: UUID, name: str, header: list[str]) -> FileMapping:
    profiler = ColumnProfiler(header)
    for count, row in enumerate(app.iter_rows(fid), start=1):
        profiler.add(row["v"])
        if count >= PROFILE_ROWS:
            break
    return propose_file(name, header, profiler.profile())


def flagged_count(doc: MappingDocument) -> int:
    return sum(1 for f in doc.files.values()
               for c in [*f.columns.values(), *f.key_values.values()] if c.flagged)


def summary(doc: MappingDocument) -> dict[str, Any]:
    return {"files": len(doc.files), "flagged": flagged_count(doc), "hash": doc.content_hash()}


def set_target(path: Path, file: str, column: str, target: str | None,
               by: str) -> tuple[str, str]:
    """The operator's edit of one column's target in HOME/mapping.yaml (what editing the file
    by hand does): `target` is "kind.field" of the canonical model, or None to leave it out.
    Returns the mapping's hash before and after; the confirmation binds the new one."""
    doc = load_mapping(path)
    before = doc.content_hash()
    fm = doc.files.get(file)
    column_mapping = None if fm is None else (fm.columns.get(column) or fm.key_values.get(column))
    if fm is None or column_mapping is None:
        raise PreconditionFailed("no such file or column in the mapping")
    if target is not None and target not in all_qualified_fields():
        raise PreconditionFailed(f"{target!r} is not a field of the canonical model")
    column_mapping.target = target
    column_mapping.custom_field = None
    column_mapping.custom_field_type = None
    column_mapping.confidence = 1.0
    column_mapping.flagged = False
    column_mapping.reasons = [f"set by {by}"]
    save_mapping(doc, path)
    return before, doc.content_hash()
