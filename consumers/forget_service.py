"""Forget a patient: destroy their keys so their records' events can never be read again.

What is shredded: every event of every record stream sealed with the patient's subject key
(the patient record and, per run, each record naming the patient in `patient_source_id`:
appointments, notes, invoices...). They read as tombstones from then on: the app finds no such
record, the projections skip them, audit rows already written stay (they never held values).

What is NOT shredded, and said so in the result: the raw rows as read from the export
(SourceFile pages, sealed with the master key because one page mixes patients), and whatever
was already pushed to Nutshell. The result names the files and row numbers and the Nutshell
ids, so the operator can delete those at the source and in Nutshell and, if the raw rows must
go too, re-extract into a new run from an export without the patient.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from consumers.bootstrap import Engine
from domain.erasure import Erasure, erasure_id
from domain.errors import TerminalError
from domain.ids import phi_hash, record_id


@dataclass
class RunErasure:
    run: str
    subject: str
    records: int
    keys_destroyed: int
    already_forgotten: bool


@dataclass
class ForgetResult:
    patient_ref: str
    runs: list[RunErasure] = field(default_factory=list)
    raw_rows: dict[str, set[int]] = field(default_factory=dict)
    nutshell: list[dict[str, str]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.runs)

    def to_json(self) -> dict[str, Any]:
        return {
            "patient_ref": self.patient_ref,
            "found": self.found,
            "runs": [vars(r) for r in self.runs],
            "shredded": "every event of the patient's records and of records naming the patient",
            "not_shredded": {
                "raw_rows": [{"file": f, "rows": sorted(r)} for f, r in
                             sorted(self.raw_rows.items())],
                "nutshell": self.nutshell,
            },
            "next_steps": [
                "delete the listed Nutshell records (the migration can no longer roll them back)",
                "to erase the raw rows too: re-extract into a new run (C2N_RUN) from an export "
                "without the patient, then delete this run's database",
            ] if self.found else [],
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
        if not forgotten:
            _collect_residue(engine, streams, result)
        destroyed = keyring.shred([(subject, run)])
        result.runs.append(RunErasure(run=run, subject=subject, records=len(streams),
                                      keys_destroyed=len(destroyed),
                                      already_forgotten=forgotten))
        if erasure_id(subject) in engine.app.repository:
            continue
        files = [{"file": f, "rows": sorted(r)} for f, r in sorted(result.raw_rows.items())]
        engine.app.save(Erasure.record(run=run, subject=subject, patient_ref=result.patient_ref,
                                       by=by, records=len(streams), files=files))
    engine.catch_up()
    return result


def _collect_residue(engine: Engine, streams: list[str], result: ForgetResult) -> None:
    """Where the patient's values still live outside the shredded events (names and ids only)."""
    from uuid import UUID

    for stream in streams:
        record = engine.app.record_by_id(UUID(stream))
        if record is None:
            continue
        if record.file:
            result.raw_rows.setdefault(record.file, set()).update(int(r) for r in record.rows)
        if record.nutshell_id and record.entity:
            entry = {"entity": record.entity, "id": str(record.nutshell_id)}
            if entry not in result.nutshell:  # several records may land on one contact
                result.nutshell.append(entry)
    result.nutshell.sort(key=lambda n: (n["entity"], n["id"]))
