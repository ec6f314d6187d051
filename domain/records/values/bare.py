"""A value's word with its case and accents set aside, for a second look-up where the word as
written (lower case) is not among the words known.

Capitals drop what lower case keeps: a Greek word in capitals is written without its accent
(`ΟΧΙ` for `Όχι`, `ΑΚΥΡΩΘΗΚΕ`), and Turkish capitals lower to dotted and dotless i by the
language's own rule, which a plain `lower()` does not follow (`HAYIR` is `hayır`, `İPTAL` is
`iptal`, while `lower()` makes `hayir` and `i̇ptal`). Both sides of the look-up are folded alike,
so a word list keeps each word as the language writes it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

# dotless ı and dotted İ meet plain i (the dot of `i̇` is a combining mark, dropped below)
_DOTLESS = str.maketrans({"ı": "i"})


def bare(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.strip().casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).translate(_DOTLESS)


def bare_index(words: Mapping[str, str]) -> dict[str, str]:
    """The word -> meaning map keyed by bare words, leaving out a bare word two meanings share
    (`Ναι`-like pairs of languages whose accents alone tell two words apart)."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for word, meaning in words.items():
        key = bare(word)
        if index.setdefault(key, meaning) != meaning:
            shared.add(key)
    return {k: v for k, v in index.items() if k not in shared}


def bare_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(bare(w) for w in words)
