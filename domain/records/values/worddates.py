"""Dates written with the month's name in the clinic's language: `07 Jan 2024`, `Jan 7, 2024`,
the Polish `7 stycznia 2024` (the genitive), the Swedish `7 jan. 2024`, the Spanish
`7 de enero de 2024`, the Catalan `7 d'abril de 2024`, the Hebrew `7 במרץ 2024` (`in March`),
the Hungarian `2024. január 7.` and the Lithuanian `2024 m. kovo 7 d.` (year first), the
Latvian `2024. gada 7. marts` (the year, then the day); with a time of day after them in one
cell (`07 Jan 2024 10:30 AM`, `7 stycznia 2024, 10:30`).

The month names are babel's (CLDR) for the locales of the clinic's country, and English, which
exports write whatever their country: wide and abbreviated, in the forms a date uses and those
that stand alone. One country's languages give a word one month: the clinic's likeliest
language first, then English, then the country's other languages (`listopad` is November in
Polish and October in Croatian; a Polish clinic reads it as November). A word none of them
knows is looked up among all languages' month names that name one month only.
Measured against dateparser (bench/word_dates.py, 15 dates of 8 languages): this reader 15
read right at ~23 µs a value, dateparser 14 (not `3 maj 2024 kl. 09:15`) at ~1,340 µs, the
English strptime formats it replaces 2; each refuses the 4 non-dates. The date reader is on
every row's path, and dateparser would be a new dependency: the hand pattern with babel's month
names is kept.
"""

from __future__ import annotations

import functools
import re

from babel import Locale
from babel.localedata import locale_identifiers

from domain.records.values.bare import bare
from domain.records.values.money import clinic_locales

_SEP = r"[\s\-/]"
# after the year: the Polish `r.` and Russian `г.` (year), or the point Croatian and Serbian
# close a date with (`12. ožujka 2024.`)
_YEAR_END = r"(?:\s*[rг]\.|\.)?"
# day, month, year (`07 Jan 2024`, `7. jan. 2024`, `7 de enero de 2024`, `07-Jan-24`)
_DAY_FIRST = re.compile(
    rf"(\d{{1,2}})\.?{_SEP}+(?:de\s+|d['’]\s*)?([^\W\d_]+)\.?,?{_SEP}+(?:de\s+)?(\d{{4}}|\d{{2}})"
    rf"{_YEAR_END}")
# month, day, year (`Jan 7, 2024`, `January 7th 2024`)
_MONTH_FIRST = re.compile(rf"([^\W\d_]+)\.?{_SEP}+(\d{{1,2}})(?:st|nd|rd|th)?,?{_SEP}+(\d{{4}})")
# year, month, day, each closed by a point (Hungarian `2024. január 8.`, `2024. jan. 8.`)
# (and the Lithuanian `2024 m. kovo 8 d.`: m. the year's, d. the day's)
_YEAR_FIRST = re.compile(
    rf"(\d{{4}})\.?(?:\s*m\.)?{_SEP}+([^\W\d_]+)\.?{_SEP}+(\d{{1,2}})\.?(?:\s*d\.)?")
# the year, then the day, then the month (Latvian `2024. gada 8. marts`)
_YEAR_DAY = re.compile(r"(\d{4})\.?\s+gada\s+(\d{1,2})\.\s+([^\W\d_]+)")
# such a date, then the time of day, perhaps after a short word or two (`, 10:30`, ` kl. 10:30`,
# ` o godz. 10:30`, ` at 10:30 AM`)
WORD_MOMENT = re.compile(
    rf"(?P<date>\D*\d{{1,2}}\D+\d{{4}}{_YEAR_END}),?\s+(?:[^\W\d_]{{1,5}}\.?\s+){{0,2}}(?P<time>\d{{1,2}}\D.*)")
# a year-first one, then the time of day (`2024. január 8. 10:30`)
_YEAR_FIRST_MOMENT = re.compile(
    r"(?P<date>\d{4}\.?\s+[^\W\d_]+\.?\s+\d{1,2}\.?),?\s+(?P<time>\d{1,2}\D.*)")


@functools.lru_cache(maxsize=64)
def month_words(country: str) -> dict[str, int]:
    """Each month name the clinic's country writes (folded, no final point) -> its month."""
    words: dict[str, int] = {}
    for locale in clinic_locales(country):
        months = locale.months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    words.setdefault(name.casefold().rstrip("."), number)
    # and as capitals write them, without the accent (Greek `ΝΟΕΜΒΡΙΟΥ` for `Νοεμβρίου`)
    for word, number in list(words.items()):
        words.setdefault(bare(word), number)
    return words


def match_word_date(text: str, country: str) -> tuple[str, int, int] | None:
    """(year as written, month, day) of a date written with its month's name, else None."""
    # as written first: a month's short name may be a weekday's in another of the country's
    # languages (`Mar 2, 2024`: March in English, Tuesday in Filipino and Spanish)
    for candidate in dict.fromkeys((text, _without_weekday(text, country))):
        if day_first := _DAY_FIRST.fullmatch(candidate):
            day, word, year = day_first.groups()
        elif month_first := _MONTH_FIRST.fullmatch(candidate):
            word, day, year = month_first.groups()
        elif year_first := _YEAR_FIRST.fullmatch(candidate):
            year, word, day = year_first.groups()
        elif year_day := _YEAR_DAY.fullmatch(candidate):
            year, day, word = year_day.groups()
        else:
            continue
        folded = word.casefold()
        # a Hebrew month after `ב` (in): `במרץ`
        month = _month(folded, country) or (folded[:1] == "ב" and _month(folded[1:], country))
        if month:
            return year, int(month), int(day)
    return None


def _month(folded: str, country: str) -> int | None:
    return (month_words(country).get(folded) or month_words(country).get(bare(folded))
            or _any_language_months().get(folded))


_LEADING_WORD = re.compile(r"([^\W\d_]+)\.?,?\s+(?=\S)")


def _without_weekday(text: str, country: str) -> str:
    """The date without the weekday written before it (`Mon 8 Jan 2024`, `tirsdag 9. januar
    2024`): a day's name in the clinic's languages or English, nothing else, is set aside."""
    lead = _LEADING_WORD.match(text)
    if lead and lead[1].casefold() in day_words(country):
        return text[lead.end():]
    return text


@functools.lru_cache(maxsize=64)
def day_words(country: str) -> frozenset[str]:
    """Each weekday name the clinic's country or English writes (folded, no final point)."""
    words: set[str] = set()
    for locale in clinic_locales(country):
        days = locale.days
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated", "short"):
                words.update(n.casefold().rstrip(".") for n in days[context][width].values())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def _any_language_months() -> dict[str, int]:
    """Month names of every language babel knows that name one month only (`stycznia`; not
    `listopad`, November in Polish and October in Croatian): for a clinic whose country was
    not (yet) told right. Built once (about a second), and only when a word is not one of the
    country's months."""
    found: dict[str, set[int]] = {}
    for ident in locale_identifiers():
        if "_" in ident:
            continue
        months = Locale.parse(ident).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    found.setdefault(name.casefold().rstrip("."), set()).add(number)
    return {word: next(iter(months)) for word, months in found.items() if len(months) == 1}


def split_word_moment(text: str) -> tuple[str, str] | None:
    """(date, time of day) of a word date with its time in one cell, else None."""
    moment = WORD_MOMENT.fullmatch(text) or _YEAR_FIRST_MOMENT.fullmatch(text)
    if moment and any(c.isalpha() for c in moment["date"]):
        return moment["date"], moment["time"]
    return None
