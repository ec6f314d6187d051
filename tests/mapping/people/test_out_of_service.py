"""A yes/no column set when a person is out of service (`is_account_suspended`, `Archived`):
the kind's `active` flag, inverted; on small exports built here."""

from __future__ import annotations

import pytest

from tests.mapping.test_failure_classes import _derive, _propose


@pytest.mark.parametrize("header", ["is_account_suspended", "Archived"])
def test_a_flag_set_when_out_of_service_is_the_active_flag_inverted(header: str) -> None:
    headers = ["id", "first_name", "last_name", "email", header]
    rows = [[str(8100 + i), f"Nia{i}", f"Orme{i}", f"nia{i}@clinic.example",
             "True" if i == 4 else "False"] for i in range(6)]
    doc = _propose({"doctors.csv": (headers, rows)})
    column = doc.files["doctors.csv"].columns[header]
    assert column.target == "provider.active"
    kinds, quarantined, records = _derive(doc, "doctors.csv", headers, rows)
    assert kinds["provider"] == 6 and not quarantined
    active = {r.source_id: r.fields.get("active") for r in records}
    assert active["8104"] is False
    assert active["8100"] is True
