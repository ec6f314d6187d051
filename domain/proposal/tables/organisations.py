"""A contact list of organisations with a few people among them: a file read as people whose
organisation column is filled on more rows than any person's name (`Organisation` beside
`First name` and `Last name`, a type column saying `Plan manager`, `School`, `Personal`).

The file is companies: the organisation column is each one's name, the type column its
industry, the person's name columns are left out, and rows whose type says a personal contact
(a parent, a relative) are dropped on purpose (`route`), said so: they are nobody's company.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.mapping import DROP, FileMapping, Route
from domain.proposal.cells import whole_name_columns
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.tables.content import ORGANISATION, PERSON_KINDS, TYPE_WORDS
from domain.proposal.text import phrase, singular

# Words of a header that say it names an organisation (in the languages the vocabulary knows).
ORGANISATION_WORDS = frozenset({
    "organisation", "organization", "company", "business", "employer", "agency", "firm",
    "organisme", "entreprise", "empresa", "organizacion", "organizacao", "organisatie",
    "bedrijf", "unternehmen", "firma", "azienda"})
# Words of a reference rather than a name (`Organisation ID`).
ID_WORDS = frozenset({"id", "number", "code", "key", "ref", "reference", "no", "num"})
# Values of a type column that say a row is a person, not an organisation.
PERSONAL_WORDS = frozenset({
    "personal", "person", "individual", "family", "relative", "private", "parent",
    "guardian", "particulier", "persoonlijk", "privat", "pessoal", "particular", "familia"})
# Whole values of a type column naming a practitioner (a person named on referrals) in an
# address book of hospitals and labs; `GP clinic` is an organisation.
PERSON_ROLES = frozenset({
    "practitioner", "doctor", "physician", "specialist", "gp", "clinician", "therapist",
    "dentist", "referrer", "referring doctor", "referring practitioner", "arzt", "medico",
    "médico", "médecin", "huisarts"})
NAMES = ("first_name", "last_name", "full_name")


def _filled(profile: FileProfile, header: str) -> int:
    return profile.columns.get(header, ColumnProfile()).non_empty


def _organisation_column(fm: FileMapping, profile: FileProfile) -> str | None:
    """The column whose header names an organisation and whose values are words, not ids."""
    for header, column in fm.columns.items():
        words = {singular(t) for t in phrase(header).tokens}
        col = profile.columns.get(header, ColumnProfile())
        if not words & ORGANISATION_WORDS or words & ID_WORDS or not col.non_empty:
            continue
        if column.target and not column.target.startswith(f"{fm.kind}."):
            continue  # `Insurance Company`: the insurer of the row's policy, not the row
        seen = [v for v in col.distinct if v.strip()]
        if seen and sum(any(c.isalpha() for c in v) for v in seen) == len(seen):
            return header
    return None


def _personal_route(fm: FileMapping, profile: FileProfile) -> Route | None:
    for header in fm.columns:
        if not set(phrase(header).tokens) & TYPE_WORDS:
            continue
        col = profile.columns.get(header, ColumnProfile())
        personal = {v: DROP for v in sorted(col.distinct)
                    if {singular(t) for t in phrase(v).tokens} & PERSONAL_WORDS
                    or " ".join(singular(t) for t in phrase(v).tokens) in PERSON_ROLES}
        if personal:
            return Route(column=header, values=personal, reasons=[
                f"'{header}' says which rows are people, not organisations: "
                + ", ".join(personal) + f" -> {DROP} (a personal contact is nobody's company)"])
    return None


def people_among_organisations(fm: FileMapping, profile: FileProfile) -> None:
    """A table of organisations (hospitals, funds, labs) whose type column says some rows are
    people (`Practitioner`): those rows are dropped on purpose, said so."""
    if fm.kind == ORGANISATION and fm.route is None:
        fm.route = _personal_route(fm, profile)


def organisations_among_people(fm: FileMapping, profile: FileProfile,
                               propose: Callable[[str], FileMapping]) -> FileMapping:
    """The file as companies when its organisation column outnumbers its people's names."""
    if fm.kind not in PERSON_KINDS:
        return fm
    names = [h for h, c in fm.columns.items()
             if c.target in {f"{fm.kind}.{n}" for n in NAMES}]
    names += [h for h in whole_name_columns(fm, profile) if h not in names]
    organisation = _organisation_column(fm, profile)
    if organisation is None or organisation in names or _filled(profile, organisation) <= max(
            (_filled(profile, h) for h in names), default=0):
        return fm
    other = propose(ORGANISATION)
    column = other.columns[organisation]
    column.target, column.custom_field, column.custom_field_type = "company.name", None, None
    column.values, column.confidence, column.flagged = {}, 0.8, False
    column.reasons = [f"'{organisation}' names an organisation on more rows than any "
                      "person's name: each row's company name"]
    for header in names:
        dropped = other.columns[header]
        dropped.target, dropped.custom_field, dropped.custom_field_type = None, None, None
        dropped.reasons = ["a personal contact's name on the few rows that are people: "
                           "left out with them"]
    other.route = _personal_route(other, profile)
    sort = other.columns[other.route.column] if other.route else None
    industry = f"{ORGANISATION}.industry"
    if sort is not None and sort.target is None and not any(
            c.target == industry for c in other.columns.values()):
        sort.target, sort.custom_field, sort.custom_field_type = industry, None, None
        sort.reasons.append("the sort of each organisation (a plan manager, a school): "
                            "its industry")
    other.reasons = [r for r in other.reasons if not r.startswith("the kind ")] + [
        f"read as {fm.kind} at first, but '{organisation}' is filled on more rows than any "
        f"person's name: {ORGANISATION}"]
    other.confidence = min(fm.confidence, 0.7)
    return other
