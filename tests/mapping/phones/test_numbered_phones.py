"""A second phone column named as the first with a number (`phone2` beside `phone`, `Phone 2`
beside `Phone 1`, `Telefono 2`): another phone of the person, the next phone field free (the
first stays the home number, the second is the daytime one), not a custom field; and the
first is then no longer the person's only number, so it is not read as their mobile."""

from __future__ import annotations

import pytest

from tests.mapping.test_failure_classes import _derive, _propose

_FIRST = ("Ana", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo")
_LAST = ("Roy", "Tran", "Okoye", "Byrne", "Silva", "Nakamura", "Dubois", "Weber", "Costa")


@pytest.mark.parametrize(("first", "second"), [
    ("phone", "phone2"), ("Phone 1", "Phone 2"), ("Telefono", "Telefono 2"), ("tel", "tel_2")])
def test_a_numbered_second_phone_is_another_phone(first: str, second: str) -> None:
    headers = ["patient_no", "first_name", "last_name", "email", first, second]
    rows = [[str(100 + i), _FIRST[i % 10], _LAST[i % 9], f"p{i}@example.org",
             f"416-555-{1000 + i * 31}", "" if i % 3 else f"647-555-{2000 + i * 17}"]
            for i in range(30)]
    doc = _propose({"patients.csv": (headers, rows)})
    columns = doc.files["patients.csv"].columns
    assert columns[first].target == "patient.phone_home"
    assert columns[second].target == "patient.phone_work"
    assert columns[second].custom_field is None
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert kinds["patient"] == 30 and not quarantined
    assert records[0].fields.get("phone_work") and records[0].fields.get("phone_home")


def test_a_numbered_column_of_no_phones_stays_apart() -> None:
    headers = ["patient_no", "first_name", "last_name", "phone", "phone2"]
    rows = [[str(100 + i), _FIRST[i % 10], _LAST[i % 9], f"416-555-{1000 + i * 31}",
             ("yes", "no")[i % 2]] for i in range(30)]
    columns = _propose({"patients.csv": (headers, rows)}).files["patients.csv"].columns
    assert columns["phone2"].target is None
