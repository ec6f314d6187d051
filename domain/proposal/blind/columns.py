"""What a column's values are, read without its header: people's names, a condition's name, a
long free text, money, a date or a moment. Only what the kind of a file and its essential
fields are told by (domain.proposal.blind.kinds, .essentials)."""

from __future__ import annotations

import re

from domain.proposal.profile import ColumnProfile

MOST = 0.9  # of the non-empty values that must have the shape
NAMES = 0.8  # of the distinct values that must be written as a person's name
REPEATED = 0.5  # distinct values per row at most: names shared by many rows
LONG = 40  # characters, on average: a free text (a note, a message), not a name
_PERSON = re.compile(r"^[A-ZÀ-Þ][\w'’.-]+(?: [A-ZÀ-Þ][\w'’.-]+){1,3}$|^[A-ZÀ-Þ][\w'’ -]+, [A-ZÀ-Þ][\w'’.-]+$")
_AMOUNT = re.compile(r"^-?\d{1,3}(?:[ ,.]?\d{3})*[.,]\d{2}$")


def people_names(col: ColumnProfile) -> bool:
    """`Mia Rossi`, `Rossi, Mia`: every word of a person's name capitalised, two to four."""
    seen = [v.strip() for v in col.distinct if v.strip()]
    return bool(seen) and sum(bool(_PERSON.match(v)) for v in seen) >= NAMES * len(seen)


def one_word_names(col: ColumnProfile) -> bool:
    """`Mia`, `Rossi`: one capitalised word each, a part of a person's name."""
    seen = [v.strip() for v in col.distinct if v.strip()]
    return bool(seen) and col.share("name") >= MOST and sum(
        v[:1].isupper() and " " not in v for v in seen) >= NAMES * len(seen)


def emails(col: ColumnProfile) -> bool:
    return col.non_empty > 0 and col.share("email") >= MOST


def words(col: ColumnProfile) -> bool:
    """Short texts in words (`Penicillin`, `Allergic to bee stings`), no one's name."""
    return (col.non_empty > 0 and col.share_any("name", "text") >= MOST
            and col.mean_length < LONG and not people_names(col))


def labels(col: ColumnProfile) -> bool:
    """Names of a few things many rows share (`Manulife`, `Blue Cross`): an insurer, a plan."""
    return (col.non_empty > 0 and col.share("name") >= MOST and col.mean_length < LONG
            and not col.distinct_overflow and len(col.distinct) <= REPEATED * col.non_empty)


def distinct_codes(col: ColumnProfile) -> bool:
    """A code on every row, none twice (`892003304`, `G-3748`): a row's own number."""
    return (col.non_empty > 0 and not col.empty and col.unique_ratio >= MOST
            and col.share_any("integer", "code") >= MOST and not col.dialled)


def free_text(col: ColumnProfile) -> bool:
    return col.non_empty > 0 and col.mean_length >= LONG and col.share("text") >= 0.5


def money(col: ColumnProfile) -> bool:
    """Amounts: a currency's sign, or two decimals on every value (`47.84`, `1.250,00`)."""
    if not col.non_empty or col.share("money") < MOST:
        return False
    seen = [v.strip().lstrip("$€£¥").strip() for v in col.distinct if v.strip()]
    return col.share("decimal") < MOST or sum(bool(_AMOUNT.match(v)) for v in seen) >= MOST * len(seen)


def dates(col: ColumnProfile) -> bool:
    return col.non_empty > 0 and col.share_any("date", "datetime") >= MOST


def moments(col: ColumnProfile) -> bool:
    return col.non_empty > 0 and col.share("datetime") >= MOST


def times(col: ColumnProfile) -> bool:
    return col.non_empty > 0 and col.share("time") >= MOST
