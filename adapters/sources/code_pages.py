"""Which single-byte code page a non-UTF-8 export's words read as, beyond Windows-1252 and -1250:
Greek (Windows-1253), Cyrillic (Windows-1251, a Bulgarian export) and Turkish (Windows-1254),
as Excel's plain CSV writes them on a Greek, Bulgarian or Turkish machine.

Every high byte is some letter in each of these code pages, so the bytes alone never say which:
a word does, read in each code page and kept where it reads as a word of that page's languages
(its letters from one of their alphabets, its capitals where a word has them).
- A Greek or Cyrillic export is words of high bytes only (`Επώνυμο`, `Фамилия`), which no
  Latin-script spelling has. Greek has one accent in nearly every word, a final sigma `ς` only
  at a word's end; the Greek accented vowels `ά έ ή ί` are Cyrillic capitals `Ь Э Ю Я` in
  Windows-1251 (inside a word in lower case: no Cyrillic word), and the Cyrillic `т`, inside
  most words, is the Greek final sigma.
- A Turkish export has words only Turkish letters make into words (`Doğum`, `Açıklama`,
  `Gülşen`: `ğ`, or `ı`/`ş` beside `ç`/`ö`/`ü`), where Windows-1250 and -1252 read letters no
  one of their languages puts together (`Doðum`, `Açýklama`, `Gülţen`).
"""

from __future__ import annotations

import re

# Words that carry a high byte (letters of ASCII around it)
_HIGH_WORD = re.compile(rb"[A-Za-z\x80-\xff]*[\x80-\xff][A-Za-z\x80-\xff]*")
_ALL_HIGH = re.compile(rb"[\x80-\xff]{3,}")

_TURKISH = frozenset("çğıöşüâîûÇĞİÖŞÜÂÎÛ")
# The alphabets Windows-1250 and -1252 are written for (Polish; Czech and Slovak; Hungarian;
# Romanian, cedillas as the code page has them; the Western languages the engine reads)
_LATIN_ALPHABETS = (
    frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"),
    frozenset("áäčďéěíĺľňóôŕřšťúůýžÁÄČĎÉĚÍĹĽŇÓÔŔŘŠŤÚŮÝŽ"),
    frozenset("áéíóöőúüűÁÉÍÓÖŐÚÜŰ"),
    frozenset("ăâîşţĂÂÎŞŢ"),
    frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüÿßœšžÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜŒŠŽ"),
)
_GREEK_ACCENTED = frozenset("άέήίόύώΐΰ")


def _cased(word: str) -> bool:
    """Lower case, capitals, or one capital first: how a word of any of these scripts is cased."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isalpha() for c in word) and (
        word.islower() or word.isupper() or (letters[0].isupper() and "".join(letters[1:]).islower()))


def _read(word: bytes, codec: str) -> str | None:
    try:
        return word.decode(codec)
    except UnicodeDecodeError:
        return None


def _greek(word: bytes) -> bool:
    text = _read(word, "cp1253")
    if text is None or not _cased(text) or "ς" in text[:-1] or text.endswith("σ"):
        return False
    return not (text[1:].islower() and len(text) >= 4) or bool(_GREEK_ACCENTED & set(text.lower()))


def _cyrillic(word: bytes) -> bool:
    text = _read(word, "cp1251")
    return text is not None and _cased(text) and all("\u0400" <= c <= "\u04ff" for c in text)


def _of_one_alphabet(text: str | None, alphabets: tuple[frozenset[str], ...]) -> bool:
    if text is None or not _cased(text):
        return False
    high = {c for c in text if not c.isascii()}
    return any(high <= letters for letters in alphabets)


def _turkish_only(word: bytes) -> bool:
    text = _read(word, "cp1254")
    if not _of_one_alphabet(text, (_TURKISH,)) or text is None:
        return False
    return not (_of_one_alphabet(_read(word, "cp1250"), _LATIN_ALPHABETS)
                or _of_one_alphabet(_read(word, "cp1252"), _LATIN_ALPHABETS))


def code_page_evidence(chunk: bytes) -> dict[str, int]:
    """Words of the chunk that read as words in Windows-1253, -1251 and -1254 only."""
    script = _ALL_HIGH.findall(chunk)
    words = _HIGH_WORD.findall(chunk)
    return {"windows-1253": sum(1 for w in script if _greek(w)),
            "windows-1251": sum(1 for w in script if _cyrillic(w)),
            "windows-1254": sum(1 for w in words if _turkish_only(w)),
            "script": len(script), "words": len(words)}


def other_code_page(evidence: dict[str, int]) -> str | None:
    """The code page the evidence names, where it names one clearly; else None (the Latin
    choice of Windows-1252 and -1250 stands)."""
    greek, cyrillic = evidence.get("windows-1253", 0), evidence.get("windows-1251", 0)
    # words of high bytes only are most of the words: a Greek or a Cyrillic export
    if evidence.get("script", 0) >= 3 and 2 * evidence["script"] >= evidence.get("words", 0):
        if max(greek, cyrillic) * 2 >= evidence["script"]:
            # a tie is Greek in capitals (`ΕΠΩΝΥΜΟ`), every one of which is a Cyrillic capital
            # too; Cyrillic in capitals is rarely Greek (`А` reads `ΐ`, `Т` nothing)
            return "windows-1251" if cyrillic > greek else "windows-1253"
    if evidence.get("windows-1254", 0) >= 2:
        return "windows-1254"
    return None
