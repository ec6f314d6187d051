"""Header evidence: which canonical field a header names, and which kind a file holds.

A field's phrases are its own name, the generic synonyms of that field name, the phrases of
that kind's field, and for ids the phrases naming the record they point at. A phrase may carry
a weight (`"phone|0.85"`): a bare `Phone` is weaker evidence of a home phone than `HmPhone`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from domain.proposal.text import one_edit, phrase, section_question, similarity, token_sim
from domain.proposal.vocabulary import (
    ENTITY_ID_SYNONYMS,
    FIELD_SYNONYMS,
    KIND_FIELD_SYNONYMS,
    KIND_NAME_SYNONYMS,
    KNOWN_TOKENS,
    REFERENCE_SYNONYMS,
    other_script,
)
from domain.records.canonical import KIND_FIELDS, KINDS, REFERENCES

HEADER_FLOOR = 0.6  # below this a header says nothing about a field
KIND_EVIDENCE_FLOOR = 0.8
# Below this share of headers naming anything, the headers speak a language the vocabulary
# lacks (every known export names >= 29% of its headers): their few chance likenesses weigh
# in proportion, never as much as a file name, and the values decide the rest.
NAMED_SHARE = 0.25
LONE_FLOOR = 0.95  # a header naming something alone in its file: a synonym, not a likeness
# Words a header may carry that only repeat the file's own kind: `Patient First Name`.
SELF_WORDS: dict[str, frozenset[str]] = {
    "patient": frozenset({"patient", "client"}),
    "appointment": frozenset({"appointment", "booking", "visit"}),
    "provider": frozenset({"provider", "practitioner", "staff", "user", "doctor"}),
    "company": frozenset({"clinic", "business", "company", "practice", "location"}),
    "insurance": frozenset({"insurance", "policy", "plan", "coverage", "health", "fund"}),
    "clinical_note": frozenset({"note", "treatment"}),
    "allergy_condition": frozenset({"allergy", "condition", "problem"}),
    "billing": frozenset({"billing", "account"}),
    "referral": frozenset({"referral"}),
    "lead": frozenset({"lead", "enquiry", "inquiry"}),
    "communication": frozenset({"communication", "comm", "message"}),
    "document": frozenset({"document", "file"}),
    "insurance_verification": frozenset({"verification", "eligibility"}),
}
# Words of a visit: a date under them on another record (a patient's
# `date_of_first_appointment`, `Last Visit`) is the visit's, not when that record was made.
VISIT_WORDS = SELF_WORDS["appointment"]
OWN_MOMENTS = frozenset({"created_at", "updated_at"})
# A last word that says the column holds a code's words rather than the code.
DESCRIBING_WORDS = frozenset({"description", "desc", "descripcion", "beschreibung"})
NOISE_WORDS = frozenset({"export", "data", "report", "list", "all", "csv", "xlsx", "table",
                         "dump", "file", "backup", "tbl", "sheet", "extract", "full"})


@dataclass(frozen=True)
class HeaderMatch:
    field: str
    score: float  # 0..1
    phrase: str  # the synonym that matched best
    specificity: float  # how much this field says about the file's kind


def _split_weight(text: str) -> tuple[str, float]:
    body, _, weight = text.partition("|")
    return body, float(weight) if weight else 1.0


@lru_cache(maxsize=512)
def field_phrases(kind: str, field: str) -> tuple[tuple[str, float, float], ...]:
    """(phrase, weight, specificity) for one field of one kind."""
    owners = sum(1 for fields in KIND_FIELDS.values() if field in fields)
    generic = 1.0 / owners
    out: list[tuple[str, float, float]] = [(field.replace("_", " "), 1.0, generic)]
    out += [(*_split_weight(p), generic) for p in FIELD_SYNONYMS.get(field, ())]
    out += [(*_split_weight(p), 1.0) for p in KIND_FIELD_SYNONYMS.get(f"{kind}.{field}", ())]
    if field == "source_id":
        out += [(*_split_weight(p), 0.6) for p in ENTITY_ID_SYNONYMS.get(kind, ())]
    target = REFERENCES.get((kind, field))
    if target:
        out += [(*_split_weight(p), generic) for p in ENTITY_ID_SYNONYMS.get(target, ())]
        out += [(*_split_weight(p), generic) for p in REFERENCE_SYNONYMS.get(field, ())]
    return tuple(out)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]], frozenset[str]]:
    """Every phrase, indexed by its tokens and by its compact spellings."""
    by_token: dict[str, set[str]] = {}
    by_compact: dict[str, set[str]] = {}
    every: set[str] = set()
    for kind, fields in KIND_FIELDS.items():
        for fld in fields:
            for text, _, _ in field_phrases(kind, fld):
                every.add(text)
                p = phrase(text)
                for token in p.tokens:
                    by_token.setdefault(token, set()).add(text)
                by_compact.setdefault(p.compact, set()).add(text)
                by_compact.setdefault(p.expanded, set()).add(text)
    return by_token, by_compact, frozenset(every)


@lru_cache(maxsize=20000)
def _near_tokens(token: str) -> tuple[str, ...]:
    """Vocabulary tokens equal or close (a typo away) to this one. A word the vocabulary knows
    is read as itself, never as a typo of another known word (`note` is not `nome`, `preferred`
    not `referred`)."""
    by_token = _vocabulary()[0]
    if token in by_token:
        return (token,)
    return tuple(known for known in by_token if token_sim(token, known))


@lru_cache(maxsize=20000)
def candidate_phrases(header: str) -> frozenset[str]:
    """The phrases worth a full comparison: sharing a (fuzzy) token or a compact spelling.
    A header made of one long run-together word is compared with everything."""
    by_token, by_compact, every = _vocabulary()
    h = phrase(header)
    if len(h.tokens) == 1 and len(h.tokens[0]) >= 7 and h.tokens[0] not in by_token:
        return every
    out: set[str] = set()
    for token in h.tokens:
        for known in _near_tokens(token):
            out |= by_token[known]
    out |= by_compact.get(h.compact, set()) | by_compact.get(h.expanded, set())
    if len(h.tokens) == 1 and len(h.compact) >= 4 and h.tokens[0] not in by_token:  # `Patum`
        for key, texts in by_compact.items():
            if one_edit(h.compact, key):
                out |= texts
    return frozenset(out)


def _variants(kind: str, header: str) -> list[tuple[str, float]]:
    """The header, and the header without words that repeat the file's kind (one at a time,
    then all): `Insurance Plan Type` in an insurance file also reads as `Plan Type`."""
    tokens = phrase(header).tokens
    own = SELF_WORDS.get(kind, frozenset())
    out = [(header, 1.0)]
    split = section_question(header)
    if split is not None:
        # a vendor's section before the field, `<section>: <question>` (`Insurance coverage:
        # Fund name`, `Custom: Occupation`, `Client - Referred By`, `Patient.FirstName`): the
        # question alone says what the column holds
        out.append((split[1], 0.97))
    if len(tokens) < 2:
        return out
    if tokens[-1] in DESCRIBING_WORDS:
        # `status_description`, `Type Desc`: the text of a code, the same field as the code
        out.append((" ".join(tokens[:-1]), 0.95))
    for i, token in enumerate(tokens):
        if token in own:
            out.append((" ".join(tokens[:i] + tokens[i + 1:]), 0.98))
    kept = [t for t in tokens if t not in own]
    if kept and len(kept) < len(tokens) - 1:
        out.append((" ".join(kept), 0.98))
    # a section of the kind's words run into the field with no separator
    # (`insurance_coverage_fund_name`): the words after each part of it, two or more
    for i in range(1, len(tokens) - 1):
        if tokens[i - 1] not in own:
            break
        out.append((" ".join(tokens[i:]), 0.97))
    return out


CROSS_SCRIPT = 0.9  # another script's phrase meets a Latin header transliterated: `Стать` (sex) `stat`


@lru_cache(maxsize=20000)
def header_matches(kind: str, header: str) -> tuple[HeaderMatch, ...]:
    """Every field of `kind` the header resembles (score >= HEADER_FLOOR), best first."""
    variants = [(v, d, candidate_phrases(v)) for v, d in _variants(kind, header)]
    out: list[HeaderMatch] = []
    for field in KIND_FIELDS[kind]:
        best = HeaderMatch(field, 0.0, "", 0.0)
        for text, weight, specificity in field_phrases(kind, field):
            for variant, discount, worth in variants:
                if text not in worth:
                    continue
                score = similarity(variant, text) * weight * discount
                if other_script(text) and not other_script(header):
                    score *= CROSS_SCRIPT
                if score > best.score:
                    best = HeaderMatch(field, score, text, specificity)
        if best.score >= HEADER_FLOOR:
            out.append(best)
    for ruled in (_kind_number(kind, header), _second_line(kind, header),
                  _register_number(kind, header), *_alternatives(kind, header)):
        if ruled is not None:
            out = [m for m in out if m.field != ruled.field or m.score > ruled.score]
            out += [] if any(m.field == ruled.field for m in out) else [ruled]
    if kind != "appointment" and set(phrase(header).tokens) & VISIT_WORDS:
        out = [m for m in out if m.field not in OWN_MOMENTS]
    if set(phrase(header).tokens) & _people_words(kind):
        # `Patient Name` on a note is the patient's name: no name of the note's (its title)
        out = [m for m in out if not set(phrase(m.phrase).tokens) <= _NAME_WORDS]
    out.sort(key=lambda m: -m.score)
    return tuple(out)


_NAME_WORDS = frozenset({"name", "names"})
PEOPLE = ("patient", "provider")  # kinds whose records are people other files name


def _people_words(kind: str) -> frozenset[str]:
    """The words naming a person of another kind (`patient`, `doctor`) in a `kind` file."""
    return frozenset().union(*(SELF_WORDS[k] for k in PEOPLE if k != kind)) - SELF_WORDS.get(
        kind, frozenset())


ALTERNATIVE_FLOOR = 0.9  # each side of `a/b` must be a synonym, not a likeness
_SLASH = re.compile(r"\s*/\s*")


def _alternatives(kind: str, header: str) -> tuple[HeaderMatch, ...]:
    """Two words for one thing either side of a slash (`Mutua/aseguradora`, `Mobile/Cell`):
    read together they match neither synonym well, yet each alone names the field; a field
    only one side names (`Phone/Email`) is not the column's."""
    parts = [p for p in _SLASH.split(header) if p.strip()]
    if len(parts) < 2:
        return ()
    sides = [{m.field: m for m in header_matches(kind, p) if m.score >= ALTERNATIVE_FLOOR}
             for p in parts]
    shared = set.intersection(*(set(side) for side in sides))
    out = []
    for field in sorted(shared):
        weakest = min((side[field] for side in sides), key=lambda m: m.score)
        out.append(HeaderMatch(field, round(weakest.score * 0.97, 3), weakest.phrase,
                               weakest.specificity))
    return tuple(out)


