"""A numeric date and its time joined by a comma or a short word, the way systems print a
moment in many languages (`9.1.2024 klo 15.15`, `12.01.2024 um 14:00`, `12/01/2024 à 14:30`,
`01/12/2024 at 2:30 PM`, `08/01/2024, 09:15`), as the date and the time with one space between.
The records read a value and the proposal tells its shape from the same text, so both use this.
"""

from __future__ import annotations

import re

# a numeric date first; then a comma, or a word of at most three letters (a dot may close it),
# or both; a time's digit must follow, so `12.01.2024 Dr Smith` is left as it is
_JOINED = re.compile(r"^(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+(?:[^\W\d_]{1,3}\.?\s+)?(?=\d)")


def set_joint_aside(text: str) -> str:
    """`text` with what joins its leading numeric date to the time after it set aside."""
    return _JOINED.sub(r"\1 ", text, count=1)
