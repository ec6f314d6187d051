"""Which phone a column of phone numbers is, from what the numbering plan says of them.

The numbers of the file's columns say the plan (domain.proposal.region); a column whose
numbers that plan calls mobile is the mobile phone; one it calls fixed lines is the home
phone, and a second the work phone (a third stays custom: a fax, most likely); where the plan
cannot tell mobiles from fixed lines (North America), the columns take home, work and mobile
in order. A record with one phone (a staff member, a company) takes the first column.
"""

from __future__ import annotations

import re

import phonenumbers

from domain.proposal.blind.base import Blind, seen
from domain.proposal.profile import ColumnProfile
from domain.proposal.region import propose_region

PHONES = 0.9  # share of values that must be phone-shaped
VALID = 0.8  # share of numbers the plan must hold
MOBILE = 0.8  # share of them it must call mobile
FEW = 0.2  # share of a column's numbers the plan must hold, when they read as another's
LONG = 10  # digits of a number outside the plan that is still a phone (`537-95-1204` is no one)
_WRITTEN = re.compile(r"^\+|[\s().\-/]")
_FIXED = {phonenumbers.PhoneNumberType.FIXED_LINE}
_EITHER = {phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
ORDER = {"mobile": ("phone_mobile", "phone_home", "phone_work"),
         "fixed": ("phone_home", "phone_work"),
         "either": ("phone_home", "phone_work", "phone_mobile")}


def _numbers(col: ColumnProfile) -> list[str]:
    """The column's numbers when it holds phone numbers written to be dialled (a plain run of
    digits is as likely an id or a member number)."""
    values = seen(col)
    if (col.share("phone") < PHONES or col.share_any("date", "datetime", "money") > 0.1
            or not values):
        return []
    written = sum(bool(_WRITTEN.search(v)) or v.startswith("0") for v in values)
    return values if written >= 0.5 * len(values) else []


def _types(numbers: list[str], region: str) -> list[int]:
    out = []
    for text in numbers:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            out.append(phonenumbers.number_type(number))
    return out


def _which(numbers: list[str], region: str) -> str | None:
    types = _types(numbers, region)
    if len(types) < VALID * len(numbers):
        # written to be dialled but outside the plan (a made-up area code, a short London
        # number): a phone, of no type the plan can tell, when it has a phone's digits
        long = sum(len(re.sub(r"\D", "", n)) >= LONG or n.startswith("+") for n in numbers)
        return "either" if long >= VALID * len(numbers) else None
    if sum(t == phonenumbers.PhoneNumberType.MOBILE for t in types) >= MOBILE * len(types):
        return "mobile"
    if sum(t in _EITHER for t in types) >= MOBILE * len(types):
        return "either"
    return "fixed" if sum(t in _FIXED | _EITHER for t in types) >= MOBILE * len(types) else None


def read_phones(blind: Blind) -> None:
    columns = [(h, n) for _, h, col in blind.open_columns() if (n := _numbers(col))]
    if not columns:
        return
    if not {"phone_mobile", "phone_home", "phone_work"} & set(blind.fields):
        blind.take(columns[0][0], "phone", "values are phone numbers")
        return
    # the country the file's addresses are in (its countries, postcodes, states), else the
    # plan of all the numbers; a column of other numbers (a card's, written in groups) reads as another
    # country's on its own, and says nothing of the clinic's
    said = {f: seen(dict(blind.columns)[h]) for f, h in blind.held.items()
            if f in ("country", "postal_code", "state")}
    place = propose_region([], said.get("country", []), said.get("postal_code", []),
                           said.get("state", []))
    found = place or propose_region([n for _, numbers in columns for n in numbers])
    region = found.country if found else "US"
    regions = {h: (p.country if (p := propose_region(numbers)) else None) for h, numbers in columns}
    for header, numbers in columns:
        if regions[header] not in (None, region) and len(_types(numbers, region)) < FEW * len(
                numbers):
            continue  # numbers the clinic's plan hardly holds: no phone of the clinic's
        which = _which(numbers, region)
        if which is None:
            continue
        kind_of = {"mobile": "mobile numbers", "fixed": "fixed-line numbers",
                "either": "numbers the plan does not tell mobile from fixed"}[which]
        for name in ORDER[which]:
            if blind.take(header, name, f"values are {region} {kind_of}: the next phone field "
                          f"({name})"):
                break
