"""A date kept in three columns, one per part (a database's `year_of_birth`, `month_of_birth`,
`date_of_birth` holding the day; `dob_year`; `Geburtsjahr`; `ano_nacimiento`): the three make
one date. Read one by one the year was taken for a postcode or a number, the day for a birth
date that was no date, and the patient landed with no birth date (so a person entered twice
under a new id could not be told)."""

from __future__ import annotations

import pytest

from tests.mapping.test_failure_classes import _derive, _propose

_FIRST = ("Ana", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo")
_LAST = ("Roy", "Tran", "Okoye", "Byrne", "Silva", "Nakamura", "Dubois", "Weber", "Costa",
         "Patel", "Moreau", "Khan")


def _rows(unknown: bool = True) -> list[list[str]]:
    rows = [[str(200 + i), _FIRST[i % 10], _LAST[i % 12], f"client{i}@example.org",
             str(1940 + i % 60), f"{1 + i % 12:02d}", f"{1 + (i * 7) % 28:02d}"]
            for i in range(40)]
    if unknown:
        rows[5][4:7] = ["0000", "00", "00"]  # the birth date not known
    return rows


@pytest.mark.parametrize(("year", "month", "day"), [
    ("year_of_birth", "month_of_birth", "date_of_birth"),
    ("dob_year", "dob_month", "dob_day"),
    ("BirthYear", "BirthMonth", "BirthDay"),
    ("ano_nacimiento", "mes_nacimiento", "dia_nacimiento"),
    ("annee_naissance", "mois_naissance", "jour_naissance"),
    ("Geburtsjahr", "Geburtsmonat", "Geburtstag"),
])
def test_year_month_and_day_columns_make_one_birth_date(year: str, month: str, day: str) -> None:
    headers = ["patient_no", "first_name", "last_name", "email", year, month, day]
    rows = _rows()
    doc = _propose({"patients.csv": (headers, rows)})
    fm = doc.files["patients.csv"]
    assert [(c.target, c.columns) for c in fm.combine] == [
        ("patient.date_of_birth", [year, month, day])]
    assert all(fm.columns[h].target is None and fm.columns[h].custom_field is None
               for h in (year, month, day))
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert kinds["patient"] == 40 and not quarantined
    born = {r.source_id: r.fields.get("date_of_birth") for r in records}
    assert born["200"] == "1940-01-01"
    assert born["211"] == "1951-12-22"
    assert not born["205"]  # 0000/00/00: not known, not a wrong date


def test_parts_of_no_one_date_stay_apart() -> None:
    """A year column beside a month and a day of other things (a visit count, a ward number)
    is no date: nothing is combined."""
    headers = ["patient_no", "first_name", "last_name", "year_registered", "visits_month",
               "ward_day"]
    rows = [[str(200 + i), _FIRST[i % 10], _LAST[i % 12], str(2000 + i % 20), str(1 + i % 9),
             str(1 + i % 20)] for i in range(40)]
    doc = _propose({"patients.csv": (headers, rows)})
    assert not doc.files["patients.csv"].combine
