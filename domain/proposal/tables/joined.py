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
from domain.proposal.match import header_matches
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.text import phrase, raw_tokens, singular
from domain.records.rules import DATETIME_NAMES

SHARE = 0.8  # of a column's distinct values that must look like the part
# Header words of a column holding only a surname's particle (nl, de, fr, es, pt, it, en).
PARTICLE_HEADERS = frozenset({"tussenvoegsel", "voorvoegsel", "voorvoegsels", "namenszusatz",
                              "vorsatzwort", "particule", "particula", "particella", "infix",
                              "name prefix", "surname prefix", "nobiliary particle"})
# Header words of a street's house number: alone (`Número`, `Nr.`: the street is beside it)
# or with the word for house (`Huisnummer`, `Hausnummer`, `Numero civico`, `Número da casa`).
NUMBER_HEADERS = frozenset({"number", "huis number", "hausnummer", "number civico", "civico",
                            "number casa", "house number", "street number", "number maison",
                            "number de rue", "number de la calle", "number de casa", "hnr",
                            "number domu", "number budynku"})
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


# A date kept in three columns, one per part (OSCAR's `year_of_birth`, `month_of_birth`,
# `date_of_birth` holding the day; `dob_year`; `Geburtsjahr`; `ano_nacimiento`). Read one by
# one, the year looks like a postcode and the day like no date at all: the date is lost.
# Header words of each part, accents stripped (en, es, pt, fr, de, it, nl); `date` is a day
# only when the values are days of a month.
PART_WORDS: dict[str, frozenset[str]] = {
    "year": frozenset({"year", "yr", "yyyy", "yy", "y", "ano", "anio", "annee", "an", "jahr",
                       "anno", "jaar"}),
    "month": frozenset({"month", "mon", "mo", "mm", "m", "mes", "mois", "monat", "mese",
                        "maand"}),
    "day": frozenset({"day", "dd", "d", "dia", "jour", "tag", "giorno", "dag", "date", "dt"}),
}
LINK_WORDS = frozenset({"of", "de", "del", "da", "do", "du", "des", "di", "la", "le", "the",
                        "von", "der", "van", "het"})
PART_RANGES = {"year": (1800, 2100), "month": (1, 12), "day": (1, 31)}
PART_ORDER = ("year", "month", "day")
TARGET_FLOOR = 0.85  # how surely `date of <stem>` names a field


def _part_of(header: str) -> tuple[str, tuple[str, ...]] | None:
    """(part, stem) of a header naming one part of a date: `year_of_birth` is the year of
    `birth`, `Geburtsmonat` the month of `geburt`."""
    found: list[tuple[str, tuple[str, ...]]] = []
    tokens = raw_tokens(header)
    for i, token in enumerate(tokens):
        rest = [t for j, t in enumerate(tokens) if j != i]
        for part, words in PART_WORDS.items():
            if token in words:
                found.append((part, tuple(rest)))
            else:
                # a compound (`geburtsjahr`, `birthyear`): a stem of three letters at least
                found += [(part, (*rest[:i], token[:-len(w)], *rest[i:])) for w in words
                          if len(w) >= 3 and token.endswith(w) and len(token) - len(w) >= 3]
    stems = {(part, tuple(singular(t) for t in stem if t not in LINK_WORDS))
             for part, stem in found}
    stems = {(part, stem) for part, stem in stems if stem}
    return next(iter(stems)) if len(stems) == 1 else None


def _holds(col: ColumnProfile, part: str) -> bool:
    """Whole numbers in the part's range, a year of four digits, a month or day of two at most
    (0 standing for unknown, as OSCAR's `0000/00/00` does)."""
    low, high = PART_RANGES[part]
    values = [v.strip() for v in col.distinct if v.strip()]
    digits = [v for v in values if v.isdigit() and (len(v) == 4 if part == "year" else len(v) <= 2)]
    known = [int(v) for v in digits if int(v)]
    return bool(known) and len(digits) >= SHARE * len(values) and all(
        low <= n <= high for n in known)


def _date_field(fm: FileMapping, stem: tuple[str, ...], headers: list[str]) -> str | None:
    """The kind's date field the stem names (`birth`: date_of_birth), else the one a part's
    header was read as."""
    best: tuple[float, str] | None = None
    words = " ".join(stem)
    # German and Dutch write the date as one word with the stem (`Geburtsdatum`, `geboortedatum`)
    compact = "".join(stem)
    for text in (f"date of {words}", f"{words} date", words, f"{compact}datum",
                 f"{compact}sdatum"):
        for found in header_matches(fm.kind, text):
            if found.score >= TARGET_FLOOR and _is_date(found.field) and (
                    best is None or found.score > best[0]):
                best = (found.score, found.field)
    if best is not None:
        return best[1]
    for header in headers:
        target = fm.columns[header].target or ""
        kind, _, name = target.partition(".")
        if kind == fm.kind and _is_date(name):
            return name
    return None


def _is_date(name: str) -> bool:
    return name == "date_of_birth" or name in DATETIME_NAMES or name.endswith(("_date", "_at"))


def propose_date_parts(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    """Year, month and day columns of one date (headers sharing a stem, values whole numbers
    in each part's range): combined into the date field the stem names."""
    groups: dict[tuple[str, ...], dict[str, list[str]]] = {}
    for header in headers:
        col = profile.columns.get(header)
        said = _part_of(header) if col is not None and header in fm.columns else None
        if said is not None and col is not None and _holds(col, said[0]):
            groups.setdefault(said[1], {}).setdefault(said[0], []).append(header)
    for stem, parts in groups.items():
        if any(len(parts.get(p, ())) != 1 for p in PART_ORDER):
            continue  # a part missing or said twice: which column is which is not known
        columns = [parts[p][0] for p in PART_ORDER]
        name = _date_field(fm, stem, columns)
        target = f"{fm.kind}.{name}"
        if name is None or any(c.target == target for c in fm.combine):
            continue
        reason = (f"'{columns[0]}', '{columns[1]}' and '{columns[2]}' hold the year, month and "
                  f"day of one date: together they are {target}")
        for header in columns:
            column = fm.columns[header]
            column.target, column.custom_field, column.custom_field_type = None, None, None
            column.flagged = False
            column.reasons.append(reason)
        fm.combine.append(Combine(target=target, columns=columns, separator="-",
                                  reasons=[reason]))
