"""A date written after its weekday (`Fri 12 Jan 2024 3:30 pm`, the Danish `tirsdag 9. januar
2024`): the weekday is set aside when it is a day's name in the clinic's languages or English,
and the column reads as the appointments' start. A small export built here."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.records.normalise import Invalid, parse_date
from tests.mapping.test_failure_classes import _derive, _propose


def test_a_weekday_before_the_date_is_set_aside_and_nothing_else_is() -> None:
    assert parse_date("tirsdag 9. januar 2024", "DMY", country="DK")[0] == dt.date(2024, 1, 9)
    assert parse_date("Mon, Jan 8, 2024", "MDY", country="US")[0] == dt.date(2024, 1, 8)
    with pytest.raises(Invalid):
        parse_date("Room 9 Jan 2024", "DMY", country="NZ")


def test_appointments_whose_start_names_its_weekday_all_land() -> None:
    headers = ["Booking ID", "Date & time", "Duration", "Customer ID"]
    start = dt.datetime(2024, 1, 8, 9, 30)
    rows = []
    for i in range(40):
        moment = start + dt.timedelta(days=i, hours=i % 5)
        text = moment.strftime("%a %d %b %Y %I:%M %p").replace(" 0", " ").lower().capitalize()
        rows.append([str(98100000 + i), text, "45 mins", str(2200000 + i % 12)])
    doc = _propose({"Appointments Report.csv": (headers, rows)}, country="NZ",
                   timezone="Pacific/Auckland")
    columns = doc.files["Appointments Report.csv"].columns
    assert "appointment.starts_at" in {columns["Date & time"].target} | {
        t for c in doc.files["Appointments Report.csv"].combine for t in [c.target]
        if "Date & time" in c.columns}
    kinds, quarantined, records = _derive(doc, "Appointments Report.csv", headers, rows)
    assert kinds["appointment"] == 40 and not quarantined
    assert records[2].fields["starts_at"].startswith("2024-01-10T11:30:00")


@pytest.mark.parametrize(("text", "country", "day"), [
    # a month's short name that is a weekday's in another language of the clinic's country
    ("Mar 5, 2023", "PH", dt.date(2023, 3, 5)),
    ("Mar 19, 2022", "PH", dt.date(2022, 3, 19)),
    ("mar 7 mar 2023", "ES", dt.date(2023, 3, 7)),
])
def test_a_month_that_shares_a_weekdays_name_stays_the_month(
        text: str, country: str, day: dt.date) -> None:
    assert parse_date(text, "MDY" if country == "PH" else "DMY", country=country)[0] == day
