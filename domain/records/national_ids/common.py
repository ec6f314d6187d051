"""What every country's reader needs: the Luhn check, a date that may not exist, the century
of a two-digit year, and a birth date that is not in the future."""

from __future__ import annotations

import datetime as dt


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def date_of(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def born_on(year: int, month: int, day: int, today: dt.date) -> str | None:
    """The date (ISO) where it exists and is not after `today`."""
    born = date_of(year, month, day)
    return born.isoformat() if born is not None and born <= today else None


def two_digit_year(yy: int, today: dt.date, older: bool = False) -> int:
    year = today.year - (today.year - yy) % 100  # the latest such year not in the future
    return year - 100 if older else year
