"""The patient a row is about, when the export names it by chart number or by name.

Practice-management reports (a balance per patient, an appointment list, a recall list) often
carry no patient id column of their own: the chart number is how the practice knows a patient,
and the patient's printed name sits beside it. Proposed here, each with its reasons:

- in a patient file with no id column of its own, a chart-number column whose values are unique
  is the patient's id (a column of people's names is no id);
- in a file of another kind, a chart-number column is the patient reference, and a column of
  people's names that only named the same patient is kept readable, as a custom field;
- where no chart number is, a national identity number the clinic knows its people by (an
  Icelandic kennitala, a Nordic personal number, a Baltic personal code) plays its part: the
  patient's id in a patient file with no id of its own, the patient in the diary's rows;
- a table read as patients whose ids are all patients of a larger table, holding nothing of a
  patient but the name beside another kind's fields, is that kind's table, one row per patient
  (`Patient Balance`: a balance per chart number).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from domain.mapping import DROP, ColumnMapping, FileMapping, Route
from domain.proposal.custom_fields import custom_field_type
from domain.proposal.match import SELF_WORDS, header_matches
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.tables.parents import names_kind
from domain.proposal.text import custom_field_name, phrase, readings
from domain.proposal.twins import TableSample, ids_of
from domain.records.canonical import REFERENCES
from domain.records.national_ids.baltic import names_baltic_or_icelandic_number
from domain.records.national_ids.europe import names_birth_number, names_personal_number

CHART_FLOOR = 0.9  # how surely a header must name a chart number
NAME_SHARE = 0.8  # of a column's values that must read as people's names
UNIQUE = 0.98  # share of distinct values an id column needs


def is_chart_number(header: str) -> bool:
    """`Chart #`, `Chart No`, `ChartNumber`: the header names a patient's chart number."""
    matches = header_matches("patient", header)
    return bool(matches) and matches[0].field == "chart_number" and \
        matches[0].score >= CHART_FLOOR


# An Israeli identity number (`ת.ז.`, `ת"ז`, `תעודת זהות`, `מספר זהות`): how a clinic there
# knows its people, though it writes no birth date
_IL_ID = re.compile(r"(?<!\w)ת[.\"״׳']?\s?ז\b|תעודת\s+זהות|מספר\s+זהות|teudat\s*zehut", re.IGNORECASE)


def names_identity_number(header: str) -> bool:
    """`Kennitala`, `Personnummer`, `CPR-nr`, `Isikukood`, `Rodné číslo`, `ת.ז.`: the header
    names a national identity number the clinic knows its people by."""
    return (names_personal_number(header) or names_birth_number(header)
            or names_baltic_or_icelandic_number(header) or bool(_IL_ID.search(header))
            or bool(re.search(r"\bpesel\b|henkil[oö]tunnus|\bhetu\b", header, re.IGNORECASE)))


def own_chart(kind: str, reading: str) -> bool:
    """`File No.` in a patient list: its chart number, naming no other record (`Account No`),
    the patient's own: the id its diary may use."""
    if kind != "patient" or not is_chart_number(reading):
        return False
    # the words of the chart number's own phrase (`file number`) name no other record
    tokens = set(phrase(reading).tokens) - set(phrase(header_matches("patient", reading)[0].phrase).tokens)
    return not any(tokens & words for other, words in SELF_WORDS.items() if other != "patient")


def _is_name(value: str) -> bool:
    text = value.strip()
    return (bool(text) and not any(c.isdigit() for c in text) and "@" not in text
            and (" " in text or "," in text) and sum(c.isalpha() for c in text) >= 3)


def holds_names(col: ColumnProfile) -> bool:
    """The column's values are people's names ("LOPEZ, FATIMA", "Ann Lee"), not ids."""
    seen = [v for v in col.distinct if v.strip()]
    return bool(seen) and sum(map(_is_name, seen)) >= NAME_SHARE * len(seen)


def _keep_readable(column: ColumnMapping, header: str, why: str) -> None:
    column.target = None
    column.custom_field = custom_field_name(header)
    column.custom_field_type = "Text"
    column.confidence = min(column.confidence, 0.75)
    column.reasons = [f"'{header}' {why}: a Text custom field '{column.custom_field}'"]


