"""The producers of the delta window: a newer export compared with what was extracted, and
Debezium-style change envelopes read through the same source profiles."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from adapters.sources import open_sources
from consumers.bootstrap import Engine
from consumers.services.profile_choice import ProfileChooser
from domain.delta import Change, RowToRecords, change_from_debezium, diff_records
from domain.errors import PreconditionFailed, SourceError
from domain.mapping import FileMapping, MappingDocument
from domain.ports import SourceRow
from domain.records.derive import DerivedRecord, derive_row


class LoggedRecords(Mapping[tuple[str, str], Mapping[str, Any]]):
    """The canonical records as the log has them now, read one at a time (memory stays flat)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __getitem__(self, key: tuple[str, str]) -> Mapping[str, Any]:
        record = self.engine.app.record(self.engine.settings.run_name, *key)
        if record is None or record.state == "quarantined" or \
                getattr(record, "deleted_in_source", False):
            raise KeyError(key)
        return record.fields

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for kind, source_id, state in self.engine.store.records_in_state():
            if state != "quarantined":
                yield kind, source_id

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _mapping_for(doc: MappingDocument, name: str, chooser: ProfileChooser,
                 source: Any) -> FileMapping:
    if name in doc.files:
        return doc.files[name]
    found = chooser.mapping_for(source.fingerprint())
    if found is None:
        raise PreconditionFailed(f"{name}: no mapping names this file and no profile "
                                 "recognises it; add it to HOME/mapping.yaml")
    return found[1]


def export_records(doc: MappingDocument, paths: list[Path]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The newer export derived through the confirmed mapping (quarantined rows are left out:
    they are reported by the next confirmation, not published)."""
    chooser = ProfileChooser("auto")
    for source in open_sources(paths):
        name = source.fingerprint().name
        mapping = _mapping_for(doc, name, chooser, source)
        if mapping.key_value is not None:
            continue  # key/value tables augment records; their changes come with the record
        for row in source.rows():
            for result in derive_row(name, mapping, doc.settings, row):
                if isinstance(result, DerivedRecord) and not result.partial:
                    yield result.kind, result.source_id, result.fields


def export_changes(engine: Engine, doc: MappingDocument, paths: list[Path]) -> Iterator[Change]:
    # A record held back in the log (quarantined, or one person entered twice) is not new when
    # the newer export still has it: it waits for the operator, not for the delta window.
    held = {(kind, source_id) for kind, source_id, state in engine.store.records_in_state()
            if state == "quarantined"}
    rows = ((kind, source_id, fields) for kind, source_id, fields in export_records(doc, paths)
            if (kind, source_id) not in held)
    return diff_records(LoggedRecords(engine), rows, ts_ms=int(time.time() * 1000))


def table_mappings(doc: MappingDocument) -> dict[str, FileMapping]:
    """The confirmed mapping of each table, by its file's stem (`patients` -> the mapping of
    `patients.csv`): how a database table's rows go through the same source profile as an
    export of that table."""
    return {Path(name).stem.lower(): mapping for name, mapping in doc.files.items()}


def row_records(doc: MappingDocument, table: str, mapping: FileMapping,
                number: int) -> RowToRecords:
    """A table row (column -> value) -> the canonical records it derives."""

    def row_to_records(row: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
        values = {k: "" if v is None else str(v) for k, v in row.items()}
        return [(result.kind, result.source_id, result.fields)
                for result in derive_row(table, mapping, doc.settings,
                                         SourceRow(number=number, values=values))
                if isinstance(result, DerivedRecord)]

    return row_to_records


def debezium_changes(doc: MappingDocument, envelopes: Path) -> Iterator[Change]:
    """Envelopes one JSON document per line; the table (source.table) names the file mapping
    (`patients` -> the mapping of `patients.csv`, or any file whose stem is the table)."""
    by_stem = table_mappings(doc)
    with envelopes.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                envelope = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise SourceError("not a JSON document", file=envelopes.name, row=number) from exc
            payload = envelope.get("payload", envelope) if isinstance(envelope, dict) else None
            source = (payload or {}).get("source") or {}
            table = str(source.get("table") or "").lower()
            mapping = by_stem.get(table)
            if mapping is None:
                raise SourceError(f"no mapping for table {table!r}", file=envelopes.name,
                                  row=number, field="source.table")
            yield from change_from_debezium(envelope, row_records(doc, table, mapping, number))
