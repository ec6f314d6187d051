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
_STROKED = str.maketrans({"ł": "l", "Ł": "L"})


def to_latin(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_STROKED))
                     if not unicodedata.combining(c))
    return folded if folded.isascii() else anyascii(folded)


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
        plain = to_latin(text)  # `prénom` is `prenom`, not `pr nom`; `Телефон` is `Telefon`
        spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|[^0-9A-Za-z]+", " ", plain.replace(".", " "))
        words.update(w.lower() for w in spaced.split() if len(w) >= 2 and w.isalpha())
    return frozenset(words - STOPWORDS)


KNOWN_TOKENS = _known_tokens()
