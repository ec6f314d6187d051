"""The mapping proposal: per source file its kind, per column a canonical field or a new
custom field, each with a confidence and the reasons a person can check.

Pure: it reads headers and column profiles (domain.proposal.profile), never the export, and
never a vendor profile: it is judged against them. Evidence is the header (domain.
proposal_match) and the values (domain.proposal.values); one target per file at most.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field

from domain.mapping import (
    NOT_MIGRATED,
    ColumnMapping,
    FileMapping,
    KeyValueLayout,
    MappingDocument,
    Settings,
)
from domain.proposal.blind.fields import blind_candidates
from domain.proposal.cells import without_ordinal, without_scheme
from domain.proposal.custom_fields import (
    custom_field_type,
    harmonise_custom_names,
    nutshell_custom_fields,
)
from domain.proposal.match import (
    HEADER_FLOOR,
    SELF_WORDS,
    HeaderMatch,
    KindGuess,
    detect_kind,
    header_matches,
    name_score,
)
from domain.proposal.profile import (
    ColumnProfile,
    ColumnProfiler,
    FileProfile,
    date_reason,
    file_date_order,
)
from domain.proposal.rules import propose_nothing_to_migrate, propose_rules
from domain.proposal.satellites.once import take_once
from domain.proposal.tables.content import from_rows, rows_name_kind, without_essentials
from domain.proposal.tables.forms import CARRIED, NOTE, holds_forms, named_forms, propose_form
from domain.proposal.tables.key_value import detect_key_value
from domain.proposal.tables.organisations import organisations_among_people
from domain.proposal.text import (
    custom_field_name,
    kind_readings,
    phrase,
    raw_tokens,
    readings,
    section_question,
    singular,
)
from domain.proposal.values import enum_values, role_values, value_fit, value_only_fields
from domain.proposal.vocabulary import KIND_NAME_SYNONYMS
from domain.records.canonical import ENUMS, KIND_FIELDS, qualified

FLAG_BELOW = 0.7
ACCEPT = 0.55  # a candidate below this is not proposed as a target
EMPTY_FLOOR = 0.85  # the header match an empty column needs
# A header with one of these words sums or counts: no `last_...` field (one event) is it.
AGGREGATE_WORDS = frozenset({"total", "totals", "sum", "ytd", "lifetime", "cumulative",
                             "gesamt", "summe", "suma", "somme", "totale"})

# A billing row's money is the patient's; a column naming the insurer beside it is its share.
PATIENT_MONEY = frozenset({"outstanding_balance", "last_payment_amount", "last_payment_date"})
THIRD_PARTY_WORDS = frozenset({"insurance", "insurer", "payer", "payor", "carrier"})

# Fields of another kind that a file of this kind often carries (a patient export with the
# insurer's name and the member number on the patient's row).
SATELLITES: dict[str, dict[str, tuple[str, ...]]] = {
    "patient": {"insurance": ("carrier_name", "member_id", "group_number", "plan_type",
                              "effective_from", "effective_to", "is_primary"),
                "referral": ("referrer_name", "referral_type", "referred_at"),
                "allergy_condition": ("name",),
                "billing": ("outstanding_balance", "last_payment_date", "last_payment_amount")},
    # an intake form (a note of the patient's answers) asks for allergies, conditions and
    # how they came to the clinic
    "clinical_note": {"allergy_condition": ("name",),
                      "referral": ("referral_type", "referrer_name")},
}
SATELLITE_FLOOR = 0.85
# Headers that name a clinical field of practice only, whatever else a staff list holds.
SAID = frozenset({"discipline", "specialty", "speciality", "specialisation", "specialization",
                  "especialidad", "specialite", "fachrichtung"})
Carried = bool | Mapping[str, tuple[str, ...]]


@dataclass
class Candidate:
    kind: str
    field: str
    confidence: float
    reasons: list[str] = dc_field(default_factory=list)
    by_values: bool = False  # no header word says it: the values alone

    @property
    def target(self) -> str:
        return qualified(self.kind, self.field)


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _header_reason(header: str, kind: str, match: HeaderMatch) -> str:
    target = qualified(kind, match.field)
    if match.score >= 0.995:
        if phrase(match.phrase).tokens == tuple(match.field.split("_")):
            return f"header '{header}' is the canonical name of {target}"
        return f"header '{header}' is a synonym of {target} ('{match.phrase}')"
    return (f"header '{header}' resembles '{match.phrase}', a synonym of {target} "
            f"({_pct(match.score)} similar)")


def _combine(header: float, fit: float | None) -> float:
    if fit is None:
        return header * 0.95
    if fit < 0:
        return 0.0
    return min(1.0, header * (0.6 + 0.4 * fit) + 0.25 * (1 - header) * fit)


def _header_candidates(kind: str, header: str, col: ColumnProfile, floor: float,
                       only: tuple[str, ...] | None = None) -> list[Candidate]:
    out: list[Candidate] = []
    for match in header_matches(kind, header):
        if match.score < floor or (only is not None and match.field not in only):
            continue
        if not col.non_empty and match.score < EMPTY_FLOOR:
            continue  # an empty column: no value backs a header that only resembles a field
        if match.field == "middle_name" and raw_tokens(header) == ["initials"]:
            continue  # `Initials`: the first name's too (`C`, `CJ`), no middle name
        if match.field.startswith("last_") and set(phrase(header).tokens) & AGGREGATE_WORDS:
            continue  # `Total Paid` sums payments: it is no last payment
        if (kind == "billing" and match.field in PATIENT_MONEY and (
                set(phrase(header).tokens) - set(phrase(match.phrase).tokens)) & THIRD_PARTY_WORDS):
            # `Insurance Total Owing`: the insurer's share, not what the patient owes; a word
            # of the field's own phrase (French `reste à payer`, left to pay) names no insurer
            continue
        fit, why = value_fit(kind, match.field, col)
        if match.field == "specialty" and (fit or 0) < 0 and set(phrase(header).tokens) & SAID:
            fit, why = None, ""  # `Discipline`: the doctors' field, a manager's row or not
        reasons = [_header_reason(header, kind, match)]
        if why:
            reasons.append(why)
        out.append(Candidate(kind, match.field, round(_combine(match.score, fit), 3), reasons))
    return out


def _run_in_section(header: str, own: frozenset[str]) -> bool:
    """A header with no spaces that starts with two or more of a record's words, then the
    field: the section of a report writer's header, run together."""
    words = phrase(header).tokens
    lead = next((i for i, w in enumerate(words) if w not in own), len(words))
    return " " not in header.strip() and 2 <= lead < len(words)


