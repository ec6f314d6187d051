"""The day a person joined the practice (`date_joined`, `DateJoined`, `Member since`) is when
their record was created, not a custom date field of its own."""

from __future__ import annotations

import pytest

from tests.mapping.test_failure_classes import _derive, _propose


@pytest.mark.parametrize("header", ["date_joined", "DateJoined", "Join Date", "Member since",
                                    "Client since"])
def test_the_day_a_patient_joined_is_their_record_created(header: str) -> None:
    headers = ["patient_no", "first_name", "last_name", "email", header]
    rows = [[str(100 + i), f"Ann{chr(97 + i % 26)}", f"Lee{i}", f"a{i}@example.org",
             f"20{10 + i % 14}-0{1 + i % 9}-1{i % 10}"] for i in range(30)]
    doc = _propose({"patients.csv": (headers, rows)})
    assert doc.files["patients.csv"].columns[header].target == "patient.created_at"
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert kinds["patient"] == 30 and not quarantined
    assert str(records[0].fields["created_at"]).startswith("2010-01-10")
