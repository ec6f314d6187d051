"""What a single cell value looks like: email, phone, date (and its order), money, codes...

Shapes are not exclusive (`5551234567` is an integer, a phone and perhaps an NPI); the profiler
counts each one, and the proposal reads the fractions. Pure functions, no state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.proposal.vocabulary import BOOLEAN_WORDS, COUNTRY_WORDS, CURRENCY_CODES, REGION_CODES, SEX_WORDS
from domain.records.national_ids.common import luhn
from domain.records.values.daynumbers import day_fraction, day_number
from domain.records.values.dotted import close_dots
from domain.records.values.hijri import is_hijri_year
from domain.records.values.joined import set_joint_aside
from domain.records.values.money import CURRENCY_SIGNS

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^(https?://|www\.)\S+$|^[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|au|uk|ca|io)$",
                  re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,22}$|^\+?[\d\s().\-]{7,20}\s*(x|ext\.?)\s*\d{1,5}$",
                    re.IGNORECASE)
# `2024/03/05` too; `2024.03.05.` (Hungarian: year first, a point closing the day)
_ISO_DATE = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?<=\.\d)\.|(?<=\.\d\d)\.)?$")
_NUM_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
# `14:30`, `2:30 pm`, and the French `14 h 30` / `14h30`
_TIME = re.compile(r"^(\d{1,2})(?::|\s?h\s?)(\d{2})(:\d{2}(\.\d+)?)?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
_ZONE = re.compile(r"(Z|[+\-]\d{2}:?\d{2})$")
# a time of day written with a point (`8.15`, `15.45`), as the Nordic languages write it; a time
# only after a date in the same cell, where it can be nothing else
_DOTTED_CLOCK = re.compile(r"^(?:[01]?\d|2[0-3])\.[0-5]\d$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TEXT_DATE = re.compile(r"^(?:[A-Za-z]{2,9}\.?,?\s+)?[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}$")
# the day, the month's name in the clinic's language, the year: `7 Jan 2024`, the Polish
# `7 stycznia 2024`, the Spanish `7 de enero de 2024`; the word is not checked against one
# language's months (the shape knows no language; the reader does)
# (after its weekday perhaps: `Mon 8 Jan 2024`, `tir. 9. jan. 2024`)
_DAY_WORD_YEAR = re.compile(r"^(?:[^\W\d_]{2,12}\.?,?\s)?"
                            r"\d{1,2}\.?[\s\-](?:de\s|d['’])?[^\W\d_]{3,12}\.?,?[\s\-](?:de\s)?(1[89]|20)\d\d$")
# the year first, each part closed by a point (Hungarian `2024. január 8.`)
# (the Lithuanian `2024 m. kovo 8 d.`), or the year, the day, the month (Latvian
# `2024. gada 8. marts`)
_YEAR_WORD_DAY = re.compile(r"^(1[89]|20)\d\d\.?(?:\sm\.)?\s[^\W\d_]{3,12}\.?\s\d{1,2}\.?(?:\sd\.)?$"
                            r"|^(1[89]|20)\d\d\.?\sgada\s\d{1,2}\.\s[^\W\d_]{3,12}$")
# a date so written, then the time of day, perhaps after a word (`, 10:30`, ` kl. 10:30`)
_WORD_MOMENT = re.compile(
    r"^(?P<date>\D*\d{1,2}\D+\d{4}),?\s+(?:[^\W\d_]{1,5}\.?\s+){0,2}(?P<time>\d{1,2}\D.*)$"
    r"|^(?P<ydate>\d{4}\.?\s[^\W\d_]{3,12}\.?\s\d{1,2}\.?),?\s+(?P<ytime>\d{1,2}\D.*)$")
_INTEGER = re.compile(r"^[+\-]?\d+$")
_DECIMAL = re.compile(r"^[+\-]?\d*[.,]\d+$")
# an amount with its symbol or code either side; thousands marked by a comma, a space (thin and
# no-break too), an apostrophe (Swiss `1'234.50`) or, before a decimal comma, a point (`1.234,50`)
_MONEY = re.compile(
    r"^[+\-(]?\s*([$€£¥]|[A-Z]{3}\s?)?\s*[+\-]?"
    r"(\d{1,3}([, '’\u00a0\u202f]?\d{3})*([.,]\d{2})?|\d{1,3}(\.\d{3})+,\d{2})"
    r"\)?(\s?([A-Z]{3}|[$€£¥]))?$")
# an amount in cents beside a mark of up to three letters or a currency sign (`R 1 234,50`,
# `₹1,23,456.00`, `150,00 zł`, `1 234,50 kr`, `Rs. 999.00`): the reader checks the mark
_MARK = rf"(?:[^\W\d_]{{1,3}}\.?|[A-Za-z]{{0,3}}[{re.escape(CURRENCY_SIGNS)}][A-Za-z]{{0,2}})"
_MARKED_MONEY = re.compile(
    rf"^[\-(]?(?:(?P<head>{_MARK})\s?)?[\-]?\d{{1,3}}(?:[ ,.'’\u00a0\u202f]\d{{2,3}})*[.,]\d{{2}}"
    rf"(?:\s?(?P<tail>{_MARK}))?\)?-?$")
_ICD10 = re.compile(r"^[A-TV-Z][0-9][0-9AB](\.?[0-9A-TV-Z]{1,4})?$")
_LOINC = re.compile(r"^(\d{1,5})-(\d)$")
# (and six digits, Russia's and India's; `040 01`, Slovakia's, Czechia's, Sweden's and Greece's)
_POSTAL = re.compile(
    r"^(\d{5}(-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|\d{4}|\d{6}|\d{3} \d{2})$",
    re.IGNORECASE)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_HEX64 = re.compile(r"^[0-9a-f]{64}$", re.IGNORECASE)
_MIME = re.compile(r"^(application|image|text|audio|video|multipart)/[\w.+\-]+$", re.IGNORECASE)
LONG_TEXT = 2048  # characters: past this a value is only text
_FILENAME = re.compile(r"^[^\s/\\]*[^/\\]*\.[A-Za-z0-9]{2,5}$")
_PATH = re.compile(r"^([A-Za-z]:)?[\\/]?([^\\/]+[\\/])+[^\\/]+$")
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’.\- ]*([ '’.\-]{1,2}[^\W\d_]+){0,3}\.?$")
# A code written with its system first (`ICD10:E11.9`, `SNOMED-CT: 38341003`)
_CODED = re.compile(r"^(ICD-?(9|10)(-?CM)?|SNOMED(-?CT)?|LOINC|CPT-?4?|RXNORM|RXCUI|HCPCS|CVX|NDC)\s*:\s*\S+$",
                    re.IGNORECASE)
# Letters of any script (`К-300`, a card number with a Cyrillic prefix; `Č-0042`)
_CODE = re.compile(r"^(?=.*\d)(?=.*[^\W\d_])[\w\-]{4,20}$")
# An opaque record id: hexadecimal (a document database's 24-digit ObjectId, a hash), too
# long for a code of a person's typing
_HEX_ID = re.compile(r"^(?=.*\d)(?=.*[a-f])[0-9a-f]{12,40}$", re.IGNORECASE)
# A number in two parts, year or branch first (`2021/0001`): a record number (a phone's area
# code starts with 0: `030/1234567`)
_NUMBERED = re.compile(r"^[1-9]\d{3,5}/\d{3,8}$")  # not a month and year (`12/2024`)

SHAPES: tuple[str, ...] = (
    "email", "url", "phone", "date", "datetime", "time", "money", "integer", "decimal",
    "boolean", "icd10", "snomed", "loinc", "npi", "postal", "region", "sex", "country",
    "currency_code", "uuid", "hex64", "mime", "filename", "path", "name", "text", "code",
    "coded", "day_number", "day_moment", "day_fraction",
)


@dataclass(frozen=True)
class DateInfo:
    """A parsed date's layout: 'ISO' or 'NUM' (day/month in some order), and the proof of order."""

    layout: str  # "ISO" | "NUM" | "TEXT"
    proves: str | None  # "DMY" | "MDY" when a part > 12 settles the order
    first_part: int = 0  # 1-based position (in the value) of the part that proved it


