"""Container mutations: another encoding and delimiter, report furniture around a table, one
table split over two files, several tables joined into one workbook."""

from __future__ import annotations

import random
import re
from pathlib import PurePath
from typing import Any

from tools.zoo.mutate import Variant
from tools.zoo.writers import Layout, Table

_TEXTS = (("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"), ("utf-16", "\t"),
          ("utf-8", "|"), ("cp1252", "\t"), ("utf-8", "\t"))


def _is_book(table: Table) -> bool:
    return table.name.split("#")[0].lower().endswith(".xlsx")


def _rename_table(variant: Variant, old: str, new: str) -> None:
    for t in variant.tables:
        if t.name == old:
            t.name = new
        if t.twin_of == old:
            t.twin_of = new


def _encodes(table: Table, encoding: str) -> bool:
    try:
        for row in [table.headers, *table.rows, *table.layout.title, *table.layout.footer]:
            for cell in row:
                str(cell).encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def encoding(variant: Variant, rng: random.Random) -> str | None:
    """The text files in another encoding and delimiter (Excel's "Unicode Text" is UTF-16 with
    tabs, named .txt; Windows-1252 with semicolons where the decimal mark is a comma)."""
    texts = [t for t in variant.originals() if not _is_book(t)]
    options = [o for o in _TEXTS if all(_encodes(t, o[0]) for t in texts)]
    if not texts or not options:
        return None
    enc, delimiter = rng.choice(options)
    for t in texts:
        t.layout.encoding, t.layout.delimiter = enc, delimiter
        if enc == "utf-16" and t.name.lower().endswith(".csv"):
            _rename_table(variant, t.name, t.name[:-4] + ".txt")
    return f"{enc}, {delimiter!r}"


def report(variant: Variant, rng: random.Random) -> str | None:
    """Some text files printed from the reporting module: a title, the practice, the date
    range and who ran it above the header, a total line below, the header again per page."""
    done = []
    for t in variant.originals():
        if _is_book(t) or t.layout.title or rng.random() < 0.4 or \
                any(o.twin_of == t.name for o in variant.tables):
            continue
        width = len(t.columns)
        stem = PurePath(t.name).stem
        t.layout.title = [[f"{stem} report"], ["Harbourside Health Clinic"],
                          ["Period: 01/01/2024 - 30/06/2025"], ["Run by: Reception, 11/06/2025"],
                          []]
        t.layout.footer = [[], [f"Total: {len(t.rows)} rows"] + [""] * (width - 1)]
        if rng.random() < 0.5 and len(t.rows) > 60:
            t.layout.repeat_header_every = 50
        done.append(t.name + (" (header every 50 rows)" if t.layout.repeat_header_every else ""))
    return ", ".join(done) or None


def split_file(variant: Variant, rng: random.Random) -> str | None:
    """One table over two files (per year, per site, or the download's row limit)."""
    texts = [t for t in variant.originals() if not _is_book(t) and len(t.rows) >= 10
             and not any(o.twin_of == t.name for o in variant.tables)]
    if not texts:
        return None
    t = rng.choice(texts)
    path = PurePath(t.name)
    cut = rng.randint(len(t.rows) // 3, 2 * len(t.rows) // 3)
    first, second = rng.choice(((" 2024", " 2025"), (" (1)", " (2)"), ("_part1", "_part2")))
    rest = Table(f"{path.stem}{second}{path.suffix}", t.kind, dict(t.columns), t.rows[cut:], {},
                 layout=Layout(encoding=t.layout.encoding, delimiter=t.layout.delimiter,
                               newline=t.layout.newline, title=list(t.layout.title),
                               footer=list(t.layout.footer)),
                 routed=t.routed, notes=["the second part of " + f"{path.stem}{first}{path.suffix}"])
    t.rows = t.rows[:cut]  # the records stay counted on the first part: the total is the same
    _rename_table(variant, t.name, f"{path.stem}{first}{path.suffix}")
    variant.tables.insert(variant.tables.index(t) + 1, rest)
    return f"{t.name} + {rest.name} at row {cut}"


def _as_excel(cell: Any) -> Any:
    """A cell as a workbook writer types it: whole numbers and decimals as numbers (not ids with
    leading zeros or over 15 digits, which Excel cannot hold)."""
    if isinstance(cell, str) and re.fullmatch(r"-?[1-9]\d{0,14}|0", cell):
        return int(cell)
    if isinstance(cell, str) and re.fullmatch(r"-?\d{1,12}\.\d{1,4}", cell):
        return float(cell)
    return cell


def to_workbook(variant: Variant, rng: random.Random) -> str | None:
    """Two or more of the text files delivered as sheets of one workbook."""
    texts = [t for t in variant.originals() if not _is_book(t)
             and not any(o.twin_of == t.name for o in variant.tables)]
    if len(texts) < 2:
        return None
    chosen = rng.sample(texts, k=rng.randint(2, len(texts)))
    book = f"{variant.meta.get('vendor', 'Export')} export.xlsx".replace("/", "-")
    sheets: set[str] = set()
    for t in sorted(chosen, key=variant.tables.index):
        sheet = re.sub(r"[\[\]:*?/\\]", " ", PurePath(t.name).stem)[:31]
        while sheet in sheets:
            sheet = sheet[:29] + f" {len(sheets)}"
        sheets.add(sheet)
        t.rows = [[_as_excel(c) for c in r] for r in t.rows]
        t.layout = Layout(title=t.layout.title, footer=t.layout.footer)
        _rename_table(variant, t.name, f"{book}#{sheet}")
    return f"{book}: " + ", ".join(sorted(sheets))


def opaque_names(variant: Variant, rng: random.Random) -> str | None:
    """`opaque` headers, and every file and sheet named by a made-up word too (the extension
    kept, a twin's name its table's): what the values alone tell of the kinds."""
    from tools.zoo.mutate.headers import made_up, opaque  # noqa: PLC0415 - headers before names

    said = opaque(variant, rng)
    books: dict[str, str] = {}
    taken: set[str] = set()
    for t in variant.originals():
        book, _, sheet = t.name.partition("#")
        path = PurePath(book)
        stem = books.get(book) or made_up(rng, taken)
        books[book] = stem
        new = f"{stem}{path.suffix}" + (f"#{made_up(rng, taken)}" if sheet else "")
        for twin in [o for o in variant.tables if o.twin_of == t.name]:
            twin_book = PurePath(twin.name.partition("#")[0])
            _rename_table(variant, twin.name, f"{stem}{twin_book.suffix}")
        _rename_table(variant, t.name, new)
    return f"{said}, {len(variant.tables)} files and sheets" if said else None
