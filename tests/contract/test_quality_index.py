"""The derivation's quality index: the same answers in memory and on disk."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

import pytest

from domain.records.derive import DerivedRecord
from domain.records.quality import QualityChecker


def record(kind: str, source_id: str, **fields: Any) -> DerivedRecord:
    return DerivedRecord(kind, source_id, {"source_id": source_id, **fields}, {}, {}, [],
                         f"{kind}.csv", [1])


class QualityIndexContract(ABC):
    @abstractmethod
    def make(self, tmp_path: Path) -> Any: ...

    @pytest.fixture
    def index(self, tmp_path: Path) -> Any:
        made = self.make(tmp_path)
        yield made
        made.close()

    def test_seen_and_taken(self, index: Any) -> None:
        index.add(record("patient", "p1"))
        index.mark_quarantined("patient", "bad#3")
        assert index.seen("patient", "p1") and index.taken("patient", "p1")
        assert not index.seen("patient", "bad#3") and index.taken("patient", "bad#3")
        assert not index.taken("patient", "p2")

    def test_orphans_are_references_to_records_not_derived(self, index: Any) -> None:
        index.add(record("patient", "p1"))
        index.mark_quarantined("patient", "p9")
        index.add(record("appointment", "a1", patient_source_id="p1", provider_source_id="d7"))
        index.add(record("appointment", "a2", patient_source_id="p9"))
        found = {(o.kind, o.source_id, o.field, o.missing_kind, o.missing_source_id)
                 for o in index.orphans()}
        assert found == {("appointment", "a1", "provider_source_id", "provider", "d7"),
                         ("appointment", "a2", "patient_source_id", "patient", "p9")}

    def test_merge_candidates_by_name_and_birth_date_or_email(self, index: Any) -> None:
        index.add(record("patient", "p1", first_name="Ada", last_name="Lovelace",
                         date_of_birth="1815-12-10"))
        index.add(record("patient", "p2", first_name=" ada ", last_name="LOVELACE",
                         date_of_birth="1815-12-10"))
        index.add(record("patient", "p3", email="x@example.org"))
        index.add(record("patient", "p4", email="X@example.org"))
        index.add(record("patient", "p5", email="other@example.org"))
        groups = {(g.reason, g.source_ids) for g in index.merge_candidates()}
        assert groups == {("name+dob", ("p1", "p2")), ("email", ("p3", "p4"))}
        assert all(g.key.startswith("h:") for g in index.merge_candidates())

    def test_many_records(self, index: Any) -> None:
        for i in range(12_000):  # past the disk index's buffer, twice
            index.add(record("appointment", f"a{i}", patient_source_id=f"p{i % 7000}"))
        for i in range(6000):
            index.add(record("patient", f"p{i}"))
        assert len(index.orphans()) == sum(1 for i in range(12_000) if i % 7000 >= 6000)
        assert all(index.seen("appointment", f"a{i}") for i in range(12_000))
        assert not any(index.taken("appointment", f"b{i}") for i in range(12_000))

    def test_a_record_added_again_keeps_its_newest_references(self, index: Any) -> None:
        index.add(record("appointment", "a1", patient_source_id="p9"))
        index.add(record("appointment", "a2", patient_source_id="p8"))
        assert len(index.orphans()) == 2  # and, on disk, written out before the second add
        index.add(record("appointment", "a1", patient_source_id="p1"))
        index.add(record("patient", "p1"))
        assert [(o.source_id, o.missing_source_id) for o in index.orphans()] == [("a2", "p8")]


class TestInMemory(QualityIndexContract):
    def make(self, tmp_path: Path) -> Any:
        return QualityChecker()


class TestOnDisk(QualityIndexContract):
    def make(self, tmp_path: Path) -> Any:
        from adapters.stores.quality_index import DiskQualityIndex

        return DiskQualityIndex(tmp_path / "index.sqlite")
