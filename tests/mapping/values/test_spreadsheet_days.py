"""Dates a workbook kept without a date number format arrive as the spreadsheet's day numbers
(`45299`, `45299.5833`) and times as fractions of a day (`0.5833`): read as the dates and times
they stand for under a header that calls them so, and never where the header does not (a
zip code has the same five digits). Small exports built here."""

from __future__ import annotations

import datetime as dt

from domain.mapping import Settings
from domain.records.normalise import parse_date, parse_datetime
from tests.mapping.test_failure_classes import _derive, _propose

EPOCH = dt.date(1899, 12, 30)


def _day(date: dt.date) -> str:
    return str((date - EPOCH).days)


def test_a_day_number_reads_as_its_date_and_its_fraction_as_the_time() -> None:
    assert parse_date("45299", "MDY")[0] == dt.date(2024, 1, 8)
    moment, _ = parse_datetime("45299.75", "MDY", Settings(timezone="UTC"))
    assert moment.startswith("2024-01-08T18:00:00")
    moment, _ = parse_datetime("45299 0.4375", "DMY", Settings(timezone="UTC"))
    assert moment.startswith("2024-01-08T10:30:00")


def test_appointments_with_day_numbers_and_day_fractions_land_with_their_moments() -> None:
    headers = ["Appointment ID", "Client ID", "Date", "Start Time", "Duration", "Zip"]
    first = dt.date(2024, 3, 4)
    rows = [[str(i), str(100 + i % 9), _day(first + dt.timedelta(days=i)),
             f"{(9 + i % 8) / 24:.10f}", "30", str(10001 + i * 37)] for i in range(40)]
    doc = _propose({"appointments.csv": (headers, rows)}, timezone="UTC")
    columns = doc.files["appointments.csv"].columns
    assert columns["Zip"].target != "appointment.starts_at"
    kinds, quarantined, records = _derive(doc, "appointments.csv", headers, rows)
    assert kinds["appointment"] == 40 and not quarantined
    third = next(r for r in records if r.source_id == "2")
    assert third.fields["starts_at"].startswith("2024-03-06T11:00:00")


def test_birth_dates_as_day_numbers_are_birth_dates_and_a_zip_stays_a_zip() -> None:
    headers = ["Client ID", "First Name", "Last Name", "Date of Birth", "Date Registered",
               "Zip Code"]
    rows = [[str(i), f"Ana{i}", f"Reyes{i}", _day(dt.date(1950 + i, 1 + i % 12, 3)),
             _day(dt.date(2021, 1 + i % 12, 9)), str(10001 + i * 531)] for i in range(30)]
    doc = _propose({"clients.csv": (headers, rows)}, country="US")
    columns = doc.files["clients.csv"].columns
    assert columns["Date Registered"].target == "patient.created_at"
    assert columns["Zip Code"].target == "patient.postal_code"
    kinds, quarantined, records = _derive(doc, "clients.csv", headers, rows)
    assert kinds["patient"] == 30 and not quarantined
    fifth = next(r for r in records if r.source_id == "4")
    assert fifth.fields["date_of_birth"] == "1954-05-03"
    assert fifth.fields["postal_code"] == str(10001 + 4 * 531)
