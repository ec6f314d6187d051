"""A street address and the town beside it, by what the values look like.

A street line has a house number and words, the number first (`28 George St`, `4/12 Rue de
Lyon`) or after the street's words (`Palackého 10`, `Hauptstr. 5a`, `C/ de Alcalá, 51, 5º C`,
`Via Roma, 12`); a second, mostly empty such column right after it is the line's second part
(`Unit 4`, `Apt 2B`). The town is a column of place-like words (no digits) beside the street
or the postcode and state, the nearest one after the street first (`Street, Town, State`),
else the nearest before it (`Ciudad, Dirección, CP`).
"""

from __future__ import annotations

import re

from domain.proposal.blind.base import Blind, fill, seen
from domain.proposal.vocabulary import BOOLEAN_WORDS

_NUMBER_FIRST = re.compile(r"^\d{1,5}[^\W\d_]?(?:[/-]\d{1,5}[^\W\d_]?)?,?\s+[^\W\d_]{2,}")
_NUMBER_AFTER = re.compile(r"^(?:[^\W\d_][^\W\d_'’.]*\.?/?\s*)+,?\s*(?:n[º°o.]\s*)?\d{1,5}"
                           r"[^\W\d_]?\b")
STREETS = 0.8  # share of distinct values that must be street lines
NEAR = 2  # columns between a town and the street, postcode or state it stands beside
PLACE = 0.9  # share of values that must be place-like words


def street(value: str) -> bool:
    return (any(c.isdigit() for c in value) and "@" not in value and len(value.split()) >= 2
            and bool(_NUMBER_FIRST.match(value) or _NUMBER_AFTER.match(value)))


def _streets(values: list[str]) -> float:
    return sum(street(v) for v in values) / len(values) if values else 0.0


def _place_like(values: list[str]) -> bool:
    if all(v.casefold() in BOOLEAN_WORDS for v in values):
        return False  # `Sí` / `No`: a yes/no, no town
    # a town's name is capitalised; in a script without capitals it looks like any word
    return bool(values) and sum(v[0].isupper() and not any(c.isdigit() for c in v)
                                and "@" not in v and len(v) <= 40
                                for v in values) >= PLACE * len(values)


def read_places(blind: Blind) -> None:
    if not blind.free("address_line1") and not blind.free("city"):
        return
    for i, header, col in blind.open_columns():
        if col.share_any("date", "datetime", "money", "email", "phone") > 0.2:
            continue
        if fill(col) >= 0.5 and _streets(seen(col)) >= STREETS and blind.take(
                header, "address_line1", f"{round(_streets(seen(col)) * 100)}% of values are "
                "street lines (a house number beside the street's words)"):
            following = blind.columns[i + 1] if i + 1 < len(blind.columns) else None
            if following and following[0] in blind.unnamed and following[1].non_empty and (
                    fill(following[1]) < fill(col) and _streets(seen(following[1])) >= STREETS):
                blind.take(following[0], "address_line2", "values are a second street line "
                           "(a unit or a floor) right after the street")
            break
    _town(blind)


def _town(blind: Blind) -> None:
    if not blind.free("city"):
        return
    anchors = {blind.position(h) for f, h in blind.held.items()
               if f in ("address_line1", "address_line2", "postal_code", "state")}
    if not anchors:
        return
    street_at = max((blind.position(h) for f, h in blind.held.items()
                     if f in ("address_line1", "address_line2")), default=None)
    towns = [(i, h) for i, h, col in blind.open_columns()
             if col.share("name") >= PLACE and _place_like(seen(col))
             and min(abs(i - a) for a in anchors) <= NEAR]
    after = [(i, h) for i, h in towns if street_at is not None and 0 < i - street_at <= NEAR]
    pick = after[0] if after else min(
        towns, key=lambda t: (min(abs(t[0] - a) for a in anchors), -t[0]), default=None)
    if pick:
        blind.take(pick[1], "city", "place names beside the street, postcode or state")
