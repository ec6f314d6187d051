"""Two columns that make one field between them (`combine`): a surname's particle in a column of
its own (`Tussenvoegsel` `van der` before `Achternaam`, `Namenszusatz` `von`) and a house number
beside its street (`Straat` + `Huisnummer`, `Endereço` + `Número`, `Via` + `Civico`). Left
alone, the particle is lost (two `van Dijk` and `de Dijk` land as one name) and the number is
read as something else (a provider's number). The header says which part it may be, in any
language the vocabulary reads; the values decide.
"""

from __future__ import annotations

import re

from domain.mapping import Combine, FileMapping
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.text import phrase

SHARE = 0.8  # of a column's distinct values that must look like the part
# Header words of a column holding only a surname's particle (nl, de, fr, es, pt, it, en).
PARTICLE_HEADERS = frozenset({"tussenvoegsel", "voorvoegsel", "voorvoegsels", "namenszusatz",
                              "vorsatzwort", "particule", "particula", "particella", "infix",
                              "name prefix", "surname prefix", "nobiliary particle"})
# Header words of a street's house number: alone (`Número`, `Nr.`: the street is beside it)
# or with the word for house (`Huisnummer`, `Hausnummer`, `Numero civico`, `Número da casa`).
NUMBER_HEADERS = frozenset({"number", "huis number", "hausnummer", "number civico", "civico",
                            "number casa", "house number", "street number", "number maison",
                            "number de rue", "number de la calle", "number de casa", "hnr"})
_PARTICLE = re.compile(r"^[a-z']{1,4}( [a-z']{1,4}){0,2}$")  # `van`, `van der`, `de la`, `'t`
_HOUSE_NUMBER = re.compile(r"^(\d{1,5}\s?[a-z]?([-/]\s?\d{0,5}[a-z]?)?|s/?n)$", re.IGNORECASE)


def _fits(col: ColumnProfile, pattern: re.Pattern[str]) -> bool:
    values = [v.strip() for v in col.distinct if v.strip()]
    return bool(values) and sum(1 for v in values if pattern.match(v)) / len(values) >= SHARE


def _join(fm: FileMapping, header: str, target: str, columns: list[str], reason: str) -> None:
    column = fm.columns[header]
    column.target, column.custom_field, column.custom_field_type = None, None, None
    column.flagged = False
    column.reasons.append(reason)
    fm.combine.append(Combine(target=target, columns=columns, reasons=[reason]))


def propose_joined(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    """Combine a particle column with the surname and a house number with its street."""
    if any(c.target in (f"{fm.kind}.last_name", f"{fm.kind}.address_line1")
           for c in fm.combine):
        return
    surname = fm.column_of(f"{fm.kind}.last_name")
    street = fm.column_of(f"{fm.kind}.address_line1")
    for header in headers:
        col = profile.columns.get(header)
        if col is None or header not in fm.columns or header in (surname, street):
            continue
        words = " ".join(phrase(header).tokens)
        if surname and words in PARTICLE_HEADERS and _fits(col, _PARTICLE):
            _join(fm, header, f"{fm.kind}.last_name", [header, surname],
                  f"'{header}' holds the particles of the surname (`van`, `de`): they go "
                  f"before '{surname}'")
            surname = None
        elif street and words in NUMBER_HEADERS and _fits(col, _HOUSE_NUMBER) and abs(
                headers.index(header) - headers.index(street)) <= 2:
            _join(fm, header, f"{fm.kind}.address_line1", [street, header],
                  f"'{header}' beside '{street}' holds house numbers: they follow the street")
            street = None
