"""Columns whose header names no field, read by their values alone (the entry of the field
readers: places, phones, dates, names, words).

An export in a language the vocabulary lacks names nothing in its headers: the values must
say what each column is. Only files where most headers name nothing are read so (a file whose
headers the vocabulary reads keeps its unnamed columns as custom fields: there an unnamed
column is most likely the clinic's own), and only for fields no other column already claims.
Each module reads one family of fields from the values and the columns' order:
places (street, city), phones (which phone), dates (birth, the record's own moments,
an appointment's start and end, a payment's date), names (given, family, whole, middle,
preferred) and words (pick-lists of the enumerations, a billing row's balance).
"""

from __future__ import annotations

from domain.proposal.blind.base import Blind, Found
from domain.proposal.blind.dates import read_dates
from domain.proposal.blind.names import read_names, read_told_names
from domain.proposal.blind.phones import read_phones
from domain.proposal.blind.places import read_places
from domain.proposal.blind.words import read_words
from domain.proposal.profile import ColumnProfile

UNNAMED_SHARE = 0.5  # of a file's non-empty columns that must name nothing


def blind_candidates(kind: str, columns: list[tuple[str, ColumnProfile]], unnamed: set[str],
                     held: dict[str, str]) -> dict[str, list[Found]]:
    """header -> (field, confidence, reasons) for columns no header names, read by their
    values; `unnamed`: the headers with no candidate at all; `held`: field -> the header a
    candidate of the header's or the values' already proposes it on."""
    filled = [h for h, col in columns if col.non_empty]
    if not filled or sum(h in unnamed for h in filled) < UNNAMED_SHARE * len(filled):
        return {}
    blind = Blind(kind, columns, unnamed, dict(held))
    for read in (read_told_names, read_places, read_phones, read_names, read_dates, read_words):
        read(blind)
    return blind.found
