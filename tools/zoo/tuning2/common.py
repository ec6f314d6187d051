"""Helpers shared by the tuning2 exports: Italian name and place pools (the seeded world has
none), the 24-hex object ids web apps print, and the money habits of the half's vendors."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

from tools.zoo import fmt

IT_FIRST = ("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo",
            "Valentina", "Lorenzo", "Elena", "Davide", "Martina", "Simone", "Federica",
            "Niccolò", "Aurora", "Gianluca", "Ilaria", "Andrea")
IT_LAST = ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
           "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
           "Giordano", "Rizzo", "Lombardi", "D'Angelo")
IT_PLACES = (("Milano", "MI", "20121"), ("Milano", "MI", "20135"), ("Monza", "MB", "20900"),
             ("Sesto San Giovanni", "MI", "20099"), ("Bergamo", "BG", "24121"),
             ("Como", "CO", "22100"))
IT_STREETS = ("Via Roma", "Corso Buenos Aires", "Via Dante", "Viale Monza",
              "Via Garibaldi", "Piazza della Repubblica")


def it_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    return f"+39 3{r(20, 49)} {r(1000000, 9999999)}" if kind == "mobile" \
        else f"0{rng.choice(('2', '39', '35', '31'))} {r(100000, 9999999)}"


def object_id(rng: random.Random, when: datetime) -> str:
    """A MongoDB-style id: the creation second in hex, then 16 random hex digits."""
    return f"{int(when.timestamp()):08x}{rng.getrandbits(64):016x}"


def usd(amount: Decimal) -> str:
    return fmt.money(amount, "$")


def trailing_minus(amount: Decimal, symbol: str = "$") -> str:
    """`$12.00-`: reports printed for accountants put a credit's sign after the number."""
    return fmt.money(abs(amount), symbol) + ("-" if amount < 0 else "")


def eur_after(amount: Decimal) -> str:
    """`1.234,50 €`: the Italian habit, symbol after the number."""
    return fmt.money(amount, "€", thousands=".", decimal=",", after=True)


def last_first(first: str, last: str, middle: str = "") -> str:
    return f"{last}, {first}" + (f" {middle[:1]}" if middle else "")
