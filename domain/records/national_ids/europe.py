"""National identity numbers of Europe that write their holder's birth date: Swedish, Polish,
Danish, Czech and Slovak, Finnish, former Yugoslav (JMBG/EMŠO) and Ukrainian numbers, and the
South African ID that shares some of their shapes; the checks and date helpers the others use."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from domain.records.national_ids.common import date_of, two_digit_year

# National identity numbers that write the birth date, each with its check digit, so that a
# number of another shape is not read as a date: Swedish personnummer (`YYYYMMDD-NNNC`,
# `YYMMDD-NNNC`, `+` past a hundred years; a coordination number adds 60 to the day), Polish
# PESEL (`YYMMDDNNNNC`, the century in the month), South African ID (`YYMMDDSSSSCAZ`).
_SE = re.compile(r"(\d{2})?(\d{6})([-+]?)(\d{4})")
_PESEL_CENTURY = {0: 1900, 20: 2000, 40: 2100, 60: 2200, 80: 1800}
# A Danish CPR number (`DDMMYY-NNNN`) has had no modulus-11 check digit since 2007, so its
# shape alone does not tell it from any ten digits: it is read only under a header that names
# a CPR or personal number, and only where its first six digits are a real date. The first
# digit after the date sets the century.
_DK = re.compile(r"(\d{2})(\d{2})(\d{2})-?(\d)\d{3}")
_CPR_HEADER = re.compile(
    r"\bcpr\b|person\w*\s*(nr|no|num|nummer|number)\b|personnr|civil\s*reg", re.IGNORECASE)


def names_personal_number(header: str) -> bool:
    """The header names a CPR or personal identity number."""
    return bool(_CPR_HEADER.search(header.replace("_", " ").replace(".", " ")))


# A Czech or Slovak birth number (rodné číslo, `YYMMDD/SSSC`): a woman's month is raised by 50
# (and anyone's by 20 more since 2004, when a day's serials ran out); ten digits divisible by 11
# given since 1954, nine with no check before. Its slash sets it apart from any other number; without
# the slash it is read only under a header naming it (`Rodné číslo`, `RČ`, `birth number`).
_CZ = re.compile(r"(\d{2})(\d{2})(\d{2})(/?)(\d{3,4})")
_CZ_HEADER = re.compile(r"\brodn\w*\s+c(islo)?\b|\br\s?c\b|birth\s*number", re.IGNORECASE)


def names_birth_number(header: str) -> bool:
    """The header names a Czech or Slovak birth number (accents aside)."""
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return bool(_CZ_HEADER.search(plain.replace("_", " ").replace(".", " ")))


def _czech_birth(compact: str, today: dt.date, named: bool) -> str | None:
    cz = _CZ.fullmatch(compact)
    if not cz or not (cz[4] or named):
        return None
    yy, month, day = int(cz[1]), int(cz[2]) % 50, int(cz[3])
    month = month - 20 if month > 20 else month
    if len(cz[5]) == 4:
        number = int(cz[1] + cz[2] + cz[3] + cz[5])
        # a number whose first nine digits leave 10 ends in 0 (the rule's one exception)
        if number % 11 and not (number // 10 % 11 == 10 and number % 10 == 0):
            return None
        # ten digits were given from 1954 on, also to people born before (arriving later):
        # the latest such year not ahead of today
        year = two_digit_year(yy, today)
    elif yy >= 54:
        return None  # nine digits were given before 1954 only
    else:
        year = 1900 + yy
    born = date_of(year, month, day)
    return born.isoformat() if born and born <= today else None


def _cpr_year(yy: int, digit: int) -> int:
    if digit <= 3:
        return 1900 + yy
    if digit in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    return (2000 if yy <= 57 else 1800) + yy


def _danish_birth(compact: str, today: dt.date) -> str | None:
    dk = _DK.fullmatch(compact)
    if not dk:
        return None
    born = date_of(_cpr_year(int(dk[3]), int(dk[4])), int(dk[2]), int(dk[1]))
    return born.isoformat() if born and born <= today else None


# A Finnish henkilötunnus (`DDMMYY-NNNC`): the century in the sign after the date (`+` the
# 1800s, `-` and since 2023 `U`-`Y` the 1900s, `A`-`F` the 2000s) and a check character, the
# nine digits modulo 31 in `_FI_CHECK`, so that its shape alone tells it.
_FI = re.compile(r"(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])", re.IGNORECASE)
_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _finnish_birth(compact: str, today: dt.date) -> str | None:
    fi = _FI.fullmatch(compact)
    if not fi or _FI_CHECK[int(fi[1] + fi[2] + fi[3] + fi[5]) % 31] != fi[6].upper():
        return None
    sign = fi[4].upper()
    century = 1800 if sign == "+" else 2000 if sign in "ABCDEF" else 1900
    born = date_of(century + int(fi[3]), int(fi[2]), int(fi[1]))
    return born.isoformat() if born and born <= today else None


# The JMBG of the former Yugoslavia (Serbia, Bosnia, Montenegro, North Macedonia; Slovenia's
# EMŠO; Croatia's before the OIB): `DDMMYYYRRBBBK`, the year's last three digits (9xx the 1900s,
# 0xx the 2000s), the register, the serial and a modulus-11 check digit. Thirteen digits are also
# South Africa's number (Luhn): read as a JMBG under a header naming it (`JMBG`, `EMŠO`,
# `Matični broj`), else only where its own check holds and Luhn's does not.
_JMBG_HEADER = re.compile(r"\bjmbg\b|\bemso\b|\bmaticn\w*\s+(broj|st)", re.IGNORECASE)
_JMBG_WEIGHTS = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def names_jmbg(header: str) -> bool:
    """The header names a JMBG or an EMŠO (accents aside; `ЈМБГ` in Cyrillic letters too)."""
    from anyascii import anyascii  # noqa: PLC0415 - only headers of such numbers need it

    return bool(_JMBG_HEADER.search(anyascii(header).replace("_", " ").replace(".", " ")))


def _jmbg_birth(compact: str, today: dt.date) -> str | None:
    if not re.fullmatch(r"\d{13}", compact):
        return None
    rest = 11 - sum(int(d) * w for d, w in zip(compact, _JMBG_WEIGHTS, strict=False)) % 11
    if (rest if rest < 10 else 0) != int(compact[12]):
        return None
    yyy = int(compact[4:7])
    born = date_of(yyy + (1000 if yyy >= 800 else 2000), int(compact[2:4]), int(compact[:2]))
    return born.isoformat() if born and born <= today else None


# A Ukrainian RNOKPP (the taxpayer's number, `ІПН`): ten digits, the first five the days since
# 31 December 1899 (the birth date), a check digit (weights -1 5 7 9 4 6 10 5 7, modulo 11, then
# 10). Any ten digits pass one check in ten: read only under a header naming it.
_UA_HEADER = re.compile(r"\brnokpp\b|\bipn\b|identifikatsiyn\w*\s+(kod|nomer)|\bdrfo\b")
_UA_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)


def names_rnokpp(header: str) -> bool:
    """The header names a Ukrainian RNOKPP (in Cyrillic or Latin letters)."""
    from anyascii import anyascii  # noqa: PLC0415 - only headers of such numbers need it

    return bool(_UA_HEADER.search(anyascii(header).casefold().replace("'", "")))


def _ukrainian_birth(compact: str, today: dt.date) -> str | None:
    if not re.fullmatch(r"\d{10}", compact) or sum(
            int(d) * w for d, w in zip(compact, _UA_WEIGHTS, strict=False)) % 11 % 10 != int(compact[9]):
        return None
    born = dt.date(1899, 12, 31) + dt.timedelta(days=int(compact[:5]))
    return born.isoformat() if born <= today else None
