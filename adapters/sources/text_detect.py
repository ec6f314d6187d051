"""Encoding and delimiter detection for delimited text exports.

Clinic exports come from Excel ("CSV UTF-8", "Unicode text" = UTF-16 with tabs, plain "CSV" =
Windows-1252 on Western machines, Windows-1250 on Central European ones, Windows-1251 on
Cyrillic ones, Windows-1253 and -1254 on Greek and Turkish ones, Windows-1257, -1256 and
-1255 on Baltic, Arabic and Hebrew ones (code_pages.py), Shift_JIS, GB18030, Big5, EUC-KR
or Windows-874 on Japanese, Chinese, Korean and Thai ones) and from vendor report screens
(UTF-8, sometimes with a BOM).
The encoding is decided over the whole file (one streaming pass that also hashes it), so a
Windows-1252 byte on row 900,000 is not misread as UTF-8 after a clean first megabyte.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from adapters.sources.code_pages import CodePageEvidence, code_page_evidence, other_code_page

CHUNK = 1 << 20
SAMPLE_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")
UNDECODABLE = "\udc00"  # marker our error handler puts where bytes could not be decoded

# Reported name -> Python codec used to read the text (BOMs consumed by the codec).
CODECS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf-16": "utf-16",  # with a BOM: the codec reads it and picks the byte order
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "utf-32": "utf-32",
    "windows-1252": "cp1252",
    "windows-1250": "cp1250",
    "windows-1251": "cp1251",
    "windows-1253": "cp1253",
    "windows-1254": "cp1254",
    # East and South-East Asian code pages of Excel's plain CSV and older clinic software
    "shift_jis": "cp932",  # Japanese (Windows' Shift_JIS)
    "gb18030": "gb18030",  # Chinese, simplified (GBK, GB2312 within it)
    "big5": "cp950",  # Chinese, traditional
    "euc-kr": "cp949",  # Korean (Windows' Unified Hangul Code)
    "windows-874": "cp874",  # Thai (TIS-620 within it)
    "windows-1257": "cp1257",
    "windows-1256": "cp1256",
    "windows-1255": "cp1255",
}
# charset_normalizer's name of each -> ours
_EAST = {"cp932": "shift_jis", "gb18030": "gb18030", "big5": "big5", "cp949": "euc-kr",
         "cp874": "windows-874"}
# Chinese characters, kana (not the half-width ones a Western byte reads as), Hangul, Thai
_EAST_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e01-\u0e5b]")
EAST_SHARE = 0.8  # of the non-ASCII letters a reading gives, that must be such letters
EAST_LETTERS = 6  # at least: a byte or two a damaged UTF-8 file lost are no language

# Bytes that are letters in Windows-1250 ("ą ł ż Ł Ą Ż Ź ť ľ") but symbols or holes in
# Windows-1252 ("¹ ³ ¿ £ ¥ ¯"): inside a word, after a letter, they are Central European
# text. A Western file has them after digits or spaces ("£10", "¿Qué", "m³" is rare). So is
# the Croatian and Serbian "đ" ("rođenja"), an Icelandic "ð" to Windows-1252.
_CENTRAL_IN_WORD = re.compile(
    rb"[A-Za-z][\x8d\x8f\x9d\xa3\xa5\xaf\xb3\xb9\xbc\xbe\xbf\xd0\xf0]")
# Romanian "ş Ş" are "º ª" in Windows-1252, which Western text writes after a number or an "N"
# ("1º", "Nº 5"), never between letters ("naºterii"); "ţ Ţ" are the Icelandic "þ Þ" after a
# letter ("Preþ").
_ROMANIAN_IN_WORD = re.compile(rb"[A-Za-z][\xaa\xba][a-z]|[A-Za-z][\xde\xfe]")
# And the few that are letters only in Windows-1252 ("ƒ", "ÿ").
_WESTERN_IN_WORD = re.compile(rb"[A-Za-z][\x83\xff]")
# An Icelandic word: "ð" beside an acute vowel or "ö" ("Guðrún", "Sigríður"; Croatian "đ" has
# none beside it), or any "þ" ("Hafþór"; the Romanian "ţ" of Windows-1250 is no Central
# European letter this file otherwise tells): Western evidence, outweighing the "ð" above.
_ICELANDIC_WORD = re.compile(
    rb"[A-Za-z\x80-\xff]*(?:[\xd0\xf0][A-Za-z\x80-\xff]*[\xc1\xc9\xcd\xd3\xd6\xda\xdd\xe1\xe9"
    rb"\xed\xf3\xf6\xfa\xfd]|[\xc1\xc9\xcd\xd3\xd6\xda\xdd\xe1\xe9\xed\xf3\xf6\xfa\xfd]"
    rb"[A-Za-z\x80-\xff]*[\xd0\xf0]|[\xde\xfe])[A-Za-z\x80-\xff]*")
# Czech and Slovak letters ("č ř ě ů ň ď") are bytes that Windows-1252 reads as letters too, but
# as a grave vowel, "ø" or "ï" ("è ø ì ù ò ï"). No Western spelling puts one of those in a word
# beside an acute "á í ó ú ý" or a caron "š ž" (Italian and French words carry one accent, Danish
# has no acute), while Czech words do it all the time: "Příjmení" read as "Pøíjmení", "Čistá" as
# "Èistá". Each such word is Windows-1250 evidence. (Words with a high byte only.)
# The South Slavic surname endings "-ić" (`Babić`) and "-ič" (`Kovačič`) are "-iæ" and "-iè" to
# Windows-1252: no Danish, Norwegian, French or Italian word ends so.
_IC_ENDING = re.compile(rb"[a-z\x80-\xff]i[\xe6\xe8](?![A-Za-z\x80-\xff])")
_HIGH_WORD = re.compile(rb"[A-Za-z\x80-\xff]*[\x80-\xff][A-Za-z\x80-\xff]*")
_GRAVE_IN_1252 = re.compile(rb"[\xc8\xcc\xcf\xd2\xd8\xd9\xe8\xec\xef\xf2\xf8\xf9]")
_ACUTE_OR_CARON = re.compile(rb"[\x8a\x8e\x9a\x9e\xc1\xcd\xd3\xda\xdd\xe1\xed\xf3\xfa\xfd]")


# Cyrillic in Windows-1251 (Excel's plain CSV on a Russian, Ukrainian or Serbian machine) is
# words made of high bytes alone (`Ôàìèëèÿ` read as Windows-1252); a Western or Central
# European word carries its accented letters among plain ones (`Příjmení`, `Straße`).
_ASCII_LETTER = re.compile(rb"[A-Za-z]")


def _cyrillic_evidence(chunk: bytes) -> tuple[int, int]:
    """(words of three high bytes or more and no plain letter, words mixing the two)."""
    words = _HIGH_WORD.findall(chunk)
    cyrillic = sum(1 for word in words if len(word) >= 3 and not _ASCII_LETTER.search(word))
    return cyrillic, sum(1 for word in words if _ASCII_LETTER.search(word))


def _central_evidence(chunk: bytes) -> int:
    """In-word bytes or words that only a Windows-1250 reading makes into plain words."""
    mixed = sum(1 for word in _HIGH_WORD.findall(chunk)
                if _GRAVE_IN_1252.search(word) and _ACUTE_OR_CARON.search(word))
    return (len(_CENTRAL_IN_WORD.findall(chunk)) + len(_IC_ENDING.findall(chunk))
            + len(_ROMANIAN_IN_WORD.findall(chunk)) + mixed)


def _east_asian(head: bytes) -> str | None:
    """The East or South-East Asian code page a file not in UTF-8 reads best in, if its text is
    in those letters; None for a Western or Central European one (decided as before)."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only such files need it

    # with the Greek, Cyrillic and Turkish code pages as rivals: Greek capitals read as Thai
    # letters too, where no rival says what else they are
    rivals = ["cp1252", "cp1250", "cp1253", "cp1251", "cp1254"]
    best = from_bytes(head, cp_isolation=[*_EAST, *rivals]).best()
    if best is None or best.encoding not in _EAST:
        return None
    text = str(best)
    high = [c for c in text if not c.isascii() and c.isalpha()]
    east = sum(1 for c in high if _EAST_LETTER.match(c))
    return (_EAST[best.encoding] if east >= EAST_LETTERS and east >= EAST_SHARE * len(high)
            else None)


