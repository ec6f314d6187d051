"""Header text: normalisation and a fuzzy similarity with no dependency beyond the stdlib.

`Pt_DOB`, `patientDob`, `PATIENT D.O.B.` and `Date of Birth (patient)` must meet. A header is
split on separators and camelCase, stripped of accents, singularised and abbreviation-expanded;
two headers are compared by the best of an exact compact match, a fuzzy token match (typos in
long tokens tolerated, word order ignored) and a character-sequence ratio.

And the countries a script's headers say (`script_countries`): Hebrew is Israel's, Arabic the
Arab states'; their numbers are looked for in those plans first (region.py), where a Dubai
mobile `050 123 4567` is also a Groningen number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from domain.proposal.vocabulary import (
    ABBREVIATIONS,
    KNOWN_TOKENS,
    STOPWORDS,
    UNSPACED,
    UNSPACED_WORDS,
    run_words,
    to_latin,
)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)"
                    r"|(?<=\d)(?=[A-Za-z])")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_KEEP_S = ("ss", "us", "is", "os", "as", "ys")
CHAR_FLOOR = 0.8


@dataclass(frozen=True)
class Phrase:
    """A header or synonym ready for comparison."""

    raw: str
    compact: str  # every token joined, before abbreviation expansion: `hmphone`
    tokens: tuple[str, ...]  # expanded, singular, without stopwords: ("home", "phone")
    expanded: str  # the tokens joined without spaces: `homephone`
    whole: frozenset[str] = frozenset()  # words of an unspaced script: compared exactly


def strip_accents(text: str) -> str:
    return to_latin(text)


def singular(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(_KEEP_S):
        return token[:-1]
    return token


# `N°`, `Nº`, `n°` (numéro, número, Nummer): "number" in any language; `No.`/`Nr.` are abbreviations
# and Slovene `Št.` (številka), which folded would read `st`, a state
_NUMERO = re.compile(r"(?<![0-9A-Za-z])(?:[Nn]\s?[°º]|[Šš]t\.)")


def _latin_tokens(text: str) -> list[str]:
    text = _NUMERO.sub(" number ", text)
    text = strip_accents(text).replace("#", " number ").replace("&", " and ")
    text = _CAMEL.sub(" ", text)
    return [t for t in _NON_ALNUM.split(text.lower()) if t]


def _parts(text: str) -> list[tuple[str, bool]]:
    """(token, whole) in the header's order: `whole` for a word of a script written without
    spaces, compared as it is (domain.proposal.unspaced), never split, expanded or clipped."""
    text = unicodedata.normalize("NFKC", text)  # half-width katakana, full-width letters
    out: list[tuple[str, bool]] = []
    at = 0
    for run in UNSPACED.finditer(text):
        out += [(t, False) for t in _latin_tokens(text[at:run.start()])]
        out += [(t, True) for t in run_words(run.group(), UNSPACED_WORDS)]
        at = run.end()
    return out + [(t, False) for t in _latin_tokens(text[at:])]


def raw_tokens(text: str) -> list[str]:
    return [t for t, _ in _parts(text)]


def _known(token: str) -> bool:
    return token in KNOWN_TOKENS or token in ABBREVIATIONS or singular(token) in KNOWN_TOKENS


# The last words of database column names (`allowsms`, `recurrtype`, `pubpid`)
COLUMN_SUFFIXES = frozenset({"id", "pid", "date", "time", "type", "status", "code", "name",
                             "number", "num", "sms", "email", "phone", "text", "flag", "no"})


def _near_known(token: str) -> bool:
    """A long token a letter or two from a word the vocabulary knows whole
    (`versicherungsnummer`, `versichertennummer`) is read as that word, not split."""
    return len(token) >= 12 and any(
        abs(len(known) - len(token)) <= 2 and token_sim(token, known) >= 0.85
        for known in KNOWN_TOKENS)


@lru_cache(maxsize=20000)
def split_compound(token: str) -> tuple[str, ...]:
    """A database column's run-together words (`apptstatus`, `allowsms`, `regdate`, `catid`):
    split once where the tail is a word of the vocabulary and the head is one too (or, before
    a usual column suffix, any three letters); a token the vocabulary knows stays whole."""
    if len(token) < 5 or not token.isalpha() or _known(token) or _near_known(token):
        return (token,)
    best: tuple[int, int, str, str] | None = None
    for cut in range(2, len(token) - 1):
        head, tail = token[:cut], token[cut:]
        if not _known(tail) or (len(tail) < 3 and tail != "id"):
            continue
        suffix = ABBREVIATIONS.get(tail, tail) in COLUMN_SUFFIXES  # `nummer` as `number`
        score = 2 if _known(head) else 1 if len(head) >= 3 and suffix else 0
        if score and (best is None or (score, len(tail)) > best[:2]):
            best = (score, len(tail), head, tail)
    return (token,) if best is None else (best[2], best[3])


@lru_cache(maxsize=20000)
def _clipped(token: str) -> str | None:
    """A word cut short (`cov` of `insCovFundName`) is the one word the vocabulary knows that it
    begins, if only one; a known word, one beginning several, a long one, or a known word
    inflected (`termine` of `termin`) stays as it is."""
    if not 3 <= len(token) <= 5 or not token.isalpha() or token in STOPWORDS or _known(token):
        return None
    if any(_known(token[:cut]) for cut in range(3, len(token))):
        return None
    longer = [known for known in KNOWN_TOKENS if known.startswith(token)
              and len(known) > len(token) + 1]
    return longer[0] if len(longer) == 1 else None


@lru_cache(maxsize=20000)
def phrase(text: str) -> Phrase:
    parts = [(part, whole) for token, whole in _parts(text)
             for part in ((token,) if whole else split_compound(token))]
    raws = [token for token, _ in parts]
    tokens: list[str] = []
    for token, whole in parts:
        if whole:
            tokens.append(token)
            continue
        expansion = (ABBREVIATIONS.get(token) or ABBREVIATIONS.get(singular(token))
                     or _clipped(token) or token)
        for part in expansion.split():
            if part not in STOPWORDS:
                tokens.append(singular(part))
    if not tokens:  # a header made only of stopwords keeps them
        tokens = [singular(t) for t in raws]
    return Phrase(text, "".join(raws), tuple(tokens), "".join(tokens),
                  frozenset(t for t, whole in parts if whole))


_PREFIX = re.compile(r"^([A-Za-z]{1,4})_(?=[A-Za-z])")


SHARED_BY = 0.6  # of a table's headers (three at least) beginning alike: a prefix


def _shared(beginnings: Counter[str], headers: int) -> str | None:
    """The beginning most headers share, when enough share it to be the table's prefix."""
    if not beginnings:
        return None
    first, count = beginnings.most_common(1)[0]
    return first if count >= 3 and count >= SHARED_BY * headers else None


