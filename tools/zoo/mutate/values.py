"""Value mutations: dates written another way or split from their time, references by name or
email instead of id, a person's names in one cell, child tables without ids of their own."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from tools.zoo.mutate import Variant
from tools.zoo.mutate.cols import column_with, insert, remove, rename, set_values, truth, values
from tools.zoo.writers import Table

_DATE = re.compile(r"^(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})(.*)$", re.S)
STYLES = {"iso": "%Y-%m-%d", "dmy": "%d/%m/%Y", "mdy": "%m/%d/%Y", "dmy2": "%d/%m/%y",
          "mdy2": "%m/%d/%y", "dots": "%d.%m.%Y", "serial": ""}
_ORDER = {"iso": "YMD", "dmy": "DMY", "mdy": "MDY", "dmy2": "DMY", "mdy2": "MDY", "dots": "DMY"}
_EXCEL_EPOCH = datetime(1899, 12, 30)


def _parse(text: str, order: str) -> tuple[date, str] | None:
    """(date, the rest of the cell: its time) of a cell that starts with a date, or None."""
    m = _DATE.match(text.strip())
    if m is None:
        return None
    a, b, c = m[1], m[3], m[4]
    try:
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        else:
            d, mo = (int(b), int(a)) if order == "MDY" else (int(a), int(b))
            y = int(c) if len(c) == 4 else 2000 + int(c) if int(c) <= 30 else 1900 + int(c)
        found = date(y, mo, d)
    except ValueError:
        return None  # a dirty value stays as dirty as it was
    return (found, m[5]) if found.year >= 1900 else None  # a zero date (0001-01-01) stays


def _restyle(cell: Any, order: str, style: str, in_book: bool) -> Any:
    if isinstance(cell, date):  # a real Excel date cell (datetime is a date)
        moment = cell if isinstance(cell, datetime) else datetime(cell.year, cell.month, cell.day)
        if style == "serial" and in_book:
            return round((moment - _EXCEL_EPOCH).total_seconds() / 86400, 6)
        text = moment.strftime(STYLES[style] or "%Y-%m-%d")
        return text if moment.time() == time(0) else f"{text} {moment:%H:%M}"
    if not isinstance(cell, str) or not cell:
        return cell
    parsed = _parse(cell, order)
    if parsed is None:
        return cell
    day, rest = parsed
    if style == "serial" and in_book and not rest.strip():
        return float((datetime(day.year, day.month, day.day) - _EXCEL_EPOCH).days)
    return day.strftime(STYLES[style] or "%Y-%m-%d") + rest


def _each(header: str, cell: Callable[[Any, Table], Any]) -> Callable[[Table], list[Any]]:
    """The column's new cells, one per old cell, for any table of the family."""
    return lambda t: [cell(c, t) for c in values(t, header)]


def _date_columns(table: Table, order: str) -> list[str]:
    out = []
    for header, value in table.columns.items():
        target, _ = truth(value)
        if target and target.endswith("source_id"):
            continue
        cells = [c for c in values(table, header) if c not in ("", None)]
        dated = [c for c in cells if isinstance(c, date) or
                 (isinstance(c, str) and _parse(c, order))]
        if cells and len(dated) >= 0.8 * len(cells):
            out.append(header)
    return out


def dates(variant: Variant, rng: random.Random) -> str | None:
    """Every date of the export in another style (the clinic's locale setting): ISO, day- or
    month-first, two-digit years, dots; Excel serial numbers in workbook sheets."""
    order = variant.meta.get("date_order", "DMY")
    books = any(t.name.split("#")[0].endswith(".xlsx") for t in variant.originals())
    style = rng.choice([s for s in STYLES if s != "serial" or books])
    done = []
    for t in variant.originals():
        for header in _date_columns(t, order):
            set_values(variant.family(t), header, _each(
                header, lambda c, tt: _restyle(c, order, style,
                                               tt.name.split("#")[0].endswith(".xlsx"))))
            done.append(f"{t.name}:{header}")
    if not done:
        return None
    variant.meta["date_order"] = _ORDER.get(style, order)
    return f"{style} in " + ", ".join(done)


def _split_cell(cell: Any) -> tuple[Any, Any]:
    if isinstance(cell, datetime):
        return cell.date().isoformat(), cell.strftime("%H:%M")
    text = str(cell or "")
    m = re.match(r"^(\S+?)(?:[ T])(\d.*)$", text.strip())
    return (m[1], m[2]) if m else (text, "")


def split_datetime(variant: Variant, rng: random.Random) -> str | None:
    """A start written as one date-and-time cell becomes a date column and a time column."""
    done = []
    for t in variant.originals():
        for field in ("starts_at", "occurred_at"):
            header = column_with(t, field)
            if header is None or rng.random() < 0.2:
                continue
            cells = [c for c in values(t, header) if c not in ("", None)]
            if not cells or not all(_split_cell(c)[1] for c in cells):
                continue  # date-only cells: nothing to split
            target = truth(t.columns[header])[0]
            at = t.headers.index(header)
            fam = variant.family(t)
            day, clock = rng.choice((("Date", "Time"), (f"{header} Date", f"{header} Time"),
                                     ("Appt Date", "Appt Time")))
            if day in t.columns or clock in t.columns:
                continue
            insert(fam, at + 1, clock, f"{target} (time part)",
                   _each(header, lambda c, _: _split_cell(c)[1]))
            insert(fam, at + 1, day, f"{target} (date part)",
                   _each(header, lambda c, _: _split_cell(c)[0]))
            remove(fam, header)
            done.append(f"{t.name}: {header!r} -> {day!r} + {clock!r}")
    return ", ".join(done) or None


