"""A dotted date written with a space after each dot, the way Czech and Slovak (`8. 1. 2024`),
Hungarian (`2024. 01. 08.`) and careful German typesetting write it, as the plain dotted date
(`8.1.2024`, `2024.01.08`) the date readers know. A time of day after it stays where it is.
The mark of the year Bulgarian and Polish write after it (`03.02.1985 г.`, `3.02.1985r.`, short
for година and roku) is set aside the same way.
"""

from __future__ import annotations

import re

from domain.records.values.eastern import western_date

# Three numbers, each but the last followed by a dot and at most one space, and a closing dot
# some languages add; a day or month has one or two digits, the year two or four at an end.
_SPACED = re.compile(r"^(\d{4}|\d{1,2})\. ?(\d{1,2})\. ?(\d{4}|\d{1,2})\.?(?=\s|$|[гr]\.)")
_YEAR_MARK = re.compile(r"^\s?[гr]\.(?=\s|$)")


def close_dots(text: str) -> str:
    """`text` with a spaced or dot-closed numeric date at its start closed up, else as it was.
    A date in full-width digits, characters or an era is first written plainly (values/eastern):
    every date reader passes here first."""
    text = western_date(text)
    found = _SPACED.match(text)
    years = (len(found[1]) == 4) + (len(found[3]) == 4) if found else 0
    if found is None or years > 1 or (not years and len(found[3]) != 2):
        return text  # a year at one end, or two digits of one last: `1. 2. 3` is no date
    rest = text[found.end():]
    if len(found[3]) == 4:
        rest = _YEAR_MARK.sub("", rest)
    return f"{found[1]}.{found[2]}.{found[3]}{rest}"