def _take(column: ColumnMapping, target: str, why: str) -> None:
    column.target = target
    column.custom_field = None
    column.custom_field_type = None
    column.confidence = max(column.confidence, 0.85)
    column.flagged = False
    column.reasons = [why]


def propose_chart_references(fm: FileMapping, profile: FileProfile) -> None:
    if fm.key_value is not None:
        return
    # read without a prefix most of the table's headers share (`APPT_CHART`, `PAT_CHART`)
    read_as = readings(list(fm.columns))
    chart = next((h for h in fm.columns if is_chart_number(read_as.get(h, h))), None) or next(
        (h for h in fm.columns if names_identity_number(h)), None)
    if chart is None:
        return
    col = profile.columns.get(chart, ColumnProfile())
    if not col.non_empty or holds_names(col):
        return
    if fm.kind == "patient":
        target = "patient.source_id"
        holder = fm.column_of(target)
        if holder == chart or col.unique_ratio < UNIQUE or col.empty:
            return
        if holder is not None:
            if not holds_names(profile.columns.get(holder, ColumnProfile())):
                return  # the file has an id of its own; the chart number stays one
            _keep_readable(fm.columns[holder], holder, "holds people's names, not an id")
        _take(fm.columns[chart], target, f"no column holds the patient's own id: '{chart}' "
              "is the chart number, unique per patient")
        return
    target = f"{fm.kind}.patient_source_id"
    if (fm.kind, "patient_source_id") not in REFERENCES:
        return
    holder = fm.column_of(target)
    if holder == chart:
        return
    if holder is not None:
        if not holds_names(profile.columns.get(holder, ColumnProfile())):
            return  # the patient's id is already there
        _keep_readable(fm.columns[holder], holder, f"names the patient '{chart}' refers to by "
                       "chart number: kept readable")
    _take(fm.columns[chart], target, f"'{chart}' is the patient's chart number: the "
          "patient each row belongs to")


# Fields of a patient that only name the patient: a table holding none but these is no patient
# list, whatever its name says.
NAMING_FIELDS = frozenset({"source_id", "chart_number", "first_name", "last_name", "full_name",
                           "middle_name", "preferred_name", "title"})
SUBSET = 0.9  # share of a table's sampled ids another table must hold


def per_patient_tables(tables: Sequence[tuple[TableSample, FileMapping, str]]
                       ) -> dict[str, tuple[str, str]]:
    """Tables read as patients whose every id is a patient of a larger table, and that hold
    nothing of a patient but the name and another kind's fields (a balance per chart number):
    one row per patient of that other kind. Input (table, mapping, id column); returns table
    -> (its kind, the patient table it refers to)."""
    out: dict[str, tuple[str, str]] = {}
    for first, known, other, fm, _, own in _patient_pairs(tables):
        if other.name in out or not own or len(own & known) < SUBSET * len(own):
            continue
        fields = [m.target.split(".", 1) for m in fm.columns.values() if m.target]
        if any(k == "patient" and f not in NAMING_FIELDS for k, f in fields):
            continue
        kinds = sorted({k for k, _ in fields if k != "patient"})
        if len(kinds) == 1:
            out[other.name] = (kinds[0], first.name)
    return out


def _patient_pairs(tables: Sequence[tuple[TableSample, FileMapping, str]]
                   ) -> Iterator[tuple[TableSample, set[str], TableSample, FileMapping, str, set[str]]]:
    """Each patient table (largest first) with its ids, and each smaller one after it with
    its mapping, id column and ids: (larger, its ids, smaller, mapping, id column, ids)."""
    patients = sorted(((t, fm, c) for t, fm, c in tables if fm.kind == "patient"),
                      key=lambda t: (-t[0].rows, t[0].name))
    for i, (first, _, first_col) in enumerate(patients):
        known = ids_of(first, first_col)
        for other, fm, column in patients[i + 1:]:
            yield first, known, other, fm, column, ids_of(other, column)


