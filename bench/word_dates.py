"""Dates with the month's name in the clinic's language: the engine's reader against dateparser.

    python bench/word_dates.py      (dateparser measured when installed: pip install dateparser)

Before hand-writing a parser, measure the library: dateparser reads dates in some two hundred
languages. Each case is a date (or a date and time in one cell) as an export writes it, the
clinic's country and the date meant. Readers:
- `strptime (before)`: the English-only formats the engine had (`%d %b %Y` ...), kept here;
- `dateparser`: dateparser.parse in the clinic's language, day first where the country writes so,
  no relative dates (`PREFER_DATES_FROM` off, `STRICT_PARSING`: a date needs day, month, year);
- `engine`: domain.records.normalise.parse_date / parse_datetime, month names from babel's
  CLDR data for the country's locales and English (domain/records/values/worddates.py).
Also measured: the cost per value (the date reader is on every row's hot path), and whether a
reader refuses what is not a date.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import print_table  # noqa: E402

# (written, clinic's country, its language for dateparser, meant: YYYY-MM-DD or YYYY-MM-DDTHH:MM)
CASES: list[tuple[str, str, str, str]] = [
    ("07 Jan 2024", "IN", "en", "2024-01-07"),
    ("Jan 7, 2024", "US", "en", "2024-01-07"),
    ("January 7th 2024", "US", "en", "2024-01-07"),
    ("07-Jan-24", "GB", "en", "2024-01-07"),
    ("7 stycznia 2024", "PL", "pl", "2024-01-07"),
    ("12 listopada 2024 r.", "PL", "pl", "2024-11-12"),
    ("3 maj 2024", "SE", "sv", "2024-05-03"),
    ("3 okt. 2024", "SE", "sv", "2024-10-03"),
    ("7 de enero de 2024", "ES", "es", "2024-01-07"),
    ("7. März 2024", "DE", "de", "2024-03-07"),
    ("7 févr. 2024", "FR", "fr", "2024-02-07"),
    ("07 Jan 2024 10:30 AM", "IN", "en", "2024-01-07T10:30"),
    ("7 stycznia 2024, 10:30", "PL", "pl", "2024-01-07T10:30"),
    ("7 stycznia 2024 o godz. 14:05", "PL", "pl", "2024-01-07T14:05"),
    ("3 maj 2024 kl. 09:15", "SE", "sv", "2024-05-03T09:15"),
]
NOT_DATES: list[tuple[str, str, str]] = [
    ("12 Main 2000", "US", "en"), ("yesterday", "US", "en"), ("in 2 days", "US", "en"),
    ("Room 12 2024", "GB", "en"),
]
_OLD_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%b %d %Y", "%B %d %Y")


def before(text: str, country: str, language: str) -> str:
    for fmt in _OLD_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError("not a date")


def with_dateparser(text: str, country: str, language: str) -> str:
    import dateparser

    got = dateparser.parse(text, languages=[language], settings={
        "DATE_ORDER": "MDY" if country == "US" else "DMY", "STRICT_PARSING": True,
        "PARSERS": ["absolute-time"]})
    if got is None:
        raise ValueError("not a date")
    return got.strftime("%Y-%m-%dT%H:%M") if (got.hour, got.minute) != (0, 0) else got.date().isoformat()


def engine(text: str, country: str, language: str) -> str:
    from domain.mapping import Settings
    from domain.records.normalise import parse_date, parse_datetime

    order = "MDY" if country == "US" else "DMY"
    try:
        return parse_date(text, order, country=country)[0].isoformat()
    except ValueError:
        moment = parse_datetime(text, order, Settings(country=country))[0]
        return moment[:16]


def readers() -> dict[str, Callable[[str, str, str], str]]:
    found: dict[str, Callable[[str, str, str], str]] = {"strptime (before)": before}
    try:
        import dateparser  # noqa: F401
    except ImportError:
        print("dateparser is not installed: measured without it")
    else:
        found["dateparser"] = with_dateparser
    found["engine"] = engine
    return found


def outcome(read: Callable[[str, str, str], str], text: str, country: str, language: str,
            want: str) -> str:
    try:
        got = read(text, country, language)
    except Exception as exc:  # noqa: BLE001 - a refusal is an outcome to count
        return f"refused ({type(exc).__name__})"
    return "ok" if got == want else f"WRONG {got}"


def main() -> int:
    found = readers()
    rows, ok = [], dict.fromkeys(found, 0)
    for text, country, language, want in CASES:
        results = {name: outcome(read, text, country, language, want) for name, read in found.items()}
        for name, res in results.items():
            ok[name] += res == "ok"
        rows.append([repr(text), country, want, *results.values()])
    print_table("Word dates: which reader reads which", ["written", "country", "means", *found], rows)
    print()
    refused = {name: sum(outcome(read, t, c, lang, "-").startswith("refused") for t, c, lang in NOT_DATES)
               for name, read in found.items()}
    cost = {}
    for name, read in found.items():
        for text, country, language, _ in CASES:  # warm: babel's and dateparser's data loaded
            outcome(read, text, country, language, "")
        start, rounds = time.perf_counter(), 20
        for _ in range(rounds):
            for text, country, language, _ in CASES:
                outcome(read, text, country, language, "")
        cost[name] = (time.perf_counter() - start) / (rounds * len(CASES)) * 1e6
    print_table("Totals", ["reader", "read right", "not dates refused", "µs per value"],
                [[name, f"{ok[name]}/{len(CASES)}", f"{refused[name]}/{len(NOT_DATES)}", cost[name]]
                 for name in found])
    return 0


if __name__ == "__main__":
    sys.exit(main())
