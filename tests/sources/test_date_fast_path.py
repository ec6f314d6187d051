"""The ISO 8601 shortcuts of date and datetime normalisation answer exactly what the general
parsers do."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from domain.mapping import Settings
from domain.records.normalise import Invalid, parse_date, parse_datetime

US = Settings()


def test_the_datetime_shortcut_agrees_with_the_parser() -> None:
    rng = random.Random(11)
    checked = 0
    for _ in range(20_000):
        text = (f"{rng.randint(1, 9999):04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}"
                f"T{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}:{rng.randint(0, 61):02d}"
                f"{rng.choice('+-')}{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}")
        try:
            expected = dt.datetime.fromisoformat(text).isoformat()
        except ValueError:
            continue  # not ISO 8601 to the library: the general path's own cases
        assert parse_datetime(text, "MDY", US) == (expected, None), text
        checked += 1
    assert checked > 1000


@pytest.mark.parametrize(("raw", "expected"), [
    ("2020-01-01T10:00:00-00:00", "2020-01-01T10:00:00+00:00"),
    ("2020-01-01T10:00:00+05:60", "2020-01-01T10:00:00+06:00"),
    (" 2019-12-31T23:59:59-05:00 ", "2019-12-31T23:59:59-05:00"),
    ("2020-01-01T10:00:00.500000+01:00", "2020-01-01T10:00:00.500000+01:00"),
])
def test_offsets_the_parser_rewrites_are_rewritten(raw: str, expected: str) -> None:
    assert parse_datetime(raw, "MDY", US) == (expected, None)


@pytest.mark.parametrize(("raw", "reason"), [
    ("2020-02-30T10:00:00+01:00", "not a calendar date"),
    ("2020-01-01T10:00:00+24:00", "not a recognised time of day"),
])
def test_impossible_datetimes_are_refused_as_before(raw: str, reason: str) -> None:
    with pytest.raises(Invalid, match=reason):
        parse_datetime(raw, "MDY", US)


def test_the_date_shortcut_agrees_with_the_parser() -> None:
    rng = random.Random(12)
    for _ in range(20_000):
        year, month, day = rng.randint(0, 9999), rng.randint(0, 13), rng.randint(0, 32)
        text = f"{year:04d}-{month:02d}-{day:02d}"
        try:
            expected = dt.date(year, month, day)
        except ValueError:
            with pytest.raises(Invalid, match="not a calendar date"):
                parse_date(text, "MDY")
            continue
        assert parse_date(text, "DMY") == (expected, None), text


def test_other_digits_take_the_general_parser() -> None:
    assert parse_date("\u0662\u0660\u0662\u0660-\u0660\u0661-\u0660\u0662", "MDY") == (
        dt.date(2020, 1, 2), None)
