"""Which date a column of dates is, from when its dates fall.

- A person's birth date: dates only, none in the future, spanning decades, ages a person has.
- A record's own moments (created, then updated): every row has one, all in the recent past;
  the earlier of two is the creation.
- An appointment's start and end: date-times on the same days, the end later in the day; a
  column of moments before them is when the appointment was booked (created). One column of
  moments (or of dates alone) on an appointment file is its start.
- A file of one moment per record (a payment's date, a call's, a note's, an allergy's): its
  one column of dates, when the kind has one such field.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics

from domain.proposal.blind.base import SURE, Blind, fill, seen
from domain.proposal.profile import ColumnProfile
from domain.records.normalise import Invalid, parse_date

PERSONS = frozenset({"patient", "lead", "provider"})
DATES = 0.9  # share of values that must be dates or date-times
DECADES = 20  # years a list of people's birth dates spans at least
OLDEST = 115  # years: no one living is older
RECENT = 40  # years: a record's own moment is younger than this
OWN = 0.9  # share of rows with a value: every record has its own moment
SAME_DAYS = 0.5  # share of a start's days an end column shares
FIRST_YEAR = 1850  # an earlier year is a database's placeholder for no date
# (a billing row's date is as often the invoice's as the payment's: not read)
ONE_MOMENT = ("occurred_at", "recorded_at", "referred_at", "verified_at")
_CLOCK = re.compile(r"(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*([ap])?", re.IGNORECASE)
Moment = tuple[dt.date, int | None]  # the day, and the minute of the day when written


def _moment(text: str, order: str) -> Moment | None:
    head, _, rest = text.replace("T", " ", 1).partition(" ")
    try:
        day, _ = parse_date(head, order)
    except (Invalid, ValueError):
        try:
            day, _ = parse_date(text, order)
        except (Invalid, ValueError):
            return None
        rest = ""
    return day, _clock(rest)


def _moments(col: ColumnProfile) -> tuple[list[Moment], float]:
    """The column's moments (empty when it holds none), and the share of rows with one."""
    if col.share_any("date", "datetime") < DATES:
        return [], 0.0
    order = "MDY" if col.mdy_proof and not col.dmy_proof else "DMY"
    read = {v: _moment(v, order) for v in seen(col)}
    if sum(m is not None for m in read.values()) < DATES * len(read):
        return [], 0.0
    # a database's "no date" (`0001-01-01`) is no value; a column mostly of them is unset
    unset = sum(n for v, n in col.distinct.items() if (m := read.get(v.strip())) and
                m[0].year < FIRST_YEAR)
    found = [m for m in read.values() if m and m[0].year >= FIRST_YEAR]
    if not found or unset >= 0.5 * col.non_empty:
        return [], 0.0
    return found, (col.non_empty - unset) / max(1, col.non_empty + col.empty)


def _born(moments: list[Moment], col: ColumnProfile, today: dt.date) -> bool:
    years = [d.year for d, _ in moments]
    return (col.share("datetime") < 0.1 and len(years) >= 5 and max(years) <= today.year
            and min(years) >= today.year - OLDEST and max(years) - min(years) >= DECADES
            and all(d <= today for d, _ in moments))


def _own(moments: list[Moment], filled: float, today: dt.date) -> bool:
    return (filled >= OWN and all(d <= today for d, _ in moments)
            and min(d.year for d, _ in moments) >= today.year - RECENT)


def _timed(moments: list[Moment]) -> bool:
    return sum(t is not None for _, t in moments) >= DATES * len(moments)


def _median(moments: list[Moment]) -> dt.date:
    return statistics.median_low(d for d, _ in moments)


