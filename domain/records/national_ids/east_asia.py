"""The birth date a Chinese or Korean resident identity number writes.

A Chinese resident identity card number (居民身份证号码, 18 characters: six of the place, the
birth date `YYYYMMDD`, three of a serial, and a check character of ISO 7064 MOD 11-2, `X` for
ten) is read wherever its check holds. A Korean resident registration number (주민등록번호,
`YYMMDD-GNNNNNN`: the seventh digit says the century, 1/2 the 1900s, 3/4 the 2000s, 9/0 the
1800s, 5 to 8 the same for foreign residents) is read where its check digit holds, and under a
header naming it otherwise: numbers given since October 2020 carry no check digit.
"""

from __future__ import annotations

import datetime as dt
import re

from domain.records.national_ids.common import born_on

_CN = re.compile(r"\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]")
_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_KR = re.compile(r"(\d{2})(\d{2})(\d{2})-?(\d)\d{6}")
_KR_CENTURY = {"1": 1900, "2": 1900, "5": 1900, "6": 1900, "3": 2000, "4": 2000, "7": 2000,
               "8": 2000, "9": 1800, "0": 1800}
_KR_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
# `주민등록번호`, `주민번호`, `RRN`, `resident registration number`
_KR_HEADER = re.compile(r"주민|\brrn\b|resident\s+registration", re.IGNORECASE)


def chinese_birth(compact: str, today: dt.date) -> str | None:
    found = _CN.fullmatch(compact)
    if found is None:
        return None
    total = sum(int(d) * w for d, w in zip(compact[:17], _CN_WEIGHTS, strict=True))
    if "10X98765432"[total % 11] != compact[17].upper():
        return None
    return born_on(int(found[1]), int(found[2]), int(found[3]), today)


def korean_birth(compact: str, today: dt.date, header: str = "") -> str | None:
    found = _KR.fullmatch(compact)
    if found is None:
        return None
    digits = compact.replace("-", "")
    checked = (11 - sum(int(d) * w for d, w in zip(digits[:12], _KR_WEIGHTS, strict=True))
               % 11) % 10 == int(digits[12])
    if not checked and not _KR_HEADER.search(header):
        return None
    return born_on(_KR_CENTURY[found[4]] + int(found[1]), int(found[2]), int(found[3]), today)