def _mark_undecodable(error: UnicodeError) -> tuple[str, int]:
    # One marker per undecodable byte, so a row knows it lost bytes. Lone surrogates never
    # come out of a successful UTF-8/UTF-16 decode, so the marker cannot be real data.
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return UNDECODABLE * (error.end - error.start), error.end


codecs.register_error("c2n-mark", _mark_undecodable)


@dataclass(frozen=True)
class FileFacts:
    sha256: str
    size_bytes: int
    encoding: str  # a key of CODECS
    lines: int = 0  # text: line breaks, plus a last line without one (progress totals only)


def _bom_encoding(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes in every other position for Latin text."""
    sample = head[: 4096 - (len(head[:4096]) % 2)]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    if odd_nul >= 0.4 * pairs and even_nul < 0.1 * pairs:
        return "utf-16-le"
    if even_nul >= 0.4 * pairs and odd_nul < 0.1 * pairs:
        return "utf-16-be"
    return None


def scan_file(path: Path, *, text: bool = True) -> FileFacts:
    """One streaming pass: sha256, size, and how well the bytes read as UTF-8.

    UTF-8 wins when every byte decodes, or when valid multi-byte sequences clearly outnumber
    the bad bytes (a UTF-8 export with one damaged cell: that row is flagged, the rest reads
    right). Otherwise the file is Windows-1252, where every "é" is a lone high byte, unless
    its high bytes inside words are letters only in Windows-1250 (a Polish or Czech export).
    `text=False` (binary formats) only hashes; the encoding is then meaningless.
    """
    digest = hashlib.sha256()
    size = 0
    utf8 = codecs.getincrementaldecoder("utf-8")("c2n-mark")
    invalid = 0
    multibyte = 0  # bytes beyond the first of valid multi-byte sequences: evidence of UTF-8
    central = western = 0  # in-word evidence of Windows-1250 against Windows-1252
    cyrillic = mixed = 0  # words of high bytes alone against words mixing them with letters
    pages = CodePageEvidence()  # of Windows-1257, -1256 and -1255
    others: Counter[str] = Counter()  # words only Greek, Cyrillic or Turkish code pages read
    head = b""
    breaks = 0
    last = b""
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            if not head:
                head = chunk[:SAMPLE_BYTES]
            digest.update(chunk)
            size += len(chunk)
            if text:
                decoded = utf8.decode(chunk)
                invalid += decoded.count(UNDECODABLE)
                multibyte += len(chunk) - len(decoded)
                breaks += chunk.count(b"\n")
                if len(decoded) != len(chunk) or UNDECODABLE in decoded:
                    central += _central_evidence(chunk)
                    western += len(_WESTERN_IN_WORD.findall(chunk))
                    western += len(_ICELANDIC_WORD.findall(chunk))
                    found = _cyrillic_evidence(chunk)
                    cyrillic, mixed = cyrillic + found[0], mixed + found[1]
                    pages.add(chunk)
                    others.update(code_page_evidence(chunk))
                last = chunk[-2:]
    invalid += utf8.decode(b"", final=True).count(UNDECODABLE)
    encoding = _bom_encoding(head) or _bomless_utf16(head)
    if encoding is None and invalid * 20 > multibyte:
        # Arabic and Hebrew words are high bytes alone, as Thai and Cyrillic ones: told first;
        # but Greek or Cyrillic capitals hold Arabic's alef byte (`Η`, `З`): their words say
        page = pages.encoding()
        if page == "windows-1256" and other_code_page(others) in ("windows-1253", "windows-1251"):
            page = None
        encoding = page or _east_asian(head)
    if encoding is None:
        encoding = ("utf-8" if invalid * 20 <= multibyte
                    else other_code_page(others)
                    or ("windows-1251" if cyrillic >= 2 and cyrillic > 2 * mixed
                        else "windows-1250" if central >= 2 and central > 4 * western
                        else "windows-1252"))
    unterminated = bool(last) and b"\n" not in last  # (UTF-16 ends "\n\0" or "\0\n")
    return FileFacts(digest.hexdigest(), size, encoding, breaks + unterminated)


def open_text(path: Path, encoding: str) -> io.TextIOWrapper:
    """The file as text; undecodable bytes become UNDECODABLE markers, never an exception."""
    raw = path.open("rb")
    return io.TextIOWrapper(raw, encoding=CODECS[encoding], errors="c2n-mark", newline="")


def sniff_delimiter(sample: str) -> str:
    """The delimiter under which the first records have the most consistent, widest shape.

    csv.Sniffer guesses from character frequencies and is easily fooled by commas inside
    quoted addresses; parsing the sample under each candidate and scoring the result is not.
    """
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may cut the last line in half
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        records = [r for r in csv.reader(lines, delimiter=delimiter, strict=False) if r][:50]
        if not records:
            continue
        # The table's width is the commonest width of two cells or more (the wider on a tie):
        # a report's title lines above its header are one cell under every delimiter.
        widths = Counter(len(r) for r in records if len(r) >= 2)
        width = max(widths, key=lambda w: (widths[w], w)) if widths else 1
        if width < 2:
            score = (0.0, 1)
        else:
            same = sum(1 for r in records if len(r) == width)
            score = (same / len(records), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_sample(path: Path, encoding: str, limit: int = SAMPLE_BYTES) -> str:
    with open_text(path, encoding) as text:
        return text.read(limit)


def marked_lines(text: io.TextIOWrapper, flag: list[bool]) -> Iterator[str]:
    """The text's lines, setting flag[0] when a line carries undecodable-byte markers.

    csv.reader pulls exactly the lines of one record at a time, so the caller can reset the
    flag after each record and know which record lost bytes without scanning every cell.
    """
    for line in text:
        if UNDECODABLE in line:
            flag[0] = True
        yield line
