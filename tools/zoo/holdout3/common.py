"""Helpers shared by the holdout3 exports: name and place pools the seeded world has none for
(the Netherlands, Brazil), renaming a world's people into them, and the offsets of European and
Australian summer time."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta

from tools.zoo.world import Person, World

NL_FIRST = ("Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Finn", "Tess", "Noah", "Sophie",
            "Jesse", "Zoë", "Bram", "Fleur", "Thijs", "Anouk", "Mohamed", "Fatima", "Sanne",
            "Ruben")
# Dutch surnames keep their infix (tussenvoegsel) in front: "de Vries", "van den Berg"
NL_LAST = ("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser",
           "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
           "Hendriks", "van Leeuwen", "Dekker", "Yılmaz", "El Amrani")
NL_INFIXES = ("van den", "van der", "van", "de")
NL_PLACES = (("Amsterdam", "NH", "1017 CE"), ("Utrecht", "UT", "3511 LX"),
             ("Haarlem", "NH", "2011 VB"), ("Amstelveen", "NH", "1181 ZM"),
             ("Hilversum", "NH", "1211 BL"), ("Den Haag", "ZH", "2514 EA"))
NL_STREETS = ("Prinsengracht", "Kerkstraat", "Van Baerlestraat", "Oudegracht", "Dorpsstraat",
              "Stationsweg")

BR_FIRST = ("Maria", "João", "Ana", "Pedro", "Juliana", "Lucas", "Fernanda", "Gabriel",
            "Camila", "Rafael", "Beatriz", "Matheus", "Larissa", "Thiago", "Aline", "Gustavo",
            "Letícia", "Bruno", "Mariana", "Felipe")
BR_LAST = ("Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves",
           "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida",
           "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa")
BR_MIDDLE = ("", "", "", "Aparecida", "de Souza", "da Conceição", "dos Santos", "Henrique")
BR_PLACES = (("São Paulo", "SP", "01310-100"), ("São Paulo", "SP", "04077-000"),
             ("São Paulo", "SP", "05415-030"), ("Santo André", "SP", "09010-160"),
             ("Osasco", "SP", "06010-000"), ("Guarulhos", "SP", "07010-010"))
BR_STREETS = ("Avenida Paulista", "Rua Augusta", "Alameda Santos", "Rua dos Pinheiros",
              "Avenida Ibirapuera", "Rua Haddock Lobo")
BR_DISTRICTS = ("Bela Vista", "Moema", "Pinheiros", "Jardins", "Vila Mariana", "Centro")


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain if c.isalnum()).lower()


def rename(world: World, firsts: tuple[str, ...], lasts: tuple[str, ...],
           places: tuple[tuple[str, str, str], ...], streets: tuple[str, ...],
           phone: Callable[[random.Random, str], str], middles: tuple[str, ...] = ("",)) -> None:
    """Gives every person of the world a name, address and phones from the export's country."""
    rng = world.rng
    used: set[tuple[str, str]] = set()
    for p in [*world.providers, *world.staff, *world.patients, *world.leads]:
        while True:
            first, last = rng.choice(firsts), rng.choice(lasts)
            if (first, last) not in used:
                break
        used.add((first, last))
        p.first, p.last = first, last
        p.middle = rng.choice(middles)
        domain = p.email.rsplit("@", 1)[1]
        p.email = f"{_ascii(first)}.{_ascii(last)}@{domain}"
        p.city, p.state, p.postcode = rng.choice(places)
        p.line1 = f"{rng.choice(streets)} {rng.randrange(1, 400)}"
        p.mobile = phone(rng, "mobile")
        p.home = phone(rng, "home") if p.home else ""
        p.work = phone(rng, "work") if p.work else ""
        p.preferred = ""


def nl_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    return f"06-{r(10000000, 99999999)}" if kind == "mobile" \
        else f"0{rng.choice(('20', '30', '23', '35'))}-{r(1000000, 9999999)}"


def br_phone(rng: random.Random, kind: str) -> str:
    r = rng.randrange
    return f"(11) 9{r(1000, 9999)}-{r(1000, 9999)}" if kind == "mobile" \
        else f"(11) {r(2000, 5999)}-{r(1000, 9999)}"


def nl_split(last: str) -> tuple[str, str]:
    """("van den", "Berg") from "van den Berg"; ("", "Jansen") when there is no infix."""
    for infix in NL_INFIXES:
        if last.startswith(infix + " "):
            return infix, last[len(infix) + 1:]
    return "", last


def _last_sunday(year: int, month: int) -> date:
    d = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return d - timedelta(days=(d.weekday() + 1) % 7)


def cet_offset(t: datetime) -> str:
    """Central European time: +02:00 from the last Sunday of March to the last of October."""
    summer = _last_sunday(t.year, 3) <= t.date() < _last_sunday(t.year, 10)
    return "+02:00" if summer else "+01:00"


def full(p: Person) -> str:
    return f"{p.first} {p.last}"
