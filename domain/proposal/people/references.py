"""A reference to a person said twice on a row: by a column of names (`Usual doctor`, `Patient`)
and by a column of numbers found among that person file's ids (`Medicare Line No`,
`Reference`). Which one is the reference depends on how much the numbers prove:

- many distinct numbers, (nearly) all ids of that file: the ids, even when they use under half
  of its ids (an invoice file naming half the clients); the names only repeat them;
- a handful of small numbers (a card's line 1..5 beside a staff list numbered 1..6): a code's
  values fall among small ids by chance; the names decide, once they are read against that
  file (domain.proposal.tables.names), and the numbers take the reference only when the
  names name no one there.

Also the edits a column takes when a reference found by its values claims or frees a field.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.mapping import ColumnMapping, FileMapping
from domain.proposal.match import header_matches
from domain.proposal.text import custom_field_name

FEW = 10  # distinct values: fewer prove no reference against a name column beside them
WHOLLY = 0.98  # share of the column's values that must be ids of the file they point at


def names_in(values: set[str] | None, overflowed: bool, refs: frozenset[str]) -> bool:
    """A column of names: values that are no identifiers (or too many to keep, none ids)."""
    return not refs and (bool(values) or overflowed)


def ids_beside_names(contained: float, distinct: int, holder_names: bool) -> bool:
    """Numbers nearly all ids of the file a column of names beside them points at, too many
    to be a code's: the reference, whatever share of that file's ids they use."""
    return holder_names and contained >= WHOLLY and distinct >= FEW


def few_beside_names(distinct: int, said: bool, holder_names: bool) -> bool:
    """A handful of numbers found among the ids a column of names beside them points at:
    the names are read first (see the module's doc)."""
    return holder_names and not said and distinct < FEW


@dataclass(frozen=True)
class Contested:
    """A reference claimed by numbers (`column`) from a column of names (`holder`)."""

    file: str
    column: str
    holder: str
    target: str
    why: str  # what the numbers' values showed
    confidence: float


def settle(files: dict[str, FileMapping], contested: list[Contested],
           owner: dict[tuple[str, str], str], readings: dict[str, dict[str, str]]) -> None:
    """Each contested reference once the names were read: the names keep it when they were
    found in the file pointed at, else the numbers take it."""
    for c in contested:
        fm = files[c.file]
        holder, column = fm.columns[c.holder], fm.columns[c.column]
        if holder.target == c.target and holder.values:
            column.reasons.append(f"{c.why}, but fewer than {FEW} small numbers prove no "
                                  f"reference: '{c.holder}' names them, {c.target}")
            continue
        if holder.target == c.target:
            unset(holder, f"not {c.target}: '{c.column}' holds ids of the file it points at",
                  c.holder)
            second_choice(fm, c.holder, readings[c.file].get(c.holder, c.holder), owner,
                          c.file)
        retarget(column, c.target, c.confidence, f"{c.why}: a reference, {c.target}")
        owner[(c.file, c.target)] = c.column


def second_choice(fm: FileMapping, header: str, reading: str,
                  owner: dict[tuple[str, str], str], file: str, lost: str | None = None) -> None:
    """A column that lost its field to a reference found by values takes the next field its
    name says, when no other column holds it (`plan_name`: the plan's type, not the insurer);
    `lost`: the field it lost, when that was not the first its name says."""
    matches = header_matches(fm.kind, reading)
    for match in matches if lost else matches[1:]:
        target = f"{fm.kind}.{match.field}"
        if match.score >= 0.8 and (file, target) not in owner and target != lost:
            retarget(fm.columns[header], target, 0.6,
                     f"header '{header}' also names {target} ('{match.phrase}')")
            owner[(file, target)] = header
            return


def retarget(column: ColumnMapping, target: str, confidence: float, reason: str) -> None:
    """The column now holds `target`; what was said of it as a custom field no longer holds."""
    column.reasons = [r for r in column.reasons
                      if "custom field" not in r and not r.startswith("closest canonical")]
    column.reasons.append(reason)
    column.target, column.custom_field, column.custom_field_type = target, None, None
    column.confidence, column.flagged = confidence, confidence < 0.7


def unset(column: ColumnMapping, reason: str, header: str) -> None:
    column.target = None
    column.custom_field = custom_field_name(header)
    column.custom_field_type = "Text"
    column.reasons.append(reason)
    column.confidence, column.flagged = 0.6, True


# The field that names, on the row, the person a reference column points at: beside a
# referral's referring doctor, a column of codes no file of the export holds as ids is that
# doctor's own number (a Medicare provider number), not one of the clinic's staff.
NAMED_BY = {"referral.referrer_provider_source_id": "referral.referrer_name"}


def named_on_the_row(fm: FileMapping, column: ColumnMapping) -> bool:
    """Whether the row names the person the column's reference points at in another column."""
    name = NAMED_BY.get(column.target or "")
    return name is not None and fm.column_of(name) is not None
