"""A streaming profile of a file's columns: what their values look like, in bounded memory.

`ColumnProfiler.add(row)` once per row, `profile()` at the end. Per column it keeps counts of
value shapes, the date-order evidence, up to DISTINCT_CAP distinct values (pick-lists need them)
and a k-minimum-values sketch for the number of distinct values; nothing grows with the rows.
Small files (a key/value table has three or four columns) also get a profile of each column per
distinct value of the others, so a key/value table's fields can be judged one by one.
`date_reason` and `file_date_order` say what day/month order a column's or a file's dates prove.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Mapping
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from domain.proposal.shapes import DateInfo, classify
from domain.records.values.digits import ascii_digits

DISTINCT_CAP = 64
# Header words of a date or a time of day, in the languages of the clinics served: a column of
# spreadsheet day numbers is read as dates only under such a header (a zip code looks the same)
_WHEN = re.compile(
    r"dat[aeu]|\bdob\b|birth|\bday\b|\bdt\b|_at\b|\btime|\bwhen\b|start|\bend|created|"
    r"modified|updated|registered|joined|expir|\bdue\b|fecha|hora|heure|\bora\b|uhrzeit|zeit\b|"
    r"tijd|geboren|nascita|naissance|nacimiento|nascimento|\bdatum", re.IGNORECASE)
DAYS_SHARE = 0.9
ZERO_DATES = frozenset({"0000-00-00", "0000-00-00 00:00:00", "00/00/0000"})
MAX_DISTINCT_LENGTH = 80  # longer values are free text, never a pick-list entry
SKETCH_K = 128
KEY_VALUE_MAX_COLUMNS = 4
SUB_DISTINCT_CAP = 16


class ColumnProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    non_empty: int = 0
    empty: int = 0
    shapes: dict[str, int] = Field(default_factory=dict)
    distinct: dict[str, int] = Field(default_factory=dict)  # value -> count, up to the cap
    distinct_overflow: bool = False  # more distinct values than the cap
    distinct_estimate: int = 0
    dmy_proof: int = 0  # dates whose first part is > 12
    mdy_proof: int = 0  # dates whose second part is > 12
    iso_dates: int = 0
    numeric_dates: int = 0  # d/m/y or m/d/y, whichever
    max_length: int = 0
    total_length: int = 0

    def share(self, *shapes: str) -> float:
        """Fraction of non-empty values having the most common of these shapes."""
        if not self.non_empty:
            return 0.0
        return max(self.shapes.get(s, 0) for s in shapes) / self.non_empty

    def share_any(self, *shapes: str) -> float:
        """Fraction of non-empty values having at least one of these (an upper bound: sum)."""
        if not self.non_empty:
            return 0.0
        return min(1.0, sum(self.shapes.get(s, 0) for s in shapes) / self.non_empty)

    @property
    def mean_length(self) -> float:
        return self.total_length / self.non_empty if self.non_empty else 0.0

    @property
    def unique_ratio(self) -> float:
        return min(1.0, self.distinct_estimate / self.non_empty) if self.non_empty else 0.0

    @property
    def dialled(self) -> bool:
        """Phone numbers written to be dialled (`+39 345 2399277`, `(604) 745-9903`): digits
        enough for an id, but no record's id."""
        seen = {v: n for v, n in self.distinct.items() if v.strip()}
        written = sum(n for v, n in seen.items() if v.startswith("+") or any(c in v for c in " ()"))
        return self.share("phone") >= 0.9 and written >= 0.9 * max(1, sum(seen.values()))

    @property
    def is_enumeration(self) -> bool:
        """Few distinct values, each seen more than once on average."""
        n = len(self.distinct)
        return (not self.distinct_overflow and 1 <= n <= 20 and self.non_empty >= 2 * n
                and self.max_length <= 40)


class FileProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rows: int = 0
    columns: dict[str, ColumnProfile] = Field(default_factory=dict)
    # key/value candidates: name column -> one of its values -> another column -> profile
    by_value: dict[str, dict[str, dict[str, ColumnProfile]]] = Field(default_factory=dict)