luhn_ok = luhn  # the one Luhn check, the national ids' own (an NPI is a Luhn number too)


def npi_ok(text: str) -> bool:
    """An NPI: ten digits whose Luhn check holds with the 80840 card-issuer prefix."""
    return len(text) == 10 and text.isdigit() and text[0] in "12" and luhn_ok("80840" + text)


_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6), (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4), (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2), (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def snomed_ok(text: str) -> bool:
    """A SNOMED CT identifier: 6-18 digits, a concept/description partition, Verhoeff check."""
    if not (6 <= len(text) <= 18 and text.isdigit()) or text[-3:-1] not in {"00", "01", "10", "11"}:
        return False
    check = 0
    for i, ch in enumerate(reversed(text)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][int(ch)]]
    return check == 0


def loinc_ok(text: str) -> bool:
    """A LOINC code `NNNNN-C` whose check digit is the mod-10 (Luhn-style) digit of NNNNN."""
    match = _LOINC.match(text)
    if not match:
        return False
    body, check = match.group(1), int(match.group(2))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return (10 - total % 10) % 10 == check


def date_info(text: str) -> DateInfo | None:
    """Recognises a date (no time part); tells which order it proves, if any."""
    text = close_dots(text)
    iso = _ISO_DATE.match(text)
    if iso:
        month, day = int(iso.group(3)), int(iso.group(4))
        return (DateInfo("ISO", None) if 1 <= month <= 12 and 1 <= day <= 31
                and not (iso.group(2) != "-" and is_hijri_year(int(iso.group(1)))) else None)
    num = _NUM_DATE.match(text)
    if num:
        a, b = int(num.group(1)), int(num.group(3))
        if not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12) or is_hijri_year(
                int(num.group(4))):
            return None
        if a > 12:
            return DateInfo("NUM", "DMY", 1)
        if b > 12:
            return DateInfo("NUM", "MDY", 2)
        return DateInfo("NUM", None)
    if ((_TEXT_DATE.match(text) and any(m in text.lower() for m in _MONTHS)) or _DAY_WORD_YEAR.match(text)
            or _YEAR_WORD_DAY.match(text)):
        return DateInfo("TEXT", None)
    return None


