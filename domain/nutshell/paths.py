"""Field paths: one stable name per comparable value of a Nutshell record, read the same way
from what we send and from what Nutshell echoes, and turned back into JSON Patch operations.

Path grammar (`<entity>` is the REST collection):
  <entity>.<field>               scalar: name, description, location, startTime, endTime,
                                 isLogged, activityType, body, status, title, dueTime
  <entity>.emails                list of addresses (order does not matter)
  <entity>.urls                  list of URLs (order does not matter)
  <entity>.phones                {label: number} (mobile/home/work/...)
  <entity>.address               the primary address {address_1, city, state, postalCode, ...}
  <entity>.customFields.<Name>   one custom field by name
  <entity>.links.<name>          a link: an id, or a list of ids (order does not matter)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from domain.nutshell.values import phone_text, phone_value_object, present, text
from domain.ports import JSON

SCALARS: tuple[str, ...] = ("name", "description", "location", "startTime", "endTime",
                            "isLogged", "activityType", "body", "status", "title", "dueTime")
LIST_LINKS: frozenset[str] = frozenset({"accounts", "contacts", "participants", "sources",
                                        "tags", "users", "leads"})
ADDRESS_PARTS: tuple[str, ...] = ("address_1", "address_2", "address_3", "city", "state",
                                  "postalCode", "country")

MISSING: Any = object()

# Fields each collection accepts in a JSON Patch (activities are replaced whole by PUT and
# notes cannot be changed at all through REST).
_WRITABLE: dict[str, frozenset[str]] = {
    "contacts": frozenset({"name", "description", "emails", "phones", "address", "urls",
                           "customFields.*", "links.accounts", "links.owner", "links.tags"}),
    "accounts": frozenset({"name", "description", "emails", "phones", "address", "urls",
                           "customFields.*", "links.owner", "links.tags"}),
    "leads": frozenset({"description", "status", "customFields.*", "links.contacts",
                        "links.accounts", "links.owner", "links.sources", "links.tags"}),
    "activities": frozenset({"name", "description", "location", "startTime", "endTime",
                             "isLogged", "activityType", "links.participants"}),
    "tasks": frozenset({"title", "description", "dueTime"}),
    "notes": frozenset(),
}


def writable_paths(entity: str) -> frozenset[str]:
    """Path patterns (without the entity prefix; `customFields.*` for any custom field)."""
    return _WRITABLE.get(entity, frozenset())


def is_writable(path: str) -> bool:
    entity, _, rest = path.partition(".")
    allowed = writable_paths(entity)
    return rest in allowed or (rest.startswith("customFields.") and "customFields.*" in allowed)


def _id(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def _ids(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(_id(v)) for v in items if _id(v) is not None]


def _custom_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    raw = record.get("customFields")
    if isinstance(raw, list):  # [{"name": ..., "value": ...}]
        return {str(c.get("name")): c.get("value") for c in raw if isinstance(c, dict)}
    if not isinstance(raw, dict):
        return {}
    return {k: (v.get("value") if isinstance(v, dict) and "value" in v else v)
            for k, v in raw.items()}


def _address(record: Mapping[str, Any]) -> dict[str, Any] | None:
    items = [a for a in record.get("addresses") or [] if isinstance(a, dict)]
    if not items:
        return None
    first = next((a for a in items if a.get("isPrimary")), items[0])
    # The live API nests the parts under `value`; the OpenAPI schema has them on the item.
    nested = first.get("value")
    src: dict[str, Any] = nested if isinstance(nested, dict) else first
    got = {k: src.get(k, first.get(k)) for k in ADDRESS_PARTS}
    return {k: v for k, v in got.items() if present(v)} or None


def _link(entity: str, record: Mapping[str, Any], name: str) -> Any:
    links = record.get("links") if isinstance(record.get("links"), dict) else {}
    assert isinstance(links, dict)
    if name == "participants" and entity == "activities" and "participants" not in links:
        # Nutshell echoes participants split by type.
        got = _ids(links.get("contacts")) + _ids(links.get("users"))
        return got if got or "contacts" in links else MISSING
    if name not in links:
        return MISSING
    value = links[name]
    return _ids(value) if name in LIST_LINKS or isinstance(value, list) else _id(value)


def read_value(entity: str, record: Mapping[str, Any], path: str) -> Any:
    """The value at `path` of a record, MISSING when it is not there."""
    prefix, _, rest = path.partition(".")
    if prefix != entity or not rest:
        return MISSING
    if rest.startswith("customFields."):
        cfs = _custom_fields(record)
        return cfs.get(rest[len("customFields."):], MISSING)
    if rest.startswith("links."):
        return _link(entity, record, rest[len("links."):])
    if rest in {"emails", "urls"}:
        items = record.get(rest)
        if items is None:
            return MISSING
        return [text(_value(i)) for i in items if present(_value(i))]
    if rest == "phones":
        items = record.get("phones")
        if items is None:
            return MISSING
        out: dict[str, Any] = {}
        for i in items:
            number = phone_text(_value(i))
            if number:
                out.setdefault(text(i.get("name")) if isinstance(i, dict) else "phone", number)
        return out
    if rest == "address":
        got = _address(record)
        return MISSING if got is None else got
    if rest == "description" and entity == "activities" and "description" not in record:
        return record.get("agenda", MISSING)  # the read side calls it agenda
    if rest == "activityType" and "activityType" not in record:
        links = record.get("links") if isinstance(record.get("links"), dict) else {}
        assert isinstance(links, dict)
        return _id(links["activityType"]) if "activityType" in links else MISSING
    if rest == "dueTime" and isinstance(record.get("dueTime"), dict):
        return record["dueTime"].get("timestamp", MISSING)
    return record.get(rest, MISSING)


def _value(item: Any) -> Any:
    return item.get("value") if isinstance(item, dict) else item


def read_paths(entity: str, record: Mapping[str, Any]) -> dict[str, JSON]:
    """Every path a record we built holds (expectations are read from our own payloads)."""
    paths = [f"{entity}.{s}" for s in SCALARS if s in record]
    paths += [f"{entity}.{k}" for k in ("emails", "urls", "phones") if record.get(k)]
    if record.get("addresses"):
        paths.append(f"{entity}.address")
    paths += [f"{entity}.customFields.{n}" for n in _custom_fields(record)]
    links = record.get("links") if isinstance(record.get("links"), dict) else {}
    assert isinstance(links, dict)
    paths += [f"{entity}.links.{n}" for n in links]
    out: dict[str, JSON] = {}
    for p in paths:
        v = read_value(entity, record, p)
        if v is not MISSING:
            out[p] = v
    return out


def actual_values(entity: str, nutshell_record: Mapping[str, Any],
                  keys: Iterable[str]) -> dict[str, JSON]:
    """The same paths read from a record as Nutshell returns it; absent paths are left out
    (compare reports them as missing)."""
    out: dict[str, JSON] = {}
    for k in keys:
        v = read_value(entity, nutshell_record, k)
        if v is not MISSING:
            out[k] = v
    return out


# --- back to writes -----------------------------------------------------------------------

def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")  # JSON Pointer, RFC 6901


def _pointer(entity: str, rest: str) -> str:
    if rest.startswith("customFields."):
        parts = ["customFields", _escape(rest[len("customFields."):])]
    elif rest.startswith("links."):
        parts = ["links", _escape(rest[len("links."):])]
    elif rest == "address":
        parts = ["addresses"]
    else:
        parts = [_escape(rest)]
    return f"/{entity}/0/" + "/".join(parts)


def wire_value(entity: str, rest: str, value: Any) -> Any:
    """A path's value in the shape the record field takes on the wire."""
    if rest in {"emails", "urls"}:
        label = "email" if rest == "emails" else "website"
        return [{"name": label, "isPrimary": i == 0, "value": v}
                for i, v in enumerate(value or [])]
    if rest == "phones":
        return [{"name": label, "isPrimary": i == 0,
                 "value": number if entity == "accounts" else phone_value_object(number)}
                for i, (label, number) in enumerate((value or {}).items())]
    if rest == "address":
        return [{"name": "address", "isPrimary": True, "value": dict(value)}] if value else []
    return value