@lru_cache(maxsize=8192)
def _classify_cached(text: str) -> tuple[frozenset[str], DateInfo | None]:
    shapes, info = classify(ascii_digits(text))
    return frozenset(shapes), info


class _ColumnStats:
    """The mutable accumulator behind one ColumnProfile (plain attributes: this is the hot
    path, once per cell)."""

    def __init__(self, distinct_cap: int = DISTINCT_CAP) -> None:
        self.cap = distinct_cap
        self.non_empty = self.empty = self.max_length = self.total_length = 0
        self.shapes: dict[str, int] = {}
        self.distinct: dict[str, int] = {}
        self.overflow = False
        self.dates = {"ISO": 0, "NUM": 0, "DMY": 0, "MDY": 0}
        self.sketch: list[int] = []  # max-heap (negated) of the k smallest hashes
        self.in_sketch: set[int] = set()

    def add(self, text: str) -> None:
        if not text or text in ZERO_DATES:  # a database's "no date" is no value
            self.empty += 1
            return
        self.non_empty += 1
        self.total_length += len(text)
        self.max_length = max(self.max_length, len(text))
        shapes, info = _classify_cached(text) if len(text) <= 64 else classify(ascii_digits(text))
        counts = self.shapes
        for shape in shapes:
            counts[shape] = counts.get(shape, 0) + 1
        if info is not None:
            self.dates[info.layout] = self.dates.get(info.layout, 0) + 1
            if info.proves:
                self.dates[info.proves] += 1
        if text in self.distinct:  # seen before: the sketch already holds its hash or beat it
            self.distinct[text] += 1
            return
        if len(self.distinct) < self.cap and len(text) <= MAX_DISTINCT_LENGTH:
            self.distinct[text] = 1
        else:
            self.overflow = True
        self._sketch(text)

    def _sketch(self, text: str) -> None:
        digest = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
        if digest in self.in_sketch:
            return
        if len(self.sketch) < SKETCH_K:
            heapq.heappush(self.sketch, -digest)
            self.in_sketch.add(digest)
        elif digest < -self.sketch[0]:
            dropped = -heapq.heappushpop(self.sketch, -digest)
            self.in_sketch.discard(dropped)
            self.in_sketch.add(digest)

    def profile(self) -> ColumnProfile:
        if len(self.sketch) < SKETCH_K:
            estimate = len(self.sketch)
        else:
            kth = -self.sketch[0] / 2**64
            estimate = max(SKETCH_K, round((SKETCH_K - 1) / kth))
        return ColumnProfile(
            non_empty=self.non_empty, empty=self.empty, shapes=dict(self.shapes),
            distinct=dict(self.distinct), distinct_overflow=self.overflow,
            distinct_estimate=estimate, dmy_proof=self.dates["DMY"], mdy_proof=self.dates["MDY"],
            iso_dates=self.dates["ISO"], numeric_dates=self.dates["NUM"],
            max_length=self.max_length, total_length=self.total_length)


