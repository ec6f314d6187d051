"""Data quality over the derived records, streaming: orphan references and merge candidates.

Memory grows with the number of distinct records (their kind and source id) and references,
never with field values: matching keys for duplicates are kept as hashes only.
"""

from __future__ import annotations

from typing import NamedTuple

from domain.canonical import REFERENCES
from domain.derive import DerivedRecord
from domain.ids import phi_hash


class Orphan(NamedTuple):
    kind: str
    source_id: str
    field: str
    missing_kind: str
    missing_source_id: str


class MergeCandidate(NamedTuple):
    reason: str  # "name+dob" | "email"
    source_ids: tuple[str, ...]  # patient source ids, sorted
    key: str  # phi_hash of the matching key: shows two groups are one without showing values


def _fold(value: object) -> str:
    return " ".join(str(value).casefold().split())


class QualityChecker:
    def __init__(self) -> None:
        self._seen: set[tuple[str, str]] = set()
        self._references: dict[tuple[str, str, str], tuple[str, str]] = {}
        self._by_key: dict[tuple[str, str], set[str]] = {}

    def add(self, record: DerivedRecord) -> None:
        self._seen.add((record.kind, record.source_id))
        for name, value in record.fields.items():
            target = REFERENCES.get((record.kind, name))
            if target and value not in (None, ""):
                self._references[(record.kind, record.source_id, name)] = (target, str(value))
        if record.kind == "patient":
            self._patient_keys(record)

    def _patient_keys(self, record: DerivedRecord) -> None:
        f = record.fields
        first, last, dob = f.get("first_name"), f.get("last_name"), f.get("date_of_birth")
        if first and last and dob:
            key = phi_hash(f"{_fold(first)}|{_fold(last)}|{dob}")
            self._by_key.setdefault(("name+dob", key), set()).add(record.source_id)
        if f.get("email"):
            key = phi_hash(_fold(f["email"]))
            self._by_key.setdefault(("email", key), set()).add(record.source_id)

    def orphans(self) -> list[Orphan]:
        return [
            Orphan(kind, source_id, name, target, target_id)
            for (kind, source_id, name), (target, target_id) in sorted(self._references.items())
            if (target, target_id) not in self._seen
        ]

    def merge_candidates(self) -> list[MergeCandidate]:
        groups = [
            MergeCandidate(reason, tuple(sorted(ids)), key)
            for (reason, key), ids in self._by_key.items()
            if len(ids) > 1
        ]
        return sorted(groups, key=lambda g: (g.reason, g.source_ids))
