"""Record operations shared by the routes: look-up, create, JSON Patch, soft delete, events.

Every write runs inside one store transaction and appends one event to the `/events` feed
(actor, action, changes) in the wire sample's shape.
"""

from __future__ import annotations

import copy
from typing import Any

import orjson

from . import customfields as cf
from .context import Ctx
from .entities import Kind, coerce, detail, parse_id
from .envelope import error, not_found
from .records import api_id

STORED = ("contacts", "accounts", "leads", "activities", "notes", "tasks", "sources", "tags",
          "users", "activitytypes")
# Both ends of a contact <-> company link are kept, as Nutshell shows them on both records.
MIRRORS = {("contacts", "accounts"): ("accounts", "contacts"),
           ("accounts", "contacts"): ("contacts", "accounts")}


def number_of(rec: dict[str, Any]) -> int:
    return int(str(rec["id"]).split("-", 1)[0])


def live(ctx: Ctx, collection: str, number: int) -> dict[str, Any] | None:
    rec = ctx.store.get(collection, number)
    return rec if rec is not None and rec.get("deletedTime") is None else None


def by_path_ids(ctx: Ctx, collection: str, raw: str, *, deleted: bool = False,
                single: bool = False) -> list[dict[str, Any]]:
    """The records named by a path segment (comma-separated ids); 404 if any is missing."""
    parts = [p for p in raw.split(",") if p.strip()]
    if not parts or (single and len(parts) > 1) or len(parts) > 1000:
        raise not_found()
    found = []
    for part in parts:
        parsed = parse_id(part, (collection,))
        rec = ctx.store.get(collection, parsed[1]) if parsed else None
        if rec is None or (rec.get("deletedTime") is not None) != deleted:
            raise not_found()
        found.append(rec)
    return found


def ignore_unknown(ctx: Ctx) -> bool:
    return ctx.settings.unknown_custom_field == "ignore"


def bump_rev(rec: dict[str, Any]) -> None:
    """Every write changes an entity's `rev` (what JSON-RPC edit*/delete* must quote)."""
    rec["rev"] = str(int(rec.get("rev") or "1") + 1)


def definitions(ctx: Ctx, entity: str) -> list[dict[str, Any]]:
    return [d for d in ctx.store.all("customfields") if d["entityType"] == entity]


def link_target(ctx: Ctx, kind: Kind, name: str, raw: Any,
                targets: tuple[str, ...]) -> str:
    parsed = parse_id(raw, targets)
    bad = error(kind.name, f"Invalid link for {name}", field_name=f"links.{name}")
    if parsed is None:
        raise bad
    collection, number = parsed
    if collection in STORED and live(ctx, collection, number) is None:
        raise bad
    return api_id(number, collection)


def link_target_id(raw: str, targets: tuple[str, ...]) -> str | None:
    """The normalised id named in a remove path (the target need not exist any more)."""
    parsed = parse_id(raw, targets)
    return None if parsed is None else api_id(parsed[1], parsed[0])


def set_links(ctx: Ctx, kind: Kind, rec: dict[str, Any], raw: Any) -> None:
    if raw is None:
        return
    if not isinstance(raw, dict):
        raise error(kind.name, "links must be an object", field_name="links")
    for name, value in raw.items():
        if name in kind.link_lists:
            items = value if isinstance(value, list) else [value]
            ids = [link_target(ctx, kind, name, v, kind.link_lists[name]) for v in items]
            replace_list_link(ctx, kind, rec, name, list(dict.fromkeys(ids)))
        elif name in kind.link_ones:
            rec["links"][name] = (None if value is None else
                                  link_target(ctx, kind, name, value, kind.link_ones[name]))
        # other link names (files, emAudiences...) are not modelled and are ignored


def replace_list_link(ctx: Ctx, kind: Kind, rec: dict[str, Any], name: str,
                      ids: list[str]) -> None:
    old = list(rec["links"].get(name) or [])
    rec["links"][name] = ids
    mirror = MIRRORS.get((kind.name, name))
    if mirror is None:
        return
    other, back = mirror
    for target in set(old) ^ set(ids):
        stored = ctx.store.get(other, int(target.split("-")[0]))
        if stored is None:
            continue
        peer = copy.deepcopy(stored)
        links = peer["links"].setdefault(back, [])
        if target in ids and rec["id"] not in links:
            links.append(rec["id"])
        elif target not in ids and rec["id"] in links:
            links.remove(rec["id"])
        ctx.store.put(other, number_of(peer), peer)


def set_field(ctx: Ctx, kind: Kind, rec: dict[str, Any], name: str, value: Any) -> None:
    if name in kind.details:
        rec[name] = detail(kind, name, value)
        return
    stored = coerce(kind, name, value)
    if name == "manualValue":
        amount = None if stored is None else float(stored)
        rec["value"] = None if amount is None else {
            "amount": int(amount) if amount.is_integer() else amount, "currency": "USD",
            "formatted": f"${amount:,.2f}"}
        return
    if name == "name" and (not isinstance(stored, str) or not stored.strip()):
        raise error(kind.name, f"{name} may not be empty", field_name=name)
    rec[name] = stored


