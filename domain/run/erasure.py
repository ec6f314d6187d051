"""The erasure of one patient from one run: the auditable fact that their keys were destroyed.

The record's own events are never rewritten (the log is immutable); what changes is that their
key no longer exists. The raw export rows are resealed without the patient and their earlier
page keys destroyed (domain.records.source_file). This stream says who asked, when, and what became
unreadable, naming the patient by subject id and hash only.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.ids import NAMESPACE


def erasure_id(subject: str) -> UUID:
    return uuid5(NAMESPACE, f"erasure/{subject}")


class Erasure(Aggregate):
    class PatientForgotten(Aggregate.Created):
        """v2 adds `raw_rows`, the raw export rows shredded (v1 shredded none: its `files`
        listed every raw row of the patient as left readable)."""

        class_version = 2
        run: str
        subject: str
        patient_ref: str  # phi_hash of the patient's source id
        by: str
        records: int  # record streams sealed with the destroyed key
        files: list[dict[str, Any]]  # raw rows NOT shredded: [{"file": name, "rows": [n...]}]
        raw_rows: list[dict[str, Any]]  # raw rows shredded: [{"file": name, "rows": [n...]}]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["raw_rows"] = []

    def __init__(self, run: str, subject: str, patient_ref: str, by: str, records: int,
                 files: list[dict[str, Any]], raw_rows: list[dict[str, Any]]) -> None:
        self.run = run
        self.subject = subject
        self.patient_ref = patient_ref
        self.by = by
        self.records = records
        self.files = files
        self.raw_rows = raw_rows

    @classmethod
    def record(cls, *, run: str, subject: str, patient_ref: str, by: str, records: int,
               files: list[dict[str, Any]], raw_rows: list[dict[str, Any]]) -> Erasure:
        return cls._create(cls.PatientForgotten, id=erasure_id(subject), run=run,
                           subject=subject, patient_ref=patient_ref, by=by, records=records,
                           files=files, raw_rows=raw_rows)
