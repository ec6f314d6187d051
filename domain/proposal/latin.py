"""Any script in Latin letters, for comparing headers: the one place a header's letters are folded.

A header in Greek, Cyrillic, Hebrew, Arabic or Chinese, Japanese and Korean characters would
otherwise lose every letter to the `[^0-9a-z]` split and match nothing. Accents go first (the
Unicode decomposition, as before), then what is still not ASCII is transliterated by `anyascii`
(`Телефон` -> `Telefon`, `電話番号` -> `DianHuaFanHao`, `Fødselsdato` -> `Fodselsdato`), the
same way on a header and on the vocabulary's phrases, so a word written in its own script meets it.
"""

from __future__ import annotations

import unicodedata

from anyascii import anyascii

# Letters whose stroke Unicode does not decompose (Polish `ł` in `Płeć`): transliterated the
# same by anyascii, kept here so the accent pass alone leaves none behind.
_STROKED = str.maketrans({"ł": "l", "Ł": "L"})


def to_latin(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_STROKED))
                     if not unicodedata.combining(c))
    return folded if folded.isascii() else anyascii(folded)
