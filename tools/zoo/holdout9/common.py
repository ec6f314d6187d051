"""Helpers shared by the holdout9 exports: renaming a seeded world's people into a country whose
names the world has no pool for, in their own script with a Latin (or kana) reading beside them
for the e-mail address, and the national numbers with their check digits (AMKA, SNILS, NIF,
Teudat Zehut). The name and place pools are in `tools/zoo/holdout9/places.py`."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tools.zoo.world import World

# (native, Latin, "f" | "m", reading): the reading is the kana of Japanese names, else ""
First = tuple[str, str, str, str]
# (masculine native, feminine native, masculine Latin, feminine Latin, reading)
Last = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Reading:
    """What an export may write beside a native name: its Latin letters and its reading."""

    first_latin: str
    last_latin: str
    first_kana: str = ""
    last_kana: str = ""


def rename_native(world: World, firsts: tuple[First, ...], lasts: tuple[Last, ...],
                  places: tuple[tuple[str, str, str], ...],
                  street: Callable[[random.Random], str],
                  phone: Callable[[random.Random, str], str],
                  domains: tuple[str, ...] = ("example.com", "example.org", "example.net"),
                  ) -> dict[int, Reading]:
    """Gives every person a name of the country (unique, the surname in the form that fits
    the first name), an address, phones and an e-mail from the Latin letters of the name.
    Returns each person's readings keyed by `id(person)`."""
    rng = world.rng
    used: set[tuple[str, str]] = set()
    readings: dict[int, Reading] = {}
    for p in [*world.providers, *world.staff, *world.patients, *world.leads]:
        while True:
            first, last = rng.choice(firsts), rng.choice(lasts)
            female = first[2] == "f"
            native_last = last[1] if female else last[0]
            if (first[0], native_last) not in used:
                break
        used.add((first[0], native_last))
        latin_last = last[3] if female else last[2]
        p.first, p.last, p.middle, p.preferred = first[0], native_last, "", ""
        p.sex = "female" if female else "male"
        p.email = f"{first[1].lower()}.{latin_last.lower().replace(' ', '')}" \
                  f"@{rng.choice(domains)}"
        p.city, p.state, p.postcode = rng.choice(places)
        p.line1 = street(rng)
        p.mobile = phone(rng, "mobile")
        p.home = phone(rng, "home") if p.home else ""
        p.work = phone(rng, "work") if p.work else ""
        readings[id(p)] = Reading(first[1], latin_last, first[3], last[4])
    return readings


def luhn_digit(body: str) -> str:
    """The Luhn check digit that makes `body + digit` valid."""
    total = 0
    for k, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if k % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def amka(rng: random.Random, dob: date) -> str:
    """Greek AMKA: eleven digits, the birth date `DDMMYY` first, Luhn-valid."""
    body = f"{dob:%d%m}{dob.year % 100:02d}{rng.randrange(1000, 9999)}"
    return body + luhn_digit(body)


def snils(rng: random.Random) -> str:
    """Russian SNILS `123-456-789 01`: the check is the weighted sum (9..1) mod 101, 100 as 00."""
    digits = [rng.randrange(10) for _ in range(9)]
    digits[0] = rng.randrange(1, 10)
    total = sum(d * (9 - k) for k, d in enumerate(digits))
    check = total % 101 if total > 101 else total
    check = 0 if check in (100, 101) else check
    s = "".join(map(str, digits))
    return f"{s[:3]}-{s[3:6]}-{s[6:]} {check:02d}"


def nif_pt(rng: random.Random) -> str:
    """Portuguese NIF: nine digits, the last the weighted sum (9..2) mod 11 rule."""
    body = [rng.choice((1, 2, 2, 2))] + [rng.randrange(10) for _ in range(7)]
    rest = sum(d * (9 - k) for k, d in enumerate(body)) % 11
    check = 0 if rest < 2 else 11 - rest
    return "".join(map(str, body)) + str(check)


def teudat_zehut(rng: random.Random) -> str:
    """Israeli ID number: nine digits, weights 1,2 alternating, digit sums, total mod 10 = 0."""
    body = [rng.randrange(10) for _ in range(8)]
    body[0] = rng.choice((0, 0, 2, 3))
    total = 0
    for k, d in enumerate(body):
        v = d * (1 if k % 2 == 0 else 2)
        total += v - 9 if v > 9 else v
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def wareki(d: date) -> str:
    """`昭和60年1月8日`: the Japanese era year (Showa, Heisei, Reiwa; the first year as 元年)."""
    for era, start in (("令和", date(2019, 5, 1)), ("平成", date(1989, 1, 8)),
                       ("昭和", date(1926, 12, 25))):
        if d >= start:
            year = d.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    return f"{d.year}年{d.month}月{d.day}日"


def grouped(amount: int, sep: str = ",") -> str:
    """`15,000`: whole currency units (yen, won) grouped by thousands."""
    return f"{amount:,}".replace(",", sep)
