"""Value conversions between canonical text and Nutshell's wire encodings.

Canonical dates are ISO dates, times ISO datetimes with offset, phones E.164 where parseable,
money decimal strings (design/canonical-model.md). Nutshell wants Unix seconds for activity
times, "YYYY-MM-DD" for Date custom fields and decimal strings for Currency.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.records.normalise import EXTENSION

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS_RE = re.compile(r"\D+")
_WS_RE = re.compile(r"\s+")


def present(value: Any) -> bool:
    """A value worth writing: not None, not blank text, not an empty container."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | dict | set):
        return bool(value)
    return True


def drop_empty(record: dict[str, Any]) -> dict[str, Any]:
    """A record without its empty members: Nutshell is never sent blanks to store."""
    return {k: v for k, v in record.items() if present(v)}


def text(value: Any) -> str:
    return "" if value is None else _WS_RE.sub(" ", str(value)).strip()


def truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return text(value).lower() in {"true", "1", "yes", "y", "t", "primary"}


def parse_instant(value: Any) -> datetime | None:
    """ISO datetime/date text, Unix seconds (int or digit string) or {"timestamp": n}."""
    if isinstance(value, dict):
        value = value.get("timestamp", value.get("value"))
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    s = text(value)
    if not s:
        return None
    if re.fullmatch(r"-?\d{9,11}", s):
        return datetime.fromtimestamp(int(s), UTC)
    try:
        dt = datetime.fromisoformat(s.replace(" ", "T", 1) if not _DATE_RE.match(s) else s)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def local_stamp(value: Any, timezone: str) -> str | None:
    """A moment as a note's header shows it, `YYYY-MM-DD HH:MM` in the clinic's timezone."""
    moment = parse_instant(value)
    if moment is None:
        return None
    try:
        zone: tzinfo = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def unix_seconds(value: Any) -> int | None:
    dt = parse_instant(value)
    return int(dt.timestamp()) if dt else None


def iso_date(value: Any) -> str | None:
    """The calendar date as written: an ISO datetime keeps its own local date; Unix seconds
    are read in UTC."""
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        return value.strip()
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}[T ]", value.strip()):
        return value.strip()[:10]
    dt = parse_instant(value)
    return dt.date().isoformat() if dt else None


def is_iso_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE_RE.match(value.strip()):
        return False
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def decimal(value: Any) -> Decimal | None:
    s = text(value).replace(",", "").lstrip("$")
    if not s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def money(value: Any) -> str | None:
    """Canonical money text as Nutshell's Currency field takes it (two decimals)."""
    d = decimal(value)
    return None if d is None else f"{d.quantize(Decimal('0.01'))}"


def digits(value: Any) -> str:
    return _DIGITS_RE.sub("", text(value))


def phone_value_object(phone: str) -> dict[str, str]:
    """contacts: the OpenAPI `phones` schema declares `value` as an object."""
    p, _, extension = text(phone).partition(EXTENSION)
    out = ({"E164": "+" + digits(p), "number": digits(p)} if p.startswith("+")
           else {"number": digits(p), "numberFormatted": p})
    if extension:  # the schema's own field: "a specific person ... which share a number"
        out["extension"] = extension
    return out


def phone_text(value: Any) -> str | None:
    """A phone as Nutshell echoes it (string or value object) back to one string."""
    if isinstance(value, dict):
        extension = text(value.get("extension"))
        for key in ("E164", "countryCodeAndNumber", "numberFormatted", "number"):
            if present(value.get(key)):
                return text(value[key]) + (f"{EXTENSION}{extension}" if extension else "")
        return None
    return text(value) or None


def phones_equal(a: Any, b: Any) -> bool:
    """E.164 vs national formats: equal digits, or the national number (trunk 0 dropped) is
    the E.164 number without a 1-3 digit country code."""
    da, db = digits(a), digits(b)
    if not da or not db:
        return da == db
    if da == db:
        return True
    a_intl, b_intl = text(a).startswith("+"), text(b).startswith("+")
    if a_intl == b_intl:
        return False
    intl, national = (da, db) if a_intl else (db, da)
    national = national.lstrip("0")
    return len(national) >= 6 and intl.endswith(national) and 1 <= len(intl) - len(national) <= 3


def person_name(fields: dict[str, Any], fallback: str) -> str:
    """The person's whole name as the clinic wrote it: a middle name between the first and
    the last (`Ruby Lee Ryan`), so that the contact is the person staff search for."""
    name = " ".join(text(fields.get(f)) for f in ("first_name", "middle_name", "last_name")
                    if present(fields.get(f)))
    return name or text(fields.get("preferred_name")) or fallback
