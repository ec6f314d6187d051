"""A file's kind when neither its name nor its headers say it: from its values and its links.

- people: a file of people's names that points at no other file, pointed at by others; the one
  with the most rows is the patients' (when no file is yet), the others the staff's;
- a file pointing at the patients: money amounts make it billing, long free texts clinical
  notes, moments with a staff member too an appointment, short texts in words beside a date
  allergies and conditions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.proposal.blind import columns as looks
from domain.proposal.blind.graph import Edge
from domain.proposal.profile import FileProfile

PATIENT, PROVIDER = "patient", "provider"


def _people(profile: FileProfile) -> bool:
    """A column of people's names or of emails, or two of one-word names (given, family)."""
    cols = profile.columns.values()
    return (any(looks.people_names(c) or looks.emails(c) for c in cols)
            or sum(map(looks.one_word_names, cols)) >= 2)


def _any(profile: FileProfile, test: object) -> bool:
    return any(test(c) for c in profile.columns.values())  # type: ignore[operator]


def _child_kind(profile: FileProfile, parents: set[str]) -> tuple[str, str] | None:
    if _any(profile, looks.money):
        return "billing", "amounts of money"
    if _any(profile, looks.free_text) and _any(profile, looks.dates):
        return "clinical_note", "long free texts and dates"
    moment = _any(profile, looks.moments) or (_any(profile, looks.dates)
                                              and _any(profile, looks.times))
    if moment and PROVIDER in parents:
        return "appointment", "moments and a staff member"
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
    people = sorted((n for n in undecided if not points[n] and pointed[n]
                     and _people(profiles[n])), key=lambda n: -profiles[n].rows)
    have_patients = PATIENT in kinds.values()
    for i, name in enumerate(people):
        kind = PATIENT if i == 0 and not have_patients else PROVIDER
        out[name] = (kind, f"its rows are people, {pointed[name]} files point at them and it "
                           "points at no file" + (", the most rows of such files"
                                                  if kind == PATIENT else ""))
    known = {**kinds, **{n: k for n, (k, _) in out.items()}}
    for name in undecided:
        parents = {known.get(to, "") for to in points[name]}
        if name in out or PATIENT not in parents:
            continue
        found = _child_kind(profiles[name], parents)
        if found is not None:
            out[name] = (found[0], f"it points at the patients, and holds {found[1]}")
    return out
