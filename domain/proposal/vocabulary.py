"""The vocabulary the mapping proposal reads headers and values with, loaded from data files.

The words live in `vocabulary_data/*.json` (one file per table, each with an `about` line), so
adding a vendor's spelling or a language is a data change, not a code change. Phrases are written
as a person would type them; domain.proposal.text normalises both sides the same way (accents,
case, separators, camelCase, abbreviations), so one spelling per idea is enough.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any

from anyascii import anyascii

from domain.records.values import yes_no

# A header in Greek, Cyrillic, Hebrew, Arabic or Chinese, Japanese and Korean characters would
# otherwise lose every letter to the `[^0-9a-z]` split and match nothing: accents go first (the
# Unicode decomposition), then what is still not ASCII is transliterated by `anyascii`
# (`Телефон` -> `Telefon`, `電話番号` -> `DianHuaFanHao`, `Fødselsdato` -> `Fodselsdato`), the
# same way on a header and on the phrases below, so a word written in its own script meets it.
# Polish `ł` (`Płeć`) has no decomposition: folded here so the accent pass leaves none behind.
# The Bulgarian hard sign `ъ` is a vowel (`a`, as the official transliteration writes it), where
# anyascii writes an apostrophe that splits the word in two (`Продължителност`, `Prod'lzhitelnost`).
_STROKED = str.maketrans({"ł": "l", "Ł": "L", "ъ": "a", "Ъ": "A"})


def to_latin(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_STROKED))
                     if not unicodedata.combining(c))
    return folded if folded.isascii() else anyascii(folded)


# The scripts written without spaces between words (Chinese characters, Japanese kana, Korean
# Hangul, Thai) need more. Transliterated letter by letter, `電話番号` is four syllables
# (`dian hua fan hao`): as tokens they would be clipped and expanded like Latin abbreviations
# (`fan` read as `fantasia`), and a common syllable (`ri` of 日, `hao` of 号) would make headers
# that share nothing meet. As one token the header would meet the vocabulary's `電話番号` but never
# its `電話`. So a run of such letters is cut where it holds a word the vocabulary writes in that
# script (`電話` + `番号`), the rest of the run kept as one word; each word is one token of its
# syllables run together (`dianhua`), compared whole (domain.proposal.text). Characters are
# compared by their reading, so simplified and traditional (`电话`, `電話`) and the Japanese
# forms meet.
# Han (with the CJK extension A and compatibility blocks), hiragana, katakana with the
# prolonged-sound mark and half-width forms, Hangul syllables and jamo, Thai.
UNSPACED = re.compile(r"[\u3005\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                      r"\uff66-\uff9f\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u0e01-\u0e4e]+")


def key(char: str) -> str:
    """A character's reading in lower-case Latin letters (none for a mark alone, a Thai tone)."""
    return re.sub(r"[^0-9a-z]", "", anyascii(char).lower())


def keys(run: str) -> tuple[str, ...]:
    return tuple(key(c) for c in run)


def lexicon(phrases: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """The words a run is cut at: each run of two letters or more the vocabulary writes, save
    one that holds a shorter such word (`電話番号` holding `電話` is cut at it instead)."""
    runs = {keys(run) for text in phrases for run in UNSPACED.findall(text) if len(run) >= 2}

    def holds(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
        n = len(shorter)
        return n < len(longer) and any(longer[i:i + n] == shorter
                                       for i in range(len(longer) - n + 1))

    return frozenset(r for r in runs if not any(holds(r, other) for other in runs))


def run_words(run: str, known: frozenset[tuple[str, ...]]) -> list[str]:
    """The run's words, each as one token: the longest word of `known` at each place, the letters
    between them kept together."""
    syllables = keys(run)
    longest = max((len(w) for w in known), default=0)
    out: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(syllables):
        size = next((n for n in range(min(longest, len(syllables) - i), 1, -1)
                     if syllables[i:i + n] in known), 0)
        if size:
            if rest:
                out.append("".join(rest))
                rest = []
            out.append("".join(syllables[i:i + size]))
            i += size
        else:
            rest.append(syllables[i])
            i += 1
    if rest:
        out.append("".join(rest))
    return [w for w in out if w]


@lru_cache(maxsize=4096)
def other_script(text: str) -> bool:
    """The text has letters of a script other than Latin."""
    return any(c.isalpha() and not c.isascii() and "LATIN" not in unicodedata.name(c, "LATIN")
               for c in text)


def _load(name: str) -> Any:
    text = files(__package__).joinpath("vocabulary_data", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)["data"]


def _words(name: str) -> frozenset[str]:
    return frozenset(_load(name))


def _phrases(name: str) -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in _load(name).items()}


ABBREVIATIONS: dict[str, str] = dict(_load("abbreviations"))
STOPWORDS = _words("stopwords")
FIELD_SYNONYMS = _phrases("field_synonyms")
KIND_FIELD_SYNONYMS = _phrases("kind_field_synonyms")
ENTITY_ID_SYNONYMS = _phrases("entity_id_synonyms")
REFERENCE_SYNONYMS = _phrases("reference_synonyms")
KIND_NAME_SYNONYMS = _phrases("kind_name_synonyms")
BOOLEAN_WORDS = yes_no.YES | yes_no.NO
SEX_WORDS = _words("sex_words")
ENUM_VALUE_SYNONYMS = _phrases("enum_value_synonyms")
REGION_CODES = _words("region_codes")
COUNTRY_WORDS = _words("country_words")
CURRENCY_CODES = _words("currency_codes")
BOOLEAN_TRUE = yes_no.YES | _words("boolean_true")
STATUS_CODES: dict[str, dict[str, str]] = dict(_load("status_codes"))
SALUTATIONS = _phrases("salutation_words")


def _known_tokens() -> frozenset[str]:
    """Every word the phrases above are written with (lower case, camelCase split): the words a
    run-together database column name may be split into."""
    texts: list[str] = [*ABBREVIATIONS, *ABBREVIATIONS.values()]
    for table in (FIELD_SYNONYMS, KIND_FIELD_SYNONYMS, ENTITY_ID_SYNONYMS, REFERENCE_SYNONYMS,
                  KIND_NAME_SYNONYMS):
        texts += [*table] + [p.partition("|")[0] for ps in table.values() for p in ps]
    words: set[str] = set()
    for text in texts:
        # a run of Chinese, Japanese, Korean or Thai letters is compared whole (UNSPACED_WORDS),
        # never the syllables a Latin column name could be split into or clipped to
        # `prénom` is `prenom`, not `pr nom`; `Телефон` is `Telefon`
        plain = to_latin(UNSPACED.sub(" ", text))
        spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|[^0-9A-Za-z]+", " ", plain.replace(".", " "))
        words.update(w.lower() for w in spaced.split() if len(w) >= 2 and w.isalpha())
    return frozenset(words - STOPWORDS)


KNOWN_TOKENS = _known_tokens()


def _phrase_texts() -> list[str]:
    texts: list[str] = []
    for table in (FIELD_SYNONYMS, KIND_FIELD_SYNONYMS, ENTITY_ID_SYNONYMS, REFERENCE_SYNONYMS,
                  KIND_NAME_SYNONYMS):
        texts += [p.partition("|")[0] for ps in table.values() for p in ps]
    return texts


# The words the vocabulary writes in a script without spaces (`電話`, `번호`), a header's run of
# such letters is cut at (domain.proposal.unspaced)
UNSPACED_WORDS = lexicon(_phrase_texts())
