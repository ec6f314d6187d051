"""The rows of a file that other files name by a name or an email, indexed once, however many.

A reference written as a name (`Client`: "Smith, Jane" or "Jane Smith") or an email is matched
against the file it points at. That file is read once, page by page, and only what the
referring columns hold is indexed: per column, each wanted value (case and accents aside) and
the ids of the rows holding it, and per person, the first and last name as nameparser reads
them (so "Smith, Jane", "Jane Smith" and "JANE SMITH" are one key). A name may come decorated:
the surname in capitals first (`ROSSI Mario`, as Italian and French registers write it) and a
date of birth in brackets (`Rossi, Mario (12/03/1980)`), which tells apart two patients of one
name when the patient file has their birth dates. Memory follows the names referred to, not
the rows read; no pair of a name and a row is compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from nameparser import HumanName

FOUND = 0.9  # share of the names that must be found in the other file
MOSTLY = 0.5  # share of the found names that must name one row (not a code or a category)
SEVERAL = 2  # ids kept per key: enough to know a name is several rows'
PERSON = "(first and last name)"  # the index of people's names, beside the columns'

Rows = Callable[[], Iterable[Mapping[str, object]]]  # a file's rows, read again
RowsOf = Callable[[str], Iterable[Mapping[str, object]]]  # a file's rows by its name


def fold(text: str) -> str:
    """Case, accents, dots and runs of spaces aside: "Renée  O.Brien" -> "renee obrien"."""
    plain = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace(".", "")
    return " ".join(plain.split())


# What a reference writes beside the name in brackets: a birth date, a chart number
_BRACKETED = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")
_DATE = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")


def date_key(text: str) -> str | None:
    """A date whatever its order or format: the year and the other two numbers sorted
    ("12/03/1980", "1980-03-12", "03/12/1980 00:00" are one key). It tells a birth date from
    another, never which day it is: the two files may write dates in different orders."""
    found = _DATE.search(text or "")
    if found is None:
        return None
    parts = list(found.groups())
    years = [p for p in parts if len(p) == 4]
    if len(years) != 1:
        return None  # a two-digit year says too little to tell two people apart
    parts.remove(years[0])
    day_month = sorted(int(p) for p in parts)
    return f"{years[0]}-{day_month[0]}-{day_month[1]}"


def birth_date(text: str) -> str | None:
    """The date of birth a name is written with, in brackets (`Mia Lee (10/03/2017)`)."""
    return next((k for m in _BRACKETED.finditer(text) if (k := date_key(m.group(1)))), None)


def _surname_first(text: str) -> str:
    """`ROSSI Mario`, `DE LUCA Anna`: a surname in capitals before the first name, turned
    round for nameparser (which reads the first word as the first name). A name all in
    capitals, or with a comma, is left as written."""
    words = text.split()
    caps = 0
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if len(letters) < 2 or not all(c.isupper() for c in letters):
            break
        caps += 1
    if "," in text or not 0 < caps < len(words):
        return text
    return " ".join(words[caps:] + words[:caps])


@lru_cache(maxsize=50_000)
def person_key(text: str) -> str | None:
    """A person's first and last name, folded, however written ("Last, First M", "First
    Last", "LAST First", with a title or a credential, a birth date in brackets): None when
    the text is not two names."""
    text = _surname_first(_BRACKETED.sub(" ", text or "").strip())
    if not text or any(c.isdigit() for c in text) or "@" in text:
        return None
    name = HumanName(text)
    first, last = fold(name.first), fold(name.last)
    if not (first and last):  # a first name nameparser takes for a title ("Baba Kale")
        before, comma, after = text.partition(",")
        split = text.split()
        words = (after.split()[:1] + before.split()[-1:]) if comma else (
            [split[0], split[-1]] if len(split) >= 2 else [])
        first, last = (fold(w) for w in words) if len(words) == 2 else ("", "")
    return f"{first}\0{last}" if first and last else None


def pair_key(first: str, last: str) -> str | None:
    first, last = fold(first), fold(last)
    return f"{first}\0{last}" if first and last else None


@dataclass
class Index:
    """Per column (and PERSON) a wanted key -> the ids of the rows holding it (at most
    SEVERAL: more says nothing new)."""

    rows: int = 0
    keys: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # per row found: its person (name, birth date, email), to tell one person entered twice
    # (the engine keeps the first row and holds the other as a duplicate) from two people
    who: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def _add(self, column: str, key: str, ident: str) -> None:
        ids = self.keys.setdefault(column, {}).setdefault(key, [])
        if len(ids) < SEVERAL and ident not in ids:
            ids.append(ident)

    def one_person(self, ids: list[str]) -> bool:
        """The rows are one person entered twice: name, birth date and email all given and
        equal, as domain.records.quality.same_person holds the later row back."""
        seen = {self.who.get(i) for i in ids}
        person = next(iter(seen)) if len(seen) == 1 else None
        return person is not None and all(person)


def build(rows: Iterable[Mapping[str, object]], own: str, wanted: set[str],
          people: set[str], names: tuple[str, str] | None = None,
          whole_names: Iterable[str] = (), born: str | None = None,
          email: str | None = None) -> Index:
    """One pass over `rows` (a file's, page by page): the folded `wanted` values of every
    column, and the `people` keys of the first and last name columns `names` or of the
    columns holding whole names; each also with the birth date of column `born`. Each row
    found is kept with its person (names, birth date, `email`)."""
    index = Index()
    whole = tuple(whole_names)
    for row in rows:
        index.rows += 1
        ident = str(row.get(own) or "").strip()
        if not ident:
            continue
        hit = False
        for column, value in row.items():
            if column == own or value in (None, ""):
                continue
            key = fold(str(value))
            if key in wanted:
                index._add(column, key, ident)
                hit = True
        found: set[str | None] = {person_key(str(row.get(c) or "")) for c in whole}
        if names:
            found.add(pair_key(str(row.get(names[0]) or ""), str(row.get(names[1]) or "")))
        dob = date_key(str(row.get(born) or "")) if born else None
        # `Dr S Dlamini`: a staff member by the initial of the first name, with the surname
        found |= {f"{p[0]}{p[p.index(chr(0)):]}" for p in found if p and p[0] != "\0"}
        for person in found if people else ():
            if person is not None and person in people:
                index._add(PERSON, person, ident)
                hit = True
                if dob:
                    index._add(PERSON, f"{person}\0{dob}", ident)
        if hit:
            name = next((p for p in sorted(found, key=str) if p is not None), "")
            index.who[ident] = (name, dob or "", fold(str(row.get(email) or "")) if email
                                else "")
    return index


def _person_reader(keys: Mapping[str, list[str]]) -> Callable[[str], str | None]:
    """A name as the index knows it: with its birth date when that finds one person."""
    def read(text: str) -> str | None:
        name = person_key(text)
        dob = birth_date(text) if name else None
        born = f"{name}\0{dob}" if dob else None
        return born if born is not None and len(keys.get(born, ())) == 1 else name
    return read


@dataclass(frozen=True)
class Match:
    column: str  # the other file's column (or PERSON) the names were found in
    ids: dict[str, str]  # name as written -> the id of the one row with it
    several: list[str]  # names as written that several rows have


def match(index: Index, seen: Iterable[str], people: bool) -> Match | None:
    """The first column of the index (then the people's names, when `people`) holding
    nearly all the names `seen`, most of them one row's."""
    written = sorted(v for v in seen if v.strip())
    if not written:
        return None
    columns = [c for c in index.keys if c != PERSON] + ([PERSON] if people else [])
    for column in columns:
        keys = index.keys.get(column, {})
        read = _person_reader(keys) if column == PERSON else fold
        found = {v: keys[k] for v in written if (k := read(v)) is not None and k in keys}
        if len(found) < FOUND * len(written):
            continue
        ones = {v: ids[0] for v, ids in found.items()
                if len(ids) == 1 or index.one_person(ids)}
        if len(ones) < MOSTLY * len(found):
            continue  # a code or a category that names many rows, not one name per row
        return Match(column, ones, sorted(v for v in found if v not in ones))
    return None
