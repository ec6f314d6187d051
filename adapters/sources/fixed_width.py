"""Reports printed to a text file in fixed-width columns (no delimiter at all): the columns are
where every tabular line has a space, the gutters between them.

Found only when no delimiter gives the file a shape (most lines one cell under each). A line
that a gutter would cut through the middle of a word (a title, a note across the page) is one
cell, so the report's furniture stays whole and is recognised as such. The fingerprint's
delimiter says `fixed:<start>,<start>,...` (0-based character positions).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence

PREFIX = "fixed:"
_GAP = re.compile(r"\s{2,}")
MIN_LINES = 5  # tabular lines needed to trust the gutters
GUTTER = 0.98  # share of tabular lines with a space at a position for it to be a gutter


def _tabular(line: str) -> bool:
    return len(_GAP.split(line.strip())) >= 3


def fixed_columns(sample: str, delimiter: str) -> str | None:
    """`fixed:...` when the sample reads as fixed-width columns and not under `delimiter`."""
    lines = [line.rstrip("\r\n") for line in sample.splitlines() if line.strip()][:300]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]
    shaped = sum(1 for r in csv.reader(lines, delimiter=delimiter, strict=False) if len(r) >= 2)
    tabular = [line.expandtabs() for line in lines if _tabular(line)]
    if shaped >= len(lines) / 2 or len(tabular) < max(MIN_LINES, len(lines) / 2):
        return None
    width = max(map(len, tabular))
    gutter = [sum(1 for t in tabular if p >= len(t) or t[p] == " ") >= GUTTER * len(tabular)
              for p in range(width)]
    starts = [0] + [p for p in range(1, width) if gutter[p - 1] and not gutter[p]]
    if len(starts) < 3:
        return None
    return PREFIX + ",".join(map(str, starts))


def starts_of(delimiter: str) -> list[int]:
    return [int(p) for p in delimiter.removeprefix(PREFIX).split(",")]


def cells(line: str, starts: Sequence[int]) -> list[str]:
    """The line's cells; one cell (the whole line) when it has no gap of two spaces or more,
    or a column edge would cut through a word."""
    text = line.rstrip("\r\n").expandtabs()
    if not text.strip():
        return []
    if len(_GAP.split(text.strip())) < 2:
        return [text.strip()]  # words with single spaces only: a title, a sentence
    for p in starts[1:]:
        if 0 < p < len(text) and text[p - 1] != " " and text[p] != " ":
            return [text.strip()]
    ends = [*starts[1:], None]
    return [text[a:b].strip() for a, b in zip(starts, ends, strict=True)]


def fixed_reader(lines: Iterable[str], delimiter: str) -> Iterator[list[str]]:
    starts = starts_of(delimiter)
    return (cells(line, starts) for line in lines)
