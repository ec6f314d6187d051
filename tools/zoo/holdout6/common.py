"""Helpers shared by the holdout6 exports: name and place pools for South Africa, India, Poland,
Sweden and Singapore (the seeded world has none), phones whose length is right for each of them,
national numbers with valid check digits (South African ID, PESEL, personnummer, NRIC), and the
money habits of those countries."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from tools.zoo import fmt

ZA_FIRST = ("Thabo", "Lerato", "Sipho", "Nomvula", "Pieter", "Annelie", "Johan", "Karabo",
            "Zanele", "Ayesha", "Mohammed", "Priyanka", "Bongani", "Lindiwe", "Ruan", "Marike",
            "Tshepo", "Naledi", "Craig", "Nicole")
ZA_LAST = ("Nkosi", "Dlamini", "Botha", "van der Merwe", "Naidoo", "Mokoena", "Pretorius",
           "Khumalo", "du Plessis", "Ndlovu", "Venter", "Pillay", "Mahlangu", "Smit", "Govender",
           "Sithole", "Coetzee", "Molefe", "Steyn", "Jacobs")
ZA_FEMALE = frozenset(("Lerato", "Nomvula", "Annelie", "Zanele", "Ayesha", "Priyanka", "Lindiwe",
                       "Marike", "Naledi", "Nicole", "Karabo"))
ZA_PLACES = (("Pretoria", "Hatfield", "0083"), ("Pretoria", "Brooklyn", "0181"),
             ("Centurion", "Lyttelton", "0157"), ("Centurion", "Eldoraigne", "0157"),
             ("Pretoria", "Waterkloof", "0145"), ("Midrand", "Halfway House", "1685"))
ZA_STREETS = ("Jan Shoba St", "Lynnwood Rd", "Rabie St", "Cantonments Rd", "Justice Mahomed St",
              "Old Pretoria Rd")

IN_FIRST = ("Aarav", "Ananya", "Vihaan", "Diya", "Arjun", "Priya", "Rohan", "Sneha", "Karthik",
            "Lakshmi", "Rahul", "Pooja", "Siddharth", "Kavya", "Imran", "Fatima", "Harpreet",
            "Gurpreet", "Venkatesh", "Meera")
IN_LAST = ("Sharma", "Reddy", "Iyer", "Patel", "Nair", "Gupta", "Rao", "Kumar", "Menon", "Joshi",
           "Khan", "Singh", "Shetty", "Hegde", "Pillai", "Agarwal", "Mehta", "Das", "Krishnan",
           "Bhat")
IN_FEMALE = frozenset(("Ananya", "Diya", "Priya", "Sneha", "Lakshmi", "Pooja", "Kavya", "Fatima",
                       "Gurpreet", "Meera"))
IN_PLACES = (("Bengaluru", "Karnataka", "560034"), ("Bengaluru", "Karnataka", "560038"),
             ("Bengaluru", "Karnataka", "560076"), ("Bengaluru", "Karnataka", "560102"),
             ("Bengaluru", "Karnataka", "560011"), ("Hosur", "Tamil Nadu", "635109"))
IN_STREETS = ("80 Feet Rd, Koramangala", "100 Feet Rd, Indiranagar", "Bannerghatta Rd",
              "27th Main, HSR Layout", "Jayanagar 4th Block", "Sarjapur Rd")

PL_FIRST = ("Anna", "Piotr", "Katarzyna", "Krzysztof", "Małgorzata", "Tomasz", "Agnieszka",
            "Paweł", "Magdalena", "Michał", "Joanna", "Łukasz", "Ewa", "Grzegorz", "Zofia",
            "Jakub", "Aleksandra", "Wojciech", "Barbara", "Mateusz")
PL_LAST = ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
           "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
           "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski")
PL_FEMALE = frozenset(("Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna",
                       "Ewa", "Zofia", "Aleksandra", "Barbara"))
PL_PLACES = (("Kraków", "małopolskie", "30-001"), ("Kraków", "małopolskie", "31-503"),
             ("Wieliczka", "małopolskie", "32-020"), ("Kraków", "małopolskie", "30-384"),
             ("Skawina", "małopolskie", "32-050"), ("Kraków", "małopolskie", "31-864"))
PL_STREETS = ("ul. Długa", "ul. Karmelicka", "al. Pokoju", "ul. Wielicka", "os. Centrum C",
              "ul. Zakopiańska")

SE_FIRST = ("Erik", "Anna", "Lars", "Maria", "Karl", "Eva", "Johan", "Karin", "Per", "Kristina",
            "Oskar", "Elsa", "Björn", "Åsa", "Nils", "Ingrid", "Mohammed", "Leila", "Gustav",
            "Sofia")
SE_LAST = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
           "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist",
           "Öberg", "Bergström", "Ahmed", "Holm", "Sandberg", "Åkesson")
SE_FEMALE = frozenset(("Anna", "Maria", "Eva", "Karin", "Kristina", "Elsa", "Åsa", "Ingrid",
                       "Leila", "Sofia"))
SE_PLACES = (("Uppsala", "Uppsala län", "753 20"), ("Uppsala", "Uppsala län", "752 36"),
             ("Uppsala", "Uppsala län", "754 50"), ("Knivsta", "Uppsala län", "741 30"),
             ("Storvreta", "Uppsala län", "743 40"), ("Enköping", "Uppsala län", "745 37"))
SE_STREETS = ("Kungsgatan", "Svartbäcksgatan", "Dragarbrunnsgatan", "Vaksalagatan",
              "Sysslomansgatan", "Luthagsesplanaden")

SG_GIVEN = ("Wei Ming", "Hui Min", "Jun Jie", "Xin Yi", "Kok Leong", "Mei Ling", "Zhi Hao",
            "Siti", "Muhammad Faizal", "Nur Aisyah", "Rajesh", "Kavitha", "Daniel", "Rachel",
            "Shu Fen", "Boon Keng", "Farah", "Arun", "Li Ting", "Ethan")
SG_SURNAME = ("Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh", "Teo",
              "Ang", "Yeo", "Tay", "Ho", "Abdullah", "Rahman", "Kumar", "Pillai", "Fernandez")
SG_FEMALE = frozenset(("Hui Min", "Xin Yi", "Mei Ling", "Siti", "Nur Aisyah", "Kavitha", "Rachel",
                       "Shu Fen", "Farah", "Li Ting"))
SG_PLACES = (("Singapore", "", "560123"), ("Singapore", "", "310145"), ("Singapore", "", "520201"),
             ("Singapore", "", "640512"), ("Singapore", "", "238859"), ("Singapore", "", "150088"))
SG_STREETS = ("Blk 123 Ang Mo Kio Ave 3", "Blk 145 Lorong 2 Toa Payoh", "Blk 201 Tampines St 21",
              "Blk 512 Jurong West St 52", "Orchard Rd", "Blk 88 Bukit Merah View")


def za_phone(rng: random.Random, kind: str) -> str:
    """Ten digits with the trunk 0: `082 555 1234`, `012 345 6789`."""
    r = rng.randrange
    if kind == "mobile":
        return f"0{rng.choice(('72', '76', '82', '83', '84', '61'))} {r(100, 999)} {r(1000, 9999)}"
    return f"012 {r(300, 999)} {r(1000, 9999)}"


def in_phone(rng: random.Random, kind: str) -> str:
    """Ten-digit mobiles `+91 98450 12345`; Bengaluru landlines `080-2345 6789`."""
    r = rng.randrange
    if kind == "mobile":
        return f"+91 {rng.choice('6789')}{r(1000, 9999)} {r(10000, 99999)}"
    return f"080-{r(2000, 4999)} {r(1000, 9999)}"


def pl_phone(rng: random.Random, kind: str) -> str:
    """Nine digits: mobiles `501 234 567`, Kraków landlines `12 345 67 89`."""
    r = rng.randrange
    if kind == "mobile":
        return f"{rng.choice('5678')}{r(10, 99)} {r(100, 999)} {r(100, 999)}"
    return f"12 {r(200, 699)} {r(10, 99)} {r(10, 99)}"


def se_phone(rng: random.Random, kind: str) -> str:
    """Ten digits with the trunk 0: `070-123 45 67`, Uppsala `018-12 34 56`."""
    r = rng.randrange
    if kind == "mobile":
        return f"07{rng.choice('0236')}-{r(100, 999)} {r(10, 99)} {r(10, 99)}"
    return f"018-{r(10, 99)} {r(10, 99)} {r(10, 99)}"


def sg_phone(rng: random.Random, kind: str) -> str:
    """Eight digits: mobiles start 8 or 9, landlines 6."""
    r = rng.randrange
    return f"{rng.choice('89')}{r(100, 999)} {r(1000, 9999)}" if kind == "mobile" \
        else f"6{r(100, 999)} {r(1000, 9999)}"


def _luhn_digit(digits: str) -> int:
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if k % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def za_id(rng: random.Random, dob: date, female: bool) -> str:
    """YYMMDD, four gender digits (below 5000 for women), citizenship, 8, a Luhn digit."""
    body = (f"{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}"
            f"{rng.randrange(0, 4999) if female else rng.randrange(5000, 9999):04d}08")
    return body + str(_luhn_digit(body))


def pesel(rng: random.Random, dob: date, female: bool) -> str:
    """Eleven digits: the birth date (month + 20 after 1999), a serial whose last digit is even
    for women, and the weighted check digit."""
    month = dob.month + (20 if dob.year >= 2000 else 0)
    serial = rng.randrange(0, 1000) * 10 + rng.choice((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
    body = f"{dob.year % 100:02d}{month:02d}{dob.day:02d}{serial:04d}"
    check = sum(int(c) * w for c, w in zip(body, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3), strict=True))
    return body + str((10 - check % 10) % 10)


def personnummer(rng: random.Random, dob: date, female: bool) -> str:
    """`YYYYMMDD-NNNC`: the third serial digit even for women, a Luhn digit over YYMMDDNNN."""
    serial = f"{rng.randrange(10, 99)}{rng.choice('02468' if female else '13579')}"
    body = f"{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}{serial}"
    return f"{dob.year}{dob.month:02d}{dob.day:02d}-{serial}{_luhn_digit(body)}"


def nric(rng: random.Random, dob: date) -> str:
    """S (born before 2000) or T, seven digits and the weighted check letter."""
    prefix = "S" if dob.year < 2000 else "T"
    digits = f"{dob.year % 100:02d}{rng.randrange(0, 99999):05d}"
    total = sum(int(c) * w for c, w in zip(digits, (2, 7, 6, 5, 4, 3, 2), strict=True))
    total += 4 if prefix == "T" else 0
    return f"{prefix}{digits}{'JZIHGFEDCBA'[total % 11]}"


def rand(amount: Decimal) -> str:
    """`R 1 234,50`: South African rands, space thousands and a decimal comma."""
    return fmt.money(amount, "R ", thousands=" ", decimal=",")


def rupees(amount: Decimal) -> str:
    """`₹1,23,456.00`: Indian grouping (lakhs), the last three digits apart."""
    whole, cents = f"{abs(amount):.2f}".split(".")
    head, tail = whole[:-3], whole[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    body = ",".join([g for g in [head, *groups] if g] + [tail])
    return f"{'-' if amount < 0 else ''}₹{body}.{cents}"


def zloty(amount: Decimal) -> str:
    return fmt.money(amount, "zł", thousands=" ", decimal=",", after=True)


def kronor(amount: Decimal) -> str:
    """`1 234,50 kr` with a no-break space between the thousands."""
    return fmt.money(amount, "kr", thousands="\u00a0", decimal=",", after=True)
