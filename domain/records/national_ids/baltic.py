"""Baltic and Icelandic identity numbers that write their holder's birth date, each proved by
its check digit (so that ten or eleven digits of another kind are not read as a date) or read
under a header naming it:

- Estonian isikukood and Lithuanian asmens kodas (`GYYMMDDSSSC`): the first digit the century
  and sex (1/2 the 1800s, 3/4 the 1900s, 5/6 the 2000s), the check the digits weighted 1..9,1
  modulo 11, else weighted 3..9,1,2,3, a second 10 being 0.
- Latvian personas kods (`DDMMYY-CNNNN`): C the century (0 the 1800s, 1 the 1900s, 2 the
  2000s), the check (1101 - the digits weighted 1,6,3,7,9,10,5,8,4,2) modulo 11. Codes given
  since 2017 begin with 32 and hold no date.
- Icelandic kennitala (`DDMMYY-RRCX`): C the check (the digits weighted 3,2,7,6,5,4,3,2, eleven
  less their sum modulo 11), X the century (9 the 1900s, 0 the 2000s, 8 the 1800s); a
  company's day is raised by 40 and is no one's birth.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from domain.records.national_ids.common import born_on

_BALTIC = re.compile(r"([1-6])(\d{2})(\d{2})(\d{2})\d{4}")
_LATVIAN = re.compile(r"(\d{2})(\d{2})(\d{2})-?([012])\d{4}")
_KENNITALA = re.compile(r"(\d{2})(\d{2})(\d{2})-?\d{3}([089])")
# `Isikukood`, `Asmens kodas`, `A.k.`, `Personas kods`, `P.k.`, `Kennitala`, `Kt.`,
# `Personal code`
_HEADER = re.compile(
    r"isikukood|\basmens\s*kod|\ba\s?k\b|personas\s*kod|\bp\s?k\b|kennitala|\bkt\b"
    r"|personal\s*(identification\s*)?code", re.IGNORECASE)


def names_baltic_or_icelandic_number(header: str) -> bool:
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return bool(_HEADER.search(plain.replace("_", " ").replace(".", " ")))


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False))


def baltic_birth(compact: str, today: dt.date) -> str | None:
    """An Estonian or Lithuanian personal code's birth date, its check digit proving it."""
    m = _BALTIC.fullmatch(compact)
    if not m:
        return None
    check = _weighted(compact, (1, 2, 3, 4, 5, 6, 7, 8, 9, 1)) % 11
    if check == 10:
        check = _weighted(compact, (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)) % 11 % 10
    if check != int(compact[10]):
        return None
    century = 1800 + 100 * ((int(m[1]) - 1) // 2)
    return born_on(century + int(m[2]), int(m[3]), int(m[4]), today)


def latvian_birth(compact: str, today: dt.date) -> str | None:
    m = _LATVIAN.fullmatch(compact)
    digits = compact.replace("-", "")
    if not m or (1101 - _weighted(digits, (1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11 != int(digits[10]):
        return None
    return born_on(1800 + 100 * int(m[4]) + int(m[3]), int(m[2]), int(m[1]), today)


def icelandic_birth(compact: str, today: dt.date) -> str | None:
    m = _KENNITALA.fullmatch(compact)
    digits = compact.replace("-", "")
    if not m:
        return None
    rest = _weighted(digits, (3, 2, 7, 6, 5, 4, 3, 2)) % 11
    if (11 - rest) % 11 != int(digits[8]):  # a remainder of 1 (check 10) is given to no one
        return None
    century = {"9": 1900, "0": 2000, "8": 1800}[m[4]]
    return born_on(century + int(m[3]), int(m[2]), int(m[1]), today)