def column_candidates(kind: str, header: str, col: ColumnProfile,
                      satellites: Carried = True) -> list[Candidate]:
    """Every field this column of a `kind` file could hold, most likely first; `satellites`
    says which other records' fields a row may carry (True: the kind's usual ones)."""
    out = _header_candidates(kind, header, col, HEADER_FLOOR)
    own_named = bool(out)
    carried = satellites if not isinstance(satellites, bool) else (
        SATELLITES.get(kind, {}) if satellites else {})
    for other, fields in carried.items():
        # `Insurance coverage: Member number`: the section names the other record outright
        # or run into one word with it (`insurance_coverage_fund_name`: two of its words first)
        split = section_question(header)
        own = SELF_WORDS.get(other, frozenset())
        named = bool(set(phrase(split[0]).tokens) & own) if split else _run_in_section(header, own)
        found = _header_candidates(other, header, col, SATELLITE_FLOOR, fields)
        # `Primary Policy #`: record 1's policy number, where no field of the row's own kind
        # is named (`First Name` stays the person's)
        bare = None if own_named else (without_ordinal(header) or without_scheme(header))
        if bare:
            held = {c.field for c in found}
            found += [c for c in _header_candidates(other, bare, col, SATELLITE_FLOOR, fields)
                      if c.field not in held]
        words = phrase(header).tokens
        host = [w for w in words if w not in SELF_WORDS.get(kind, frozenset())]
        if not found and host and len(host) < len(words):
            # `Client Source` on the client's row: the source, a pick-list its values back
            found = [c for c in _header_candidates(other, " ".join(host), col, SATELLITE_FLOOR,
                                                   fields) if (other, c.field) in ENUMS]
        if kind != "patient" and len(words) < 2 and not {singular(w) for w in words} & own:
            continue  # a note's one generic word (`description`) is the note's, not an allergy's
        for cand in found:
            cand.confidence = round(min(1.0, cand.confidence * (1.03 if named else 0.95)), 3)
            cand.reasons.append(f"a field of the {other} record carried on the {kind} row")
            out.append(cand)
    seen = {c.field for c in out if c.kind == kind}
    for fld, share in value_only_fields(col):
        if fld in seen or fld not in KIND_FIELDS[kind] or phrase(header).tokens[-1:] == ("id",):
            continue  # a column that names an id (`cms_id`) holds no postcode, whatever its values
        reasons = [f"header '{header}' names no canonical field",
                   f"{_pct(share)} of values fit {qualified(kind, fld)}"]
        out.append(Candidate(kind, fld, round(0.4 + 0.25 * share, 3), reasons, True))
    out.sort(key=lambda c: -c.confidence)
    return out


