"""A file's size written in kilobytes or megabytes, read in bytes.

Clinic systems list a document's size as their file dialogs show it: the unit in the header
(`Size (KB)`, `Taille (Ko)`, `Méret (KB)`) or after the number (`1390 Ko`, `2,5 MB`). The
canonical field holds bytes, so the number is scaled by the unit; a kilobyte is taken as 1024
bytes, as the Windows tools these exports come from count it. A value already in bytes, or one
that is not a number, passes unchanged (validation then reads or quarantines it as before).
"""

from __future__ import annotations

import re
from typing import Any

_FACTOR = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
# kB, KiB, Ko (French kilo-octet), kbyte(s), kilobyte(s), kilo-octet(s): the first letter
# gives the scale
_UNIT = r"(?P<unit>[kmg])(?:i?b|o|bytes?|ilobytes?|egabytes?|igabytes?|ilo-?octets?|éga-?octets?)"
_IN_HEADER = re.compile(rf"(?:^|[\s(\[/_-]){_UNIT}(?:$|[\s)\]/_-])", re.IGNORECASE)
_IN_VALUE = re.compile(rf"^\s*(?P<number>\d+(?:[.,]\d+)?)\s*{_UNIT}\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(?P<number>\d+(?:[.,]\d+)?)\s*$")


def in_bytes(header: str, value: Any) -> Any:
    """The size in bytes (as text) when the value or the column's header names a larger
    unit; otherwise the value as it was."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return value
    written = str(value)
    found = _IN_VALUE.match(written)
    unit = found["unit"] if found else None
    if found is None:
        found = _NUMBER.match(written)
        named = _IN_HEADER.search(header or "")
        if found is None or named is None:
            return value
        unit = named["unit"]
    digits = found["number"]
    # `1,024 KB`: three digits after the mark are a thousands group, not decimals
    digits = re.sub(r"[.,](?=\d{3}$)", "", digits).replace(",", ".")
    number = float(digits)
    return str(round(number * _FACTOR[str(unit).lower()]))