def read_dates(blind: Blind) -> None:
    today = dt.date.today()
    columns = [(h, col, m, f) for _, h, col in blind.open_columns()
               for m, f in [_moments(col)] if m]
    if not columns:
        return
    if blind.kind == "appointment":
        _appointment(blind, columns)
        _end_of_day(blind)
        return
    if blind.kind in PERSONS and not {"first_name", "last_name", "email"} & set(blind.held):
        return  # no name and no email: no list of people, whatever the file's name says
    own = []
    for header, col, moments, filled in columns:
        if blind.kind in PERSONS and _born(moments, col, today):
            blind.take(header, "date_of_birth", "dates in the past spanning "
                       f"{max(d.year for d, _ in moments) - min(d.year for d, _ in moments)} "
                       "years, ages a person has: birth dates")
        elif _own(moments, filled, today):
            own.append((header, moments))
    if blind.kind in PERSONS:
        # a record's own moments are stamped with their time: those first, then the dates
        stamped = sorted(own, key=lambda t: not _timed(t[1]))[:2]
        for (header, _), name in zip(sorted(stamped, key=lambda t: _median(t[1])),
                                     ("created_at", "updated_at"), strict=False):
            blind.take(header, name, "a date on every row, all in the recent past: the "
                       f"record's own moment ({name}, by which comes first)")
        return
    single = [f for f in (*ONE_MOMENT, "created_at") if f in blind.fields]
    if len(own) == 1 and single:
        blind.take(own[0][0], single[0], "the file's one column of dates, one on every row: "
                   f"the record's own moment ({single[0]})")


def _appointment(blind: Blind,
                 columns: list[tuple[str, ColumnProfile, list[Moment], float]]) -> None:
    # every appointment has its start: a sparse column of moments is something that befell
    # some (a cancellation)
    columns = [c for c in columns if c[3] >= OWN]
    timed = [(h, m) for h, _, m, _ in columns if _timed(m)]
    pair = None
    for a, (first, start) in enumerate(timed):
        for second, end in timed[a + 1:]:
            days = {d for d, _ in start}
            # the same moments as the start's are a copy (an arrival at the booked time,
            # a placeholder), no end
            copies = len(set(start) & set(end)) >= SAME_DAYS * min(len(start), len(end))
            if not copies and len(days & {d for d, _ in end}) >= SAME_DAYS * min(
                    len(days), len(end)):
                pair = (first, start, second, end)
                break
        if pair:
            break
    if pair:
        first, start, second, end = pair
        if min(t or 0 for _, t in end) < min(t or 0 for _, t in start):
            first, start, second, end = second, end, first, start
        blind.take(first, "starts_at", "date-times on the same days as another column's, "
                   "earlier in the day: the start", SURE)
        blind.take(second, "ends_at", "date-times on the same days as the start, later in the "
                   "day: the end", SURE)
    rest = [(h, m) for h, m in timed if h not in blind.found] or (
        [] if pair else [(h, m) for h, _, m, _ in columns])
    if not rest:
        return
    rest.sort(key=lambda t: _median(t[1]))
    if not pair:
        start_header, moments = rest.pop()  # the latest: booked before it happens
        blind.take(start_header, "starts_at", "the appointment file's latest moments: its start")
    else:
        moments = next(m for h, m in timed if h == pair[0])
    before = [h for h, m in rest if _median(m) <= _median(moments)]
    if before:
        blind.take(before[-1], "created_at", "moments before the start: when it was booked")


def _clock(value: str) -> int | None:
    found = _CLOCK.fullmatch(value.strip().replace(" ", "")) or _CLOCK.match(value.strip())
    if not found:
        return None
    hour = int(found[1]) % 12 + (12 if (found[3] or "").lower() == "p" else 0) if found[3] \
        else int(found[1])
    return hour * 60 + int(found[2])


def _end_of_day(blind: Blind) -> None:
    """Two columns of times of day beside the appointment's date: the later one is the end
    (the start's time is read with the date by domain.proposal.rules)."""
    times = []
    for _, header, col in blind.open_columns():
        clocks = [c for v in seen(col) if (c := _clock(v)) is not None]
        if col.share("time") >= DATES and fill(col) >= OWN and clocks:
            times.append((header, clocks))
    if len(times) != 2:
        return
    (first, a), (second, b) = times
    if min(b) > min(a) and max(b) >= max(a) and statistics.median(b) > statistics.median(a):
        blind.take(second, "ends_at", "times of day later than the other column's: the end")
    elif min(a) > min(b) and max(a) >= max(b) and statistics.median(a) > statistics.median(b):
        blind.take(first, "ends_at", "times of day later than the other column's: the end")
