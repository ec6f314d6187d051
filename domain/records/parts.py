"""One cell holding several fields of its record, read apart (`parts` in the mapping):

- `name`: a person's name written whole, `LAST, FIRST M`, `Dr Jane Roe`, `Jane Roe, LCSW`
  (nameparser): first, middle and last name, and the credential where the kind has one;
- `place`: `City, ST ZIP`, `Town POSTCODE`: city, state and postal code;
- `phones`: several typed numbers, `M: 021 555 1234; H: 09 555 6789`: mobile, home, work.

And a national identity number that writes its holder's birth date (`birth_date_in`).

Pure: each reader returns canonical field -> text, never raising; what it cannot tell apart
stays in the column's own field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from domain.mapping import Settings
from domain.records.values.birth_numbers import bulgarian_birth, greek_birth, romanian_birth
from domain.records.values.resident_ids import chinese_birth, korean_birth

PARTS = ("name", "place", "phones")


# Countries whose people write the family name before the given names (`Kovács Anna`,
# `Dr. Kiss Péter`; Russia's and Ukraine's `Иванова Анна Сергеевна`, family, given and father's
# name; East Asia's and Vietnam's): a whole name without a comma is read in that order there.
FAMILY_FIRST_COUNTRIES = frozenset({"HU", "RU", "UA", "JP", "CN", "TW", "HK", "MO", "KR", "VN"})
# Of them, those whose given name comes last after middle names (`Nguyễn Văn An`: An)
GIVEN_LAST_COUNTRIES = frozenset({"VN"})
# Where a name in Chinese characters is written with no space, the family name is its first
# character (two for the few double family names); a Korean name in Hangul the same
FAMILY_CHARACTER_COUNTRIES = frozenset({"CN", "TW", "HK", "MO", "SG", "KR"})
_HAN_OR_KANA = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
DOUBLE_FAMILY_NAMES = frozenset({
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "尉遲",
    "公孙", "公孫", "令狐", "慕容", "夏侯", "轩辕", "軒轅", "司徒", "西门", "西門",
    "남궁", "황보", "제갈", "선우", "독고", "사공", "서문"})


def _unspaced_name(text: str, country: str) -> dict[str, str] | None:
    """A name in Chinese characters, kana or Hangul: family name first, wherever the clinic is.
    With no space, the family name is cut where it is known to end (Chinese, Korean), else the
    whole name is kept as the family name (Japanese: it may be one to three characters)."""
    if not (_HAN_OR_KANA.search(text) or _HANGUL.search(text)):
        return None
    if " " in text:  # always the family name first in these letters; no Western parser reads it
        words = text.replace(",", " ").split()
        return {k: v for k, v in (("last_name", words[0]), ("first_name", words[1]),
                                  ("middle_name", " ".join(words[2:]))) if v}
    if 2 <= len(text) <= 5 and (_HANGUL.search(text) or country in FAMILY_CHARACTER_COUNTRIES):
        family = text[:2] if text[:2] in DOUBLE_FAMILY_NAMES and len(text) >= 3 else text[:1]
        return {"last_name": family, "first_name": text[len(family):]}
    return {"last_name": text}


def read_name(text: str, family_first: bool = False, country: str = "") -> dict[str, str]:
    from nameparser import HumanName  # noqa: PLC0415 - only mappings that read names need it

    text = " ".join(text.split())  # the full-width space of Japanese and Chinese names too
    if (found := _unspaced_name(text, country)) is not None:
        return found
    name = HumanName(text)
    out = {"first_name": name.first, "middle_name": name.middle, "last_name": name.last,
           "credentials": name.suffix}
    words = " ".join((name.first, name.middle, name.last)).split()
    if family_first and "," not in text and len(words) >= 2:
        # nameparser reads western order; a comma (`Kovács, Anna`) already says the order
        out.update(last_name=words[0], first_name=words[1], middle_name=" ".join(words[2:]))
        if country in GIVEN_LAST_COUNTRIES:
            out.update(first_name=words[-1], middle_name=" ".join(words[1:-1]))
    if not name.last and name.first:  # one word: a family name as much as a given one
        out["last_name"], out["first_name"] = name.first, ""
    return {k: v.strip() for k, v in out.items() if v and v.strip()}


_POSTCODE = (r"\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
             r"|\d{4}")
_GAP = r"(?:\s*,\s*|\s+)"
_PLACE = re.compile(
    rf"^(?P<city>[^\d,]*?[^\d,\s])(?:{_GAP}(?P<state>[A-Z]{{2,3}})\.?)?"
    rf"(?:{_GAP}(?P<postal>{_POSTCODE}))?$")


def read_place(text: str) -> dict[str, str]:
    found = _PLACE.match(" ".join(text.split()))
    if found is None or not (found["state"] or found["postal"]):
        return {}
    return {k: v for k, v in (("city", found["city"]), ("state", found["state"] or ""),
                              ("postal_code", found["postal"] or "")) if v}


PHONE_LABELS: dict[str, str] = {
    "m": "phone_mobile", "mob": "phone_mobile", "mobile": "phone_mobile", "cell": "phone_mobile",
    "c": "phone_mobile", "cellular": "phone_mobile", "handy": "phone_mobile", "móvil": "phone_mobile",
    "movil": "phone_mobile", "h": "phone_home", "home": "phone_home", "casa": "phone_home",
    "w": "phone_work", "work": "phone_work", "b": "phone_work", "bus": "phone_work",
    "business": "phone_work", "office": "phone_work", "o": "phone_work", "trabajo": "phone_work",
}
_LABELLED = re.compile(r"^\s*(?P<label>[^\W\d_][\w .]*?)(?:\s*[:=.-]\s*|\s+)"
                       r"(?P<number>[+(\d][\d\s().+/-]*\d)\s*$")
_ITEMS = re.compile(r"[;|,\n]+")
_NUMBER = re.compile(r"[+(\d][\d\s().+/-]*\d")
_ORDER = ("phone_mobile", "phone_home", "phone_work")


def read_phones(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    unlabelled: list[str] = []
    for part in _ITEMS.split(text):
        item = part.strip()
        if not item:
            continue
        labelled = _LABELLED.match(item)
        field = PHONE_LABELS.get(labelled["label"].casefold().rstrip(".")) if labelled else None
        if labelled and field is None:
            continue  # a fax, a pager: no field of a person's phones
        if field is not None and labelled is not None:
            if sum(c.isdigit() for c in labelled["number"]) >= 7:
                out.setdefault(field, labelled["number"].strip())
        elif _NUMBER.fullmatch(item) and sum(c.isdigit() for c in item) >= 7:
            unlabelled.append(item)
    for number in unlabelled:
        free = next((f for f in _ORDER if f not in out), None)
        if free is None:
            break
        out[free] = number
    return out


READERS: dict[str, Callable[[str], dict[str, str]]] = {
    "name": read_name, "place": read_place, "phones": read_phones}


# A header that says the order of the names it holds (`Prezime i ime`, `Priimek in ime`,
# `Priezvisko a meno`, `Фамилия Имя Отчество`, `Nachname, Vorname`; `Ime i prezime`): said
# there, it outweighs the country's custom.
_FAMILY = r"(prezime|priimek|priezvisko|prijmeni|familiia|familiya|prizvishche|nazwisko|nachname|surname|last\s*name)"
_GIVEN = r"(ime|meno|jmeno|imia|imya|im\W?ya|imie|vorname|first\s*name|given\s*names?)"
# `ФИО`, `Ф.И.О.`, `ПІБ`: the initials of family, given and father's name, in that order
_INITIALS = re.compile(r"\bf\W?i\W?o\b|\bp\W?i\W?b\b")
_NAMES_ORDER = re.compile(rf"\b(?:{_FAMILY}|{_GIVEN})\W+(?:\w+\W+)?(?:{_GIVEN}|{_FAMILY})\b")


def family_first_header(header: str) -> bool | None:
    """True where the header names the family name before the given one, False where after,
    None where it says neither."""
    from anyascii import anyascii  # noqa: PLC0415 - only whole names' headers need it

    plain = anyascii(header).casefold()
    if _INITIALS.search(plain):
        return True
    found = _NAMES_ORDER.search(plain)
    if found is None or bool(found[1]) == bool(found[4]):
        return None
    return bool(found[1])


def read_parts(how: str, text: str, fields: tuple[str, ...],
               settings: Settings | None = None, header: str = "") -> dict[str, str]:
    """The fields of a kind (`fields`) one cell holds, read as `how` says. A kind with one
    phone field takes the mobile, else the first number; one with typed phones keeps each.
    The header, else the clinic's country (`settings`), says the order of a whole name's parts."""
    if how == "name":
        said = family_first_header(header)
        country = settings.country if settings else ""
        found = read_name(text, family_first=said if said is not None else (
            country in FAMILY_FIRST_COUNTRIES), country=country)
    else:
        found = READERS[how](text)
    if how == "phones" and "phone" in fields and "phone_mobile" not in fields and found:
        found = {"phone": found.get("phone_mobile") or next(iter(found.values()))}
    return {k: v for k, v in found.items() if k in fields}


# National identity numbers that write the birth date, each with its check digit, so that a
# number of another shape is not read as a date: Swedish personnummer (`YYYYMMDD-NNNC`,
# `YYMMDD-NNNC`, `+` past a hundred years; a coordination number adds 60 to the day), Polish
# PESEL (`YYMMDDNNNNC`, the century in the month), South African ID (`YYMMDDSSSSCAZ`).
_SE = re.compile(r"(\d{2})?(\d{6})([-+]?)(\d{4})")
_PESEL_CENTURY = {0: 1900, 20: 2000, 40: 2100, 60: 2200, 80: 1800}
# A Danish CPR number (`DDMMYY-NNNN`) has had no modulus-11 check digit since 2007, so its
# shape alone does not tell it from any ten digits: it is read only under a header that names
# a CPR or personal number, and only where its first six digits are a real date. The first
# digit after the date sets the century.
_DK = re.compile(r"(\d{2})(\d{2})(\d{2})-?(\d)\d{3}")
_CPR_HEADER = re.compile(
    r"\bcpr\b|person\w*\s*(nr|no|num|nummer|number)\b|personnr|civil\s*reg", re.IGNORECASE)


def names_personal_number(header: str) -> bool:
    """The header names a CPR or personal identity number."""
    return bool(_CPR_HEADER.search(header.replace("_", " ").replace(".", " ")))


# A Czech or Slovak birth number (rodné číslo, `YYMMDD/SSSC`): a woman's month is raised by 50
# (and anyone's by 20 more since 2004, when a day's serials ran out); ten digits divisible by 11
# given since 1954, nine with no check before. Its slash sets it apart from any other number; without
# the slash it is read only under a header naming it (`Rodné číslo`, `RČ`, `birth number`).
_CZ = re.compile(r"(\d{2})(\d{2})(\d{2})(/?)(\d{3,4})")
_CZ_HEADER = re.compile(r"\brodn\w*\s+c(islo)?\b|\br\s?c\b|birth\s*number", re.IGNORECASE)


def names_birth_number(header: str) -> bool:
    """The header names a Czech or Slovak birth number (accents aside)."""
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return bool(_CZ_HEADER.search(plain.replace("_", " ").replace(".", " ")))


def _czech_birth(compact: str, today: dt.date, named: bool) -> str | None:
    cz = _CZ.fullmatch(compact)
    if not cz or not (cz[4] or named):
        return None
    yy, month, day = int(cz[1]), int(cz[2]) % 50, int(cz[3])
    month = month - 20 if month > 20 else month
    if len(cz[5]) == 4:
        number = int(cz[1] + cz[2] + cz[3] + cz[5])
        # a number whose first nine digits leave 10 ends in 0 (the rule's one exception)
        if number % 11 and not (number // 10 % 11 == 10 and number % 10 == 0):
            return None
        # ten digits were given from 1954 on, also to people born before (arriving later):
        # the latest such year not ahead of today
        year = _two_digit_year(yy, today)
    elif yy >= 54:
        return None  # nine digits were given before 1954 only
    else:
        year = 1900 + yy
    born = _date(year, month, day)
    return born.isoformat() if born and born <= today else None


def _cpr_year(yy: int, digit: int) -> int:
    if digit <= 3:
        return 1900 + yy
    if digit in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    return (2000 if yy <= 57 else 1800) + yy


def _danish_birth(compact: str, today: dt.date) -> str | None:
    dk = _DK.fullmatch(compact)
    if not dk:
        return None
    born = _date(_cpr_year(int(dk[3]), int(dk[4])), int(dk[2]), int(dk[1]))
    return born.isoformat() if born and born <= today else None


# A Finnish henkilötunnus (`DDMMYY-NNNC`): the century in the sign after the date (`+` the
# 1800s, `-` and since 2023 `U`-`Y` the 1900s, `A`-`F` the 2000s) and a check character, the
# nine digits modulo 31 in `_FI_CHECK`, so that its shape alone tells it.
_FI = re.compile(r"(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])", re.IGNORECASE)
_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _finnish_birth(compact: str, today: dt.date) -> str | None:
    fi = _FI.fullmatch(compact)
    if not fi or _FI_CHECK[int(fi[1] + fi[2] + fi[3] + fi[5]) % 31] != fi[6].upper():
        return None
    sign = fi[4].upper()
    century = 1800 if sign == "+" else 2000 if sign in "ABCDEF" else 1900
    born = _date(century + int(fi[3]), int(fi[2]), int(fi[1]))
    return born.isoformat() if born and born <= today else None


# The JMBG of the former Yugoslavia (Serbia, Bosnia, Montenegro, North Macedonia; Slovenia's
# EMŠO; Croatia's before the OIB): `DDMMYYYRRBBBK`, the year's last three digits (9xx the 1900s,
# 0xx the 2000s), the register, the serial and a modulus-11 check digit. Thirteen digits are also
# South Africa's number (Luhn): read as a JMBG under a header naming it (`JMBG`, `EMŠO`,
# `Matični broj`), else only where its own check holds and Luhn's does not.
_JMBG_HEADER = re.compile(r"\bjmbg\b|\bemso\b|\bmaticn\w*\s+(broj|st)", re.IGNORECASE)
_JMBG_WEIGHTS = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def names_jmbg(header: str) -> bool:
    """The header names a JMBG or an EMŠO (accents aside; `ЈМБГ` in Cyrillic letters too)."""
    from anyascii import anyascii  # noqa: PLC0415 - only headers of such numbers need it

    return bool(_JMBG_HEADER.search(anyascii(header).replace("_", " ").replace(".", " ")))


def _jmbg_birth(compact: str, today: dt.date) -> str | None:
    if not re.fullmatch(r"\d{13}", compact):
        return None
    rest = 11 - sum(int(d) * w for d, w in zip(compact, _JMBG_WEIGHTS, strict=False)) % 11
    if (rest if rest < 10 else 0) != int(compact[12]):
        return None
    yyy = int(compact[4:7])
    born = _date(yyy + (1000 if yyy >= 800 else 2000), int(compact[2:4]), int(compact[:2]))
    return born.isoformat() if born and born <= today else None


# A Ukrainian RNOKPP (the taxpayer's number, `ІПН`): ten digits, the first five the days since
# 31 December 1899 (the birth date), a check digit (weights -1 5 7 9 4 6 10 5 7, modulo 11, then
# 10). Any ten digits pass one check in ten: read only under a header naming it.
_UA_HEADER = re.compile(r"\brnokpp\b|\bipn\b|identifikatsiyn\w*\s+(kod|nomer)|\bdrfo\b")
_UA_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)


def names_rnokpp(header: str) -> bool:
    """The header names a Ukrainian RNOKPP (in Cyrillic or Latin letters)."""
    from anyascii import anyascii  # noqa: PLC0415 - only headers of such numbers need it

    return bool(_UA_HEADER.search(anyascii(header).casefold().replace("'", "")))


def _ukrainian_birth(compact: str, today: dt.date) -> str | None:
    if not re.fullmatch(r"\d{10}", compact) or sum(
            int(d) * w for d, w in zip(compact, _UA_WEIGHTS, strict=False)) % 11 % 10 != int(compact[9]):
        return None
    born = dt.date(1899, 12, 31) + dt.timedelta(days=int(compact[:5]))
    return born.isoformat() if born <= today else None


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _two_digit_year(yy: int, today: dt.date, older: bool = False) -> int:
    year = today.year - (today.year - yy) % 100  # the latest such year not in the future
    return year - 100 if older else year


def birth_date_in(text: str, today: dt.date | None = None, header: str = "") -> str | None:
    """The birth date (ISO) a national identity number writes, else None. A CPR number is
    read only where `header` names a personal number (see `names_personal_number`), a Czech
    birth number without its slash only where it names one (`names_birth_number`)."""
    today = today or dt.date.today()
    compact = "".join(text.split())
    if header and re.search(r"\bcpr\b", header, re.IGNORECASE):
        return _danish_birth(compact, today)
    if header and names_rnokpp(header):
        return _ukrainian_birth(compact, today)
    if header and (greek := greek_birth(compact, today, header)):
        return greek
    finnish = _finnish_birth(compact, today)
    if finnish:
        return finnish
    if east := chinese_birth(compact, today) or korean_birth(compact, today, header):
        return east
    if "/" in compact or (header and names_birth_number(header)):
        return _czech_birth(compact, today, named=bool(header) and names_birth_number(header))
    se = _SE.fullmatch(compact)
    if se and _luhn(se[2] + se[4]):
        yy, month, day = int(se[2][:2]), int(se[2][2:4]), int(se[2][4:])
        year = (int(se[1] + se[2][:2]) if se[1]
                else _two_digit_year(yy, today, older=se[3] == "+"))
        born = _date(year, month, day - 60 if day > 60 else day)
        if born and born <= today:
            return born.isoformat()
    if bulgarian := bulgarian_birth(compact, today):
        return bulgarian
    if re.fullmatch(r"\d{11}", compact) and (10 - sum(
            int(d) * w for d, w in zip(compact[:10], (1, 3, 7, 9, 1, 3, 7, 9, 1, 3), strict=True)
    ) % 10) % 10 == int(compact[10]):
        month = int(compact[2:4])
        born = _date(_PESEL_CENTURY.get(month // 20 * 20, 0) + int(compact[:2]), month % 20,
                     int(compact[4:6]))
        if born and 1800 <= born.year and born <= today:
            return born.isoformat()
    if header and names_jmbg(header):
        return _jmbg_birth(compact, today)
    if romanian := romanian_birth(compact, today, header):
        return romanian
    if re.fullmatch(r"\d{13}", compact) and not _luhn(compact):
        return _jmbg_birth(compact, today)
    if re.fullmatch(r"\d{13}", compact) and _luhn(compact):
        born = _date(_two_digit_year(int(compact[:2]), today), int(compact[2:4]),
                     int(compact[4:6]))
        if born:
            return born.isoformat()
    if header and names_personal_number(header):
        return _danish_birth(compact, today)
    return None
