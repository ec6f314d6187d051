"""Field-level comparison of what we meant Nutshell to hold with what it holds.

Values are normalised by what the path holds (custom-field type, phones, emails, times) so
that encodings Nutshell is free to choose do not show as differences: "+16175550123" equals
"617-555-0123", "1984-02-29" equals 446860800 equals "1984-02-29T00:00:00Z", "12.5" equals
"12.50", "A@B.org" equals "a@b.org", whitespace runs are one space, and lists whose order carries
no meaning (emails, urls, linked ids) compare as sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from domain.nutshell.fields import default_cf_types
from domain.nutshell.values import (
    decimal,
    is_iso_date,
    iso_date,
    phones_equal,
    present,
    text,
    unix_seconds,
)
from domain.ports import JSON

Status = Literal["matched", "differing", "missing"]

_TIMES = ("startTime", "endTime", "dueTime")
_DEFAULT_TYPES = default_cf_types()


@dataclass(frozen=True)
class FieldComparison:
    path: str
    status: Status
    expected: JSON
    actual: JSON
    note: str = ""  # how they were compared or where they differ; never values (PHI)

    def to_json(self) -> dict[str, JSON]:
        return {"path": self.path, "status": self.status, "expected": self.expected,
                "actual": self.actual, "note": self.note}


def _cf_type(path: str, types: Mapping[str, str] | None) -> str | None:
    if types is not None and path in types:
        return types[path]
    return _DEFAULT_TYPES.get(path)


def _scalar_equal(path: str, a: Any, b: Any, cf_type: str | None) -> tuple[bool, str]:
    rest = path.partition(".")[2]
    if rest in _TIMES:
        return unix_seconds(a) == unix_seconds(b), "compared as instants"
    if cf_type == "Date" or (cf_type is None and is_iso_date(a)):
        return iso_date(a) == iso_date(b), "compared as dates"
    if cf_type in {"Currency", "Number"}:
        da, db = decimal(a), decimal(b)
        if da is not None and db is not None:
            return da == db, "compared as decimals"
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or text(a).lower() == text(b).lower(), "compared as booleans"
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b, "compared as numbers"
    return text(a) == text(b), "compared as text (whitespace collapsed)"


def _equal(path: str, a: Any, b: Any, types: Mapping[str, str] | None) -> tuple[bool, str]:
    rest = path.partition(".")[2]
    if rest == "phones":
        a, b = a or {}, b or {}
        bad = sorted(k for k in set(a) | set(b) if not phones_equal(a.get(k), b.get(k)))
        return not bad, ("phone labels differing: " + ", ".join(bad)) if bad else \
            "compared as phone numbers by label"
    if rest in {"emails", "urls"} or (rest.startswith("links.") and
                                     (isinstance(a, list) or isinstance(b, list))):
        fold = (lambda v: text(v).casefold()) if rest == "emails" else text
        sa = {fold(v) for v in (a or []) if present(v)}
        sb = {fold(v) for v in (b or []) if present(v)}
        return sa == sb, "compared as sets" + (" (case-insensitive)" if rest == "emails" else "")
    if isinstance(a, dict) or isinstance(b, dict):
        a, b = a or {}, b or {}
        bad = sorted(k for k in set(a) | set(b)
                     if not equivalent_text(a.get(k), b.get(k)))
        return not bad, ("parts differing: " + ", ".join(bad)) if bad else "compared by part"
    return _scalar_equal(path, a, b, _cf_type(path, types))


def equivalent_text(a: Any, b: Any) -> bool:
    return text(a) == text(b)


def equivalent(path: str, a: Any, b: Any, types: Mapping[str, str] | None = None) -> bool:
    if not present(a) and not present(b):
        return True
    if not present(a) or not present(b):
        return False
    return _equal(path, a, b, types)[0]


def compare(expected: Mapping[str, Any], actual: Mapping[str, Any],
            types: Mapping[str, str] | None = None) -> list[FieldComparison]:
    """One comparison per expected path, in path order. `types` maps custom-field paths to
    their Nutshell type (see nutshell_fields.cf_types); the default map's types are known."""
    out: list[FieldComparison] = []
    for path in sorted(expected):
        want, got = expected[path], actual.get(path)
        if not present(want):
            status: Status = "matched" if not present(got) else "differing"
            out.append(FieldComparison(path, status, want, got,
                                       "expected empty" if status == "matched" else
                                       "expected empty, Nutshell holds a value"))
            continue
        if path not in actual or not present(got):
            out.append(FieldComparison(path, "missing", want, got, "not in Nutshell's record"))
            continue
        same, how = _equal(path, want, got, types)
        out.append(FieldComparison(path, "matched" if same else "differing", want, got, how))
    return out


Decision = Literal["apply", "conflict", "unchanged"]


def three_way(source_now: Mapping[str, Any], last_written: Mapping[str, Any],
              nutshell_now: Mapping[str, Any],
              types: Mapping[str, str] | None = None) -> dict[str, Decision]:
    """Per path: `apply` when the source changed and Nutshell still holds what we wrote;
    `conflict` when the source changed and staff changed Nutshell to something else;
    `unchanged` when the source did not change (staff edits are kept) or both sides already
    agree."""
    out: dict[str, Decision] = {}
    for path in sorted(set(source_now) | set(last_written)):
        src, ours = source_now.get(path), last_written.get(path)
        theirs = nutshell_now.get(path)
        if equivalent(path, src, ours, types) or equivalent(path, src, theirs, types):
            out[path] = "unchanged"
        elif equivalent(path, theirs, ours, types):
            out[path] = "apply"
        else:
            out[path] = "conflict"
    return out