_ID_WORDS = frozenset({"number", "id"})
# before the kind's name (Romance order), `N.` is `number` too: `N. consulta`, `Nº cita`
_LEADING_ID_WORDS = _ID_WORDS | {"n"}
KIND_NUMBER_SCORE = 0.9


@lru_cache(maxsize=1)
def _kinds_by_word() -> dict[str, str]:
    """The words the vocabulary names exactly one kind's id with, alone or before `id`/`number`
    (`behandler`, `termin` of `termin id`): the words of `<word> number`."""
    seen: dict[str, set[str]] = {}
    for kind, texts in ENTITY_ID_SYNONYMS.items():
        for text in texts:
            tokens = phrase(text.partition("|")[0]).tokens
            if len(tokens) == 2 and tokens[1] in _ID_WORDS:
                tokens = tokens[:1]
            if len(tokens) == 1 and tokens[0].isalpha() and len(tokens[0]) >= 4:
                seen.setdefault(tokens[0], set()).add(kind)
    return {word: next(iter(kinds)) for word, kinds in seen.items() if len(kinds) == 1}


def _kind_number(kind: str, header: str) -> HeaderMatch | None:
    """`<a kind's name> number` (`Terminnummer`, `Behandler Nr`, `Patient ID`) is that kind's
    id: the file's own id in a file of that kind, else its reference to that kind."""
    tokens = phrase(header).tokens
    if len(tokens) == 2 and tokens[0] in _LEADING_ID_WORDS:  # `Nº cita`, `N. consulta`
        tokens = (tokens[1], "number")
    if len(tokens) != 2 or tokens[1] not in _ID_WORDS:
        return None
    named = _kinds_by_word().get(tokens[0])
    if named is None:
        return None
    field = "source_id" if named == kind else next(
        (f for (k, f), target in REFERENCES.items() if k == kind and target == named), None)
    if field is None or field not in KIND_FIELDS[kind]:
        return None
    return HeaderMatch(field, KIND_NUMBER_SCORE, f"{tokens[0]} {tokens[1]}", 1.0)


