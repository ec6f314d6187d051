"""Evidence, in the bytes of a file that is not UTF-8, of the Windows code pages Excel's plain
CSV is written in beyond the Western and Central European ones: Baltic (1257, Estonian,
Latvian, Lithuanian machines), Arabic (1256) and Hebrew (1255).

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HIGH_WORD = re.compile(rb"[A-Za-z\x80-\xff]*[\x80-\xff][A-Za-z\x80-\xff]*")
_ALEF = re.compile(rb"\xc7")
_NEITHER = re.compile(rb"[\xa1-\xa9\xab-\xb9\xbb-\xbe\xfb\xfc\xff]")
_HEBREW_WORD = re.compile(rb"[\xe0-\xfa]+")
_BALTIC_SZ = re.compile(rb"[\xd0\xde\xf0\xfe]")
_ICELANDIC_VOWEL = re.compile(rb"[\xc9\xd3\xda\xdd\xe9\xf3\xfa\xfd]")
_BALTIC_OTHER = re.compile(rb"[\xc0\xc2\xc7\xc8\xcb\xce\xd2\xd8\xdb\xe0\xe2\xe7\xe8\xeb\xee\xf2\xf8\xfb]")
MIN_WORDS = 3


@dataclass
class CodePageEvidence:
    script_words: int = 0  # words of high bytes alone (Arabic or Hebrew letters)
    arabic: int = 0
    hebrew: int = 0
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

    def encoding(self) -> str | None:
        """The code page the evidence says, else None (Western or Central European)."""
        if (self.script_words >= MIN_WORDS and self.script_words > 2 * self.latin_words
                and self.neither * 10 < self.script_words):
            if self.arabic > 0.4 * self.script_words:
                return "windows-1256"
            if self.hebrew >= 0.8 * self.script_words:
                return "windows-1255"
        if self.baltic_other >= 2 and (self.baltic_sz >= 2 or self.baltic_both):
            return "windows-1257"
        return None