def new_record(ctx: Ctx, kind: Kind, item: Any) -> dict[str, Any]:
    """A stored record built from a create request's item (not yet saved)."""
    if not isinstance(item, dict):
        raise error(kind.name, f"Each {kind.name} item must be an object")
    rec: dict[str, Any] = {"id": "", "rev": "1", "createdTime": ctx.now,
                           "modifiedTime": ctx.now, "deletedTime": None,
                           "links": {"creator": ctx.actor_id}}
    for name in kind.details:
        rec[name] = []
    for name in (*kind.link_lists, *kind.link_ones):
        rec["links"].setdefault(name, [] if name in kind.link_lists else None)
    if "owner" in kind.link_ones:
        rec["links"]["owner"] = ctx.actor_id
    for name, value in item.items():
        if name in kind.fields or name in kind.details:
            set_field(ctx, kind, rec, name, value)
    if kind.custom_fields:
        rec["customFields"] = cf.apply_values(kind.name, definitions(ctx, kind.name), {},
                                              item.get("customFields") or {},
                                              ignore_unknown=ignore_unknown(ctx))
    return rec


def save_new(ctx: Ctx, kind: Kind, rec: dict[str, Any], raw_links: Any) -> dict[str, Any]:
    with ctx.store.transaction():
        number = ctx.store.next_id(kind.name)
        rec["id"] = api_id(number, kind.name)
        if kind.name == "leads":
            rec["number"] = 1000 + number  # the user-facing serial, distinct from the id
        set_links(ctx, kind, rec, raw_links)
        ctx.store.put(kind.name, number, rec)
        add_event(ctx, kind.name, "create", rec, [])
    return rec


def one_item(ctx: Ctx, key: str, body: Any) -> Any:
    """The single item of an entity-keyed create body; Nutshell's message for two or more."""
    if not isinstance(body, dict) or not isinstance(body.get(key), list) or not body[key]:
        raise error(key, f"Request body must contain a non-empty '{key}' array")
    if len(body[key]) > 1:
        raise error(key, f"You may only create one {key} resource per request.")
    return body[key][0]


def add_event(ctx: Ctx, collection: str, action: str, rec: dict[str, Any],
              changes: list[dict[str, Any]]) -> None:
    number = ctx.store.next_id("events")
    ctx.store.put("events", number, {
        "id": api_id(number, "events"), "createdTime": ctx.now, "actorType": "users",
        "payloadType": collection, "action": action, "changes": changes,
        "links": {"comments": [], "actor": ctx.actor_id, "payloads": [rec["id"]]},
    })


def change(attribute: str, old: Any, new: Any) -> dict[str, Any]:
    """One entry of an event's `changes`: values are carried as `{"type", "name"}` objects
    so the entry fits the document's changeLogChange schema."""
    entry: dict[str, Any] = {"attribute": attribute}
    for key, value in (("oldValue", old), ("newValue", new)):
        # a missing side is null, as in the events capture (`"oldValue": null`)
        entry[key] = None if value is None else {
            "type": type(value).__name__,
            "name": value if isinstance(value, str) else _text(value)}
    return entry


def _text(value: Any) -> str:
    return orjson.dumps(value).decode()


def soft_delete(ctx: Ctx, collection: str, rec: dict[str, Any]) -> dict[str, Any]:
    """Returns the deleted record. Stored records are replaced, never changed in place, so
    a reader holding the previous version never sees it half-written."""
    rec = copy.deepcopy(rec)
    with ctx.store.transaction():
        rec["deletedTime"] = ctx.now
        rec["modifiedTime"] = ctx.now
        bump_rev(rec)
        ctx.store.put(collection, number_of(rec), rec)
        add_event(ctx, collection, "delete", rec, [change("deletedTime", None, ctx.now)])
    return rec


def undelete(ctx: Ctx, collection: str, rec: dict[str, Any]) -> dict[str, Any]:
    rec = copy.deepcopy(rec)
    with ctx.store.transaction():
        old = rec["deletedTime"]
        rec["deletedTime"] = None
        rec["modifiedTime"] = ctx.now
        bump_rev(rec)
        ctx.store.put(collection, number_of(rec), rec)
        add_event(ctx, collection, "undelete", rec, [change("deletedTime", old, None)])
    return rec


def save_update(ctx: Ctx, collection: str, rec: dict[str, Any],
                changes: list[dict[str, Any]]) -> None:
    with ctx.store.transaction():
        rec["modifiedTime"] = ctx.now
        bump_rev(rec)
        rec["links"]["modifiedBy"] = ctx.actor_id
        ctx.store.put(collection, number_of(rec), rec)
        add_event(ctx, collection, "update", rec, changes)


