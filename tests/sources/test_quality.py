"""Orphan references and merge candidates (domain.records.quality)."""

from __future__ import annotations

from domain.records.derive import DerivedRecord
from domain.records.quality import QualityChecker


def _rec(kind: str, sid: str, **fields: str) -> DerivedRecord:
    return DerivedRecord(kind, sid, {"source_id": sid, **fields}, {}, {}, [], "f.csv", [1])


def test_orphans_name_the_missing_target() -> None:
    q = QualityChecker()
    q.add(_rec("patient", "1"))
    q.add(_rec("appointment", "a1", patient_source_id="1", provider_source_id="p9"))
    q.add(_rec("appointment", "a2", patient_source_id="404"))
    assert q.orphans() == [
        ("appointment", "a1", "provider_source_id", "provider", "p9"),
        ("appointment", "a2", "patient_source_id", "patient", "404"),
    ]


def test_a_target_arriving_later_is_not_an_orphan() -> None:
    q = QualityChecker()
    q.add(_rec("appointment", "a1", patient_source_id="1"))
    q.add(_rec("patient", "1"))
    assert q.orphans() == []


def test_merge_candidates_by_name_and_birth_date_or_email() -> None:
    q = QualityChecker()
    q.add(_rec("patient", "1", first_name="Ann", last_name="Lee", date_of_birth="1984-02-29",
               email="ann@example.com"))
    q.add(_rec("patient", "2", first_name="ANN ", last_name="lee", date_of_birth="1984-02-29"))
    q.add(_rec("patient", "3", first_name="Bo", last_name="Ng", email="ann@example.com"))
    q.add(_rec("patient", "4", first_name="Ann", last_name="Lee", date_of_birth="1990-01-01"))
    groups = q.merge_candidates()
    assert [(g.reason, g.source_ids) for g in groups] == [("email", ("1", "3")),
                                                          ("name+dob", ("1", "2"))]
    assert all(g.key.startswith("h:") and "ann" not in g.key for g in groups)
