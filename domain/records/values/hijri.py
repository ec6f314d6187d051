"""Hijri years: Saudi and Gulf exports write the Hijri date (`1445/09/12`, 1445 AH being 2024)
beside the Gregorian one. Read as a Gregorian year it would be six centuries off, and no clinic's
record is dated 1300-1499, so such a date written as Hijri dates are (with slashes or points,
year first or last) is no date to the readers nor to the proposal's shapes (the column stays a
text custom field, and the Gregorian column gives the date). A database's `1445-09-12` is read
as written."""

from __future__ import annotations

HIJRI_YEARS = range(1300, 1500)


def is_hijri_year(year: int) -> bool:
    return year in HIJRI_YEARS
