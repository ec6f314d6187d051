"""Evidence, in the bytes of a file that is not UTF-8, of the single-byte Windows code pages Excel's
plain CSV is written in beyond the Western (1252) and Central European (1250) ones.

## Baltic (1257), Arabic (1256) and Hebrew (1255): `CodePageEvidence`
- Arabic and Hebrew words are high bytes alone, with no ASCII letter in them; Western and
  Central European words carry one or two accented letters among plain ones. Most Arabic words
  hold `ا` (0xC7; the article `ال`), which Hebrew letters (0xE0-0xFA) never use. A Russian
  (1251) file's words are high bytes alone too, but its `ы ь я` (0xFB, 0xFC, 0xFF) are no
  letter of either, and its `З` (0xC7) is in few words: it is read as neither. Nor are Thai
  (874) and the double-byte Chinese and Korean pages, whose letters use 0xA1-0xBF, signs in
  both (text_detect.py tells those).
- Baltic `š` and `ž` (`Š`, `Ž`) are the bytes Windows-1252 reads as the Icelandic `ð` and `þ`
  (`Ð`, `Þ`); its `ā ē ī ū ņ č ė ų ą` read there as `â ç î û ò è ë ø à`, letters Icelandic
  never writes. A file with words of both kinds (two of each, or one word with both: `Kalniņš`)
  is Baltic: Icelandic has the first alone (beside its `é ó ú ý`, which mark a word Icelandic),
  French, Portuguese, Catalan and the rest the second alone, Czech and Polish neither.
  Estonian reads the same in both code pages but for `š` and `ž`.
- Hebrew has no capitals: a word with a byte of 0xC0-0xDF (a Cyrillic or Greek capital, a
  Hebrew vowel point no export writes) is no Hebrew word.

## Greek (1253), Cyrillic (1251) and Turkish (1254): `code_page_evidence`
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
from dataclasses import dataclass

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
# Letters no Turkish word has, the same bytes in Windows-1254 and -1252: an Icelandic file, whose
# `ð` and `þ` are the Turkish `ğ` and `ş` (`Staður` reads `Stağur`), writes them in most words
_NOT_TURKISH = re.compile(rb"[\xc1\xc9\xcd\xd3\xda\xc6\xe1\xe9\xed\xf3\xfa\xe6]")


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
            "not_turkish": sum(1 for w in words if _NOT_TURKISH.search(w)),
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
    turkish = evidence.get("windows-1254", 0)
    if turkish >= 2 and turkish > evidence.get("not_turkish", 0):
        return "windows-1254"
    return None

_ALEF = re.compile(rb"\xc7")
_NEITHER = re.compile(rb"[\xa1-\xa9\xab-\xb9\xbb-\xbe\xfb\xfc\xff]")
_HEBREW_WORD = re.compile(rb"[\xe0-\xfa]+")
_CAPITAL = re.compile(rb"[\xc0-\xdf]")
_BALTIC_SZ = re.compile(rb"[\xd0\xde\xf0\xfe]")
_ICELANDIC_VOWEL = re.compile(rb"[\xc9\xd3\xda\xdd\xe9\xf3\xfa\xfd]")
_BALTIC_OTHER = re.compile(rb"[\xc0\xc2\xc7\xc8\xcb\xce\xd2\xd8\xdb\xe0\xe2\xe7\xe8\xeb\xee\xf2\xf8\xfb]")
MIN_WORDS = 3


@dataclass
class CodePageEvidence:
    script_words: int = 0  # words of high bytes alone (Arabic or Hebrew letters)
    arabic: int = 0
    hebrew: int = 0
    capitals: int = 0  # words with a byte that is a capital in Windows-1251 or -1253
    neither: int = 0  # words with bytes no Arabic or Hebrew letter is
    latin_words: int = 0  # words mixing ASCII letters and high bytes
    baltic_sz: int = 0
    baltic_other: int = 0
    baltic_both: int = 0  # words with both

    def add(self, chunk: bytes) -> None:
        for word in _HIGH_WORD.findall(chunk):
            if re.search(rb"[A-Za-z]", word):
                self.latin_words += 1
                sz = bool(_BALTIC_SZ.search(word)) and not _ICELANDIC_VOWEL.search(word)
                other = bool(_BALTIC_OTHER.search(word))
                self.baltic_sz += sz
                self.baltic_other += other
                self.baltic_both += sz and other
            elif len(word) >= 2:
                self.script_words += 1
                self.arabic += bool(_ALEF.search(word))
                self.neither += bool(_NEITHER.search(word))
                self.hebrew += bool(_HEBREW_WORD.fullmatch(word))
                self.capitals += bool(_CAPITAL.search(word))

    def encoding(self) -> str | None:
        """The code page the evidence says, else None (Western or Central European)."""
        if (self.script_words >= MIN_WORDS and self.script_words > 2 * self.latin_words
                and self.neither * 10 < self.script_words):
            if self.arabic > 0.4 * self.script_words:
                return "windows-1256"
            if self.hebrew >= 0.8 * self.script_words and self.capitals * 20 < self.script_words:
                return "windows-1255"
        if self.baltic_other >= 2 and (self.baltic_sz >= 2 or self.baltic_both):
            return "windows-1257"
        return None
