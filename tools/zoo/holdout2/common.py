"""Small helpers shared by the holdout2 exports: places the seeded world has no pool for (Ireland,
New Zealand, French-speaking Switzerland), vendor id styles and count bookkeeping."""

from __future__ import annotations

import random
from typing import Any

from tools.zoo.world import Person, World

IE_PLACES = (("Dublin 2", "Co. Dublin", "D02 X285"), ("Cork", "Co. Cork", "T12 R2PK"),
             ("Galway", "Co. Galway", "H91 E2K3"), ("Limerick", "Co. Limerick", "V94 T9PX"),
             ("Kilkenny", "Co. Kilkenny", "R95 F6P3"), ("Bray", "Co. Wicklow", "A98 K7W2"))
NZ_PLACES = (("Ponsonby", "Auckland", "1011"), ("Te Aro", "Wellington", "6011"),
             ("Riccarton", "Ōtautahi Christchurch", "8011"), ("Māngere", "Auckland", "2022"),
             ("Whakatū", "Nelson", "7010"), ("Frankton", "Hamilton", "3204"))
CH_PLACES = (("Genève", "GE", "1201"), ("Lausanne", "VD", "1003"), ("Fribourg", "FR", "1700"),
             ("Neuchâtel", "NE", "2000"), ("Sion", "VS", "1950"), ("Delémont", "JU", "2800"))
CH_STREETS = ("Rue du Rhône", "Avenue de la Gare", "Chemin des Vignes", "Rue de Lausanne",
              "Place du Marché", "Route de Berne")


def relocate(world: World, places: tuple[tuple[str, str, str], ...], phone: Any,
             streets: tuple[str, ...] = ()) -> None:
    """Moves every person of the world to the export's country (city, region, postcode, phones)."""
    rng = world.rng
    for p in [*world.providers, *world.staff, *world.patients, *world.leads]:
        p.city, p.state, p.postcode = rng.choice(places)
        if streets:
            p.line1 = f"{rng.choice(streets)} {rng.randrange(1, 90)}"
        p.mobile = phone(rng, "mobile")
        p.home = phone(rng, "home") if p.home else ""
        p.work = phone(rng, "work") if p.work else ""


def ie_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    return f"+353 8{rng.choice('3567')} {r(100, 999)} {r(1000, 9999)}" if kind == "mobile" \
        else f"0{rng.choice(('1', '21', '91', '61'))} {r(200, 999)} {r(1000, 9999)}"


def nz_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    return f"02{rng.choice('17')} {r(100, 999)} {r(1000, 9999)}" if kind == "mobile" \
        else f"(0{rng.choice('3479')}) {r(200, 999)} {r(1000, 9999)}"


def ch_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    return f"+41 7{rng.choice('6789')} {r(100, 999)} {r(10, 99)} {r(10, 99)}" if kind == "mobile" \
        else f"0{rng.choice(('22', '21', '26', '32'))} {r(100, 999)} {r(10, 99)} {r(10, 99)}"


def object_id(rng: random.Random) -> str:
    """A 24-hex document id, as document-database backed web apps print them."""
    return "".join(rng.choice("0123456789abcdef") for _ in range(24))


def full(p: Person) -> str:
    return f"{p.first} {p.last}"


def last_first(p: Person, upper: bool = True) -> str:
    return f"{p.last.upper() if upper else p.last}, {p.first}"
