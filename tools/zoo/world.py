"""The synthetic clinic behind every zoo export: people, staff, visits, notes, money.

Everything is drawn from a seeded `random.Random`, so an export is the same bytes on every
build. Names are unique inside one clinic (first + last), which lets the landing bench say "no
patient twice" from the names Nutshell holds. Values are plain facts (dates as `date`,
datetimes as naive local `datetime`, money as `Decimal`); each vendor module formats them the
way that vendor writes them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

FIRST = {
    "au": ("Olivia", "Jack", "Charlotte", "William", "Mia", "Noah", "Amelia", "Lachlan", "Isla",
           "Cooper", "Matilda", "Harrison", "Ruby", "Angus", "Zara", "Kai", "Aroha", "Mei",
           "Priya", "Tane"),
    "uk": ("Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Alfie", "Freya", "Rhys",
           "Niamh", "Callum", "Siobhan", "Imran", "Aisha", "Dylan", "Megan", "Euan", "Eilidh",
           "Tomasz", "Zofia"),
    "ca": ("Liam", "Emma", "Noah", "Chloé", "Lucas", "Léa", "Ethan", "Maëlle", "Aiden",
           "Sophie", "Jacob", "Gabrielle", "Owen", "Amélie", "Raj", "Simran", "Wei", "Ling",
           "Mathieu", "Nadia"),
    "us": ("James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda",
           "Jose", "Maria", "DeShawn", "Keisha", "Tyler", "Brittany", "Hiroshi", "Yuki",
           "Ahmed", "Fatima", "Connor", "Madison"),
    "de": ("Lukas", "Anna", "Jonas", "Lea", "Felix", "Hannah", "Maximilian", "Sophie", "Jürgen",
           "Grete", "Murat", "Elif", "Stefan", "Katrin", "Björn", "Ingrid", "Paul", "Marie",
           "Tobias", "Lena"),
    "es": ("Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Álvaro", "Paula", "Javier", "Carmen",
           "Sergio", "Nerea", "Iñaki", "Ainhoa", "Jordi", "Montserrat", "Rocío", "Andrés",
           "Begoña", "Raúl", "Elena"),
}
LAST = {
    "au": ("Smith", "Nguyen", "Williams", "Brown", "Wilson", "Taylor", "Kelly", "O'Connor",
           "Papadopoulos", "Singh", "Walker", "Harris", "Te Rangi", "Chen", "Murphy", "Ryan",
           "Fitzgerald", "McKenzie", "Rossi", "Tran"),
    "uk": ("Jones", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Patel", "Khan",
           "MacDonald", "Campbell", "O'Neill", "Wright", "Kowalski", "Ahmed", "Clarke", "Hall",
           "Lewis", "Begum", "Stewart", "Robinson"),
    "ca": ("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
           "Fortin", "Gagné", "Smith", "Brown", "MacLeod", "Wong", "Singh", "Chen", "Lee",
           "Martin", "Pelletier", "Bélanger"),
    "us": ("Johnson", "Williams", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
           "Hernandez", "Lopez", "Gonzalez", "Anderson", "Thomas", "Jackson", "White",
           "Washington", "Kim", "Nakamura", "Ali", "O'Brien", "Sullivan"),
    "de": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
           "Schulz", "Hoffmann", "Koch", "Richter", "Yılmaz", "Öztürk", "Krüger", "Wolf",
           "Neumann", "Schwarz", "Zimmermann", "Braun"),
    "es": ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
           "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno",
           "Muñoz", "Álvarez", "Romero", "Navarro", "Torres"),
}
STREETS = {
    "au": ("George St", "Bridge Rd", "Beach Rd", "Anzac Pde", "Wattle Ave", "Station St"),
    "uk": ("High Street", "Church Lane", "Mill Road", "Victoria Road", "Queens Drive",
           "Kings Avenue"),
    "ca": ("Rue Principale", "King St W", "Yonge St", "Rue Saint-Denis", "Main St",
           "Maple Ave"),
    "us": ("Main St", "Oak Ave", "Maple Dr", "Elm St", "Washington Blvd", "Lakeview Ter"),
    "de": ("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Lindenallee",
           "Bergstraße"),
    "es": ("Calle Mayor", "Calle del Sol", "Avenida de la Constitución", "Calle San Vicente",
           "Paseo de Gracia", "Calle de Alcalá"),
}
CITIES = {
    "au": (("Bondi", "NSW", "2026"), ("Fitzroy", "VIC", "3065"), ("Paddington", "QLD", "4064"),
           ("Fremantle", "WA", "6160"), ("Glenelg", "SA", "5045"), ("Newtown", "NSW", "2042")),
    "uk": (("Leeds", "", "LS6 2AB"), ("Cardiff", "", "CF10 3NP"), ("Glasgow", "", "G12 8QQ"),
           ("Bristol", "", "BS8 1TH"), ("London", "", "N1 9GU"), ("York", "", "YO1 7HH")),
    "ca": (("Toronto", "ON", "M5V 2T6"), ("Montréal", "QC", "H2X 1Y4"),
           ("Vancouver", "BC", "V6B 1A1"), ("Ottawa", "ON", "K1P 5J2"),
           ("Halifax", "NS", "B3J 2K9"), ("Calgary", "AB", "T2P 1J9")),
    "us": (("Springfield", "IL", "62704"), ("Austin", "TX", "78701"), ("Portland", "OR", "97205"),
           ("Boston", "MA", "02116"), ("Denver", "CO", "80202"), ("Tampa", "FL", "33602")),
    "de": (("Berlin", "BE", "10115"), ("München", "BY", "80331"), ("Köln", "NW", "50667"),
           ("Hamburg", "HH", "20095"), ("Leipzig", "SN", "04109"), ("Freiburg", "BW", "79098")),
    "es": (("Madrid", "M", "28013"), ("Sevilla", "SE", "41004"), ("València", "V", "46002"),
           ("A Coruña", "C", "15001"), ("Málaga", "MA", "29005"), ("Bilbao", "BI", "48001")),
}
ALLERGIES = ("Penicillin", "Latex", "Peanuts", "Codeine", "Sulfa drugs", "Bee stings",
             "Shellfish", "Ibuprofen")
CONDITIONS = ("Asthma", "Type 2 diabetes", "Hypertension", "Pacemaker fitted", "Epilepsy",
              "Osteoporosis", "Pregnancy", "Anticoagulant therapy")
NOTE_LINES = ("Lower back pain radiating to the left leg, worse in the morning.",
              "Reviewed home exercise program; good progress with range of motion.",
              "Patient reports reduced pain since last visit (4/10, was 7/10).",
              "Soft tissue release, thoracic mobilisation; advised heat at home.",
              "Discussed goals: return to running in 6 weeks.",
              "Tender over the lateral epicondyle; grip strength reduced.")
FUNDS = {
    "au": ("Medibank", "Bupa", "HCF", "nib", "HBF", "Australian Unity"),
    "uk": ("Bupa", "AXA Health", "Vitality", "Aviva", "WPA", "Simplyhealth"),
    "ca": ("Sun Life", "Manulife", "Canada Life", "Blue Cross", "Desjardins", "Green Shield"),
    "us": ("Aetna", "Cigna", "Humana", "Anthem", "Kaiser Permanente", "UnitedHealthcare"),
    "de": ("AOK", "Techniker Krankenkasse", "Barmer", "DAK", "IKK", "Allianz PKV"),
    "es": ("Sanitas", "Adeslas", "DKV", "Asisa", "Mapfre", "Cigna España"),
}
CURRENCY = {"au": "AUD", "uk": "GBP", "ca": "CAD", "us": "USD", "de": "EUR", "es": "EUR"}


@dataclass
class Person:
    first: str
    last: str
    middle: str
    dob: date
    sex: str  # female | male | other | unknown
    email: str
    mobile: str
    home: str
    work: str
    line1: str
    city: str
    state: str
    postcode: str
    created: datetime
    preferred: str = ""


@dataclass
class Visit:
    patient: int  # index into World.patients
    provider: int  # index into World.providers
    start: datetime
    minutes: int
    kind: str
    status: str  # booked | arrived | completed | cancelled | no_show
    room: str
    note: str = ""


@dataclass
class World:
    locale: str
    rng: random.Random
    patients: list[Person] = field(default_factory=list)
    providers: list[Person] = field(default_factory=list)
    staff: list[Person] = field(default_factory=list)  # front desk, billing: not clinicians
    leads: list[Person] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    used: set[tuple[str, str]] = field(default_factory=set)

    @property
    def currency(self) -> str:
        return CURRENCY[self.locale]


def _phone(rng: random.Random, locale: str, kind: str) -> str:
    r = rng.randrange
    if locale == "au":
        return f"04{r(10, 99)} {r(100, 999)} {r(100, 999)}" if kind == "mobile" else \
            f"(0{rng.choice('2378')}) {r(9000, 9999)} {r(1000, 9999)}"
    if locale == "uk":
        return f"07{r(700, 999)} {r(100000, 999999)}" if kind == "mobile" else \
            f"0{rng.choice(('113', '29', '141', '117', '20'))} {r(200, 999)} {r(1000, 9999)}"
    if locale == "es":
        return f"+34 6{r(10, 99)} {r(100, 999)} {r(100, 999)}" if kind == "mobile" else \
            f"9{r(1, 9)}{r(1, 9)} {r(100, 999)} {r(100, 999)}"
    if locale == "de":
        return f"+49 1{r(51, 79)} {r(1000000, 9999999)}" if kind == "mobile" else \
            f"0{rng.choice(('30', '89', '221', '40'))} {r(100000, 999999)}"
    area = r(201, 989) if locale == "us" else rng.choice((416, 514, 604, 613, 902, 403))
    return f"({area}) {r(200, 999)}-{r(1000, 9999)}"


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum()).lower()


def _street(number: int, street: str, locale: str) -> str:
    """`12 High Street`, or `Hauptstraße 12` where the number follows the street."""
    return f"{street} {number}" if locale in ("de", "es") else f"{number} {street}"


def person(world: World, *, born_from: int = 1940, born_span: int = 80) -> Person:
    rng, loc = world.rng, world.locale
    for _ in range(1000):
        first, last = rng.choice(FIRST[loc]), rng.choice(LAST[loc])
        if (first, last) not in world.used:
            break
    else:  # the pools hold 400 names: a clinic bigger than that is a programming error
        raise RuntimeError("name pool exhausted")
    world.used.add((first, last))
    city, state, postcode = rng.choice(CITIES[loc])
    domain = rng.choice(("example.com", "example.org", "example.net"))
    born = date(born_from, 1, 1) + timedelta(days=rng.randrange(365 * born_span))
    created = datetime(2016, 1, 1, 8) + timedelta(days=rng.randrange(365 * 8),
                                                  minutes=rng.randrange(600))
    return Person(
        first=first, last=last, middle=rng.choice(("", "", "A", "J", "Marie", "Lee")),
        dob=born, sex=rng.choice(("female", "female", "male", "male", "other", "unknown")),
        email=f"{_ascii(first)}.{_ascii(last)}@{domain}",
        mobile=_phone(rng, loc, "mobile"), home=_phone(rng, loc, "home") if rng.random() < .6
        else "", work=_phone(rng, loc, "work") if rng.random() < .2 else "",
        line1=_street(rng.randrange(1, 240), rng.choice(STREETS[loc]), loc), city=city,
        state=state,
        postcode=postcode, created=created,
        preferred=rng.choice(("", "", "", "", "Bec", "Sam", "Jo", "Alex")))


def make_world(seed: str, locale: str, *, patients: int, providers: int = 4, staff: int = 2,
               leads: int = 0, visits: int = 0, start: date = date(2024, 1, 8)) -> World:
    world = World(locale, random.Random(seed))
    world.providers = [person(world, born_from=1960, born_span=30) for _ in range(providers)]
    world.staff = [person(world, born_from=1970, born_span=30) for _ in range(staff)]
    world.patients = [person(world) for _ in range(patients)]
    world.leads = [person(world, born_from=1970, born_span=40) for _ in range(leads)]
    rng = world.rng
    kinds = ("Initial Consultation", "Follow-up", "Standard Consult", "Review", "Extended")
    for _ in range(visits):
        day = start + timedelta(days=rng.randrange(0, 420))
        when = datetime(day.year, day.month, day.day, rng.randrange(8, 18),
                        rng.choice((0, 15, 30, 45)))
        status = rng.choices(("completed", "booked", "cancelled", "no_show", "arrived"),
                             (60, 20, 10, 6, 4))[0]
        world.visits.append(Visit(
            patient=rng.randrange(patients), provider=rng.randrange(providers), start=when,
            minutes=rng.choice((15, 30, 30, 45, 60)), kind=rng.choice(kinds), status=status,
            room=rng.choice(("Room 1", "Room 2", "Room 3", "Gym")),
            note=rng.choice(("", "", "", "Running late", "Bring scans", "Parking at rear"))))
    world.visits.sort(key=lambda v: v.start)
    return world


def money(rng: random.Random, high: int = 900) -> Decimal:
    return Decimal(rng.randrange(0, high * 100)) / 100
