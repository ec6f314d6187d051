"""Helpers shared by the holdout4 exports: French and New Zealand name and place pools (the seeded
world has none), New Zealand summer time, and the money habits of the half's vendors."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from tools.zoo import fmt

FR_FIRST = ("Camille", "Louis", "Léa", "Gabriel", "Manon", "Hugo", "Chloé", "Arthur", "Inès",
            "Jules", "Zoé", "Raphaël", "Élodie", "Théo", "Margaux", "Mathis", "Océane", "Nathan",
            "Amélie", "Yanis")
FR_LAST = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
           "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier",
           "Girard", "Bonnet", "Benali", "Nguyen")
FR_PLACES = (("Lyon", "69", "69003"), ("Lyon", "69", "69007"), ("Villeurbanne", "69", "69100"),
             ("Caluire-et-Cuire", "69", "69300"), ("Vénissieux", "69", "69200"),
             ("Bron", "69", "69500"))
FR_STREETS = ("rue de la République", "avenue Jean Jaurès", "cours Lafayette",
              "rue Garibaldi", "boulevard des Belges", "place Bellecour")

NZ_FIRST = ("Aroha", "Nikau", "Olivia", "Oliver", "Isla", "Jack", "Mere", "Wiremu", "Charlotte",
            "Leo", "Ngaio", "Hemi", "Amelia", "Lucas", "Sione", "Mele", "Priya", "Arjun", "Mia",
            "Tama")
NZ_LAST = ("Smith", "Wilson", "Williams", "Brown", "Taylor", "Ngata", "Parata", "Tuhiwai",
           "Jones", "Anderson", "Thompson", "Walker", "Fonoti", "Tupou", "Patel", "Singh", "Li",
           "Campbell", "MacDonald", "Te Whata")
NZ_PLACES = (("Auckland", "Auckland", "1011"), ("Ponsonby", "Auckland", "1021"),
             ("Takapuna", "Auckland", "0622"), ("Mt Eden", "Auckland", "1024"),
             ("Wellington", "Wellington", "6011"), ("Hamilton", "Waikato", "3204"))
NZ_STREETS = ("Queen Street", "Ponsonby Road", "Karangahape Road", "Dominion Road",
              "Hurstmere Road", "Lambton Quay")


def fr_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    head = f"0{rng.choice('67')}" if kind == "mobile" else "04"
    return f"{head} {r(10, 99)} {r(10, 99)} {r(10, 99)} {r(10, 99)}"


def nz_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    return f"+64 2{rng.choice('1279')} {r(100, 999)} {r(1000, 9999)}" if kind == "mobile" \
        else f"(0{rng.choice('3479')}) {r(200, 999)} {r(1000, 9999)}"


def _first_sunday(year: int, month: int) -> date:
    d = date(year, month, 1)
    return d + timedelta(days=(6 - d.weekday()) % 7)


def _last_sunday(year: int, month: int) -> date:
    d = date(year, month + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() + 1) % 7)


def nz_to_utc(t: datetime) -> datetime:
    """New Zealand summer time (+13) runs from the last Sunday of September to the first Sunday
    of April; the rest of the year is +12."""
    summer = t.date() >= _last_sunday(t.year, 9) or t.date() < _first_sunday(t.year, 4)
    return t - timedelta(hours=13 if summer else 12)


def zulu(t: datetime) -> str:
    return nz_to_utc(t).strftime("%Y-%m-%dT%H:%M:%SZ")


def eur_fr(amount: Decimal) -> str:
    """`1 234,50 €`: French grouping with a no-break space, symbol after."""
    return fmt.money(amount, "€", thousands="\u00a0", decimal=",", after=True)


def eur_de(amount: Decimal) -> str:
    """`1.234,50 €`: German grouping with a point."""
    return fmt.money(amount, "€", thousands=".", decimal=",", after=True)


def last_first(first: str, last: str, middle: str = "") -> str:
    return f"{last}, {first}" + (f" {middle[:1]}" if middle else "")
