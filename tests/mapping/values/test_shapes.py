"""Value shapes: what one cell looks like, and the check digits that prove codes."""

from __future__ import annotations

import pytest

from domain.proposal.shapes import classify, date_info, loinc_ok, npi_ok, snomed_ok, split_datetime


@pytest.mark.parametrize(("value", "shape"), [
    ("maria.garcia@example.org", "email"),
    ("(555) 677-3119", "phone"),
    ("+61 412 345 678", "phone"),
    ("1984-02-29", "date"),
    ("29/02/1984", "date"),
    ("2024-03-05T14:30:00Z", "datetime"),
    ("03/05/2024 02:30 PM", "datetime"),
    ("$1,234.50", "money"),
    ("129.16", "decimal"),
    ("E11.9", "icd10"),
    ("22298006", "snomed"),
    ("2345-7", "loinc"),
    ("1234567893", "npi"),
    ("02718", "postal"),
    ("02767-1973", "postal"),
    ("SW1A 1AA", "postal"),
    ("MA", "region"),
    ("Massachusetts", "region"),
    ("female", "sex"),
    ("Yes", "boolean"),
    ("application/pdf", "mime"),
    ("discharge-summary.txt", "filename"),
    ("documents/adi-dnr.pdf", "path"),
    ("https://clinic.example.com", "url"),
    ("USD", "currency_code"),
    ("34c993b09f9d99bb2db60ff4199f54cbe5f66c7f9f199b6cdcb5f88040ce3343", "hex64"),
])
def test_a_value_has_its_shape(value: str, shape: str) -> None:
    shapes, _ = classify(value)
    assert shape in shapes, (value, shapes)


@pytest.mark.parametrize(("value", "shape"), [
    ("LIC12345", "money"),  # letters that are no currency code
    ("1234567890", "npi"),  # Luhn with 80840 fails
    ("22298007", "snomed"),  # Verhoeff fails
    ("2345-8", "loinc"),  # check digit fails
    ("31/31/2020", "date"),
    ("not an email@", "email"),
])
def test_near_misses_are_rejected(value: str, shape: str) -> None:
    shapes, _ = classify(value)
    assert shape not in shapes, (value, shapes)


def test_check_digit_helpers() -> None:
    assert npi_ok("1245319599") and not npi_ok("1245319598")
    assert snomed_ok("419474003") and not snomed_ok("419474004")
    assert loinc_ok("4548-4") and not loinc_ok("4548-5")


@pytest.mark.parametrize(("value", "layout", "proves"), [
    ("2024-03-05", "ISO", None),
    ("25/03/2024", "NUM", "DMY"),
    ("03/25/2024", "NUM", "MDY"),
    ("03/05/2024", "NUM", None),
    ("5.3.24", "NUM", None),
    ("12 Mar 2020", "TEXT", None),
])
def test_date_order_evidence(value: str, layout: str, proves: str | None) -> None:
    info = date_info(value)
    assert info is not None and (info.layout, info.proves) == (layout, proves)


def test_datetime_parts_and_order() -> None:
    assert split_datetime("25/03/2024 14:30") == ("25/03/2024", "14:30")
    shapes, info = classify("25/03/2024 14:30")
    assert "datetime" in shapes and info is not None and info.proves == "DMY"
    assert split_datetime("Room 1") is None


def test_a_cell_of_megabytes_is_text_and_classified_at_once() -> None:
    import time

    from domain.proposal.shapes import classify

    started = time.process_time()
    shapes, info = classify("x" * (1 << 20) + ".txt")
    assert shapes == {"text"} and info is None
    assert "filename" in classify("report.pdf")[0]
    assert time.process_time() - started < 5  # the patterns alone take minutes on this cell
