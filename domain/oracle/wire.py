"""Values read from Nutshell records as the live REST API sends them (the wire samples kept in
adapters/nutshell_sandbox/reference/wire-samples), not as our payloads or the OpenAPI draw them:

- references are under `links` (`links.owner`, `links.accounts`, `links.activityType`,
  `links.contacts` + `links.users` for an activity's participants, `links.parent` of a note);
- an activity's agenda reads back as `agenda` (it is sent as `description`); who logged it is
  `links.logger` (or the creator an impersonated create leaves);
- contacts' phones hold an object (`E164`, `number`...), accounts' a string;
- addresses nest their parts under `value`;
- a lead's `createdTime` is an object with a `timestamp`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MISSING = object()


def _links(record: Mapping[str, Any]) -> Mapping[str, Any]:
    links = record.get("links")
    return links if isinstance(links, Mapping) else {}


def _id(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("id")
    return str(value) if value not in (None, "") else None


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [i for i in (_id(v) for v in items) if i]


def _item_value(item: Any) -> Any:
    return item.get("value") if isinstance(item, Mapping) else item


def custom_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    raw = record.get("customFields")
    if isinstance(raw, list):
        return {str(c.get("name")): _item_value(c) for c in raw if isinstance(c, Mapping)}
    if isinstance(raw, Mapping):
        return {str(k): (v.get("value") if isinstance(v, Mapping) and "value" in v else v)
                for k, v in raw.items()}
    return {}


def phone_values(record: Mapping[str, Any]) -> dict[str, list[str]]:
    """label -> the numbers under it, E.164 where Nutshell gives it."""
    out: dict[str, list[str]] = {}
    for item in record.get("phones") or []:
        if not isinstance(item, Mapping):
            continue
        value = item.get("value")
        if isinstance(value, Mapping):
            number = value.get("E164") or value.get("countryCodeAndNumber") or value.get("number")
        else:
            number = value
        if number:
            out.setdefault(str(item.get("name") or "phone"), []).append(str(number))
    return out


def _address(record: Mapping[str, Any], part: str) -> Any:
    items = [a for a in record.get("addresses") or [] if isinstance(a, Mapping)]
    if not items:
        return MISSING
    first = next((a for a in items if a.get("isPrimary")), items[0])
    inner = first.get("value")
    src = inner if isinstance(inner, Mapping) else first
    return src.get(part, MISSING)


def owner(entity: str, record: Mapping[str, Any]) -> str | None:
    links = _links(record)
    if entity == "activities":
        for name in ("owner", "logger", "loggedBy", "creator"):
            got = _id(links.get(name))
            if got and got.endswith("-users"):
                return got
        return None
    return _id(links.get("owner"))


def read(entity: str, record: Mapping[str, Any], place: str) -> Any:
    """The value at a place (see spec.py), MISSING when the record has no such thing."""
    links = _links(record)
    if place.startswith("customFields."):
        return custom_fields(record).get(place[len("customFields."):], MISSING)
    if place.startswith("address."):
        return _address(record, place[len("address."):])
    if place.startswith("phones."):
        return phone_values(record).get(place[len("phones."):], MISSING)
    if place in {"emails", "urls"}:
        return [str(_item_value(i)) for i in record.get(place) or [] if _item_value(i)]
    if place == "owner":
        return owner(entity, record)
    if place == "participants":
        return _ids(links.get("participants")) or (
            _ids(links.get("contacts")) + _ids(links.get("users")) + _ids(links.get("leads")))
    if place in {"accounts", "contacts"}:
        return _ids(links.get(place))
    if place == "parent":
        return _ids(links.get("parent"))
    if place == "activityType":
        got = _id(links.get("activityType")) or _id(record.get("activityType"))
        return got if got else MISSING
    if place == "description" and entity == "activities":
        for name in ("agenda", "description"):
            if record.get(name):
                return record[name]
        return MISSING
    if place == "createdTime":
        value = record.get("createdTime")
        return value.get("timestamp") if isinstance(value, Mapping) else value
    return record.get(place, MISSING)
