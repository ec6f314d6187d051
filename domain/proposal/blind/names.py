"""Which name a column of names is, on a list of people.

Columns of names are those of capitalised words with no digits, filled on most rows, that
are no pick-list (of titles, `Mrs`; of status words; of two answers) and in a script with
capitals (in one without, a name looks like any other word). Of two such columns, the given name is the
one whose values come first in the email addresses' local part (`mia.rossi@`: `Mia` before
`Rossi`); with no email to tell, the order of the columns (given name first, as most exports
write it). A single column of whole names (`Ann Lee`) is the family name, read apart later
(domain.proposal.cells). Beside the names, a sparse column of initials is the middle name and
one of short names the preferred name.
"""

from __future__ import annotations

import re

from domain.proposal.blind.base import Blind, fill, seen
from domain.proposal.profile import ColumnProfile
from domain.proposal.text import strip_accents
from domain.proposal.values import enum_match
from domain.proposal.vocabulary import SALUTATIONS
from domain.records.canonical import ENUMS

PERSONS = frozenset({"patient", "lead", "provider"})
NAMES = 0.9  # share of values that must be names
FILLED = 0.8  # a given or family name is on (nearly) every row
WHOLE = 0.7  # share of values of two words or more in a column of whole names
TOLD = 0.2  # share of the emails that must order the two names
VARIED = 3  # distinct values a column of many people's names has at least...
SMALL = 0.5  # ...unless the list is short (two staff share a family name)
_LETTERS = re.compile(r"[^a-z]+")


def _fold(text: str) -> str:
    return _LETTERS.sub("", strip_accents(text).casefold())


def _names(col: ColumnProfile, kind: str) -> bool:
    values = seen(col)
    if not values or col.share("name") < NAMES or any(c.isdigit() for v in values for c in v):
        return False
    if sum(v[0].isupper() for v in values) < NAMES * len(values):
        return False  # names are capitalised; a script without capitals says too little
    if len(values) < VARIED and len(values) < SMALL * col.non_empty:
        return False  # `Да` / `Нет`, `Ж` / `М` on many rows: a pick-list, no people's names
    if sum(_title(v) for v in values) >= 0.5 * len(values):
        return False  # `Mrs`, `Herr`, `Dr`: titles of address
    if sum(v.isupper() and len(v) >= 2 for v in values) >= 0.5 * len(values):
        return False  # `MWAS`, `DC`: initials as a code, letters after a name; no name
    shares = [e[0] for (k, f) in ENUMS if k == kind and (e := enum_match(k, f, col))]
    return not any(share >= 0.5 for share in shares)  # `Active`, `Cancelled`: status words


def _title(value: str) -> bool:
    from nameparser.config import CONSTANTS  # noqa: PLC0415 - only for a column of names

    word = value.casefold().rstrip(".")
    return word in CONSTANTS.titles or any(word in words for words in SALUTATIONS.values())


def _single(col: ColumnProfile) -> bool:
    values = seen(col)
    return sum(" " not in v for v in values) >= 0.7 * len(values)


def _order(emails: list[str], first: list[str], second: list[str]) -> int:
    """How many local parts hold a value of `first` before one of `second`, less the
    reverse."""
    a = sorted({_fold(v) for v in first if len(_fold(v)) >= 2}, key=len, reverse=True)
    b = sorted({_fold(v) for v in second if len(_fold(v)) >= 2}, key=len, reverse=True)
    told = 0
    for email in emails:
        local = _fold(email.partition("@")[0])
        at_a = next((local.find(v) for v in a if v in local), -1)
        at_b = next((local.find(v) for v in b if v in local), -1)
        if at_a >= 0 and at_b >= 0 and at_a != at_b:
            told += 1 if at_a < at_b else -1
    return told


def read_told_names(blind: Blind) -> None:
    """The given and family names the email addresses order: read before the places, whose
    towns are capitalised words too."""
    read_names(blind, told_only=True)


def read_names(blind: Blind, told_only: bool = False) -> None:
    if blind.kind not in PERSONS or not blind.free("first_name") or not blind.free("last_name"):
        return
    columns = [(i, h, col) for i, h, col in blind.open_columns() if _names(col, blind.kind)]
    full = [(i, h, col) for i, h, col in columns if fill(col) >= FILLED]
    single = [(i, h, col) for i, h, col in full if _single(col)]
    email_header = blind.held.get("email")
    emails = seen(dict(blind.columns)[email_header]) if email_header else []
    if len(single) >= 2:
        best = None
        for x, (_, a, ca) in enumerate(single):
            for _, b, cb in single[x + 1:]:
                told = _order(emails, seen(ca), seen(cb))
                if abs(told) >= max(2, TOLD * len(emails)) and (
                        best is None or abs(told) > abs(best[2])):
                    best = (a, b, told)
        if best:
            given, family = (best[0], best[1]) if best[2] > 0 else (best[1], best[0])
            why = "its values come before the other name's in the email addresses"
            blind.take(given, "first_name", f"names; {why}: the given name")
            blind.take(family, "last_name", "names; the other name's values come first in "
                       "the email addresses: the family name")
        elif told_only:
            return
        else:
            blind.take(single[0][1], "first_name", "names, the first of two columns of names: "
                       "the given name (no email to tell)", 0.58)
            blind.take(single[1][1], "last_name", "names, the second of two columns of names: "
                       "the family name (no email to tell)", 0.58)
    elif not told_only and full and sum(" " in v for v in seen(full[0][2])) >= WHOLE * len(seen(full[0][2])):
        blind.take(full[0][1], "last_name", "whole names (given and family): read apart")
        return
    if not told_only or blind.held.get("first_name"):
        _beside(blind, columns)


def _beside(blind: Blind, columns: list[tuple[int, str, ColumnProfile]]) -> None:
    """A sparse column of names next to the given or family name: initials are the middle
    name, short names the preferred one."""
    spots = {blind.position(h) for f, h in blind.held.items() if f in ("first_name", "last_name")}
    for i, header, col in columns:
        if header in blind.found or fill(col) >= FILLED or not any(abs(i - s) <= 2 for s in spots):
            continue
        initials = sum(len(v.rstrip(".")) <= 2 for v in seen(col)) >= 0.8 * len(seen(col))
        if initials:
            blind.take(header, "middle_name", "initials beside the names: the middle name")
        else:
            blind.take(header, "preferred_name", "short names beside the names, on a few rows: "
                       "the preferred name")
