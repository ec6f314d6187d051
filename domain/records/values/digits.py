"""Digits of other scripts read as the digits they are: Arabic-Indic (`٠١٢٣`, Gulf, Egyptian and
Levantine exports) and Eastern Arabic-Indic (`۰۱۲۳`, Persian and Urdu keyboards), with the
Arabic decimal and thousands signs (`٫`, `٬`), before a date, a time, an amount, a phone or an
identity number is read. Python's `\\d` and `int()` take these digits already, but
`fromisoformat`, `strptime` and babel do not, so a value half read would fail on its time.
An Arabic clock's morning and evening marks (`ص` / `م`) are AM and PM."""

from __future__ import annotations

import re

_TABLE = str.maketrans({
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "\u066b": ".", "\u066c": ",", "\u060c": ",",
})
_OTHER = re.compile("[\u0660-\u066c\u06f0-\u06f9\u060c]")
# `10:30 ص` (morning), `4:15 م` (evening): the mark after a clock time
_MARK = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?)\s*(ص|م)(?=\s|$)")


def ascii_digits(text: str) -> str:
    """The text with other scripts' digits as ASCII digits; text without them comes back as is."""
    if not _OTHER.search(text) and "\u0645" not in text and "\u0635" not in text:
        return text
    text = text.translate(_TABLE)
    return _MARK.sub(lambda m: f"{m[1]} {'AM' if m[2] == 'ص' else 'PM'}", text)