class ColumnProfiler:
    """Streams a file's rows; memory stays flat however many rows pass."""

    def __init__(self, headers: list[str] | tuple[str, ...] | None = None) -> None:
        self._headers: list[str] = list(headers or [])
        self._stats: dict[str, _ColumnStats] = {h: _ColumnStats() for h in self._headers}
        self._rows = 0
        # name column -> its value -> other column -> stats; None once the column overflowed
        self._by_value: dict[str, dict[str, dict[str, _ColumnStats]] | None] = {}

    def add(self, values: Mapping[str, object]) -> None:
        self._rows += 1
        cells: dict[str, str] = {}
        for header, value in values.items():
            stats = self._stats.get(header)
            if stats is None:
                stats = self._stats[header] = _ColumnStats()
                self._headers.append(header)
            text = "" if value is None else str(value).strip()
            stats.add(text)
            cells[header] = text
        if len(self._headers) <= KEY_VALUE_MAX_COLUMNS:
            self._add_by_value(cells)

    def _add_by_value(self, cells: dict[str, str]) -> None:
        for name_col, key in cells.items():
            groups = self._by_value.setdefault(name_col, {})
            if groups is None or not key:
                continue
            if key not in groups:
                if len(groups) >= DISTINCT_CAP or len(key) > MAX_DISTINCT_LENGTH:
                    self._by_value[name_col] = None
                    continue
                groups[key] = {c: _ColumnStats(SUB_DISTINCT_CAP) for c in cells if c != name_col}
            for other, text in cells.items():
                if other != name_col:
                    groups[key].setdefault(other, _ColumnStats(SUB_DISTINCT_CAP)).add(text)

    def profile(self) -> FileProfile:
        by_value: dict[str, dict[str, dict[str, ColumnProfile]]] = {}
        if len(self._headers) <= KEY_VALUE_MAX_COLUMNS:
            for name_col, groups in self._by_value.items():
                if groups:
                    by_value[name_col] = {
                        key: {c: s.profile() for c, s in cols.items()}
                        for key, cols in groups.items()
                    }
        return FileProfile(
            rows=self._rows,
            columns={h: spreadsheet_days(h, self._stats[h].profile()) for h in self._headers},
            by_value=by_value,
        )


def spreadsheet_days(header: str, col: ColumnProfile) -> ColumnProfile:
    """A column its header calls a date or a time, nearly all of it spreadsheet day numbers
    (or fractions of a day), profiled as the dates, date-times or times they stand for: a
    workbook's date cell without a date format exports the number behind it."""
    if not col.non_empty or not _WHEN.search(header.replace("_", " ") + " " + header):
        return col
    days, moments = col.shapes.get("day_number", 0), col.shapes.get("day_moment", 0)
    fractions = col.shapes.get("day_fraction", 0)
    shapes = dict(col.shapes)
    if days + moments >= DAYS_SHARE * col.non_empty:
        shapes["date"] = shapes.get("date", 0) + days
        shapes["datetime"] = shapes.get("datetime", 0) + moments
        # a day number has no day/month order to prove: it reads as an ISO date does
        return col.model_copy(update={"shapes": shapes, "iso_dates": col.iso_dates + days})
    if fractions >= DAYS_SHARE * col.non_empty:
        shapes["time"] = shapes.get("time", 0) + fractions
        return col.model_copy(update={"shapes": shapes})
    return col


# What the profile's dates prove of their day/month order, with the sentence that says why.
def date_reason(col: ColumnProfile) -> str | None:
    if col.dmy_proof and not col.mdy_proof:
        return f"{col.dmy_proof} dates have a day > 12 in position 1: DMY order proven"
    if col.mdy_proof and not col.dmy_proof:
        return f"{col.mdy_proof} dates have a day > 12 in position 2: MDY order proven"
    if col.dmy_proof and col.mdy_proof:
        return "dates disagree on day/month order (both orders seen)"
    if col.numeric_dates:
        return "day/month order not proven by these values (no day > 12)"
    return None


def file_date_order(profile: FileProfile) -> tuple[str | None, str | None]:
    """('DMY'|'MDY'|'YMD'|None, reason) from every column's dates."""
    dmy = sum(c.dmy_proof for c in profile.columns.values())
    mdy = sum(c.mdy_proof for c in profile.columns.values())
    numeric = sum(c.numeric_dates for c in profile.columns.values())
    iso = sum(c.iso_dates for c in profile.columns.values())
    if dmy and not mdy:
        return "DMY", f"{dmy} dates have a day > 12 in position 1: DMY order proven"
    if mdy and not dmy:
        return "MDY", f"{mdy} dates have a day > 12 in position 2: MDY order proven"
    if dmy and mdy:
        return None, "dates disagree on day/month order: the settings' default applies"
    if numeric:
        return None, "day/month order not proven (no day > 12): the settings' default applies"
    if iso:
        return "YMD", "dates are ISO 8601 (year first)"
    return None, None
