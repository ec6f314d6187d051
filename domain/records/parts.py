"""One cell holding several fields of its record, read apart (`parts` in the mapping):

- `name`: a person's name written whole, `LAST, FIRST M`, `Dr Jane Roe`, `Jane Roe, LCSW`
  (nameparser): first, middle and last name, and the credential where the kind has one;
- `place`: `City, ST ZIP`, `Town POSTCODE`: city, state and postal code;
- `phones`: several typed numbers, `M: 021 555 1234; H: 09 555 6789`: mobile, home, work.

A national identity number that writes its holder's birth date is read in `national_ids`.

Pure: each reader returns canonical field -> text, never raising; what it cannot tell apart
stays in the column's own field.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from domain.mapping import Settings

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