def split_datetime(text: str) -> tuple[str, str] | None:
    """'2024-03-05T14:30:00Z' / '05/03/2024 2:30 PM' -> (date part, time part), else None."""
    text = set_joint_aside(close_dots(text))
    word = _WORD_MOMENT.match(text)
    if word and (info := date_info(word["date"] or word["ydate"])) and info.layout == "TEXT":
        date_part, time_part = word["date"] or word["ydate"], word["time"] or word["ytime"]
    elif "T" in text[8:11]:
        date_part, _, time_part = text.partition("T")
    else:
        date_part, sep, time_part = text.partition(" ")
        if not sep:
            return None
    time_part = _ZONE.sub("", time_part.strip()).strip()
    if date_info(date_part) and (_TIME.match(time_part) or _DOTTED_CLOCK.match(time_part)):
        return date_part, time_part
    return None


def classify(text: str) -> tuple[set[str], DateInfo | None]:
    """The shapes of one non-empty, stripped value; plus the date layout for date-like values."""
    if len(text) > LONG_TEXT:
        # No email, phone, date, code, path or name is this long; and the shape patterns
        # backtrack on a cell of megabytes.
        return {"text"}, None
    shapes: set[str] = set()
    lower = text.lower()
    info: DateInfo | None = None
    has_digit = any(c.isdigit() for c in text)
    if "@" in text:
        if _EMAIL.match(text):
            shapes.add("email")
        return shapes, None
    if has_digit:
        info = _classify_digits(text, shapes)
    else:
        _classify_words(text, lower, shapes)
    if len(text) > 40 or text.count(" ") >= 5:
        shapes.add("text")
    if _URL.match(text):
        shapes.add("url")
    if _MIME.match(text):
        shapes.add("mime")
    elif _PATH.match(text) and ("/" in text or "\\" in text):
        shapes.add("path")
    elif (_FILENAME.match(text) and not _DECIMAL.match(text)
          and not shapes & {"url", "money"}):
        shapes.add("filename")
    return shapes, info


