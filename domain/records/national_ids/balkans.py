"""National identity numbers of South-East Europe that write the holder's birth date: the
Bulgarian EGN, the Romanian CNP and the Greek AMKA (read by `birth.birth_date_in` beside the
Nordic, Czech, Polish and South Slavic ones)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from domain.records.national_ids.common import date_of, luhn, two_digit_year

# A Bulgarian EGN (`YYMMDDSSSC`: the month plus 20 for the 1800s, plus 40 since 2000) and a
# Romanian CNP (`SYYMMDDJJNNNC`: the first digit the sex and century, 1/2 the 1900s, 3/4 the
# 1800s, 5/6 since 2000, 7/8/9 residents and foreigners of no century said), each with its
# weighted check digit modulo 11, which proves the shape. Thirteen digits that pass the South
# African ID's Luhn check too, or name no century, are read as a CNP only under a header naming
# one. A Greek AMKA (`DDMMYY` and five digits, a Luhn check only) only under a header naming it.
_EGN_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6)
_CNP_WEIGHTS = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)
_CNP_CENTURY = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000}
_AMKA_HEADER = re.compile(r"\bamka\b|\ba\W?m\W?k\W?a\b", re.IGNORECASE)


def bulgarian_birth(compact: str, today: dt.date) -> str | None:
    if not re.fullmatch(r"\d{10}", compact):
        return None
    if sum(int(d) * w for d, w in zip(compact, _EGN_WEIGHTS, strict=False)) % 11 % 10 != int(compact[9]):
        return None
    month = int(compact[2:4])
    century = 2000 if month > 40 else 1800 if month > 20 else 1900
    born = date_of(century + int(compact[:2]), month % 20, int(compact[4:6]))
    return born.isoformat() if born and born <= today else None


def romanian_birth(compact: str, today: dt.date, header: str) -> str | None:
    named = bool(re.search(r"\bcnp\b|cod\w*\s+numeric\w*\s+personal", header, re.IGNORECASE))
    if not re.fullmatch(r"[1-9]\d{12}", compact) or not (
            named or (compact[0] in _CNP_CENTURY and not luhn(compact))):
        return None
    check = sum(int(d) * w for d, w in zip(compact, _CNP_WEIGHTS, strict=False)) % 11
    if (1 if check == 10 else check) != int(compact[12]):
        return None
    yy = int(compact[1:3])
    year = _CNP_CENTURY[compact[0]] + yy if compact[0] in _CNP_CENTURY else two_digit_year(yy, today)
    born = date_of(year, int(compact[3:5]), int(compact[5:7]))
    return born.isoformat() if born and born <= today else None


def greek_birth(compact: str, today: dt.date, header: str) -> str | None:
    plain = unicodedata.normalize("NFKD", header).casefold()
    greek = plain.replace("α", "a").replace("μ", "m").replace("κ", "k")
    if not re.fullmatch(r"\d{11}", compact) or not _AMKA_HEADER.search(greek) or not luhn(compact):
        return None
    born = date_of(two_digit_year(int(compact[4:6]), today), int(compact[2:4]), int(compact[:2]))
    return born.isoformat() if born else None