def _custom(header: str, col: ColumnProfile, near: Candidate | None) -> ColumnMapping:
    if not col.non_empty:
        return ColumnMapping(confidence=0.6, flagged=True, reasons=[
            f"header '{header}' names no canonical field and the column is empty: left out"])
    kind_name, choices = custom_field_type(col)
    name = custom_field_name(header)
    reasons = [f"header '{header}' names no canonical field: a new {kind_name} custom field "
               f"'{name}'"]
    if choices:
        reasons.append(f"{len(choices)} distinct values become its choices: "
                       + ", ".join(choices[:10]))
    said = date_reason(col) if kind_name == "Date" else None
    if said:
        reasons.append(said)
    confidence = 0.75
    if near is not None:
        confidence = 0.55
        reasons.append(f"closest canonical field: {near.target} "
                       f"({_pct(near.confidence)})")
    return ColumnMapping(custom_field=name, custom_field_type=kind_name, confidence=confidence,
                         reasons=reasons, flagged=confidence < FLAG_BELOW)


def assign(kind: str, columns: Sequence[tuple[str, ColumnProfile]], satellites: Carried = True,
           read_as: Mapping[str, str] | None = None) -> dict[str, ColumnMapping]:
    """Best target per column with no target used twice (highest confidence wins); `read_as`
    is how a header reads without its table's shared prefix."""
    read_as = read_as or {}
    candidates = {h: column_candidates(kind, read_as.get(h, h), col, satellites)
                  for h, col in columns}
    held = {c.field: h for h, cands in candidates.items() for c in cands
            if c.kind == kind and c.confidence >= ACCEPT}
    unnamed = {h for h, cands in candidates.items() if all(c.by_values for c in cands)}
    for h, found in blind_candidates(kind, list(columns), unnamed, held).items():
        candidates[h] = sorted(candidates[h] + [Candidate(kind, f, conf, why, True)
                                                for f, conf, why in found],
                               key=lambda c: -c.confidence)
    ranked = sorted(
        ((c.confidence, i, h, c) for i, (h, _) in enumerate(columns) for c in candidates[h]
         if c.confidence >= ACCEPT),
        key=lambda t: (-t[0], t[1]))
    chosen: dict[str, Candidate] = {}
    owner: dict[str, str] = {}
    for _, _, header, cand in ranked:
        if header in chosen or cand.target in owner:
            continue
        chosen[header] = cand
        owner[cand.target] = header
    out: dict[str, ColumnMapping] = {}
    for header, col in columns:
        cands = candidates[header]
        top = cands[0] if cands else None
        lost = top is not None and top.confidence >= ACCEPT and owner.get(top.target) != header
        pick = chosen.get(header)
        note = (f"{top.target} also fits, but column '{owner[top.target]}' fits "
                f"it better") if lost and top else None
        if pick is None:
            mapping = _custom(read_as.get(header, header), col,
                              top if top and top.confidence >= 0.45 else None)
            if note:
                mapping.reasons.append(note)
                mapping.confidence = min(mapping.confidence, 0.55)
                mapping.flagged = True
            out[header] = mapping
            continue
        reasons = list(pick.reasons)
        said = date_reason(col)
        if said and any(w in pick.field for w in ("date", "_at", "effective")):
            reasons.append(said)
        if note:
            reasons.append(note)
        confidence = pick.confidence if not note else min(pick.confidence, 0.6)
        out[header] = ColumnMapping(target=pick.target, confidence=confidence,
                                    reasons=reasons, flagged=confidence < FLAG_BELOW,
                                    values=role_values(col) if pick.field == "role"
                                    else enum_values(pick.target, col))
    return out


def _propose_key_value(file_name: str, headers: Sequence[str], profile: FileProfile,
                       layout: KeyValueLayout, kind: str) -> FileMapping:
    groups = profile.by_value.get(layout.name_column, {})
    fields = [(name, cols.get(layout.value_column, ColumnProfile()))
              for name, cols in sorted(groups.items())]
    key_values = assign(kind, fields, satellites=False)  # a key/value row is one record
    columns: dict[str, ColumnMapping] = {}
    roles = {layout.record_column: f"the {kind} each row belongs to",
             layout.name_column: "the field name", layout.value_column: "the field value"}
    for header in headers:
        role = roles.get(header, "the row's own id, not migrated")
        columns[header] = ColumnMapping(
            confidence=0.9, reasons=[f"key/value table: '{header}' holds {role}"])
    return FileMapping(
        kind=kind, confidence=0.9, columns=columns, key_value=layout, key_values=key_values,
        reasons=[f"'{file_name}' is a key/value table: one row per {kind}, field name "
                 f"('{layout.name_column}') and value ('{layout.value_column}'); "
                 f"{len(groups)} field names"])


