"""A file's kind from what its rows hold, when the headers and the name say too little:

- a `type` / `category` column whose values name what each row is (`allergy`,
  `medical_problem`, `medication`, `surgery` in one problem-list table): the kind most rows
  name is the file's; rows naming another kind go there, rows naming records this engine
  does not migrate (medications, surgeries) are dropped, said so (`route`), and the values
  give the record's own sort where the kind has one (`allergy_condition.kind`);
- a person needs a name: a file read as people with no column of a person's name (a
  facility's `name`, `street`, `phone`) is the next kind whose essentials it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from domain.mapping import DROP, ColumnMapping, FileMapping, Route
from domain.proposal.cells import whole_name_columns
from domain.proposal.custom_fields import custom_field_type
from domain.proposal.match import SELF_WORDS, header_matches, name_score
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.tables.keys import propose_own_id
from domain.proposal.text import custom_field_name, phrase, singular, strip_accents
from domain.proposal.vocabulary import KIND_NAME_SYNONYMS, STATUS_CODES
from domain.records.canonical import ENUMS, KIND_FIELDS
from domain.records.values import yes_no
from domain.records.values.bare import bare, bare_set

TYPE_WORDS = frozenset({"type", "category", "kind", "class", "list", "section", "tipo", "typ",
                        "art", "categoria", "categorie", "classe", "record type"})
# Sorts of clinical list entries that no kind of the canonical model holds.
NOT_MIGRATED_WORDS = frozenset({
    "medication", "medicine", "drug", "prescription", "rx", "surgery", "surgical",
    "procedure", "immunization", "immunisation", "vaccine", "vaccination", "vital", "lab",
    "device", "medicamento", "cirugia", "medikament", "operation", "medicament"})
# Words of a value that say which sort of allergy_condition it is.
SORT_WORDS = {"allergy": frozenset({"allergy", "allergie", "alergia", "intolerance",
                                    "reaction"}),
              "condition": frozenset({"condition", "problem", "diagnosis", "disease",
                                      "issue", "alert", "diagnose"})}
MOST = 0.5  # of the rows that must name the kind
ORGANISATION = "company"
EXPLICIT = {"starts_at": frozenset({"start", "begin", "from"}),
            "ends_at": frozenset({"end", "finish", "until"})}
YES = frozenset({"1", "y", "yes", "true", "t"})
NO = frozenset({"0", "n", "no", "false", "f"})
# A status's yes/no in the clinic's language too (`A`/`N`, Czech ano/ne; `Ja`/`Nej`): the
# records' one list of yes and no words.
FLAG_YES = bare_set(yes_no.YES | {"1"})  # folded as values/bare.py does (`ΟΧΙ`, `HAYIR`)
FLAG_NO = bare_set(yes_no.NO | {"0"})
# What a record of these kinds cannot be without.
PERSON_KINDS = {"patient": ("first_name", "last_name"), "provider": ("first_name", "last_name"),
                "lead": ("first_name", "last_name", "email")}
# a policy is some person's, by reference or by the member number on their card: a table of
# insurers' names alone is a table of payers
ESSENTIALS = {**PERSON_KINDS, "company": ("name",),
              "insurance": ("patient_source_id", "member_id")}


@lru_cache(maxsize=1)
def _kind_heads() -> dict[str, str]:
    """One-word names of kinds (`allergy`, `problem`, `appointment`) -> the kind."""
    heads: dict[str, str] = {}
    for kind, texts in KIND_NAME_SYNONYMS.items():
        for text in texts:
            tokens = phrase(text).tokens
            if len(tokens) == 1 and len(tokens[0]) >= 4:
                heads.setdefault(tokens[0], kind)
    return heads


# A type value written as a short code in capitals (`ALG`, `PRB`, `MED`): its letters, in
# order, from the first letter of one sort's words (allergy, problem, medication).
_CODE = re.compile(r"[A-Z]{3,4}")


def _sort_of(word: str) -> str | None:
    """`allergy` (an allergy_condition sort), `drop` (a sort no kind holds), or None."""
    if word in NOT_MIGRATED_WORDS:
        return DROP
    return next((sort for sort, words in SORT_WORDS.items() if word in words), None)


def _spelled_in(code: str, word: str) -> bool:
    letters = iter(word)
    return word[:1] == code[:1] and all(c in letters for c in code)


def value_words(value: str) -> list[str]:
    """The words of a type value, singular; a code in capitals that no word of the vocabulary
    spells is read as the one sort's word whose letters it abbreviates, when every word it
    could abbreviate is of that one sort (`PRB`: problem; `PRO`, problem or procedure: none)."""
    tokens = [singular(t) for t in phrase(value).tokens]
    text = value.strip()
    if not _CODE.fullmatch(text) or tokens != [text.casefold()] or _sort_of(tokens[0]):
        return tokens
    words = [w for w in sorted(NOT_MIGRATED_WORDS.union(*SORT_WORDS.values()))
             if _spelled_in(tokens[0], w)]
    sorts = {_sort_of(w) for w in words}
    return [words[0]] if len(sorts) == 1 else tokens


def value_kind(value: str) -> str | None:
    """The kind a type value names by its last word (`medical_problem`: a problem), `drop`
    for sorts no kind holds, None when it names neither."""
    tokens = value_words(value)
    if not tokens or len(tokens) > 3:
        return None
    head = tokens[-1]
    if head in NOT_MIGRATED_WORDS:
        return DROP
    return _kind_heads().get(head)


@dataclass(frozen=True)
class RowKinds:
    column: str
    kind: str  # the kind most rows name
    meanings: dict[str, str]  # value -> kind or `drop` (values naming nothing are left out)
    share: float


def _types_a_kind(header: str) -> bool:
    """Whether a type column's header names the kind it sorts (`Message type`, `Tipo
    messaggio`): its values say which of those the row is, not what the row is."""
    rest = " ".join(t for t in phrase(header).tokens if t not in TYPE_WORDS)
    return bool(rest) and any(name_score(rest, kind)[0] for kind in KIND_NAME_SYNONYMS)


def rows_name_kind(headers: list[str], profile: FileProfile) -> RowKinds | None:
    """A type column whose values say what most rows are."""
    best: RowKinds | None = None
    for header in headers:
        words = set(phrase(header).tokens)
        col = profile.columns.get(header, ColumnProfile())
        if not words & TYPE_WORDS or not col.distinct or col.distinct_overflow:
            continue
        if _types_a_kind(header):
            continue  # `Message type`: `Reminder of appointment` is a message's sort
        meanings = {v: k for v in col.distinct if (k := value_kind(v)) is not None}
        counts: dict[str, int] = {}
        for value, kind in meanings.items():
            counts[kind] = counts.get(kind, 0) + col.distinct[value]
        named = {k: n for k, n in counts.items() if k != DROP}
        if not named:
            continue
        kind = max(named, key=lambda k: named[k])
        header_kinds = {k for w in words - TYPE_WORDS
                        if (k := _kind_heads().get(singular(w)) or _kind_heads().get(w))}
        if header_kinds and kind not in header_kinds:
            continue  # `Tipo messaggio: Promemoria appuntamento`: a sort of message, not a visit
        share = named[kind] / max(1, col.non_empty)
        if share >= MOST and (best is None or share > best.share):
            best = RowKinds(header, kind, meanings, share)
    return best


def apply_row_kinds(fm: FileMapping, found: RowKinds) -> None:
    """The route of rows naming another kind (or none), and the kind's own sort from the
    values (`allergy_condition.kind`)."""
    route = {v: k for v, k in sorted(found.meanings.items()) if k != found.kind}
    if route:
        fm.route = Route(column=found.column, values=route, reasons=[
            f"'{found.column}' says what each row is: "
            + ", ".join(f"{v} -> {k}" for v, k in route.items())
            + (f" ({DROP}: no kind of the migration holds them)" if DROP in route.values()
               else "")])
    column = fm.columns.get(found.column)
    sort_field = f"{fm.kind}.kind"
    if column is None or (fm.kind, "kind") not in ENUMS or any(
            c.target == sort_field for h, c in fm.columns.items() if h != found.column):
        return
    sorts = {v: s for v, k in found.meanings.items() if k == found.kind
             for s, words in SORT_WORDS.items()
             if set(value_words(v)) & words}
    if sorts:
        _set(column, sort_field, sorts, f"the values of '{found.column}' are its sort: "
             + ", ".join(f"{v} = {s}" for v, s in sorted(sorts.items())))


def _set(column: ColumnMapping, target: str, values: dict[str, str], reason: str) -> None:
    column.target, column.custom_field, column.custom_field_type = target, None, None
    column.values = values
    column.reasons = [r for r in column.reasons
                      if "custom field" not in r and "become its choices" not in r] + [reason]
    column.confidence, column.flagged = 0.8, False


def holds_essentials(fm: FileMapping) -> bool:
    needs = ESSENTIALS.get(fm.kind)
    if not needs:
        return True
    held = {c.target for c in fm.columns.values() if c.target}
    held |= {c.target for c in fm.combine}
    return bool(held & {f"{fm.kind}.{n}" for n in needs})


def without_essentials(fm: FileMapping, propose: Callable[[str], FileMapping],
                       named: bool, profile: FileProfile) -> FileMapping:
    """A file read as people but holding no person's name (unless its name says people), or
    as policies with no person: an organisation's table when its columns hold one's name (a
    facility list, a list of insurers), else unchanged."""
    if fm.kind == ORGANISATION or holds_essentials(fm) or (fm.kind in PERSON_KINDS and named):
        return fm
    if fm.kind in PERSON_KINDS and whole_name_columns(fm, profile):
        return fm  # `Name`: `Ann Lee`, a person's whole name, read apart later
    other = propose(ORGANISATION)
    held = [h for h, c in other.columns.items()
            if c.target in {f"{ORGANISATION}.{n}" for n in ESSENTIALS[ORGANISATION]}]
    if not holds_essentials(other) or any(
            set(phrase(h).tokens) & SELF_WORDS[person] for h in held for person in PERSON_KINDS):
        return fm  # `Patient Name`: a person's name after all, written in one cell
    lacks = "a person's name" if fm.kind in PERSON_KINDS else " or ".join(ESSENTIALS[fm.kind])
    other.reasons = [r for r in other.reasons if not r.startswith("the kind ")] + [
        f"read as {fm.kind} at first, but no column holds {lacks}: {ORGANISATION}, whose "
        f"{' or '.join(ESSENTIALS[ORGANISATION])} it holds"]
    other.confidence = min(fm.confidence, 0.7)
    return other


def propose_enum_flags(fm: FileMapping, profile: FileProfile) -> None:
    """Yes/no values (`1`/`0`, `A`/`N`) in a column read as a status whose words are `active`
    and `inactive` (a list entry's `activity`, a diagnosis's `Trvalá`): a value map says which
    is which, also where a word list read one of them only (`A` is also a word for active)."""
    for header, column in fm.columns.items():
        kind, _, name = (column.target or "").partition(".")
        words = ENUMS.get((kind, name), ())
        col = profile.columns.get(header, ColumnProfile())
        seen = {bare(v) for v in col.distinct if v.strip()}
        mapped = {bare(v) for v in column.values}
        if (seen <= mapped or "active" not in words or "inactive" not in words or not seen
                or col.distinct_overflow or not seen <= FLAG_YES | FLAG_NO):
            continue
        column.values = {v: ("active" if bare(v) in FLAG_YES else "inactive")
                         for v in col.distinct if v.strip()}
        column.reasons.append(f"yes/no values of {column.target}: "
                              + ", ".join(f"{v} = {w}" for v, w in sorted(column.values.items())))


def propose_yes_no_active(fm: FileMapping, profile: FileProfile) -> None:
    """Yes/no values in a column read as a field of words (a team list's `Practitioner`
    taken for the specialty): the record's `active` flag, when the kind has one free."""
    active = f"{fm.kind}.active"
    if "active" not in KIND_FIELDS.get(fm.kind, ()) or any(
            c.target == active for c in fm.columns.values()):
        return
    for header, column in fm.columns.items():
        kind, _, name = (column.target or "").partition(".")
        col = profile.columns.get(header, ColumnProfile())
        seen = {v.strip().casefold() for v in col.distinct if v.strip()}
        if (kind != fm.kind or name in ("active", "source_id") or (kind, name) in ENUMS
                or len(seen) < 2 or col.distinct_overflow or not seen <= YES | NO):
            continue
        column.reasons.append(f"holds yes/no values, no {column.target}: the {kind}'s "
                              f"active flag, {active}")
        column.target, column.values = active, {}
        return


def from_rows(fm: FileMapping, rows: RowKinds | None, read_as: Mapping[str, str],
              profile: FileProfile) -> None:
    """What the values add once the columns are assigned: the route and sort a type column
    gives, the file's own id, yes/no values of a status."""
    if rows is not None and fm.kind == rows.kind:
        apply_row_kinds(fm, rows)
    propose_own_id(fm, read_as, profile)
    propose_enum_flags(fm, profile)
    propose_yes_no_active(fm, profile)
    propose_status_codes(fm, read_as, profile)


def explicit_moment_beside(fm: FileMapping, current: str, field: str,
                           times: list[str]) -> bool:
    """A full timestamp read as the event's `field` only by a loose name (`time`), beside a
    time-of-day column that names it (`startTime`, with a date column): the date and time
    say it; the timestamp is when the row was made (flagged to check) or a custom field."""
    words = EXPLICIT.get(field, frozenset())
    if current in times or set(phrase(current).tokens) & words or not any(
            set(phrase(t).tokens) & words for t in times if fm.columns[t].target is None
            or fm.columns[t].target == f"{fm.kind}.{field}"):
        return False
    column = fm.columns[current]
    made = f"{fm.kind}.created_at"
    if made.split(".")[1] in KIND_FIELDS[fm.kind] and not any(
            c.target == made for c in fm.columns.values()):
        column.reasons = []
        _set(column, made, {}, f"a timestamp beside the {field.replace('_', ' ')}'s own date "
             "and time: when the row was made (check)")
        column.confidence, column.flagged = 0.55, True
    else:
        column.target, column.custom_field = None, custom_field_name(current)
        column.custom_field_type = "Text"
        column.reasons.append(f"not the {field}: the date and time columns say it")
    return True


def propose_status_codes(fm: FileMapping, read_as: Mapping[str, str],
                         profile: FileProfile) -> None:
    """A status of symbols no word list knows (`@`, `>`, `x`): a value map from the codes the
    vocabulary holds for that column's name, when it knows every one of them."""
    for header, column in fm.columns.items():
        kind, _, name = (column.target or "").partition(".")
        col = profile.columns.get(header, ColumnProfile())
        codes = STATUS_CODES.get(re.sub(r"[\W_]+", "", read_as.get(header, header).casefold()))
        allowed = ENUMS.get((kind, name), ())
        if (kind == "patient" or not codes or column.values or not col.distinct
                or col.distinct_overflow or not all(v.strip() in codes for v in col.distinct)
                or not all(codes[v.strip()] in allowed for v in col.distinct)):
            continue
        column.values = {v: codes[v.strip()] for v in sorted(col.distinct)}
        column.reasons.append(f"codes of '{header}': " + ", ".join(
            f"{v} = {w}" for v, w in column.values.items()))


# How a visit happens, not what it is for (`type`: Office / Video / Phone): OSCAR's and
# others' appointment `type` beside a `reason` that names the service. Accents stripped.
MODE_WORDS = frozenset({
    "office", "in office", "in person", "clinic", "in clinic", "video", "video call",
    "videocall", "telehealth", "telemedicine", "virtual", "phone", "telephone", "phone call",
    "online", "home", "home visit", "house call", "remote", "onsite", "on site", "offsite",
    "presencial", "videollamada", "telefonica", "telefonico", "consultorio", "domicilio",
    "cabinet", "presentiel", "visio", "visioconference", "telephonique", "a domicile",
    "praxis", "videosprechstunde", "telefonisch", "hausbesuch", "remoto", "ambulatorio",
    "videochamada", "telefone", "teleconsulta", "videoconsulta", "videoconsult",
    "beeldbellen", "praktijk", "aan huis", "in praktijk"})
MODE_FLOOR = 0.6  # how surely another header names the appointment's type
MODE_SHARE = 0.8  # of the distinct values that must say a mode


def _mode_word(value: str) -> str:
    return " ".join(strip_accents(value).casefold().replace("-", " ").split())


def visit_mode(fm: FileMapping, profile: FileProfile) -> None:
    """An appointment's `type` whose values say only how the visit happens (in the office,
    by video, by phone) is no appointment type where another column names the visit's reason
    or service (`reason`: Cough, Annual physical): that one is the type, the mode a custom
    field."""
    holder = fm.column_of("appointment.appointment_type")
    if fm.kind != "appointment" or holder is None:
        return
    said = [_mode_word(v) for v in profile.columns.get(holder, ColumnProfile()).distinct]
    said = [v for v in said if v]
    if not said or sum(v in MODE_WORDS for v in said) < MODE_SHARE * len(said):
        return
    # a cancellation's reason read into the status is no type
    combined = {c for item in fm.combine for c in [*item.columns, item.reason or '']}
    best: tuple[float, str] | None = None
    for header, column in fm.columns.items():
        col = profile.columns.get(header, ColumnProfile())
        # a reason read as the notes only because the type looked held is free to take it
        taken = column.target and column.target != "appointment.notes"
        if header == holder or taken or header in combined or not col.non_empty:
            continue
        score = max((m.score for m in header_matches(fm.kind, header)
                     if m.field == "appointment_type"), default=0.0)
        if score >= MODE_FLOOR and (best is None or score > best[0]):
            best = (score, header)
    if best is None:
        return
    mode, reason = fm.columns[holder], fm.columns[best[1]]
    mode.target, mode.flagged = None, False
    mode.custom_field = custom_field_name(holder)
    mode.custom_field_type = custom_field_type(profile.columns.get(holder, ColumnProfile()))[0]
    mode.reasons.append(f"its values say how the visit happens, not what it is for: a custom "
                        f"field; '{best[1]}' names the appointment's type")
    reason.target, reason.flagged = "appointment.appointment_type", False
    reason.custom_field, reason.custom_field_type = None, None
    reason.reasons.append(f"names what the visit is for ('{holder}' only how it happens): "
                          "appointment.appointment_type")
