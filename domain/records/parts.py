"""One cell holding several fields of its record, read apart (`parts` in the mapping):

- `name`: a person's name written whole, `LAST, FIRST M`, `Dr Jane Roe`, `Jane Roe, LCSW`
  (nameparser): first, middle and last name, and the credential where the kind has one;
- `place`: `City, ST ZIP`, `Town POSTCODE`: city, state and postal code;
- `phones`: several typed numbers, `M: 021 555 1234; H: 09 555 6789`: mobile, home, work.

Pure: each reader returns canonical field -> text, never raising; what it cannot tell apart
stays in the column's own field.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PARTS = ("name", "place", "phones")


def read_name(text: str) -> dict[str, str]:
    from nameparser import HumanName  # noqa: PLC0415 - only mappings that read names need it

    name = HumanName(text)
    out = {"first_name": name.first, "middle_name": name.middle, "last_name": name.last,
           "credentials": name.suffix}
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


def read_parts(how: str, text: str, fields: tuple[str, ...]) -> dict[str, str]:
    """The fields of a kind (`fields`) one cell holds, read as `how` says. A kind with one
    phone field takes the mobile, else the first number; one with typed phones keeps each."""
    found = READERS[how](text)
    if how == "phones" and "phone" in fields and "phone_mobile" not in fields and found:
        found = {"phone": found.get("phone_mobile") or next(iter(found.values()))}
    return {k: v for k, v in found.items() if k in fields}
