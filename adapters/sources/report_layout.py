"""Reports printed to text or to a spreadsheet: where the table starts, and the rows around and
inside it that hold no record (a report's furniture).

A report's header is found by what it looks like, not by its position: the first record of two
or more cells that are all labels (words, not dates, times, amounts or numbers, none a `Label:`
waiting for its value) within the first PREAMBLE_MAX records. The title lines above it
("Patient Balance Report", the practice, "Report Date: 06/11/2025") come out as rows that hold
no record, like the header printed again after a page break, the title block repeated at the top
of a page, "Page 2 of 5", "Printed by ... on ...", a Total or a count line, "End of report", a
line drawn with dashes and rows whose cells are all empty. Each is named (`domain.ports.NOT_DATA` + why), so the balance
counts it as report furniture: rows read = records + quarantined + furniture, nothing silent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from typing import Any, TypeVar

PREAMBLE_MAX = 30  # records looked at for the header
TITLE_LINE = "a title line above the header"
TOTAL_WORDS = frozenset({"total", "totals", "subtotal", "sub-total", "sub total", "grand total",
                         "total general", "totales", "gesamt", "gesamtsumme", "summe", "totale",
                         "totaux", "somme", "suma", "totaal"})
_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}:\d{2}|\b(jan|feb|mar|apr|may|jun|jul"
                   r"|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (jan|feb|mar|apr|may"
                   r"|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{2,4}\b", re.I)
_AMOUNT = re.compile(r"[-+(]?[$€£¥]?\s?[-+(]?[\d][\d,. ']*\)?%?")
_PAGE = re.compile(r"[-–— ]*(page|pg\.?|p\.|seite|página|pagina|pag\.?)\s*\d+"
                   r"(\s*(of|/|von|de|di|sur)\s*\d+)?[-–— ]*|[-–— ]*\d+\s*of\s*\d+[-–— ]*|"
                   r"[-–—]\s*\d+\s*[-–—]", re.I)
_PRINTED = re.compile(r"(printed|print date|printed on|printed by|run date|run on|run by|report "
                      r"date|report run|generated|created on|created by|produced|prepared by|"
                      r"date range|date printed|as of|as at|report criteria|criteria|filters?|"
                      r"selection|sorted by|sort order|gedruckt|erstellt|impreso|generado|"
                      r"fecha de impresi[oó]n|imprimé|édité|confidential|vertraulich|"
                      r"confidencial)\b.*", re.I)
# "Patient Balance Report      Page 2 of 5": a page number inside a title cell
_PAGE_OF = re.compile(r"\b(page|seite|página|pagina)\s*\d+\s*(of|/|von|de|di|sur)\s*\d+\b", re.I)
_COUNT = re.compile(r"((number of|no\. of|count of|total number of)\s+\w+|count|records?|rows?|"
                    r"\w+ (listed|found|printed|selected|shown))\s*:?\s*\d[\d,]*|\d[\d,]*\s+"
                    r"(patients?|clients?|records?|rows?|appointments?|accounts?|entries|items)"
                    r"(\s+(listed|found|printed|selected|shown))?"
                    # "Appointments: 220", "Patients listed: 48": the label first, then the count
                    r"|(patients?|clients?|records?|rows?|appointments?|accounts?|entries|items|"
                    r"visits?|bookings?|invoices?)(\s+(listed|found|printed|selected|shown))?"
                    r"\s*:\s*\d[\d,]*", re.I)
_RULE = re.compile(r"[-=_*~.+|#\s]{3,}")  # a line drawn under a header or above a total
_END = re.compile(r"[*=\-\s]*(end of (the )?report|fin del informe|ende des berichts|"
                  r"\*+ ?end ?\*+)[*=\-\s.]*", re.I)


def _same(record: Any) -> Sequence[str]:
    return record


def filled(record: Sequence[str]) -> list[str]:
    return [c.strip() for c in record if c.strip()]


def is_label(cell: str) -> bool:
    """A header's cell: words, not a value (a date, a time, an amount, a number) and not a
    `Label:` whose value sits in the next cell."""
    text = cell.strip()
    return (any(c.isalpha() for c in text) and not text.endswith(":") and "@" not in text
            and _DATE.search(text) is None and _AMOUNT.fullmatch(text) is None
            and len(text) <= 120)


def _labels(cells: Sequence[str]) -> bool:
    """All labels; of three or more, one may name a value in words ("Balance as of
    06/30/2025"). Two cells are a label and its value when one is not a label."""
    odd = [c for c in cells if not is_label(c)]
    return not odd or (len(cells) >= 3 and len(odd) == 1 and not odd[0].endswith(":")
                       and sum(ch.isalpha() for ch in odd[0]) >= 3)


def find_header(records: Sequence[Sequence[str]]) -> int | None:
    """The index of the header among a file's first records: the first of two or more cells,
    all labels; else the first of two or more cells; else the first with any cell."""
    wide = [i for i, r in enumerate(records) if len(filled(r)) >= 2]
    for i in wide:
        if _labels(filled(records[i])):
            return i
    if wide:
        return wide[0]
    return next((i for i, r in enumerate(records) if filled(r)), None)


T = TypeVar("T")


def split_report(records: Iterator[T], cells: Callable[[T], Sequence[str]] = _same
                 ) -> tuple[T | None, list[T], Iterator[T]]:
    """(header, the title lines above it, the records after it); `cells` reads a record's
    cells when the records carry more (the CSV reader's undecodable-bytes mark)."""
    buffered: list[T] = []
    for record in records:
        buffered.append(record)
        if len(buffered) >= PREAMBLE_MAX:
            break
    at = find_header([cells(r) for r in buffered])
    if at is None:
        return None, [], iter(())
    title = [r for r in buffered[:at] if cells(r)]
    return buffered[at], title, chain(buffered[at + 1:], records)


def _text(cells: Sequence[str]) -> str:
    return " ".join(cells).casefold()


class Furniture:
    """Names the rows of a report's table that hold no record."""

    def __init__(self, header: Sequence[str], title: Sequence[Sequence[str]]) -> None:
        self.header = [c.strip().casefold() for c in header]
        self.header_cells = [c for c in self.header if c]
        self.title = {_text(filled(r)) for r in title if filled(r)}

    def why(self, record: Sequence[str]) -> str | None:
        cells = filled(record)
        if not cells:
            return "an empty row"
        if all(_RULE.fullmatch(c) for c in cells):
            return "a rule line"
        if [c.casefold() for c in cells] == self.header_cells and len(cells) >= 2:
            return "the header repeated (a page break)"
        text = _text(cells)
        first = cells[0].casefold().rstrip(":").strip()
        narrow = len(cells) <= 2 or len(cells) < len(self.header_cells)
        if first in TOTAL_WORDS or (narrow and _is_total_phrase(first)):
            return "a total line"
        if len(cells) > 2 and len(cells) > len(self.header_cells) // 2:
            return None  # a row of data: the rest of the furniture is a cell or two
        if text in self.title:
            return "the report's title repeated (a page break)"
        if (_PAGE.fullmatch(text) or any(_PAGE.fullmatch(c) for c in cells)
                or (len(cells) == 1 and _PAGE_OF.search(text))):
            return "a page number line"
        if _PRINTED.fullmatch(cells[0]) and (len(cells) == 1 or not _has_id_shape(cells)):
            return "a printed-by or report date line"
        if _COUNT.fullmatch(text) or _COUNT.fullmatch(" ".join(cells[:2])):
            return "a count line"
        if _END.fullmatch(text):
            return "the end-of-report line"
        return None


def _is_total_phrase(first: str) -> bool:
    """"Grand Total", "Total for DDS1", "Report Totals", "Total patients: 60"."""
    words = first.replace(":", " ").split()
    return bool(words) and len(words) <= 6 and (
        words[0] in TOTAL_WORDS or words[-1] in TOTAL_WORDS
        or " ".join(words[:2]) in TOTAL_WORDS)


def _has_id_shape(cells: Sequence[str]) -> bool:
    """A second cell that looks like a record's own data (an email)."""
    return any("@" in c for c in cells[1:])