def related_people(tables: Sequence[tuple[TableSample, FileMapping, str]]) -> dict[str, str]:
    """Tables read as patients each of whose rows points, in a column naming a patient other
    than its own id, at a patient of another, larger patient table (`Related client`), with ids of their own that
    are not those patients': the clients' related people (a referring doctor, a GP), each a
    referral of the patient pointed at (canonical-model.md), not a patient twice. Input (table,
    mapping, id column); returns table -> the patient table its rows point at."""
    out: dict[str, str] = {}
    for first, known, other, _, column, own in _patient_pairs(tables):
        if other.name in out or not own or len(own & known) >= (1 - SUBSET) * len(own):
            continue
        pointing = [c for c in other.columns if c != column.casefold()
                    and names_kind(c, "patient") and (cells := ids_of(other, c))
                    and len(cells & known) >= SUBSET * len(cells)]
        if pointing and len(_filled(other, pointing[0])) >= SUBSET * len(other.sample):
            out[other.name] = first.name
    return out


def _filled(table: TableSample, column: str) -> list[str]:
    at = table.columns.index(column)
    return [row[at] for row in table.sample if row[at]]


# A related person's own fields, read as a patient's, and the referral's field each is.
REFERRER_FIELDS = {"full_name": "referrer_name", "last_name": "referrer_name",
                   "email": "referrer_email", "phone": "referrer_phone",
                   "phone_mobile": "referrer_phone", "phone_home": "referrer_phone",
                   "phone_work": "referrer_phone"}


# A relation to the client that is family or an emergency contact: no referral (the
# canonical model holds no next of kin), the row left out on purpose.
FAMILY_WORDS = frozenset({
    "spouse", "partner", "husband", "wife", "parent", "mother", "father", "mum", "mom", "dad",
    "child", "son", "daughter", "sibling", "brother", "sister", "guardian", "carer",
    "caregiver", "relative", "family", "kin", "emergency", "friend", "grandparent",
    "conjoint", "enfant", "tuteur", "urgence", "ehepartner", "elternteil", "kind",
    "notfallkontakt", "angehöriger", "cónyuge", "padre", "madre", "hijo", "hija", "tutor",
    "emergencia", "coniuge", "genitore", "figlio", "figlia", "emergenza"})


RELATION_TARGETS = (None, "referral.referral_type")  # a bare `Type` reads as the latter


def family_route(referral: FileMapping, profile: FileProfile) -> None:
    """A column of relations, some naming family or an emergency contact (`Spouse`,
    `Emergency contact`) beside the referrers (`GP`, `Referrer`): those rows are dropped. A
    column the referral's type was read in (`Type`) is that column when its values say so:
    how each person is related, kept as a custom field, no type of referral."""
    for header, column in referral.columns.items():
        col = profile.columns.get(header, ColumnProfile())
        seen = col.distinct
        if column.target not in RELATION_TARGETS or not seen or referral.route is not None:
            continue
        family = {v: DROP for v in seen if set(phrase(v).tokens) & FAMILY_WORDS}
        if family and len(family) < len(seen):
            if column.target is not None:
                column.target, column.values = None, {}
                column.custom_field = custom_field_name(header)
                column.custom_field_type = custom_field_type(col)[0]
                column.reasons.append(f"not {RELATION_TARGETS[1]}: its values say how each "
                                      "person is related to the client")
            referral.route = Route(column=header, values=family, reasons=[
                f"'{header}' says how each person is related to the client: "
                + ", ".join(sorted(family)) + f" are family or emergency contacts, no "
                f"referral ({DROP})"])


def referrers(as_people: FileMapping, referral: FileMapping) -> FileMapping:
    """The person's name, email and phone the patient proposal found in a file of related
    people are the referrer's (one column each: a name in parts is left to the proposal)."""
    found: dict[str, list[str]] = {}
    for header, column in as_people.columns.items():
        kind, _, field = (column.target or "").partition(".")
        if kind == "patient" and field in REFERRER_FIELDS:
            found.setdefault(REFERRER_FIELDS[field], []).append(header)
    taken = {c.target for c in referral.columns.values()}
    for field, headers in found.items():
        target = f"referral.{field}"
        if len(headers) != 1 or target in taken:
            continue
        column = referral.columns[headers[0]]
        column.target, column.custom_field, column.custom_field_type = target, None, None
        column.reasons = [r for r in column.reasons if "custom field" not in r] + [
            f"the related person's {field.removeprefix('referrer_')}: the referrer's"]
    return referral
