"""The column profiler: shape counts, date-order proof, bounded state, JSON-friendly output."""

from __future__ import annotations

import json
import sys

from domain.proposal.profile import DISTINCT_CAP, SKETCH_K
from domain.proposal.propose import ColumnProfiler, FileProfile


def test_counts_shapes_and_proves_date_order() -> None:
    profiler = ColumnProfiler(["DOB", "Email", "Sex"])
    rows = [("03/04/1980", "a@example.org", "F"), ("25/12/1975", "b@example.org", "M"),
            ("", "not-an-email", "F")]
    for birth, email, sex in rows:
        profiler.add({"DOB": birth, "Email": email, "Sex": sex})
    profile = profiler.profile()
    dob = profile.columns["DOB"]
    assert (dob.non_empty, dob.empty, dob.numeric_dates, dob.dmy_proof, dob.mdy_proof) == (2, 1, 2, 1, 0)
    assert profile.columns["Email"].shapes["email"] == 2
    assert profile.columns["Sex"].distinct == {"F": 2, "M": 1}
    assert profile.rows == 3


def test_memory_stays_flat_and_distinct_count_is_estimated() -> None:
    profiler = ColumnProfiler(["id", "status"])
    sizes = []
    for i in range(20_000):
        profiler.add({"id": str(i), "status": ("active", "inactive")[i % 2]})
        if i in (5_000, 19_999):
            stats = profiler._stats["id"]
            sizes.append((len(stats.distinct), len(stats.sketch), sys.getsizeof(stats.in_sketch)))
    assert sizes[0] == sizes[1]  # nothing grew between 5,000 and 20,000 rows
    profile = profiler.profile()
    ids = profile.columns["id"]
    assert len(ids.distinct) == DISTINCT_CAP and ids.distinct_overflow
    assert 0.8 * 20_000 <= ids.distinct_estimate <= 1.2 * 20_000
    assert ids.unique_ratio > 0.8
    assert profile.columns["status"].distinct_estimate == 2
    assert profile.columns["status"].is_enumeration
    assert len(profiler._stats["id"].sketch) == SKETCH_K


def test_profile_is_json_friendly_and_round_trips() -> None:
    profiler = ColumnProfiler()
    profiler.add({"a": 1, "b": None, "c": "x"})
    profile = profiler.profile()
    again = FileProfile.model_validate(json.loads(json.dumps(profile.model_dump(mode="json"))))
    assert again == profile
    assert profile.columns["a"].shapes.get("integer") == 1 and profile.columns["b"].empty == 1


def test_small_files_keep_a_profile_per_field_name() -> None:
    profiler = ColumnProfiler(["PatNum", "FieldName", "FieldValue"])
    for i in range(100):
        profiler.add({"PatNum": str(i), "FieldName": "Birthplace", "FieldValue": "Boston"})
        profiler.add({"PatNum": str(i), "FieldName": "Email 2", "FieldValue": f"p{i}@example.org"})
    groups = profiler.profile().by_value["FieldName"]
    assert set(groups) == {"Birthplace", "Email 2"}
    assert groups["Email 2"]["FieldValue"].shapes["email"] == 100
    # the PatNum column has too many values to be a field-name column: dropped, not kept growing
    assert profiler._by_value["PatNum"] is None
