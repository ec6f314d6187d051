"""Verification from the source: the oracle (domain.oracle) fed with the rows in the log, the
confirmed mapping and the run's resolutions, checked against Nutshell as its API answers."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from consumers.bootstrap import Engine
from consumers.nutshell.plan import activity_types_of
from consumers.services.review import review_gate
from domain.mapping import MappingDocument
from domain.oracle.expect import Expector, Key, Resolutions
from domain.oracle.ledger import LedgerLine, ledger
from domain.oracle.report import LogView, OracleReport, verify_records
from domain.oracle.source import SourceReader
from domain.ports import NutshellAPI
from domain.records.aggregate import ClinicRecord


def read_source(engine: Engine, doc: MappingDocument) -> SourceReader:
    reader = SourceReader(doc)
    run = engine.run()
    for file_id, info in sorted(run.files.items(), key=lambda item: item[1]["name"]):
        reader.read_file(info["name"], engine.app.iter_rows(UUID(file_id), erased=True))
    return reader


def column_ledger(engine: Engine, doc: MappingDocument) -> list[LedgerLine]:
    reader = read_source(engine, doc)
    return ledger(doc, reader.columns, reader.filled, reader.not_read)


def resolutions(engine: Engine, api: NutshellAPI, doc: MappingDocument) -> Resolutions:
    owners = engine.run().owners or {}
    ids = {(k, s): nid for k, s, _entity, nid in engine.store.xref_all()}
    overrides: dict[str, str] = {}
    for kind in ("appointment", "communication"):
        target = doc.nutshell.get(kind)
        if target is not None:
            overrides.update(target.activity_types)
    return Resolutions(users=dict(owners.get("matched") or {}),
                       fallback_user=owners.get("fallback_owner"), ids=ids,
                       activity_types=activity_types_of(engine, api), type_overrides=overrides,
                       now=int(time.time()))


class _Records:
    """The log's account of each record, loaded once for the two questions verify asks."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.key: tuple[str, str] | None = None
        self.record: ClinicRecord | None = None

    def _load(self, kind: str, source_id: str) -> ClinicRecord | None:
        if self.key != (kind, source_id):
            self.key = (kind, source_id)
            self.record = self.engine.app.record(self.engine.settings.run_name, kind, source_id)
        return self.record

    def revised(self, kind: str, source_id: str) -> dict[str, Any] | None:
        record = self._load(kind, source_id)
        if record is None or not record.applied_changes:
            return None
        return dict(record.fields)

    def kept(self, kind: str, source_id: str) -> set[str]:
        """Fields left out of the record and kept as written (reported at map confirm)."""
        record = self._load(kind, source_id)
        if record is None:
            return set()
        return {name for name in record.raw_kept if name not in record.fields}


def verify_from_source(engine: Engine, api: NutshellAPI, doc: MappingDocument,
                       keys: Iterable[Key] | None = None) -> OracleReport:
    """Every record of the source (or those named by `keys`), checked in Nutshell; the column
    ledger of every file."""
    engine.catch_up()
    reader = read_source(engine, doc)
    res = resolutions(engine, api, doc)
    expector = Expector(doc, reader.records, res, reader.cf_types)
    ids = dict(res.ids)
    gate = review_gate(engine)
    records = _Records(engine)
    log = LogView(state=engine.store.record_state,
                  nutshell_id=lambda kind, sid: ids.get((kind, sid)),
                  held=lambda kind, sid: None if ids.get((kind, sid)) else
                  gate.hold_reason(kind, sid),
                  revised=records.revised, kept=records.kept)
    type_names = {str(t.get("id")): str(t.get("name")) for t in res.activity_types}
    chosen = list(keys) if keys is not None else sorted(reader.records)
    report = verify_records(reader.records, chosen, expector, log, api.get, type_names)
    report.ledger = ledger(doc, reader.columns, reader.filled, reader.not_read)
    report.not_read = dict(reader.not_read)
    return report