def readings(headers: Sequence[str]) -> dict[str, str]:
    """How each header reads once a prefix shared by most of a table's columns is set aside
    (`pc_eid`, `pc_pid`, `pc_eventDate` of one table read `eid`, `pid`, `eventDate`)."""
    prefix = _shared(Counter(m[1].casefold() for h in headers if (m := _PREFIX.match(h))),
                     len(headers))
    if prefix is None:
        return {h: h for h in headers}
    return {h: (_PREFIX.sub("", h) if (m := _PREFIX.match(h)) and m[1].casefold() == prefix
                else h) for h in headers}


def one_edit(a: str, b: str) -> bool:
    """One deletion, insertion, substitution or swap of neighbours apart (Damerau, 1)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@lru_cache(maxsize=100000)
def token_sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    shorter, longer = sorted((len(a), len(b)))
    # short tokens (dob, id, mi) only match exactly; lengths too far apart cannot reach 0.8
    if shorter < 4 or 2 * shorter < 0.8 * (shorter + longer):
        return 0.0
    if one_edit(a, b):
        return max(0.85, SequenceMatcher(None, a, b).ratio())
    common = sum((Counter(a) & Counter(b)).values())  # an upper bound of the match length
    if 2 * common < 0.8 * (shorter + longer):
        return 0.0
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= 0.8 else 0.0


def _token_score(a: tuple[str, ...], b: tuple[str, ...],
                 whole: frozenset[str] = frozenset()) -> float:
    """Fuzzy F1 over the two token sets, order ignored; a word of an unspaced script (`whole`)
    meets only itself: a syllable apart is another word (`保険者`, `保険証`)."""
    if not a or not b:
        return 0.0

    def sim(x: str, y: str) -> float:
        return float(x == y) if x in whole or y in whole else token_sim(x, y)

    matched_a = sum(max(sim(x, y) for y in b) for x in a)
    matched_b = sum(max(sim(y, x) for x in a) for y in b)
    return (matched_a + matched_b) / (len(a) + len(b))


@lru_cache(maxsize=200000)
def similarity(header: str, synonym: str) -> float:
    """0..1: how well a header matches a synonym phrase."""
    h, s = phrase(header), phrase(synonym)
    if h.compact == s.compact or h.expanded == s.expanded or h.tokens == s.tokens:
        return 1.0
    if sorted(h.tokens) == sorted(s.tokens):
        return 0.97
    best = _token_score(h.tokens, s.tokens, h.whole | s.whole)
    # Run-together spellings (`Adress1`, `emailaddr`): a close character match counts; a
    # loose one (`invoicenumber` ~ `clinicnum`) says nothing, nor one of unspaced scripts.
    if (len(h.tokens) > 1 and len(s.tokens) > 1) or h.whole or s.whole:
        return best
    pairs = [(h.expanded, s.expanded)]
    if h.compact != h.expanded or s.compact != s.expanded:
        pairs.append((h.compact, s.compact))
    for x, y in pairs:
        if len(x) < 4 or len(y) < 4:
            continue
        matcher = SequenceMatcher(None, x, y)
        if matcher.real_quick_ratio() >= CHAR_FLOOR and matcher.quick_ratio() >= CHAR_FLOOR:
            ratio = matcher.ratio()
            if ratio >= CHAR_FLOOR:
                best = max(best, 0.95 * ratio)
    return best


def title_case(header: str) -> str:
    """`wirelessPhone`, `referral_source` -> `Wireless Phone`, `Referral Source`."""
    words = [w for w in _CAMEL.sub(" ", header).replace("_", " ").replace("-", " ").split() if w]
    return " ".join(w if w.isupper() and len(w) > 1 else w[:1].upper() + w[1:] for w in words)


# Prefixes that only say "this is a custom field" (`Custom: Occupation`): left out of its name.
_CUSTOM_MARKERS = frozenset({"custom", "custom field", "custom fields", "udf", "user defined",
                             "user field", "extra", "additional", "personnalisé", "benutzerdefiniert",
                             "personalizado"})
# A report writer's section before the field: `Insurance coverage: Fund name`, `Client - Referred
# By`, `Patient.FirstName`, `client_Aseguradora` (a lower-case word joined to a capitalised one)
_SECTION = re.compile(r"^\s*(?P<section>[^:]+?)\s*(?::|\s[-–|]\s|(?<=[a-z])\.(?=[A-Za-z])|"
                      r"(?<=[a-z])_(?=[A-Z]))\s*(?P<question>\S.*)$")


def section_question(header: str) -> tuple[str, str] | None:
    """(section, question) of a header written `<section><separator><question>`, or None."""
    found = _SECTION.match(header)
    return (found["section"], found["question"].strip()) if found else None


CUSTOM_NAME_MAX = 100  # Nutshell refuses long names; the source column is named beside it


def custom_field_name(header: str) -> str:
    """A custom-field name Nutshell accepts for a column: words in title case, no `/` (it
    refuses one), trimmed, at most CUSTOM_NAME_MAX characters; never empty."""
    section, sep, question = header.rpartition(":")
    if sep and question.strip() and " ".join(section.split()).casefold() in _CUSTOM_MARKERS:
        header = question
    name = title_case(header.replace("/", " - "))
    name = " ".join(name.split())[:CUSTOM_NAME_MAX].strip()
    return name or "Unnamed Column"



def kind_readings(headers: Sequence[str], read_as: Mapping[str, str],
                  kind_words: Iterable[str]) -> dict[str, str]:
    """How each header reads once a word naming the table's own kind, written before most of
    its headers, is set aside (`InvoicePatientId` of invoices reads `patient id`, `Client:
    Email` of clients `email`), as the short prefixes of `readings` are."""
    words = {w for w in kind_words if " " not in w}
    tokens = {h: raw_tokens(read_as.get(h, h)) for h in headers}
    word = _shared(Counter(t[0] for t in tokens.values() if len(t) > 1), len(headers))
    if word is None or word not in words:
        return dict(read_as)
    return {h: " ".join(t[1:]) if len(t) > 1 and t[0] == word else read_as.get(h, h)
            for h, t in tokens.items()}


_SCRIPT_COUNTRIES = {"HEBREW": ("IL",),
                     "ARABIC": ("AE", "SA", "EG", "QA", "KW", "BH", "OM", "JO", "LB")}


def script_countries(headers: Iterable[str]) -> tuple[str, ...]:
    """The countries whose script most of the headers' letters are in, else ()."""
    counts: dict[str, int] = {}
    letters = 0
    for header in headers:
        for c in header:
            if c.isalpha():
                letters += 1
                script = unicodedata.name(c, "").split(" ", 1)[0]
                if script in _SCRIPT_COUNTRIES:
                    counts[script] = counts.get(script, 0) + 1
    best = max(counts, key=lambda s: counts[s], default=None)
    return _SCRIPT_COUNTRIES[best] if best and counts[best] * 2 > letters else ()
