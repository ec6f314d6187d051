"""Helpers shared by the holdout7 exports: name and place pools for Denmark, Norway and New
Zealand (the seeded world has none), phones whose length is right for each of them, national
numbers (CPR, fødselsnummer with both check digits), and month names in Danish and Norwegian."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from tools.zoo import fmt

DK_FIRST = ("Mette", "Jens", "Anne", "Lars", "Kirsten", "Søren", "Hanne", "Mads", "Camilla",
            "Rasmus", "Freja", "Frederik", "Ida", "Mikkel", "Sofie", "Niels", "Louise", "Anders",
            "Emma", "Jørgen")
DK_LAST = ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
           "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
           "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen")
DK_FEMALE = frozenset(("Mette", "Anne", "Kirsten", "Hanne", "Camilla", "Freja", "Ida", "Sofie",
                       "Louise", "Emma"))
DK_PLACES = (("Aarhus C", "Region Midtjylland", "8000"), ("Aarhus N", "Region Midtjylland", "8200"),
             ("Viby J", "Region Midtjylland", "8260"), ("Risskov", "Region Midtjylland", "8240"),
             ("Højbjerg", "Region Midtjylland", "8270"), ("Skanderborg", "Region Midtjylland",
                                                          "8660"))
DK_STREETS = ("Søndergade", "Frederiksgade", "Vestergade", "Randersvej", "Silkeborgvej",
              "Jægergårdsgade")

NO_FIRST = ("Ole", "Ingrid", "Lars", "Kari", "Hans", "Marit", "Knut", "Anne", "Bjørn", "Solveig",
            "Magnus", "Nora", "Håkon", "Ingeborg", "Sindre", "Thea", "Eirik", "Astrid", "Ahmed",
            "Sara")
NO_LAST = ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
           "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg",
           "Haugen", "Hagen", "Johannessen", "Andreassen", "Dahl", "Bakken")
NO_FEMALE = frozenset(("Ingrid", "Kari", "Marit", "Anne", "Solveig", "Nora", "Ingeborg", "Thea",
                       "Astrid", "Sara"))
NO_PLACES = (("Bergen", "Vestland", "5003"), ("Bergen", "Vestland", "5020"),
             ("Bergen", "Vestland", "5055"), ("Nesttun", "Vestland", "5221"),
             ("Askøy", "Vestland", "5300"), ("Loddefjord", "Vestland", "5171"))
NO_STREETS = ("Strandgaten", "Kong Oscars gate", "Nygårdsgaten", "Fjøsangerveien",
              "Michael Krohns gate", "Sandviksveien")

NZ_FIRST = ("Aroha", "James", "Mere", "Liam", "Olivia", "Wiremu", "Charlotte", "Tama", "Isla",
            "Oliver", "Ngaio", "Jack", "Amelia", "Hemi", "Grace", "Noah", "Priya", "Sione",
            "Mia", "Lucas")
NZ_LAST = ("Smith", "Williams", "Brown", "Wilson", "Taylor", "Ngata", "Parata", "Anderson",
           "Thompson", "Walker", "Tuhiwai", "Harris", "Clarke", "Patel", "Fa'alogo", "Young",
           "Campbell", "Robinson", "Te Rangi", "King")
NZ_FEMALE = frozenset(("Aroha", "Mere", "Olivia", "Charlotte", "Isla", "Ngaio", "Amelia",
                       "Grace", "Priya", "Mia"))
NZ_PLACES = (("Wellington", "Wellington", "6011"), ("Lower Hutt", "Wellington", "5010"),
             ("Porirua", "Wellington", "5022"), ("Wellington", "Wellington", "6021"),
             ("Upper Hutt", "Wellington", "5018"), ("Petone", "Wellington", "5012"))
NZ_STREETS = ("Cuba Street", "Lambton Quay", "Willis Street", "High Street", "Jackson Street",
              "Adelaide Road")

DA_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december")
NB_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
             "september", "oktober", "november", "desember")


def dk_phone(rng: random.Random, kind: str) -> str:
    """Eight digits in pairs, no trunk prefix: mobiles `20 12 34 56`, Aarhus `86 12 34 56`."""
    r = rng.randrange
    head = rng.choice(("20", "22", "26", "28", "40", "42", "50", "60")) if kind == "mobile" \
        else rng.choice(("86", "87", "89"))
    return f"{head} {r(10, 99)} {r(10, 99)} {r(10, 99)}"


def no_phone(rng: random.Random, kind: str) -> str:
    """Eight digits: mobiles `+47 912 34 567` (4 or 9 first), Bergen landlines `55 12 34 56`."""
    r = rng.randrange
    if kind == "mobile":
        return f"+47 {rng.choice('49')}{r(10, 99)} {r(10, 99)} {r(100, 999)}"
    return f"55 {r(10, 99)} {r(10, 99)} {r(10, 99)}"


def nz_phone(rng: random.Random, kind: str) -> str:
    """Mobiles `021 123 4567` (eight to ten digits with the 0), Wellington `04-499 1234`."""
    r = rng.randrange
    if kind == "mobile":
        return f"02{rng.choice('1127')} {r(100, 999)} {r(1000, 9999)}"
    return f"04-{r(380, 999)} {r(1000, 9999)}"


def cpr(rng: random.Random, dob: date, female: bool) -> str:
    """`DDMMYY-NNNN`: the last digit even for women (no modulus 11 since 2007)."""
    serial = f"{rng.randrange(100, 999)}{rng.choice('02468' if female else '13579')}"
    return f"{dob.day:02d}{dob.month:02d}{dob.year % 100:02d}-{serial}"


def fodselsnummer(rng: random.Random, dob: date, female: bool) -> str:
    """Eleven digits: DDMMYY, an individual number (third digit even for women, 500-999 for
    those born after 1999) and two modulus-11 check digits; retried until both are valid."""
    while True:
        low, high = (500, 999) if dob.year >= 2000 else (0, 499)
        ind = rng.randrange(low, high)
        if (ind % 2 == 0) != female:
            ind += 1 if ind < high else -1
        body = f"{dob.day:02d}{dob.month:02d}{dob.year % 100:02d}{ind:03d}"
        k1 = 11 - sum(int(c) * w for c, w in zip(body, (3, 7, 6, 1, 8, 9, 4, 5, 2),
                                                  strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        body += str(k1)
        k2 = 11 - sum(int(c) * w for c, w in zip(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2),
                                                  strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 != 10:
            return body + str(k2)


def da_date(d: date) -> str:
    """`8. januar 2024`."""
    return f"{d.day}. {DA_MONTHS[d.month - 1]} {d.year}"


def nb_date(d: date) -> str:
    """`8. jan. 2024`: the Norwegian short month with a point (mai, juni, juli have none)."""
    m = NB_MONTHS[d.month - 1]
    short = m if len(m) <= 4 else m[:3] + "."
    return f"{d.day}. {short} {d.year}"


def kroner_dk(amount: Decimal) -> str:
    """`1.234,50 kr.`: Danish point thousands, decimal comma, `kr.` after."""
    return fmt.money(amount, "kr.", thousands=".", decimal=",", after=True)


def kroner_no(amount: Decimal) -> str:
    """`kr 1 234,50`: Norwegian space thousands, decimal comma, `kr` before."""
    return fmt.money(amount, "kr ", thousands=" ", decimal=",")