def name_score(file_name: str, kind: str) -> tuple[float, str]:
    """How much the file's name says `kind` (0: nothing), and the phrase that says it."""
    book, _, sheet = file_name.partition("#")  # a workbook's sheet: `Export.xlsx#Practitioners`
    stem = book.rsplit(".", 1)[0] if "." in book else book
    stem = f"{stem} {sheet}" if sheet else stem
    stem_tokens = [t for t in phrase(stem).tokens if t not in NOISE_WORDS and not t.isdigit()]
    if not stem_tokens:
        return 0.0, ""
    best, best_phrase = 0.0, ""
    for text in KIND_NAME_SYNONYMS[kind]:
        tokens = phrase(text).tokens
        covered = sum(max(similarity(t, s) for s in stem_tokens) for t in tokens) / len(tokens)
        if covered < 0.85:
            continue
        score = covered * (1 + 0.15 * (len(tokens) - 1))
        if similarity(tokens[-1], stem_tokens[-1]) >= 0.85 and len(stem_tokens) > 1:
            score *= 1.15  # the last word of `insurance_companies` says what the rows are
        if score > best:
            best, best_phrase = score, text
    return best, best_phrase


@dataclass(frozen=True)
class KindGuess:
    kind: str
    confidence: float
    reasons: list[str]
    ranked: tuple[str, ...] = ()  # every kind, likeliest first


