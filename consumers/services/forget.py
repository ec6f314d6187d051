"""Forget a patient: destroy their keys so their events and raw rows can never be read again.

What is shredded, per run:
- every event of every record stream sealed with the patient's subject key (the patient record
  and each record naming the patient in `patient_source_id`: appointments, notes, invoices...).
  They read as tombstones from then on: the app finds no such record, the projections skip them;
- their raw export rows: each source-file page holding one is sealed again without it and the
  page's earlier keys are destroyed (consumers.services.raw_shredding). Derivation counts those rows as
  erased, so re-confirming a mapping never brings the patient back.

The order makes a killed forget resumable by running it again: reseals are stored first, then
the earlier page keys and the patient's key are destroyed in one transaction, then the Erasure
is recorded. Until the patient's key goes their records still say which rows are theirs.

What is NOT shredded, and said so in the result: whatever was already pushed to Nutshell (the
result names the Nutshell ids), and raw rows in pages sealed with the master key by a log
written before page keys existed (the operator re-extracts into a new run to drop those).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from consumers.bootstrap import Engine
from consumers.services.raw_shredding import FileShredding, find_rows, reseal
from domain.errors import TerminalError
from domain.ids import phi_hash, record_id
from domain.run.erasure import Erasure, erasure_id


@dataclass
class RunErasure:
    run: str
    subject: str
    records: int
    keys_destroyed: int  # the patient's key (0 or 1)
    already_forgotten: bool
    pages_resealed: int = 0
    page_keys_destroyed: int = 0
    raw_rows_erased: int = 0


@dataclass
class ForgetResult:
    patient_ref: str
    runs: list[RunErasure] = field(default_factory=list)
    raw_rows: dict[str, set[int]] = field(default_factory=dict)  # left readable (master key)
    shredded_rows: dict[str, set[int]] = field(default_factory=dict)
    unchecked_files: set[str] = field(default_factory=set)
    nutshell: list[dict[str, str]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.runs)

    def to_json(self) -> dict[str, Any]:
        steps = []
        if self.nutshell:
            steps.append("delete the listed Nutshell records (the migration can no longer roll "
                         "them back)")
        if self.raw_rows:
            steps.append("the listed raw rows were sealed with the master key (a log from "
                         "before page keys): to erase them, re-extract into a new run (C2N_RUN) "
                         "from an export without the patient, then delete this run's database")
        if self.unchecked_files:
            steps.append("the listed files are not in the confirmed mapping and were not "
                         "searched: confirm a mapping naming them, then forget again")
        return {
            "patient_ref": self.patient_ref,
            "found": self.found,
            "runs": [vars(r) for r in self.runs],
            "shredded": "every event of the patient's records and of records naming the "
                        "patient, and the patient's raw export rows",
            "raw_rows_shredded": [{"file": f, "rows": sorted(r)} for f, r in
                                  sorted(self.shredded_rows.items())],
            "not_shredded": {
                "raw_rows": [{"file": f, "rows": sorted(r)} for f, r in
                             sorted(self.raw_rows.items())],
                "nutshell": self.nutshell,
                "unchecked_files": sorted(self.unchecked_files),
            },
            "next_steps": steps if self.found else [],
        }


def forget_patient(engine: Engine, patient_source_id: str, by: str) -> ForgetResult:
    if engine.keyring is None:
        raise TerminalError("forget needs C2N_CIPHER_KEY: without it the log is not encrypted "
                            "per patient, so nothing can be shredded")
    keyring = engine.keyring
    result = ForgetResult(patient_ref=phi_hash(patient_source_id))
    runs = sorted(set(keyring.runs()) | {engine.settings.run_name})
    for run in runs:
        subject = str(record_id(run, "patient", patient_source_id))
        streams = keyring.streams_of(subject)
        forgotten = keyring.is_forgotten(subject)
        if not streams and not forgotten:
            continue
        named: dict[str, set[int]] = {}
        if not forgotten:
            named = _collect_residue(engine, streams, result)
        # Once forgotten their records are unreadable: the rows are found through the mapping
        # alone (and a forget run again after a new export was extracted finds its rows).
        shredding = find_rows(engine.app, run, lambda sid: sid == patient_source_id, named)
        reseal(engine.app, shredding, by)
        _add_rows(result, shredding.files)
        result.unchecked_files.update(shredding.unchecked)
        destroyed = keyring.shred([*shredding.keys, (subject, run)])
        page_keys = [s for s in destroyed if s != subject]
        result.runs.append(RunErasure(
            run=run, subject=subject, records=len(streams),
            keys_destroyed=int(subject in destroyed), already_forgotten=forgotten,
            pages_resealed=shredding.pages_resealed, page_keys_destroyed=len(page_keys),
            raw_rows_erased=shredding.rows_erased))
        if erasure_id(subject) in engine.app.repository:
            continue
        engine.app.save(Erasure.record(
            run=run, subject=subject, patient_ref=result.patient_ref, by=by,
            records=len(streams), files=_listed(result.raw_rows),
            raw_rows=_listed(result.shredded_rows)))
    engine.catch_up()
    return result


def _listed(rows: dict[str, set[int]]) -> list[dict[str, Any]]:
    return [{"file": f, "rows": sorted(r)} for f, r in sorted(rows.items())]


def _add_rows(result: ForgetResult, files: list[FileShredding]) -> None:
    for shred in files:
        shredded = shred.rows - shred.readable
        if shredded:
            result.shredded_rows.setdefault(shred.file, set()).update(shredded)
        if shred.readable:
            result.raw_rows.setdefault(shred.file, set()).update(shred.readable)


def _collect_residue(engine: Engine, streams: list[str],
                     result: ForgetResult) -> dict[str, set[int]]:
    """Where the patient's values live outside their record events (names and ids only): the
    raw rows every event of theirs named, by file name, and the Nutshell records made."""
    named: dict[str, set[int]] = {}
    for stream in streams:
        for event in engine.app.events.get(UUID(stream)):
            file, rows = getattr(event, "file", None), getattr(event, "rows", None)
            if isinstance(file, str) and file and isinstance(rows, list):
                named.setdefault(file, set()).update(int(r) for r in rows)
        record = engine.app.record_by_id(UUID(stream))
        if record is not None and record.nutshell_id and record.entity:
            entry = {"entity": record.entity, "id": str(record.nutshell_id)}
            if entry not in result.nutshell:  # several records may land on one contact
                result.nutshell.append(entry)
    result.nutshell.sort(key=lambda n: (n["entity"], n["id"]))
    return named
