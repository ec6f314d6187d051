"""What each collection accepts: writable fields, links, custom fields, status codes.

The status codes follow Nutshell's OpenAPI document where it and the wire samples disagree
(the samples show 200 for an account create; the document says 201).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .envelope import HttpError, error
from .records import CONTACT_DETAILS


@dataclass(frozen=True)
class Kind:
    name: str
    fields: dict[str, str]  # writable field -> "str" | "int" | "bool" | "decimal" | "status" | ...
    link_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    link_ones: dict[str, tuple[str, ...]] = field(default_factory=dict)
    custom_fields: bool = False
    create_status: int = 201
    delete_status: int = 200
    details: tuple[str, ...] = ()  # emails/phones/urls/addresses


_PEOPLE_DETAILS = ("emails", "phones", "urls", "addresses")
_PARTIES = ("contacts", "accounts", "leads", "users")

KINDS: dict[str, Kind] = {
    "contacts": Kind(
        "contacts", {"name": "str", "description": "str", "firstName": "str", "lastName": "str",
                     "jobTitle": "str"},
        link_lists={"accounts": ("accounts",), "tags": ("tags",)},
        link_ones={"owner": ("users",), "territory": ("territories",)},
        custom_fields=True, create_status=200, delete_status=204, details=_PEOPLE_DETAILS),
    "accounts": Kind(
        "accounts", {"name": "str", "description": "str", "employeeCount": "int"},
        link_lists={"contacts": ("contacts",), "tags": ("tags",)},
        link_ones={"owner": ("users",), "territory": ("territories",),
                   "accountType": ("accountTypes",), "industry": ("industries",)},
        custom_fields=True, create_status=201, delete_status=200, details=_PEOPLE_DETAILS),
    "leads": Kind(
        "leads", {"name": "str", "description": "str", "manualValue": "decimal",
                  "status": "status", "confidence": "percent", "priority": "flag",
                  "dueTime": "time"},
        link_lists={"contacts": ("contacts",), "accounts": ("accounts",), "sources": ("sources",),
                    "tags": ("tags",)},
        link_ones={"owner": ("users",)},
        custom_fields=True, create_status=201, delete_status=200),
    "activities": Kind(
        "activities", {"name": "str", "description": "str", "note": "str", "location": "str",
                       "startTime": "time", "endTime": "time", "transcription": "str",
                       "isFlagged": "bool", "isLogged": "bool", "isAllDay": "bool",
                       "isCancelled": "bool"},
        link_lists={"participants": _PARTIES, "leads": ("leads",)},
        link_ones={"owner": ("users",), "loggedBy": ("users",)},
        create_status=201),
    "tasks": Kind(
        "tasks", {"title": "str", "description": "str", "dueTime": "time", "isCompleted": "bool"},
        link_ones={"assignee": ("users",), "relatedEntity": ("contacts", "accounts", "leads")},
        create_status=200),
    "notes": Kind("notes", {"body": "str"}, link_ones={"parent": ("contacts", "accounts", "leads")}),
    "sources": Kind("sources", {"name": "str", "channel": "channel"}),
    "tags": Kind("tags", {"name": "str", "tagType": "tagType", "colorType": "color"}),
}

LEAD_STATUSES = ("open", "won", "lost", "cancelled")
CHANNELS = ("No channel", "Organic search", "Paid search", "Organic social", "Paid social",
            "Email", "Referrer", "Traditional", "Direct to website")
TAG_TYPES = {"1": "leads", "2": "contacts", "3": "accounts",
             "leads": "leads", "contacts": "contacts", "accounts": "accounts"}
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_ID = re.compile(r"^(\d+)(?:-([A-Za-z]+))?$")


def parse_id(raw: Any, collections: tuple[str, ...]) -> tuple[str, int] | None:
    """(collection, number) of an API id like `7-contacts` (or a plain integer where only
    one collection fits), or None when it names none of `collections`."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return (collections[0], raw) if len(collections) == 1 and raw > 0 else None
    if not isinstance(raw, str):
        return None
    m = _ID.match(raw.strip())
    if not m:
        return None
    number, suffix = int(m.group(1)), m.group(2)
    if suffix is None:
        return (collections[0], number) if len(collections) == 1 and number > 0 else None
    for c in collections:
        if c.lower() == suffix.lower():
            return c, number
    return None


def coerce(kind: Kind, name: str, value: Any) -> Any:
    """A writable field's stored value, or HttpError 400 naming the field."""
    rule = kind.fields[name]
    bad = error(kind.name, f"Invalid value for {name}", field_name=name)
    checks: dict[str, Callable[[Any], Any]] = {
        "str": lambda v: v if isinstance(v, str) and len(v) <= 100_000 else _raise(bad),
        "int": lambda v: v if _is_int(v) and v >= 0 else _raise(bad),
        "bool": lambda v: v if isinstance(v, bool) else _raise(bad),
        "time": lambda v: _time(v) if _time(v) is not None else _raise(bad),
        "decimal": lambda v: str(v).strip() if (isinstance(v, str | int | float)
                                                and not isinstance(v, bool)
                                                and _DECIMAL.match(str(v).strip())) else _raise(bad),
        "status": lambda v: v if v in LEAD_STATUSES else _raise(bad),
        "percent": lambda v: v if _is_int(v) and 0 <= v <= 100 else _raise(bad),
        "flag": lambda v: v if v in (0, 1) and not isinstance(v, bool) else _raise(bad),
        "channel": lambda v: ({"value": v, "display": CHANNELS[v]} if _is_int(v)
                              and 0 <= v < len(CHANNELS) else _raise(bad)),
        "tagType": lambda v: TAG_TYPES[v] if isinstance(v, str) and v in TAG_TYPES else _raise(bad),
        "color": lambda v: v if isinstance(v, str) and v.isdigit() and 1 <= int(v) <= 14
        else _raise(bad),
    }
    if value is None:
        return None
    return checks[rule](value)


def detail(kind: Kind, name: str, value: Any) -> list[dict[str, Any]]:
    return CONTACT_DETAILS[name](kind.name, value)


def _time(v: Any) -> int | None:
    """Unix seconds, as a number, a digit string, or the `{timestamp, value,
    absoluteLocalizedString}` object Nutshell answers with (the document's lead example
    sends one back)."""
    if isinstance(v, dict):
        v = v.get("timestamp")
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if _is_int(v) or (isinstance(v, str) and v.isdigit()):
        return int(v) if 0 <= int(v) < 2**33 else None
    return None


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _raise(exc: HttpError) -> Any:
    raise exc
