"""Helpers shared by the holdout5 exports: Italian name and place pools (the seeded world has
none), phones whose length is right for the United Kingdom, Italy and Canada, national numbers
with valid check characters (Spanish DNI/NIE, a Medicare-shaped card number), and the rows
every real export carries: the same person entered twice, a test record."""

from __future__ import annotations

import random
from typing import Any

IT_FIRST = ("Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Luca", "Sara", "Matteo",
            "Martina", "Lorenzo", "Valentina", "Davide", "Elisa", "Simone", "Federica",
            "Giuseppe", "Alessia", "Niccolò", "Beatrice", "Andrea")
IT_LAST = ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
           "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
           "Giordano", "Rizzo", "Lombardi", "D'Angelo")
IT_FEMALE = frozenset(("Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Elisa",
                       "Federica", "Alessia", "Beatrice"))
IT_PLACES = (("Milano", "MI", "20121"), ("Milano", "MI", "20144"), ("Monza", "MB", "20900"),
             ("Sesto San Giovanni", "MI", "20099"), ("Bergamo", "BG", "24121"),
             ("Como", "CO", "22100"))
IT_STREETS = ("Via Roma", "Corso Buenos Aires", "Via Torino", "Viale Monza", "Via Garibaldi",
              "Piazza della Repubblica")
ES_PROVINCES = {"M": "Madrid", "SE": "Sevilla", "V": "Valencia", "C": "A Coruña",
                "MA": "Málaga", "BI": "Bizkaia"}
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def uk_phone(rng: random.Random, kind: str) -> str:
    """Ten digits after the leading 0: `07700 900123`, `020 7946 0123`, `0113 496 0123`."""
    r = rng.randrange
    if kind == "mobile":
        return f"07{r(400, 999)} {r(100000, 999999)}"
    area = rng.choice(("020", "029", "0113", "0117", "0141", "0161"))
    return f"{area} {r(2000, 9999)} {r(1000, 9999)}" if len(area) == 3 \
        else f"{area} {r(200, 999)} {r(1000, 9999)}"


def it_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    return f"+39 3{r(20, 99)} {r(100, 999)} {r(1000, 9999)}" if kind == "mobile" \
        else f"02 {r(1000, 9999)} {r(1000, 9999)}"


def dni(rng: random.Random) -> str:
    """A DNI (8 digits and the letter of their remainder mod 23) or, one time in six, an NIE."""
    n = rng.randrange(10**7, 10**8 - 1)
    if rng.random() < 1 / 6:
        head = rng.randrange(3)
        body = rng.randrange(10**6, 10**7)
        return f"{'XYZ'[head]}{body}{_DNI_LETTERS[(head * 10**7 + body) % 23]}"
    return f"{n}{_DNI_LETTERS[n % 23]}"


def medicare(rng: random.Random) -> str:
    """Ten digits: eight with a weighted check digit, an issue number; the IRN is apart."""
    head = [rng.randrange(2, 7)] + [rng.randrange(10) for _ in range(7)]
    check = sum(d * w for d, w in zip(head, (1, 3, 7, 9, 1, 3, 7, 9), strict=True)) % 10
    return "".join(map(str, head)) + str(check) + str(rng.randrange(1, 6))


def codice_fiscale(rng: random.Random, first: str, last: str, dob: Any, female: bool) -> str:
    """Shaped like a codice fiscale (consonants of the names, year, month letter, day + 40 for
    women, a place code and a check letter); the check letter is drawn, not computed."""
    def cons(text: str) -> str:
        up = "".join(c for c in text.upper() if c.isalpha() and c.isascii())
        picked = [c for c in up if c not in "AEIOU"] + [c for c in up if c in "AEIOU"]
        return ("".join(picked) + "XXX")[:3]
    day = dob.day + (40 if female else 0)
    return (f"{cons(last)}{cons(first)}{dob.year % 100:02d}{'ABCDEHLMPRST'[dob.month - 1]}"
            f"{day:02d}F{rng.randrange(100, 999)}{rng.choice('ABCDEFGHLMNPRSTUVWXYZ')}")


def duplicate(rows: list[list[Any]], of: int, at: int, changes: dict[int, Any],
              reason: str) -> dict[str, Any]:
    """Inserts a copy of rows[of] (0-based) at index `at` > of with some cells changed; returns
    the key's duplicate_rows entry (1-based rows)."""
    assert at > of
    again = list(rows[of])
    for col, value in changes.items():
        again[col] = value
    rows.insert(at, again)
    return {"row": at + 1, "of_row": of + 1, "reason": reason}
