"""Columns of a list of people that the header alone misreads, read with their neighbours and
their values:

- a bare `Name` (`Nom`, `Nome`, `Naam`) beside a first-name column is the surname: the first
  name is already said, and a person list's other name is the family's; and beside a column
  its header says is the surname (the Catalan `Nom` and `Cognoms`), it is the given name;
- a column of nothing but titles of address (`Mrs`, `Herr`, `Mme`, `Sra.`, `Dhr.`) says the
  person's sex, when no column says it outright;
- a column named after a status (`Inactive`, `Archived`) holding marks (`X`, `Oui`, `yes`)
  is that status where marked and the opposite where unmarked (an allergy's `archived` 1/0:
  its clinical status); a column it displaces from
  the status (`Status` holding codes no status word reads) is the insurance's plan type when
  the row carries an insurance, else a custom field;
- a yes/no column named after a state of not working (`is_account_suspended`, `Archived`) in
  a list of people with an `active` flag is that flag, inverted: yes means inactive;
- a person's own doctor named by a name no one of the export's staff list has is a doctor
  outside the clinic (`doctors_outside`, once the files' references are resolved).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.mapping import FileMapping, MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.text import custom_field_name, phrase, strip_accents
from domain.proposal.vocabulary import (
    BOOLEAN_TRUE,
    BOOLEAN_WORDS,
    ENUM_VALUE_SYNONYMS,
    SALUTATIONS,
)
from domain.records.canonical import ENUMS, KIND_FIELDS, REFERENCES

# One word meaning "name" in the languages the vocabulary reads: alone, the name a person list
# has not yet said.
BARE_NAME_WORDS = frozenset({("name",), ("nom",), ("nome",), ("naam",), ("nombre",), ("navn",),
                             ("namn",)})
NAMES = 0.8  # share of values that must be names
WHOLE = 0.5  # share of values with a space above which the column holds whole names
BLANK_MEANS = {"active": "inactive", "inactive": "active", "deceased": "active",
               "archived": "active", "resolved": "active"}
NO_WORDS = (BOOLEAN_WORDS - BOOLEAN_TRUE) | {"0"}
# Header words of a yes/no column that is set when the person no longer works or is hidden.
OFF_WORDS = frozenset({"suspended", "inactive", "archived", "deactivated", "disabled",
                       "hidden", "deleted", "blocked", "locked", "retired", "terminated"})


def _fold(text: str) -> str:
    return " ".join(strip_accents(text).casefold().replace(".", "").split())


# The yes and no words folded as a column's values are (Latin letters: `Да` da, `Нет` net).
YES_FOLDED = frozenset(_fold(w) for w in BOOLEAN_TRUE)
NO_FOLDED = frozenset(_fold(w) for w in NO_WORDS)


def _seen(profile: FileProfile, header: str) -> list[str]:
    col = profile.columns.get(header, ColumnProfile())
    return [] if col.distinct_overflow else [v for v in col.distinct if v.strip()]


def _retarget(fm: FileMapping, header: str, target: str, values: dict[str, str],
              reason: str) -> None:
    column = fm.columns[header]
    column.target, column.custom_field, column.custom_field_type = target, None, None
    column.values, column.record, column.split = values, None, None
    column.reasons = [r for r in column.reasons if "custom field" not in r] + [reason]
    column.confidence, column.flagged = max(column.confidence, 0.8), False


def surname_beside_first_name(fm: FileMapping, profile: FileProfile) -> None:
    kind = fm.kind
    fields = KIND_FIELDS.get(kind, ())
    if ("first_name" not in fields or fm.column_of(f"{kind}.first_name") is None
            or fm.column_of(f"{kind}.last_name") is not None):
        return
    for header, column in fm.columns.items():
        if phrase(header).tokens not in BARE_NAME_WORDS or (column.target or "").startswith(
                f"{kind}."):
            continue
        col = profile.columns.get(header, ColumnProfile())
        seen = _seen(profile, header)
        spaced = sum(1 for v in seen if " " in v.strip())
        if not seen or col.share("name") < NAMES or spaced > WHOLE * len(seen):
            continue
        _retarget(fm, header, f"{kind}.last_name", {}, f"'{header}' beside the first name "
                  f"'{fm.column_of(f'{kind}.first_name')}': the person's other name, the surname")
        return


def given_name_beside_surname(fm: FileMapping, profile: FileProfile) -> None:
    """`Nom` read as the surname (French) where another column's header says the surname
    outright (`Cognoms`) and none the given name: `Nom` is the given name, `Cognoms` the
    surname."""
    kind = fm.kind
    last = fm.column_of(f"{kind}.last_name")
    if (last is None or fm.column_of(f"{kind}.first_name") is not None
            or phrase(last).tokens not in BARE_NAME_WORDS
            or "first_name" not in KIND_FIELDS.get(kind, ())):
        return
    for header, column in fm.columns.items():
        matches = header_matches(kind, header)
        if (column.target is not None or header == last or not matches
                or matches[0].field != "last_name" or matches[0].score < NAMES
                or phrase(header).tokens in BARE_NAME_WORDS or not _seen(profile, header)
                or profile.columns.get(header, ColumnProfile()).share("name") < NAMES):
            continue
        _retarget(fm, last, f"{kind}.first_name", {}, f"'{last}' beside the surname '{header}': "
                  "the person's other name, the given name")
        _retarget(fm, header, f"{kind}.last_name", {}, f"'{header}' names the surname")
        return


def _salutations() -> dict[str, str]:
    return {_fold(word): sex for sex, words in SALUTATIONS.items() for word in words}


def salutation_as_sex(fm: FileMapping, profile: FileProfile) -> None:
    target = f"{fm.kind}.sex"
    if "sex" not in KIND_FIELDS.get(fm.kind, ()) or fm.column_of(target) is not None:
        return
    words = _salutations()
    for header, column in fm.columns.items():
        seen = _seen(profile, header)
        if column.target is not None or not seen or not all(_fold(v) in words for v in seen):
            continue
        values = {v: words[_fold(v)] for v in sorted(seen)}
        _retarget(fm, header, target, values, "titles of address, each saying a sex: "
                  + ", ".join(f"{v} = {s}" for v, s in values.items()))
        return


def _status_word(kind: str, header: str, field: str = "status") -> str | None:
    """The status a header names by itself (`inaktiv`, `Archivé`), or None."""
    allowed = ENUMS.get((kind, field), ())
    said = _fold(header)
    for status in allowed:
        if said in {_fold(status), *(_fold(w) for w in ENUM_VALUE_SYNONYMS.get(status, ()))}:
            return status
    return None


# A kind's field of status words: a person's `status`; an allergy's or a condition's is its
# clinical status (`archived` marks an allergy no longer current).
STATUS_FIELDS = ("status", "clinical_status")


def marked_status(fm: FileMapping, profile: FileProfile) -> None:
    field = next((f for f in STATUS_FIELDS if f in KIND_FIELDS.get(fm.kind, ())), None)
    if field is None:
        return
    target = f"{fm.kind}.{field}"
    for header in fm.columns:
        status = _status_word(fm.kind, header, field)
        seen = _seen(profile, header)
        folded = {_fold(v) for v in seen}
        if status is None or status not in BLANK_MEANS or not folded or not (
                folded & YES_FOLDED) or not folded <= YES_FOLDED | NO_FOLDED:
            continue
        other = BLANK_MEANS[status]
        values = {v: (status if _fold(v) in YES_FOLDED else other) for v in sorted(seen)}
        displaced = fm.column_of(target)
        if field != "status" and displaced not in (None, header):
            return  # a clinical status of its own (`Active`, `Resolved`) says more than a mark
        _retarget(fm, header, target, values, f"'{header}' names a status: marked rows are "
                  f"{status}, the others {other} (" + ", ".join(
                      f"{v} = {s}" for v, s in values.items()) + ")")
        fm.columns[header].values = values
        if displaced is not None and displaced != header:
            _displaced(fm, displaced)
        return


def _displaced(fm: FileMapping, header: str) -> None:
    """A status column the marks said better: the insurance's plan type when the row
    carries an insurance (a membership status beside the payer), else a custom field."""
    column = fm.columns[header]
    carried = any((c.target or "").startswith("insurance.") for c in fm.columns.values())
    if carried and fm.column_of("insurance.plan_type") is None:
        _retarget(fm, header, "insurance.plan_type", {}, f"not the {fm.kind}'s status (a "
                  "column of marks says it): the membership of the insurance on the row")
        column.confidence, column.flagged = 0.6, True
        return
    column.target, column.values = None, {}
    column.custom_field, column.custom_field_type = custom_field_name(header), "Text"
    column.reasons.append(f"not the {fm.kind}'s status: a column of marks says it")


def inverted_active(fm: FileMapping, profile: FileProfile) -> None:
    """A yes/no column set when the person is out of service: the `active` flag, yes read as
    inactive (a plain yes/no would read a suspended account as an active one)."""
    target = f"{fm.kind}.active"
    if "active" not in KIND_FIELDS.get(fm.kind, ()):
        return
    for header, column in fm.columns.items():
        folded = {_fold(v) for v in _seen(profile, header)}
        held = fm.column_of(target)
        if (not set(phrase(header).tokens) & OFF_WORDS or column.values or not folded
                or not folded <= YES_FOLDED | NO_FOLDED or held not in (None, header)
                or (column.target or target) != target):
            continue
        values = {v: ("inactive" if _fold(v) in YES_FOLDED else "active")
                  for v in sorted(_seen(profile, header))}
        _retarget(fm, header, target, values, f"'{header}' is set when the {fm.kind} is out "
                  "of service: the active flag, inverted (" + ", ".join(
                      f"{v} = {s}" for v, s in values.items()) + ")")
        return


def propose_people(fm: FileMapping, profile: FileProfile) -> None:
    marked_status(fm, profile)
    inverted_active(fm, profile)
    surname_beside_first_name(fm, profile)
    given_name_beside_surname(fm, profile)
    salutation_as_sex(fm, profile)


STAFF = "provider"
PERSON_LISTS = frozenset({"patient", "lead"})


def doctors_outside(doc: MappingDocument,
                    profiles: Mapping[str, tuple[Sequence[str], FileProfile]]) -> None:
    """A person list's own doctor (`GP`, a family doctor) named by name where the export has a
    staff list and none of the names is found in it (references by name are resolved across
    the files first): a doctor outside the clinic, kept as a custom field, not a reference
    that resolves to no one."""
    if not any(fm.kind == STAFF for fm in doc.files.values()):
        return
    for name, fm in doc.files.items():
        profile = profiles.get(name, ((), FileProfile()))[1]
        for header, column in fm.columns.items():
            kind, _, field = (column.target or "").partition(".")
            seen = _seen(profile, header)
            if (kind not in PERSON_LISTS or REFERENCES.get((kind, field)) != STAFF
                    or column.values or not seen or any(c.isdigit() or c == "@"
                                                        for v in seen for c in v)
                    or not all(any(c.isalpha() for c in v) for v in seen)):
                # ids, or emails (a staff member named by e-mail is found by it in the run)
                continue
            column.target, column.values = None, {}
            column.custom_field, column.custom_field_type = custom_field_name(header), "Text"
            column.confidence, column.flagged = 0.7, False
            column.reasons.append("names no one of the export's staff list: the person's own "
                                  "doctor outside the clinic, a custom field")
