"""Spreadsheet day numbers: a date (and time of day) written as the number a spreadsheet keeps.

A workbook cell that holds a date without a date number format shows, and exports, the day count
behind it (`45299` for 2024-01-08, `45299.5833` with the time 14:00); a CSV saved from such a
workbook writes the same number. Only five-digit day numbers are read (1927-05-18 onwards):
a four-digit number in a date column is far likelier a year, and a year read as a day of 1905
would be a wrong value where an unread one is quarantined with its reason.
"""

from __future__ import annotations

import datetime as dt
import re

# Day 0 of the 1900 date system, 1899-12-30, which folds in Lotus's phantom 1900-02-29: every
# day number from 61 on counts from here.
_EPOCH = dt.datetime(1899, 12, 30)  # noqa: DTZ001 - a local date and time, no zone
_DAY_NUMBER = re.compile(r"^[1-9]\d{4}(?:\.\d+)?$")
# A time of day alone, as the fraction of a day (`0.5833333` is 14:00); a bare `0` is left to
# mean nothing, as a flag's or a count's zero far more often does
_FRACTION = re.compile(r"^0?\.\d+$")
_SECONDS_A_DAY = 86400


def day_number(text: str) -> dt.datetime | None:
    """The local date and time a spreadsheet day number stands for, else None."""
    text = text.strip()
    if not _DAY_NUMBER.match(text):
        return None
    seconds = round(float(text) * _SECONDS_A_DAY)
    return _EPOCH + dt.timedelta(seconds=seconds)


def day_fraction(text: str) -> dt.time | None:
    """The time of day a fraction of a day stands for (`0.5` is 12:00), else None."""
    text = text.strip()
    if not _FRACTION.match(text):
        return None
    seconds = round(float(text) * _SECONDS_A_DAY)
    if seconds >= _SECONDS_A_DAY:
        return None
    return (dt.datetime.min + dt.timedelta(seconds=seconds)).time()
