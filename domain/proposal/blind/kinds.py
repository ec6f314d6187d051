"""A file's kind when neither its name nor its headers say it: from its values and its links.

- people: a file of people's names that points at no larger such file, and at none unless
  others point at it; the one with the most rows is the patients' (when no file is yet), the
  others the staff's;
- a file pointing at the patients: a message's channel words make it communications, dates
  and times of day appointments, money amounts billing, long free texts clinical notes,
  moments (a date and its time in one cell) appointments too, names many rows share beside a code of each
  row's own insurance policies, short texts in words beside a date allergies and conditions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.proposal.blind import columns as looks
from domain.proposal.blind.graph import Edge
from domain.proposal.profile import FileProfile
from domain.proposal.values import enum_match

PATIENT, PROVIDER = "patient", "provider"
WORDS_SHARE = 0.8  # of a column's values that must be words of a pick-list


def _people(profile: FileProfile) -> bool:
    """A column of people's names or of emails, or two of one-word names (given, family)."""
    cols = profile.columns.values()
    return (any(looks.people_names(c) or looks.emails(c) for c in cols)
            or sum(map(looks.one_word_names, cols)) >= 2)


def _any(profile: FileProfile, test: object) -> bool:
    return any(test(c) for c in profile.columns.values())  # type: ignore[operator]


def _said(profile: FileProfile, kind: str, field: str) -> bool:
    """A column of the words of the kind's pick-list (`SMS`, `Letter`: a message's channel)."""
    return any((found := enum_match(kind, field, c)) is not None and found[0] >= WORDS_SHARE
               for c in profile.columns.values() if c.non_empty)


def _codes_beside(profile: FileProfile, refs: set[str]) -> bool:
    """A column of distinct codes after the first that points nowhere (a member number)."""
    return any(looks.distinct_codes(c) for h, c in list(profile.columns.items())[1:]
               if h not in refs)


def _child_kind(profile: FileProfile, refs: set[str]) -> tuple[str, str] | None:
    if _said(profile, "communication", "channel"):
        return "communication", "the words of a message's channel"
    if _any(profile, looks.dates) and _any(profile, looks.times):
        return "appointment", "dates and times of day"
    if _any(profile, looks.money):
        return "billing", "amounts of money"
    if _any(profile, looks.free_text) and _any(profile, looks.dates):
        return "clinical_note", "long free texts and dates"
    if _any(profile, looks.moments):
        return "appointment", "moments (dates with a time of day)"
    if _any(profile, looks.labels) and _codes_beside(profile, refs):
        return "insurance", "names many rows share beside a code of each row's own"
    if _any(profile, looks.words) and _any(profile, looks.dates):
        return "allergy_condition", "short texts in words and dates"
    return None


def kinds_by_values(undecided: Sequence[str], kinds: Mapping[str, str],
                    profiles: Mapping[str, FileProfile], links: Sequence[Edge]
                    ) -> dict[str, tuple[str, str]]:
    """file -> (kind, why) for the `undecided` files the values tell of; `kinds`: the other
    files' kinds."""
    out: dict[str, tuple[str, str]] = {}
    points = {n: {e.to_file for e in links if e.file == n} for n in undecided}
    pointed = {n: len({e.file for e in links if e.to_file == n}) for n in undecided}
    persons = {n for n in undecided if _people(profiles[n])} | {
        n for n, k in kinds.items() if k in (PATIENT, PROVIDER)}
    # a list of people points at no larger one (a patient's own doctor is on a smaller list),
    # and at none unless others point at it (a visit naming its patient is no person)
    people = sorted((n for n in undecided if n in persons
                     and (pointed[n] or not points[n] & persons) and not any(
                         to in persons and profiles[to].rows > profiles[n].rows
                         for to in points[n])),
                    key=lambda n: (-profiles[n].rows, n))
    have_patients = PATIENT in kinds.values()
    for i, name in enumerate(people):
        kind = PATIENT if i == 0 and not have_patients else PROVIDER
        out[name] = (kind, f"its rows are people, {pointed[name]} file(s) point at them and it "
                           "points at no larger list of people" + (", the most rows of such files"
                                                  if kind == PATIENT else ""))
    known = {**kinds, **{n: k for n, (k, _) in out.items()}}
    for name in undecided:
        parents = {known.get(to, "") for to in points[name]}
        if name in out or PATIENT not in parents:
            continue
        refs = {e.column for e in links if e.file == name}
        found = _child_kind(profiles[name], refs)
        if found is not None:
            out[name] = (found[0], f"it points at the patients, and holds {found[1]}")
    return out