def update_ops(entity: str, values: Mapping[str, Any]) -> list[dict[str, JSON]]:
    """JSON Patch setting each path to its value (only writable paths; list links are added
    one id at a time, as Nutshell documents `/links/accounts/-`). An empty value (None, "")
    clears the field: a delta that emptied a source field empties it in Nutshell too."""
    ops: list[dict[str, JSON]] = []
    for path in sorted(values):
        entity_of, _, rest = path.partition(".")
        if entity_of != entity or not is_writable(path):
            continue
        value = values[path]
        if not present(value) and rest not in {"emails", "urls", "phones", "address"}:
            if not (rest.startswith("links.") and isinstance(value, list)):
                ops.append({"op": "remove", "path": _pointer(entity, rest)})
            continue
        if rest.startswith("links.") and isinstance(value, list):
            ops += [{"op": "add", "path": _pointer(entity, rest) + "/-", "value": v}
                    for v in value]
        else:
            ops.append({"op": "replace", "path": _pointer(entity, rest),
                        "value": wire_value(entity, rest, value)})
    return ops


def inverse_patch(entity: str, previous_values: Mapping[str, Any],
                  written: Mapping[str, Any]) -> list[dict[str, JSON]]:
    """The JSON Patch that puts back what a write overwrote: previous values restored,
    fields that were empty before removed, links we added removed (links that were there
    before stay)."""
    ops: list[dict[str, JSON]] = []
    for path in sorted(written):
        entity_of, _, rest = path.partition(".")
        if entity_of != entity or not is_writable(path):
            continue
        prev = previous_values.get(path, MISSING)
        pointer = _pointer(entity, rest)
        if rest.startswith("links.") and isinstance(written[path], list):
            before = set(_ids(prev)) if prev is not MISSING else set()
            ops += [{"op": "remove", "path": f"{pointer}/{v}"}
                    for v in _ids(written[path]) if v not in before]
        elif rest in {"emails", "urls", "phones", "address"}:
            ops.append({"op": "replace", "path": pointer,
                        "value": wire_value(entity, rest,
                                            prev if prev is not MISSING and present(prev) else None)})
        elif prev is MISSING or prev is None:
            ops.append({"op": "remove", "path": pointer})
        else:
            ops.append({"op": "replace", "path": pointer, "value": prev})
    return ops


def record_from_values(entity: str, values: Mapping[str, Any]) -> dict[str, JSON]:
    """A whole record (for PUT of an activity) from path values."""
    rec: dict[str, JSON] = {}
    for path, value in values.items():
        entity_of, _, rest = path.partition(".")
        if entity_of != entity:
            continue
        if rest.startswith("customFields."):
            rec.setdefault("customFields", {})[rest[len("customFields."):]] = value
        elif rest.startswith("links."):
            rec.setdefault("links", {})[rest[len("links."):]] = value
        elif rest == "address":
            rec["addresses"] = wire_value(entity, rest, value)
        else:
            rec[rest] = wire_value(entity, rest, value)
    return rec
