"""Validation and normalisation of canonical values (domain.records.validation)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.mapping import Settings
from domain.records.canonical import KIND_FIELDS
from domain.records.normalise import detect_date_order
from domain.records.validation import (
    RECORD_MODELS,
    ValidationResult,
    validate_record,
)

US = Settings()
AU = Settings(country="AU", currency="AUD", date_order="DMY", timezone="Australia/Sydney")


def _one(kind: str, field: str, value: object, settings: Settings = US,
         order: str | None = None) -> ValidationResult:
    return validate_record(kind, {"source_id": "1", field: value}, settings, order)


def test_models_use_the_canonical_field_names_verbatim() -> None:
    for kind, fields in KIND_FIELDS.items():
        assert tuple(RECORD_MODELS[kind].model_fields) == fields


def test_names_are_trimmed_and_collapsed() -> None:
    r = _one("patient", "first_name", "  Mary   Ann ")
    assert r.fields["first_name"] == "Mary Ann" and r.ok


@pytest.mark.parametrize(("raw", "expected"), [
    ("Ann@Example.COM", "ann@example.com"), (" bo@clinic.org ", "bo@clinic.org")])
def test_emails_are_lowercased(raw: str, expected: str) -> None:
    assert _one("patient", "email", raw).fields["email"] == expected


@pytest.mark.parametrize("raw", ["not-an-email@", "two@@x.com", "a b@c.com", "plain"])
def test_bad_email_leaves_the_field_out_kept_raw_and_reported(raw: str) -> None:
    r = _one("patient", "email", raw)
    assert r.ok and "email" not in r.fields and r.raw_kept["email"] == raw
    assert [(p.field, p.fatal) for p in r.problems] == [("email", False)]
    assert "left out" in r.problems[0].reason and raw not in r.problems[0].reason


@pytest.mark.parametrize(("raw", "settings", "expected"), [
    ("(508) 828-7000", US, "+15088287000"),
    ("508.828.7000 x12", US, "+15088287000;ext=12"),  # the extension kept (RFC 3966)
    ("0412 345 678", AU, "+61412345678"),
    ("+44 20 7946 0958", US, "+442079460958"),
])
def test_phones_to_e164_with_the_raw_kept(raw: str, settings: Settings, expected: str) -> None:
    r = _one("patient", "phone_mobile", raw, settings)
    assert r.fields["phone_mobile"] == expected and r.raw_kept["phone_mobile"] == raw


def test_unparseable_phone_is_a_warning_not_a_quarantine() -> None:
    r = _one("patient", "phone_home", "call reception")
    assert r.ok and "phone_home" not in r.fields
    assert r.raw_kept["phone_home"] == "call reception"
    assert [p.field for p in r.problems] == ["phone_home"]


@pytest.mark.parametrize(("raw", "order", "expected"), [
    ("1984-02-29", "MDY", "1984-02-29"),
    ("19840229", "MDY", "1984-02-29"),
    ("02/03/1984", "MDY", "1984-02-03"),
    ("02/03/1984", "DMY", "1984-03-02"),
    ("2.3.1984", "DMY", "1984-03-02"),
    ("29 Feb 1984", "MDY", "1984-02-29"),
    ("February 29, 1984", "DMY", "1984-02-29"),
    ("1984-02-29 00:00:00", "MDY", "1984-02-29"),
])
def test_dates_follow_the_source_day_month_order(raw: str, order: str, expected: str) -> None:
    r = _one("patient", "date_of_birth", raw, order=order)
    assert r.ok and r.fields["date_of_birth"] == expected


def test_a_date_that_proves_the_other_order_is_read_and_reported() -> None:
    r = _one("patient", "date_of_birth", "13/02/1990", order="MDY")
    assert r.fields["date_of_birth"] == "1990-02-13" and r.ok
    assert r.raw_kept["date_of_birth"] == "13/02/1990"
    assert r.problems and not r.problems[0].fatal


@pytest.mark.parametrize("raw", ["1984-02-30", "02/30/1984", "31/31/2000", "yesterday"])
def test_impossible_optional_dates_are_left_out_not_fatal(raw: str) -> None:
    r = _one("patient", "date_of_birth", raw)
    assert r.ok and "date_of_birth" not in r.fields and r.raw_kept["date_of_birth"] == raw
    assert [(p.field, p.fatal) for p in r.problems] == [("date_of_birth", False)]


@pytest.mark.parametrize(("kind", "field", "raw"), [
    ("appointment", "starts_at", "yesterday"), ("communication", "occurred_at", "13/13/2020"),
    ("billing", "outstanding_balance", "lots")])
def test_a_record_is_quarantined_when_a_field_it_needs_cannot_be_read(
        kind: str, field: str, raw: str) -> None:
    r = _one(kind, field, raw)
    assert not r.ok and r.fatal[0].field == field


@pytest.mark.parametrize(("raw", "expected"), [
    ("3/4/62", "1962-03-04"), ("12/31/99", "1999-12-31"), ("1/2/05", "2005-01-02"),
    ("03/04/1962", "1962-03-04")])
def test_two_digit_birth_years_are_never_in_the_future(raw: str, expected: str) -> None:
    r = _one("patient", "date_of_birth", raw, order="MDY")
    assert r.ok and r.fields["date_of_birth"] == expected


def test_a_two_digit_year_of_other_dates_is_the_nearest_century() -> None:
    from domain.records.normalise import full_year
    today = dt.date(2026, 12, 7)
    assert full_year(30, 1, 1, past=False, today=today) == 2030  # a booking ahead: this century
    assert full_year(62, 1, 1, past=False, today=today) == 1962
    assert full_year(26, 12, 8, past=True, today=today) == 1926  # a birth date: never ahead
    assert full_year(26, 12, 7, past=True, today=today) == 2026


@pytest.mark.parametrize("raw", ["0001-01-01", "0000-00-00", "0001-01-01 00:00:00"])
def test_vendor_sentinels_are_missing(raw: str) -> None:
    r = _one("patient", "date_of_birth", raw)
    assert r.ok and "date_of_birth" not in r.fields
    assert _one("appointment", "starts_at", raw).fields.get("starts_at") is None


def test_detect_date_order() -> None:
    assert detect_date_order(["01/02/2000", "25/12/1999"]) == "DMY"
    assert detect_date_order(["01/02/2000", "12/25/1999"]) == "MDY"
    assert detect_date_order(["01/02/2000", "03/04/2001"]) is None
    assert detect_date_order(["1999-12-25"]) == "YMD"


@pytest.mark.parametrize(("raw", "settings", "expected"), [
    ("2024-03-05T10:00:00Z", US, "2024-03-05T10:00:00+00:00"),
    ("2024-03-05 10:00", US, "2024-03-05T10:00:00+00:00"),
    ("2010-11-20T02:52:44-05:00", US, "2010-11-20T02:52:44-05:00"),
    ("03/05/2024 02:30 PM", US, "2024-03-05T14:30:00+00:00"),
    ("05/03/2024 14:30", AU, "2024-03-05T14:30:00+11:00"),
    ("2024-03-05", US, "2024-03-05T00:00:00+00:00"),
])
def test_datetimes_get_an_offset(raw: str, settings: Settings, expected: str) -> None:
    r = _one("appointment", "starts_at", raw, settings)
    assert r.fields["starts_at"] == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("$1,234.50", "1234.50"), ("1.234,50", "1234.50"), ("(12.00)", "-12.00"), ("-3", "-3"),
    ("AUD 99.95", "99.95"), ("12,5", "12.5"), ("0", "0")])
def test_money_is_a_decimal_string_plus_currency(raw: str, expected: str) -> None:
    r = _one("billing", "outstanding_balance", raw)
    assert r.fields["outstanding_balance"] == expected and r.fields["currency"] == "USD"


@pytest.mark.parametrize(("raw", "country", "expected"), [
    ("1.234", "DE", "1234"), ("1.234", "US", "1.234"),  # the clinic's locale decides
    ("1234.50", "DE", "1234.50"), ("12.50", "ES", "12.50"),  # the machine spelling, anywhere
    ("12.50 CR", "AU", "-12.50"), ("12.50-", "DE", "-12.50"), ("CHF 1'234.50", "CH", "1234.50"),
    ("1\u202f234,50 CHF", "CH", "1234.50"), ("€ -12,50", "NL", "-12.50")])
def test_money_is_read_in_the_locale_of_the_clinics_country(raw: str, country: str,
                                                            expected: str) -> None:
    settings = Settings(country=country)
    r = _one("billing", "outstanding_balance", raw, settings)
    assert r.fields["outstanding_balance"] == expected


def test_money_currency_from_the_record_wins() -> None:
    r = validate_record("insurance", {"source_id": "1", "copay": "20", "currency": "aud"}, US)
    assert r.fields["currency"] == "AUD"
    assert not _one("billing", "outstanding_balance", "lots").ok


@pytest.mark.parametrize(("kind", "field", "raw", "expected"), [
    ("patient", "sex", "F", "female"), ("patient", "sex", "MALE", "male"),
    ("appointment", "status", "Did Not Arrive", "no_show"),
    ("appointment", "status", "Canceled", "cancelled"),
    ("appointment", "status", "Checked In", "arrived"),
    ("patient", "contact_preference", "Text message", "sms"),
    ("communication", "channel", "Phone", "call"),
    ("allergy_condition", "kind", "Problem", "condition"),
])
def test_enumerations_fold_case_insensitively(kind: str, field: str, raw: str,
                                              expected: str) -> None:
    r = _one(kind, field, raw)
    assert r.fields[field] == expected and r.raw_kept[field] == raw and r.ok


def test_unknown_enumeration_is_kept_raw_and_reported() -> None:
    r = _one("patient", "sex", "robot")
    assert r.ok and "sex" not in r.fields and r.raw_kept["sex"] == "robot"
    assert r.problems[0].field == "sex" and "robot" not in r.problems[0].reason


def test_booleans_and_integers() -> None:
    assert _one("provider", "active", "Inactive").fields["active"] is False
    assert _one("insurance", "is_primary", True).fields["is_primary"] is True
    assert _one("document", "size_bytes", "1,024").fields["size_bytes"] == 1024
    assert _one("communication", "duration_minutes", "15 min").fields["duration_minutes"] == 15
    for kind, field, raw in (("document", "size_bytes", "1.5"), ("provider", "active", "maybe")):
        r = _one(kind, field, raw)  # unreadable, and the record is something without it
        assert r.ok and field not in r.fields and r.raw_kept[field] == raw


def test_missing_source_id_is_fatal_and_unknown_fields_are_reported() -> None:
    r = validate_record("patient", {"first_name": "Ann", "shoe_size": "9"}, US)
    assert not r.ok
    assert {p.field for p in r.problems} == {"source_id", "shoe_size"}


def test_postal_codes_and_ids_stay_text() -> None:
    r = validate_record("patient", {"source_id": " 0042 ", "postal_code": "02110"}, US)
    assert r.fields == {"source_id": "0042", "postal_code": "02110"}
