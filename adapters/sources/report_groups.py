"""Reports whose rows are grouped under heading lines: `Provider: Dr Smith` (or a line holding
only the group's value, `Dr Smith`), then that provider's rows, then the next heading.

A heading holds no record, but its value is part of every row below it: the reader carries it
down as a column of its own (named by the heading's label, `Group` when it has none), so the
proposal can say which field it is, and counts the heading line as report furniture. A file
has group headings when the first SCAN records after its header hold one-cell lines of one
label with several values, each followed by rows of data; a lone one-cell line is read as
before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice

from adapters.sources.report_layout import Furniture, filled
from domain.ports import GROUP_COLUMN

GROUP = GROUP_COLUMN  # the column of headings with no label
SCAN = 1000  # records after the header looked at for headings
MIN_WIDTH = 3  # header cells a table needs for a one-cell line to be a heading
_LABELLED = re.compile(r"([^\W\d_][\w .'/&-]{0,40}?)\s*:\s*(\S.*)")
HEADING = "a group heading (its value is carried to the rows below, column {})"


def heading(record: Sequence[str], width: int) -> tuple[str, str] | None:
    """(label, value) of a one-cell line in a table of `width` columns: `Label: value`, or a
    value alone in the first column."""
    cells = filled(record)
    if width < MIN_WIDTH or len(cells) != 1 or len(cells[0]) > 120:
        return None
    found = _LABELLED.fullmatch(cells[0])
    if found:
        return found[1].strip(), found[2].strip()
    if record and record[0].strip() and any(c.isalpha() for c in cells[0]):
        return GROUP, cells[0]
    return None


def group_labels(records: Iterable[Sequence[str]], width: int, furniture: Furniture
                 ) -> list[str]:
    """The labels of the headings the first SCAN records hold, in order met: a label counts
    when its lines hold at least two values, each line followed by a row of data, and the rows
    of data are at least twice its lines (a file whose rows hold a single value now and then
    has no groups); headings with no label only in a printed report (a title above its
    header), where a lone value on a line is a heading, not a row cut short."""
    lines: Counter[str] = Counter()
    values: dict[str, set[str]] = {}
    followed: Counter[str] = Counter()
    data = 0
    pending: set[str] = set()  # the labels of the headings just read (groups within groups)
    for record in islice(records, SCAN):
        if not filled(record) or furniture.why(record):
            continue
        found = heading(record, width)
        if found is not None:
            lines[found[0]] += 1
            values.setdefault(found[0], set()).add(found[1])
            pending.add(found[0])
        elif len(filled(record)) >= 2:
            data += 1
            followed.update(pending)
            pending = set()
    return [label for label, n in lines.items()
            if n >= 2 and len(values[label]) >= 2 and followed[label] >= n - 1
            and data >= 2 * n and (label != GROUP or furniture.title)]


class Carried:
    """The heading values in force, per label, and their columns' keys."""

    def __init__(self, labels: Sequence[str], keys: Sequence[str], width: int) -> None:
        self.width = width
        self.key_of = dict(zip(labels, keys[len(keys) - len(labels):], strict=True))
        self.values = dict.fromkeys(self.key_of.values(), "")

    def take(self, record: Sequence[str]) -> str | None:
        """The furniture reason when the record is a heading (its value now in force)."""
        if not self.key_of:
            return None
        found = heading(record, self.width)
        if found is None or found[0] not in self.key_of:
            return None
        key = self.key_of[found[0]]
        self.values[key] = found[1]
        return HEADING.format(key)