def _classify_digits(text: str, shapes: set[str]) -> DateInfo | None:
    info = date_info(text)
    if info:
        shapes.add("date")
        return info
    parts = split_datetime(text)
    if parts:
        shapes.add("datetime")
        return date_info(parts[0])
    if _TIME.match(text):
        shapes.add("time")
        return None
    compact = text.replace(" ", "")
    if _INTEGER.match(compact):
        shapes.add("integer")
        digits = compact.lstrip("+-")
        if text in ("0", "1"):
            shapes.add("boolean")
        if npi_ok(digits):
            shapes.add("npi")
        if snomed_ok(digits):
            shapes.add("snomed")
    elif _DECIMAL.match(compact):
        shapes.add("decimal")
    if "integer" in shapes or "decimal" in shapes:
        # a spreadsheet's day number or fraction of a day: read as a date or a time only in
        # a column its header calls one (the profile decides; a zip code looks the same)
        if day_number(compact):
            shapes.add("day_number" if "integer" in shapes else "day_moment")
        elif day_fraction(compact):
            shapes.add("day_fraction")
    letters = "".join(c for c in text if c.isalpha())
    if (_MONEY.match(text) and (not letters or letters in CURRENCY_CODES) and (
            "." in text or "," in text or not text[-1:].isdigit() or not text[:1].isdigit())) or (
            (marked := _MARKED_MONEY.match(text)) and (marked["head"] or marked["tail"])):
        shapes.add("money")
    if _PHONE.match(text) and 7 <= sum(c.isdigit() for c in text) <= 15 and "." not in text[-3:]:
        shapes.add("phone")
    if _ICD10.match(text.upper()) and text[:1].isalpha():
        shapes.add("icd10")
    if loinc_ok(text):
        shapes.add("loinc")
    if _POSTAL.match(text):
        shapes.add("postal")
    if _UUID.match(text):
        shapes.add("uuid")
    if _HEX64.match(text):
        shapes.add("hex64")
    if _CODED.match(text):
        shapes.add("coded")
    if ((_CODE.match(text) or _HEX_ID.match(text)) and not shapes) or (
            _NUMBERED.match(text) and "date" not in shapes):
        shapes.add("code")
    return None


def _classify_words(text: str, lower: str, shapes: set[str]) -> None:
    if lower in BOOLEAN_WORDS:
        shapes.add("boolean")
    if lower in SEX_WORDS:
        shapes.add("sex")
    if text.upper() in REGION_CODES or lower in REGION_CODES:
        shapes.add("region")
    if lower in COUNTRY_WORDS:
        shapes.add("country")
    if text in CURRENCY_CODES:
        shapes.add("currency_code")
    if _NAME.match(text):
        shapes.add("name")


_SERIES = re.compile(r"^([A-Za-z]{1,3})(\d{3,})$")


def one_series(values: set[str] | frozenset[str]) -> bool:
    """`F2000`, `F2003`, ...: one prefix before numbers of one length, a numbered series of ids
    a diagnosis code's shape (`F2000`) would otherwise hide; codes of a diagnosis list vary."""
    found = [_SERIES.match(v) for v in values]
    if len(found) < 5 or not all(found):
        return False
    return len({(m.group(1).upper(), len(m.group(2))) for m in found if m}) == 1