def _people(variant: Variant, kind: str) -> dict[str, tuple[str, str, str]] | None:
    """id -> (first, last, email) of the only table of that kind, or None when there is not
    exactly one such table with an id and both names."""
    tables = [t for t in variant.originals() if t.kind == kind]
    if len(tables) != 1:
        return None
    t = tables[0]
    cols = [column_with(t, f) for f in ("source_id", "first_name", "last_name")]
    if None in cols:
        return None
    email = column_with(t, "email")
    ids, firsts, lasts = (values(t, c) for c in cols if c)
    mails = values(t, email) if email else [""] * len(ids)
    return {str(i): (str(f), str(last), str(m or "")) for i, f, last, m in
            zip(ids, firsts, lasts, mails, strict=True)}


_REFS = {"patient_source_id": "patient", "provider_source_id": "provider",
         "author_source_id": "provider", "staff_source_id": "provider"}


def _tokens(text: Any) -> set[str]:
    return set(re.findall(r"\w+", str(text).casefold()))


def _same_names(table: Table, header: str, names: list[str]) -> str | None:
    """A name-only column beside the id that names the same people, or None."""
    named = [n for n in names if n and n != "Unknown"]
    for other, value in table.columns.items():
        if other == header or value not in ("drop", "custom"):
            continue
        cells = values(table, other)
        same = sum(1 for c, n in zip(cells, names, strict=True)
                   if n in named and _tokens(n) <= _tokens(c))
        if named and same >= 0.9 * len(named):
            return other
    return None


def ref_by_name(variant: Variant, rng: random.Random) -> str | None:
    """References written as the person's name ("Jane Roe" or "Roe, Jane") or, for patients,
    their email, instead of the id (a report, not a data export). Where a column beside the id
    already names the same people, the id column goes and that column is the reference."""
    done = []
    for t in variant.originals():
        for header, value in list(t.columns.items()):
            target, note = truth(value)
            field = target.split(".", 1)[1] if target else ""
            if field not in _REFS or note or t.kind == _REFS[field] or rng.random() < 0.2:
                continue
            people = _people(variant, _REFS[field])
            if not people:
                continue
            ids = [str(c) for c in values(t, header)]
            known = [people[i] for i in ids if i in people]
            mode = rng.choice(("first last", "last, first", "email"))
            if mode == "email" and (_REFS[field] != "patient" or
                                    sum(1 for p in known if "@" in p[2]) < 0.98 * len(known)):
                mode = "first last"

            def written(i: str, mode: str = mode, people: dict = people) -> str:
                if i not in people:
                    return "Unknown" if i else ""
                first, last, mail = people[i]
                return mail if mode == "email" else \
                    f"{last}, {first}" if mode == "last, first" else f"{first} {last}"

            fam = variant.family(t)
            names = [written(i) for i in ids]
            how = "by email" if mode == "email" else "by name"
            beside = _same_names(t, header, names) if mode != "email" else None
            if beside is not None:  # the name column the export already had is the reference
                remove(fam, header)
                for tt in fam:
                    tt.columns[beside] = f"{target} ({how})"
                done.append(f"{t.name}: {header!r} left out, {beside!r} {how}")
                continue
            set_values(fam, header, _each(header, lambda c, _: written(str(c))),
                       f"{target} ({how})")
            word = _REFS[field].title() if _REFS[field] == "patient" else "Practitioner"
            rename(fam, header, rng.choice((word, f"{word} Name")) if mode != "email"
                   else f"{word} Email")
            done.append(f"{t.name}: {header!r} {how} ({mode})")
    return ", ".join(done) or None


def join_names(variant: Variant, rng: random.Random) -> str | None:
    """A person's first and last names in one cell: "Roe, Jane", "ROE, Jane" or "Jane Roe"."""
    done = []
    for t in variant.originals():
        if t.kind not in ("patient", "provider") or rng.random() < 0.2:
            continue
        first, last = column_with(t, "first_name"), column_with(t, "last_name")
        if first is None or last is None:
            continue
        style = rng.choice(("last, first", "LAST, first", "first last"))
        header = rng.choice(("Name", "Full Name", f"{t.kind.title()} Name"))
        if header in t.columns:
            continue

        def joined(tt: Table, f: str = first, la: str = last, s: str = style) -> list[Any]:
            out = []
            for a, b in zip(values(tt, f), values(tt, la), strict=True):
                fi, ln = str(a or ""), str(b or "")
                out.append(f"{fi} {ln}".strip() if s == "first last" else
                           f"{ln.upper() if s.startswith('LAST') else ln}, {fi}".strip(", "))
            return out

        fam = variant.family(t)
        insert(fam, t.headers.index(first), header,
               f"{t.kind}.last_name (full name in one column)", joined)
        remove(fam, first)
        remove(fam, last)
        done.append(f"{t.name}: {first!r} + {last!r} -> {header!r} ({style})")
    return ", ".join(done) or None


_CHILD = ("appointment", "communication", "clinical_note", "billing", "insurance",
          "allergy_condition", "referral")


def drop_child_ids(variant: Variant, rng: random.Random) -> str | None:
    """Child tables (visits, notes, messages, invoices, policies) exported without their own
    id column, where nothing else refers to their ids."""
    referenced = {(truth(v)[0] or "").split(".")[-1][: -len("_source_id")]
                  for t in variant.tables for v in t.columns.values()
                  if (truth(v)[0] or "").endswith("_source_id")}
    done = []
    for t in variant.originals():
        if t.kind not in _CHILD or t.kind in referenced or rng.random() < 0.2:
            continue
        header = column_with(t, "source_id")
        if header is not None and truth(t.columns[header])[0] == f"{t.kind}.source_id":
            remove(variant.family(t), header)
            done.append(f"{t.name}: {header!r}")
    return ", ".join(done) or None
