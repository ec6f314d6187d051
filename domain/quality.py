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


_SEP = "\x1f"  # joins key parts: one small string per entry instead of a tuple of strings


def _key(*parts: str) -> str:
    return _SEP.join(parts)


class QualityChecker:
    """Keys are kept as single joined strings, and a merge group becomes a set only when a
    second patient shares its key: the state is a few dozen bytes per record."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._references: dict[str, str] = {}
        self._by_key: dict[str, str | set[str]] = {}

    def seen(self, kind: str, source_id: str) -> bool:
        return _key(kind, source_id) in self._seen

    def mark(self, kind: str, source_id: str) -> None:
        self._seen.add(_key(kind, source_id))

    def add(self, record: DerivedRecord) -> None:
        self.mark(record.kind, record.source_id)
        for name, value in record.fields.items():
            target = REFERENCES.get((record.kind, name))
            if target and value not in (None, ""):
                self._references[_key(record.kind, record.source_id, name)] = _key(target, str(value))
        if record.kind == "patient":
            self._patient_keys(record)

    def _patient_keys(self, record: DerivedRecord) -> None:
        f = record.fields
        first, last, dob = f.get("first_name"), f.get("last_name"), f.get("date_of_birth")
        if first and last and dob:
            self._group(_key("name+dob", phi_hash(f"{_fold(first)}|{_fold(last)}|{dob}")),
                        record.source_id)
        if f.get("email"):
            self._group(_key("email", phi_hash(_fold(f["email"]))), record.source_id)

    def _group(self, key: str, source_id: str) -> None:
        found = self._by_key.get(key)
        if found is None:
            self._by_key[key] = source_id
        elif isinstance(found, str):
            if found != source_id:
                self._by_key[key] = {found, source_id}
        else:
            found.add(source_id)

    def orphans(self) -> list[Orphan]:
        out = []
        for ref, target in sorted(self._references.items()):
            if target not in self._seen:
                kind, source_id, name = ref.split(_SEP, 2)
                missing_kind, missing_id = target.split(_SEP, 1)
                out.append(Orphan(kind, source_id, name, missing_kind, missing_id))
        return out

    def merge_candidates(self) -> list[MergeCandidate]:
        groups = []
        for key, ids in self._by_key.items():
            if isinstance(ids, set):
                reason, hashed = key.split(_SEP, 1)
                groups.append(MergeCandidate(reason, tuple(sorted(ids)), hashed))
        return sorted(groups, key=lambda g: (g.reason, g.source_ids))
