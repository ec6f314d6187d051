"""Values written the clinic's local way (found by the sixth hold-out): an amount with its
currency's own sign or word and spaces between digit groups, a date with the month's name in
the clinic's language, a date and its time in one cell with a month name, a year-first date
with slashes. Each export is written here; the proposal maps it with no hand edit and every
row's value must read. Before the fix every amount was quarantined "not an amount of money" and
every appointment blocked for want of a start time."""

from __future__ import annotations

import pytest

from domain.proposal.shapes import classify
from domain.records.normalise import Invalid, parse_money
from tests.mapping.test_failure_classes import _derive, _propose

NBSP, NNBSP = "\u00a0", "\u202f"


def _invoices(amounts: list[str], country: str) -> list[str]:
    headers = ["Invoice No", "Patient ID", "Invoice Date", "Balance"]
    rows = [[f"INV{i}", f"P{i % 9}", f"2024-0{1 + i % 9}-1{i % 10}", amounts[i % len(amounts)]]
            for i in range(40)]
    doc = _propose({"invoices.csv": (headers, rows)}, country=country)
    kinds, quarantined, records = _derive(doc, "invoices.csv", headers, rows)
    assert kinds["billing"] == 40 and not quarantined, [q.reason for q in quarantined][:3]
    by_id = {r.source_id: r.fields["outstanding_balance"] for r in records}
    return [by_id[f"INV{i}"] for i in range(len(amounts))]


@pytest.mark.parametrize(("country", "written", "meant"), [
    ("ZA", ["R 1 234,50", f"R{NBSP}2{NBSP}248,08", "R 0,00", "R 55,40"],
     ["1234.50", "2248.08", "0.00", "55.40"]),
    ("IN", ["₹1,23,456.00", "₹999.99", "Rs. 1,500.00", "₹12,900.00"],
     ["123456.00", "999.99", "1500.00", "12900.00"]),
    ("SE", ["1 234,50 kr", f"1{NNBSP}500,00 kr", "99,00 kr", "0,00 kr"],
     ["1234.50", "1500.00", "99.00", "0.00"]),
    ("PL", ["150,00 zł", "1 200,50 zł", "80,00 zł", "0,00 zł"],
     ["150.00", "1200.50", "80.00", "0.00"]),
])
def test_amounts_with_the_currencys_own_sign_or_word(country: str, written: list[str],
                                                     meant: list[str]) -> None:
    assert _invoices(written, country) == meant


def test_a_currency_mark_is_known_and_anything_else_beside_digits_is_refused() -> None:
    assert parse_money("1.234,56 lei", "RO") == "1234.56"
    assert parse_money("1 234 Kč", "CZ") == "1234"
    assert parse_money("S$1,234.50", "SG") == "1234.50"
    assert parse_money("(R 12,50)", "ZA") == "-12.50"
    for not_money in ("12 kg", "30 min", "Rs 12 per visit"):
        with pytest.raises(Invalid):
            parse_money(not_money, "IN")
    assert {"money"} <= classify("R 1 234,50")[0] and {"money"} <= classify("150,00 zł")[0]
    assert "money" not in classify("12 kg")[0]


HOURS = ("09:15 AM", "01:00 PM", "10:30 AM", "04:45 PM")
POLISH_MONTHS = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                 "sierpnia", "września", "października", "listopada", "grudnia")


def _appointments(when: list[str], country: str) -> dict[str, str]:
    headers = ["Appointment ID", "Date & Time", "Patient ID", "Status"]
    rows = [[f"A{i}", when[i], f"P{i % 7}", "Scheduled"] for i in range(len(when))]
    doc = _propose({"appointments.csv": (headers, rows)}, country=country, date_order="DMY")
    assert doc.files["appointments.csv"].columns["Date & Time"].target == "appointment.starts_at"
    kinds, quarantined, records = _derive(doc, "appointments.csv", headers, rows)
    assert kinds["appointment"] == len(when) and not quarantined
    return {r.source_id: r.fields["starts_at"] for r in records}


def test_a_date_and_time_in_one_cell_with_the_months_english_name() -> None:
    when = [f"{1 + i % 28:02d} {('Jan', 'Feb', 'Mar', 'Nov')[i % 4]} 2024 {HOURS[i % 4]}"
            for i in range(40)]
    starts = _appointments(when, "IN")
    assert starts["A1"].startswith("2024-02-02T13:00:00")  # 02 Feb 2024 01:00 PM


def test_a_date_and_time_in_one_cell_with_the_months_name_in_the_clinics_language() -> None:
    when = [f"{1 + i % 28} {POLISH_MONTHS[i % 12]} 2024, {9 + i % 8}:{(i * 5) % 60:02d}"
            for i in range(40)]
    starts = _appointments(when, "PL")
    assert starts["A10"].startswith("2024-11-11T11:50:00")  # 11 listopada 2024, 11:50


def test_a_date_column_with_the_months_name_in_the_clinics_language() -> None:
    headers = ["Patient ID", "First name", "Last name", "Date of birth"]
    rows = [[f"P{i}", "Anna", f"Nowak{i}", f"{1 + i % 28} {POLISH_MONTHS[i % 12]} 19{50 + i}"]
            for i in range(40)]
    doc = _propose({"patients.csv": (headers, rows)}, country="PL", date_order="DMY")
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert kinds["patient"] == 40 and not quarantined
    assert next(r for r in records if r.source_id == "P9").fields["date_of_birth"] == "1959-10-10"


def test_year_first_dates_with_slashes_are_dates() -> None:
    assert "date" in classify("2024/03/05")[0] and "datetime" in classify("2024/03/05 10:30")[0]
    headers = ["Patient ID", "First name", "Last name", "Date of birth", "Date Opened"]
    rows = [[f"P{i}", "Thabo", f"Naidoo{i}", f"19{50 + i}/0{1 + i % 9}/1{i % 10}",
             f"20{10 + i % 15}/1{i % 3}/2{i % 8}"] for i in range(40)]
    doc = _propose({"patients.csv": (headers, rows)}, country="ZA")
    assert doc.files["patients.csv"].columns["Date Opened"].target == "patient.created_at"
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert kinds["patient"] == 40 and not quarantined
    assert next(r for r in records if r.source_id == "P3").fields["created_at"].startswith("2013-10-23")


def test_a_month_name_is_read_even_when_the_clinics_country_is_not_yet_told_right() -> None:
    from domain.records.normalise import parse_date

    assert parse_date("6 lutego 2024", "DMY", country="DE")[0].isoformat() == "2024-02-06"
    with pytest.raises(Invalid):  # November in Polish, October in Croatian: not guessed
        parse_date("12 listopad 2024", "DMY", country="DE")
