"""Columns of words the vocabulary knows as an enumeration's values, and a billing row's
balance.

- A pick-list whose values are (nearly) all words of one of the kind's enumerations (a
  status: `Programada`, `Atendida`; a contact preference: `SMS`, `Email`) is that field: the
  words are the vocabulary's, whatever the header's language.
- A staff list's column of `Active` / `Inactive` (words of being in service, no bare yes/no:
  a yes/no says nothing of what it answers) is the `active` flag.
- On a billing file, the column of amounts with the most zeros is the balance owed (an
  invoice's total and payment are seldom nothing; most invoices are paid off).
"""

from __future__ import annotations

from domain.proposal.blind.base import Blind, seen
from domain.proposal.values import enum_match
from domain.proposal.vocabulary import BOOLEAN_WORDS
from domain.records.canonical import ENUMS

WORDS = 0.6  # share of values (by count) that must be the enumeration's words
IN_SERVICE = frozenset({"active", "inactive", "enabled", "disabled", "archived", "current",
                        "former", "hidden"})
ZEROS = 0.2  # share of a balance's values that are nothing owed
MONEY = 0.9
AMOUNTS = 0.2  # share of values that are amounts in a column of amounts, not codes


def read_words(blind: Blind) -> None:
    for _, header, col in blind.open_columns():
        values = seen(col)
        if col.distinct_overflow or len(values) > 20:
            continue
        if values and all(v.casefold() in IN_SERVICE for v in values) and blind.take(
                header, "active", "values say whether the person is in service"):
            continue
        if len(values) < 2 or all(v.casefold() in BOOLEAN_WORDS for v in values):
            continue  # a yes/no says nothing of what it answers; one value, nothing either
        if col.share_any("money", "decimal") >= AMOUNTS:
            continue  # amounts (`0`, `15,000`) are no codes of a pick-list
        best: tuple[float, str] | None = None
        for kind, name in ENUMS:
            found = enum_match(kind, name, col) if kind == blind.kind else None
            if found and found[0] >= WORDS and blind.free(name) and (
                    best is None or found[0] > best[0]):
                best = (found[0], name)
        if best:
            blind.take(header, best[1], f"{round(best[0] * 100)}% of values are {best[1]} "
                       f"words ({', '.join(sorted(values)[:6])})")
    if blind.kind == "billing" and blind.free("outstanding_balance"):
        _balance(blind)


def _zero(value: str) -> bool:
    digits = [c for c in value if c.isdigit()]
    return bool(digits) and set(digits) == {"0"}


def _balance(blind: Blind) -> None:
    amounts = [(sum(n for v, n in col.distinct.items() if _zero(v)) / col.non_empty, i, h)
               for i, h, col in blind.open_columns() if col.share("money") >= MONEY]
    zeros, _, header = max(amounts, default=(0.0, 0, ""))
    if zeros >= ZEROS:
        blind.take(header, "outstanding_balance", f"amounts, {round(zeros * 100)}% of them "
                   "nothing: the balance owed (most invoices are paid off)")