def detect_kind(file_name: str, headers: list[str] | tuple[str, ...]) -> KindGuess:
    """The kind from the file name and how many headers are that kind's own fields."""
    names = {k: name_score(file_name, k) for k in KINDS}
    fits: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    weight = min(1.0, header_coverage(headers) / NAMED_SHARE)
    for kind in KINDS:
        total = 0.0
        hits: list[str] = []
        for header in headers:
            matches = header_matches(kind, header)
            if matches and matches[0].score >= KIND_EVIDENCE_FLOOR:
                total += matches[0].score * matches[0].specificity
                if matches[0].specificity >= 0.5:
                    hits.append(matches[0].field)
        fits[kind] = total / max(1, len(headers))
        evidence[kind] = hits
    top_fit = max(fits.values()) or 1.0
    combined = {k: names[k][0] + 1.2 * weight * fits[k] / top_fit for k in KINDS}
    ranked = sorted(KINDS, key=lambda k: -combined[k])
    kind, runner_up = ranked[0], ranked[1]
    margin = combined[kind] - combined[runner_up]
    confidence = round(min(1.0, 0.5 + margin / 1.2), 2)
    reasons: list[str] = []
    if names[kind][0]:
        reasons.append(f"file name '{file_name}' contains '{names[kind][1]}', a {kind} word")
    if evidence[kind]:
        shown = ", ".join(sorted(set(evidence[kind]))[:6])
        reasons.append(f"{len(evidence[kind])} of {len(headers)} headers are {kind} fields "
                       f"({shown})")
    if confidence < 0.7:
        reasons.append(f"could also be {runner_up}: check the kind")
    return KindGuess(kind, confidence, reasons, tuple(ranked))