def propose_file(file_name: str, headers: Sequence[str], profile: FileProfile,
                 kind: str | None = None) -> FileMapping:
    """The kind of one file (or the `kind` given) and the meaning of each of its columns."""
    kv = detect_key_value(headers, profile)
    if kv is not None and kind is None:
        return _propose_key_value(file_name, headers, profile, kv[0], kv[1])
    read_as = readings(headers)
    guess = detect_kind(file_name, [read_as[h] for h in headers])
    rows = rows_name_kind(list(headers), profile)
    if rows is not None and kind is None and rows.kind != guess.kind:
        guess = KindGuess(rows.kind, round(min(0.95, 0.5 + rows.share / 2), 2), [
            f"the values of '{rows.column}' say what {round(rows.share * 100)}% of the rows "
            f"are: {rows.kind} (the headers alone suggested {guess.kind})"], guess.ranked)
    forms = holds_forms(file_name, headers)
    # a name saying another kind keeps it (`Allergies.csv`) unless it also says forms: the
    # form is what each row is (`Medical History Forms`), the other kind what it asks about
    if kind is None and forms and guess.kind != NOTE and (
            not name_score(file_name, guess.kind)[0] or named_forms(file_name)):
        note = propose_file(file_name, headers, profile, kind=NOTE)
        if note.column_of(f"{NOTE}.patient_source_id"):
            note.reasons = [r for r in note.reasons if not r.startswith("the kind ")] + [
                f"rows are forms a client submitted (the headers alone suggested "
                f"{guess.kind}): each a note on the patient"]
            note.confidence = 0.7
            return note
    if kind is not None and kind != guess.kind:
        guess = KindGuess(kind, 1.0, [f"the kind {kind} is given"])
    empty = ColumnProfile()
    read_as = kind_readings(headers, read_as, KIND_NAME_SYNONYMS.get(guess.kind, ()))
    columns = assign(guess.kind, [(h, profile.columns.get(h, empty)) for h in headers],
                     satellites=CARRIED if forms and guess.kind == NOTE else True,
                     read_as=read_as)
    order, order_reason = file_date_order(profile)
    reasons = list(guess.reasons)
    if order_reason:
        reasons.append(order_reason)
    mapping = FileMapping(kind=guess.kind, confidence=guess.confidence, reasons=reasons,
                          columns=columns, date_order=order)  # type: ignore[arg-type]
    if kind is None:
        mapping = without_essentials(mapping, lambda other: propose_file(
            file_name, headers, profile, kind=other), bool(name_score(file_name, guess.kind)[0]),
            profile)
        mapping = organisations_among_people(mapping, profile, lambda other: propose_file(
            file_name, headers, profile, kind=other))
        if mapping.kind != guess.kind:
            return mapping
    from_rows(mapping, rows, read_as, profile)
    propose_rules(mapping, list(headers), profile)
    if forms:
        if mapping.kind == NOT_MIGRATED and guess.kind == NOTE:
            # judged before the form's title and answers were found: judged again after
            mapping.kind, mapping.reasons = NOTE, mapping.reasons[:-1]
        propose_form(mapping, headers, profile)
        propose_nothing_to_migrate(mapping)
    return mapping


def propose(files: Mapping[str, tuple[Sequence[str], FileProfile]],
            settings: Settings | None = None) -> MappingDocument:
    """The whole proposal: one FileMapping per tabular file (FHIR files are the caller's)."""
    doc = MappingDocument(settings=settings or Settings())
    for name, (headers, profile) in files.items():
        doc.files[name] = propose_file(name, headers, profile)
    take_once(doc)
    harmonise_custom_names(doc)
    for name, (_, profile) in files.items():
        nutshell_custom_fields(doc, name, profile)
    return doc


__all__ = [
    "HEADER_FLOOR", "Candidate", "ColumnProfile", "ColumnProfiler", "FileProfile", "assign",
    "column_candidates", "custom_field_type", "detect_key_value", "file_date_order", "propose",
    "propose_file",
]
