"""Helpers shared by the holdout8 exports: name and place pools for Finland, the Czech Republic,
Hungary and the Philippines (the seeded world has none), phones of the right length for each,
national numbers with their check digits (henkilötunnus, rodné číslo, TAJ), and the local ways
of writing dates and money."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal

from tools.zoo import fmt

FI_FIRST = ("Aino", "Juhani", "Helmi", "Mikko", "Sanna", "Matti", "Emilia", "Jari", "Liisa",
            "Ville", "Tiina", "Antti", "Kaisa", "Timo", "Ella", "Pekka", "Venla", "Eero",
            "Marjatta", "Onni")
FI_LAST = ("Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
           "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
           "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen")
FI_FEMALE = frozenset(("Aino", "Helmi", "Sanna", "Emilia", "Liisa", "Tiina", "Kaisa", "Ella",
                       "Venla", "Marjatta"))
FI_PLACES = (("Tampere", "Pirkanmaa", "33100"), ("Tampere", "Pirkanmaa", "33500"),
             ("Tampere", "Pirkanmaa", "33720"), ("Nokia", "Pirkanmaa", "37100"),
             ("Kangasala", "Pirkanmaa", "36200"), ("Pirkkala", "Pirkanmaa", "33960"))
FI_STREETS = ("Hämeenkatu", "Satakunnankatu", "Pyynikintie", "Teiskontie", "Sammonkatu",
              "Kalevan puistotie")

CZ_FIRST = ("Jana", "Jiří", "Marie", "Jan", "Eva", "Petr", "Hana", "Josef", "Lenka", "Pavel",
            "Kateřina", "Tomáš", "Lucie", "Martin", "Věra", "Jaroslav", "Tereza", "Miroslav",
            "Zdeňka", "Ondřej")
CZ_LAST_M = ("Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera",
             "Veselý", "Horák", "Němec")
CZ_LAST_F = ("Nováková", "Svobodová", "Novotná", "Dvořáková", "Černá", "Procházková",
             "Kučerová", "Veselá", "Horáková", "Němcová")
CZ_FEMALE = frozenset(("Jana", "Marie", "Eva", "Hana", "Lenka", "Kateřina", "Lucie", "Věra",
                       "Tereza", "Zdeňka"))
CZ_PLACES = (("Brno", "Jihomoravský kraj", "602 00"), ("Brno", "Jihomoravský kraj", "612 00"),
             ("Brno", "Jihomoravský kraj", "625 00"), ("Šlapanice", "Jihomoravský kraj",
                                                       "664 51"),
             ("Kuřim", "Jihomoravský kraj", "664 34"), ("Modřice", "Jihomoravský kraj",
                                                       "664 42"))
CZ_STREETS = ("Husova", "Masarykova", "Kotlářská", "Údolní", "Lidická", "Štefánikova")

HU_FIRST = ("Anna", "László", "Katalin", "István", "Éva", "József", "Zsófia", "Gábor",
            "Erzsébet", "Zoltán", "Réka", "Péter", "Ildikó", "Tamás", "Orsolya", "Attila",
            "Judit", "Balázs", "Eszter", "Ferenc")
HU_LAST = ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh",
           "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh",
           "Simon", "Rácz", "Fekete")
HU_FEMALE = frozenset(("Anna", "Katalin", "Éva", "Zsófia", "Erzsébet", "Réka", "Ildikó",
                       "Orsolya", "Judit", "Eszter"))
HU_PLACES = (("Budapest", "Pest", "1051"), ("Budapest", "Pest", "1114"),
             ("Budapest", "Pest", "1132"), ("Budaörs", "Pest", "2040"),
             ("Szentendre", "Pest", "2000"), ("Érd", "Pest", "2030"))
HU_STREETS = ("Kossuth Lajos utca", "Váci út", "Bartók Béla út", "Petőfi Sándor utca",
              "Andrássy út", "Fő utca")

PH_FIRST = ("Maria", "Jose", "Ana", "Juan", "Kristine", "Mark", "Angelica", "John Paul",
            "Rosalinda", "Rodrigo", "Jasmine", "Christian", "Maricel", "Jerome", "Lovely",
            "Ramon", "Princess", "Carlo", "Divina", "Noel")
PH_LAST = ("Dela Cruz", "Santos", "Reyes", "Garcia", "Mendoza", "Bautista", "Villanueva",
           "Ramos", "Aquino", "Castillo", "Gonzales", "Del Rosario", "Flores", "Soriano",
           "Pascual", "Navarro", "Manalo", "Tolentino", "Macaraeg", "De Guzman")
PH_MIDDLE = ("Santos", "Cruz", "Lopez", "Ocampo", "Salazar", "Domingo", "Mercado", "")
PH_FEMALE = frozenset(("Maria", "Ana", "Kristine", "Angelica", "Rosalinda", "Jasmine",
                       "Maricel", "Lovely", "Princess", "Divina"))
PH_PLACES = (("Quezon City", "Metro Manila", "1100"), ("Quezon City", "Metro Manila", "1105"),
             ("Quezon City", "Metro Manila", "1118"), ("Marikina", "Metro Manila", "1800"),
             ("San Juan", "Metro Manila", "1500"), ("Caloocan", "Metro Manila", "1400"))
PH_STREETS = ("Mabini St., Brgy. San Roque", "Rizal Ave., Brgy. Bagong Pag-asa",
              "Katipunan Ave., Brgy. Loyola Heights", "Aurora Blvd., Brgy. Cubao",
              "Tandang Sora Ave., Brgy. Culiat", "Visayas Ave., Brgy. Vasra")


def fi_phone(rng: random.Random, kind: str) -> str:
    """Mobiles `040 123 4567` (04x, 050), Tampere landlines `03 123 4567`."""
    r = rng.randrange
    if kind == "mobile":
        return f"0{rng.choice(('40', '44', '45', '50'))} {r(100, 999)} {r(1000, 9999)}"
    return f"03 {r(200, 399)} {r(1000, 9999)}"


def cz_phone(rng: random.Random, kind: str) -> str:
    """Nine digits in threes, mobiles from 6 or 7, Brno landlines from 54: `+420 603 123 456`."""
    r = rng.randrange
    head = rng.choice(("603", "602", "604", "731", "777", "608")) if kind == "mobile" \
        else f"54{r(1, 9)}"
    return f"+420 {head} {r(100, 999)} {r(100, 999)}"


def hu_phone(rng: random.Random, kind: str) -> str:
    """Mobiles `+36 30 123 4567` (20, 30, 70), Budapest `+36 1 234 5678`."""
    r = rng.randrange
    if kind == "mobile":
        return f"+36 {rng.choice(('20', '30', '70'))} {r(100, 999)} {r(1000, 9999)}"
    return f"+36 1 {r(200, 999)} {r(1000, 9999)}"


def ph_phone(rng: random.Random, kind: str) -> str:
    """Mobiles `0917 123 4567`, Metro Manila landlines `(02) 8123 4567`."""
    r = rng.randrange
    if kind == "mobile":
        return f"09{rng.choice(('17', '18', '19', '27', '55', '66'))} {r(100, 999)} " \
               f"{r(1000, 9999)}"
    return f"(02) 8{r(100, 999)} {r(1000, 9999)}"


def hetu(rng: random.Random, dob: date, female: bool) -> str:
    """`DDMMYY-NNNC`: the century sign, an individual number (odd for men) and the check
    character, the remainder of the nine digits modulo 31 in `0123456789ABCDEFHJKLMNPRSTUVWXY`."""
    sign = "-" if dob.year < 2000 else "A"
    ind = rng.randrange(2, 899)
    if (ind % 2 == 0) != female:
        ind += 1
    body = f"{dob.day:02d}{dob.month:02d}{dob.year % 100:02d}{ind:03d}"
    return f"{body[:6]}{sign}{ind:03d}{'0123456789ABCDEFHJKLMNPRSTUVWXY'[int(body) % 31]}"


def rodne_cislo(rng: random.Random, dob: date, female: bool) -> str:
    """`YYMMDD/XXXX`: women's month plus 50; the ten digits divisible by 11 (from 1954)."""
    month = dob.month + (50 if female else 0)
    head = f"{dob.year % 100:02d}{month:02d}{dob.day:02d}"
    while True:
        tail = rng.randrange(0, 999)
        check = int(f"{head}{tail:03d}") % 11
        if check != 10:
            return f"{head}/{tail:03d}{check}"