def _naming(header: str) -> float:
    """How surely the header names a field of some kind."""
    return max(((m := header_matches(kind, header)) and m[0].score) or 0.0 for kind in KINDS)


def names_something(header: str) -> bool:
    """Whether the header names a field of some kind (from KIND_EVIDENCE_FLOOR up)."""
    return _naming(header) >= KIND_EVIDENCE_FLOOR


def header_coverage(headers: list[str] | tuple[str, ...]) -> float:
    """The share of headers naming a field of some kind; one alone that only resembles a
    synonym is a chance likeness (a made-up word a letter from a vocabulary word: `Lomi`,
    `loại`) and counts for none (every known export names two or more)."""
    if not headers:
        return 1.0
    scores = [score for h in headers if (score := _naming(h)) >= KIND_EVIDENCE_FLOOR]
    if len(scores) == 1 and scores[0] < LONE_FLOOR:
        return 0.0
    return len(scores) / len(headers)


def _second_line(kind: str, header: str) -> HeaderMatch | None:
    """`<a word for the address> 2` (`Morada 2`, `Indirizzo 2`) is the address's second line,
    whatever the language, when the word alone reads as its first line."""
    tokens = phrase(header).tokens
    if len(tokens) < 2 or tokens[-1] != "2" or "address_line2" not in KIND_FIELDS[kind]:
        return None
    first = header_matches(kind, " ".join(tokens[:-1]))
    if not first or first[0].field != "address_line1":
        return None
    return HeaderMatch("address_line2", first[0].score, f"{first[0].phrase} 2", first[0].specificity)


# `GDC No`, `GPhC number`, `CPSO #`, `NMC PIN`: the initials of a professional register, then
# perhaps a word for its number; tax and business numbers (`ABN`, `EIN`) are written alike
# but register no one's practice.
_INITIALS = re.compile(r"^[A-Z][A-Za-z]{1,5}$")
_NUMBER_WORDS = frozenset({"number", "pin", "reg", "registration", "id", "code"})
_NOT_REGISTERS = frozenset({"abn", "acn", "ein", "tin", "ssn", "sin", "vat", "gst", "nif",
                            "cif", "siret", "siren", "iban", "bsb", "nhs", "dob"})
REGISTER_SCORE = 0.8


def _register_number(kind: str, header: str) -> HeaderMatch | None:
    """A staff member's registration with a professional body named by its initials, which the
    vocabulary cannot list for every country."""
    if "license_number" not in KIND_FIELDS[kind]:
        return None
    first, *rest = re.split(r"[\s.:_\-]+", header.strip().replace("#", " # ")) or [""]
    capitals = sum(c.isupper() for c in first)
    words = phrase(" ".join(rest)).tokens if rest else ()
    if (not _INITIALS.match(first) or capitals < 2 or capitals < len(first) - 2
            or first.casefold() in _NOT_REGISTERS or not set(words) <= _NUMBER_WORDS):
        return None
    from nameparser.config import CONSTANTS  # noqa: PLC0415 - only for a header of initials

    if first.casefold() in KNOWN_TOKENS or first.casefold() in CONSTANTS.suffix_acronyms:
        return None  # `NPI`, `ID`: initials read as something else; `MD`, `RN`: a credential
    return HeaderMatch("license_number", REGISTER_SCORE, f"{first} (a register's initials)", 1.0)
