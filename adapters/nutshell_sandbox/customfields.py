"""Custom-field definitions (per contacts/accounts/leads) and the type check of their values.

Types as Nutshell names them: Text, Date ("YYYY-MM-DD"), Currency and Number (decimal
strings; JSON numbers are accepted and stored as strings), Decision (a pick-list: `choices`,
`isMultiple`; "enum" is accepted as an alias), Checkbox (boolean); Email, Phone, URL and
Location exist for leads only. There is no delete, as in Nutshell.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .envelope import HttpError, error

ENTITIES = ("contacts", "accounts", "leads")
TYPES = ("Text", "Date", "Currency", "Number", "Decision", "Checkbox",
         "Email", "Phone", "URL", "Location")
LEAD_ONLY = ("Email", "Phone", "URL", "Location")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KEY = "customFields"


def validate_definition(entity: str, body: Any, existing: list[dict[str, Any]], *,
                        allow_duplicate: bool = False) -> dict[str, Any]:
    """The stored definition for a create request, or HttpError 400."""
    if not isinstance(body, dict):
        raise error(KEY, "Request body must be an object")
    name, kind = body.get("name"), body.get("type")
    if not isinstance(name, str) or not name.strip() or len(name) > 255 or "/" in name:
        raise error(KEY, "Custom field name is required", field_name="name")
    if kind == "enum":
        kind = "Decision"
    if kind not in TYPES:
        raise error(KEY, "Invalid custom field type", field_name="type")
    if kind in LEAD_ONLY and entity != "leads":
        raise error(KEY, f"{kind} custom fields apply to leads only", field_name="type")
    if not allow_duplicate and any(d["name"].lower() == name.strip().lower() for d in existing):
        raise error(KEY, "A custom field with this name already exists", field_name="name")
    choices, multiple = body.get("choices"), body.get("isMultiple", False)
    if not isinstance(multiple, bool):
        raise error(KEY, "isMultiple must be a boolean", field_name="isMultiple")
    if kind == "Decision":
        if (not isinstance(choices, list) or not choices
                or not all(isinstance(c, str) and c for c in choices)
                or len(set(choices)) != len(choices)):
            raise error(KEY, "Decision fields need a list of distinct choices",
                        field_name="choices")
    elif choices not in (None, []):
        raise error(KEY, "choices apply to Decision fields only", field_name="choices")
    return {"name": name.strip(), "type": kind, "entityType": entity,
            "choices": list(choices or []) if kind == "Decision" else [],
            "isMultiple": multiple if kind == "Decision" else False}


def find(definitions: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    for d in definitions:
        if d["name"] == name:
            return d
    lowered = name.lower()
    return next((d for d in definitions if d["name"].lower() == lowered), None)


def check_value(key: str, definition: dict[str, Any], value: Any) -> Any:
    """The value to store (None clears the field), or HttpError 400 naming the field only."""
    if value is None:
        return None
    kind, name = definition["type"], definition["name"]
    bad = error(key, f"Invalid value for custom field '{name}'", field_name=name)
    if kind in ("Currency", "Number"):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise bad
        text = str(value).strip()
        if isinstance(value, dict) or not _DECIMAL.match(text):
            raise bad
        return text
    if kind == "Date":
        if not isinstance(value, str) or not _DATE.match(value):
            raise bad
        try:
            date.fromisoformat(value)
        except ValueError:
            raise bad from None
        return value
    if kind == "Decision":
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v in definition["choices"] for v in values):
            raise bad
        if len(values) > 1 and not definition["isMultiple"]:
            raise bad
        return values if definition["isMultiple"] else values[0]
    if kind == "Checkbox":
        if not isinstance(value, bool):
            raise bad
        return value
    if not isinstance(value, str):
        raise bad
    return value


def apply_values(key: str, definitions: list[dict[str, Any]], current: dict[str, Any],
                 values: Any, *, ignore_unknown: bool = False) -> dict[str, Any]:
    """`current` updated with `values` ({field name: value}); unknown names are a 400, or
    dropped with `ignore_unknown` (what Nutshell does is not known: a sandbox setting)."""
    if not isinstance(values, dict):
        raise error(key, "customFields must be an object", field_name="customFields")
    out = dict(current)
    for name, value in values.items():
        definition = find(definitions, name)
        if definition is None:
            if ignore_unknown:
                continue
            raise unknown_field(key, name)
        stored = check_value(key, definition, value)
        if stored is None:
            out.pop(definition["name"], None)
        else:
            out[definition["name"]] = stored
    return out


def unknown_field(key: str, name: str) -> HttpError:
    return error(key, f"Unknown custom field '{name}'", field_name=name)


def matches(definition: dict[str, Any], stored: Any, wanted: str) -> bool:
    if isinstance(stored, list):
        return wanted in stored
    return stored is not None and str(stored) == wanted
