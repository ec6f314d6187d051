"""Proposals about how a row's cells hold records and fields, from headers and values:

- several records of one kind side by side on a row (a secondary insurance's columns beside
  the primary's: `Secondary Member ID` beside `Member ID`): the same target, `record: 2`.
"""

from __future__ import annotations

from domain.mapping import FileMapping
from domain.proposal.text import phrase

# Words of a header that number a record side by side with others of its kind.
ORDINALS: dict[str, int] = {
    "primary": 1, "first": 1, "1st": 1, "1": 1, "main": 1,
    "secondary": 2, "second": 2, "2nd": 2, "2": 2, "other": 2, "additional": 2,
    "tertiary": 3, "third": 3, "3rd": 3, "3": 3,
}
_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


def _numbered(header: str) -> tuple[tuple[str, ...], int]:
    """(the header's words without its ordinal, the ordinal: 1 when there is none)."""
    tokens = [t for t in phrase(header).tokens if t not in _SUFFIXES]
    found = [ORDINALS[t] for t in tokens if t in ORDINALS]
    if len(found) != 1:
        return tuple(tokens), 1
    return tuple(t for t in tokens if t not in ORDINALS), found[0]


def propose_side_by_side(fm: FileMapping) -> None:
    """A column whose header is another's with an ordinal (`Secondary Insurance Payer`,
    `Insurance 2 Carrier`) aimed at a field of another kind than the row's: the same field of
    that kind's record number `n` on the row, when the other column is the first record's."""
    first: dict[tuple[str, ...], str] = {}
    for header, column in fm.columns.items():
        words, number = _numbered(header)
        if (number == 1 and column.target and not column.record
                and not column.target.startswith(f"{fm.kind}.")):
            first.setdefault(words, header)
    if not first:
        return
    for header, column in fm.columns.items():
        words, number = _numbered(header)
        model = first.get(words)
        if number < 2 or model is None or model == header:
            continue
        target = fm.columns[model].target
        if column.target == target and column.record == number:
            continue
        column.target = target
        column.record = number
        column.custom_field = None
        column.custom_field_type = None
        column.flagged = False
        column.reasons.append(f"'{header}' is '{model}' of record {number} on the row: "
                              f"{target} of another {str(target).partition('.')[0]} record")