def taj(rng: random.Random) -> str:
    """Nine digits `123 456 789`: the ninth is the weighted sum (3, 7 alternating) mod 10."""
    body = [rng.randrange(10) for _ in range(8)]
    body[0] = rng.randrange(0, 2)
    check = sum(d * (3 if k % 2 == 0 else 7) for k, d in enumerate(body)) % 10
    digits = "".join(map(str, body)) + str(check)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def fi_date(d: date) -> str:
    """`8.1.2024`: day and month without leading zeros."""
    return f"{d.day}.{d.month}.{d.year}"


def cz_date(d: date) -> str:
    """`8. 1. 2024`: the Czech spaced form."""
    return f"{d.day}. {d.month}. {d.year}"


def hu_date(d: date) -> str:
    """`2024.01.08.`: year first, a point after the day."""
    return f"{d.year}.{d.month:02d}.{d.day:02d}."


def hu_dt(t: datetime) -> str:
    return f"{hu_date(t.date())} {t:%H:%M}"


def euro_fi(amount: Decimal) -> str:
    """`1 234,50 €`: a no-break space groups thousands in Finnish."""
    return fmt.money(amount, "€", thousands="\u00a0", decimal=",", after=True)


def koruny(amount: Decimal) -> str:
    """`1 234,50 Kč`."""
    return fmt.money(amount, "Kč", thousands=" ", decimal=",", after=True)


def forint(amount: int) -> str:
    """`25 000 Ft`: forints carry no decimals."""
    return f"{amount:,}".replace(",", " ") + " Ft"


def peso(amount: Decimal) -> str:
    """`₱1,500.00`."""
    return fmt.money(amount, "₱")
