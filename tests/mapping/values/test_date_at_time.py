"""A date and its time joined by a short word or a comma, the way clinics' systems print a
moment (`9.1.2024 klo 15.15`, `12.01.2024 um 14:00`, `12/01/2024 à 14:30`, `Jan 8, 2024 at
2:30 PM`, `08/01/2024, 09:15`): the joining word is set aside, the date and the time are read.
A small export built here."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.mapping import Settings
from domain.records.normalise import Invalid, parse_datetime
from tests.mapping.test_failure_classes import _derive, _propose


@pytest.mark.parametrize(("text", "order", "country", "expected"), [
    ("9.1.2024 klo 15.15", "DMY", "FI", dt.datetime(2024, 1, 9, 15, 15)),
    ("12.01.2024 um 14:00", "DMY", "DE", dt.datetime(2024, 1, 12, 14, 0)),
    ("12/01/2024 à 14:30", "DMY", "FR", dt.datetime(2024, 1, 12, 14, 30)),
    ("01/12/2024 at 2:30 PM", "MDY", "US", dt.datetime(2024, 1, 12, 14, 30)),
    ("08/01/2024, 09:15", "DMY", "GB", dt.datetime(2024, 1, 8, 9, 15)),
    ("3.2.2019 kl. 8.05", "DMY", "NO", dt.datetime(2019, 2, 3, 8, 5)),
])
def test_a_word_or_comma_between_the_date_and_its_time_is_set_aside(
        text: str, order: str, country: str, expected: dt.datetime) -> None:
    moment, _ = parse_datetime(text, order, Settings(country=country, timezone="UTC"))
    assert moment.startswith(expected.isoformat())


@pytest.mark.parametrize("text", ["12.01.2024 room 14", "12.01.2024 Dr Smith", "12.01.2024 um"])
def test_a_word_followed_by_no_time_is_not_a_connector(text: str) -> None:
    with pytest.raises(Invalid):
        parse_datetime(text, "DMY", Settings(country="DE", timezone="UTC"))


def test_visits_whose_moment_joins_date_and_time_with_a_word_all_land() -> None:
    headers = ["Käynti", "Aika", "Kesto", "Asiakas"]
    start = dt.datetime(2024, 3, 4, 8, 0)
    rows = []
    for i in range(36):
        moment = start + dt.timedelta(days=i, minutes=15 * (i % 9))
        rows.append([str(5100 + i), f"{moment.day}.{moment.month}.{moment.year} klo "
                     f"{moment.hour}.{moment.minute:02d}", "30", str(700 + i % 10)])
    doc = _propose({"Käynnit.csv": (headers, rows)}, country="FI", timezone="Europe/Helsinki")
    kinds, quarantined, records = _derive(doc, "Käynnit.csv", headers, rows)
    assert kinds["appointment"] == 36 and not quarantined
    assert records[5].fields["starts_at"].startswith("2024-03-09T09:15:00")
