"""Nutshell's JSON Patch dialect (`/<entity>/0/<field>` paths) applied to a stored record.

Supported: add/replace/remove of fields, contact details (`/contacts/0/emails` replace,
`/contacts/0/emails/-` add), custom fields (`/contacts/0/customFields/<Name>` or, as the
document's patchInput description allows, `/contacts/0/<Name>`), and links (`.../links/accounts/-`
add, `.../links/accounts/3-accounts` remove, `.../links/owner` replace), and `move`/`copy`
(RFC 6902, listed by the document's patchInput) between such paths.
"""

from __future__ import annotations

import copy
from typing import Any

from . import customfields as cf
from . import ops
from .context import Ctx
from .entities import Kind
from .envelope import error


def _segments(kind: Kind, path: Any) -> list[str]:
    if not isinstance(path, str):
        raise error(kind.name, "Each patch needs a string path", field_name="path")
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")]
    if parts and parts[0] == "":
        parts = parts[1:]
    if len(parts) < 3 or parts[0] != kind.name or parts[1] != "0" or not parts[2]:
        raise error(kind.name, f"Invalid patch path; expected /{kind.name}/0/<field>",
                    field_name="path")
    return parts[2:]


def apply(ctx: Ctx, kind: Kind, rec: dict[str, Any], patches: Any) -> None:
    """Applies the whole patch atomically and records one update event (204 follows)."""
    if not isinstance(patches, list) or not patches:
        raise error(kind.name, "No patches sent")
    if len(patches) > 1000:
        raise error(kind.name, "Too many patches in one request")
    with ctx.store.transaction():
        work = copy.deepcopy(rec)
        changes: list[dict[str, Any]] = []
        for patch in patches:
            changes.extend(_one(ctx, kind, work, patch))
        ops.save_update(ctx, kind.name, work, changes)


def _one(ctx: Ctx, kind: Kind, rec: dict[str, Any], patch: Any) -> list[dict[str, Any]]:
    if not isinstance(patch, dict):
        raise error(kind.name, "Each patch must be an object")
    op = patch.get("op")
    if op not in ("add", "remove", "replace", "move", "copy"):
        raise error(kind.name, "Invalid patch op", field_name="op")
    if op in ("move", "copy"):
        # RFC 6902: the value at `from` goes to `path`; a move then removes it at `from`.
        value = _read(ctx, kind, rec, _segments(kind, patch.get("from")))
        changes = _one(ctx, kind, rec, {"op": "replace", "path": patch.get("path"),
                                        "value": value})
        if op == "move":
            changes += _one(ctx, kind, rec, {"op": "remove", "path": patch.get("from")})
        return changes
    parts = _segments(kind, patch.get("path"))
    if op != "remove" and "value" not in patch:
        raise error(kind.name, "A value is required for add and replace", field_name="value")
    value = patch.get("value")
    head = parts[0]
    if head == "links":
        return _link(ctx, kind, rec, op, parts[1:], value)
    if head == "customFields" and kind.custom_fields:
        if len(parts) != 2:
            raise error(kind.name, "Invalid custom field path", field_name="path")
        return _custom(ctx, kind, rec, op, parts[1], value)
    if head in kind.details:
        return _detail(ctx, kind, rec, op, parts, value)
    if kind.name == "leads" and head == "status":
        # Not user-entered (the OpenAPI's PATCH description): a lead is closed or reopened
        # through POST /leads/{id}/status with an outcome.
        raise error(kind.name, "status is read-only here: use POST /leads/{id}/status",
                    field_name="path")
    if head in kind.fields and len(parts) == 1:
        old = rec.get("value" if head == "manualValue" else head)
        ops.set_field(ctx, kind, rec, head, None if op == "remove" else value)
        return [ops.change(head, old, rec.get("value" if head == "manualValue" else head))]
    if kind.custom_fields and len(parts) == 1:
        return _custom(ctx, kind, rec, op, head, value)
    raise error(kind.name, f"Unknown field in patch path: {head}", field_name="path")


def _read(ctx: Ctx, kind: Kind, rec: dict[str, Any], parts: list[str]) -> Any:
    """The value at a patch path, in the form a replace of that path accepts."""
    head = parts[0]
    if head == "links" and len(parts) == 2 and parts[1] in {*kind.link_lists, *kind.link_ones}:
        return rec["links"].get(parts[1])
    if kind.custom_fields and (head == "customFields" and len(parts) == 2 or len(parts) == 1):
        definition = cf.find(ops.definitions(ctx, kind.name), parts[-1])
        if definition is not None:
            return (rec.get("customFields") or {}).get(definition["name"])
    if len(parts) == 1 and head in kind.details:
        return list(rec.get(head) or [])
    if len(parts) == 1 and head in kind.fields:
        if head == "manualValue":
            return (rec.get("value") or {}).get("amount")
        return rec.get(head)
    raise error(kind.name, f"Unknown field in patch path: {head}", field_name="from")


def _custom(ctx: Ctx, kind: Kind, rec: dict[str, Any], op: str, name: str,
            value: Any) -> list[dict[str, Any]]:
    defs = ops.definitions(ctx, kind.name)
    definition = cf.find(defs, name)
    if definition is None:
        if ops.ignore_unknown(ctx):
            return []
        raise cf.unknown_field(kind.name, name)
    old = rec["customFields"].get(definition["name"])
    rec["customFields"] = cf.apply_values(kind.name, defs, rec["customFields"],
                                          {definition["name"]: None if op == "remove" else value})
    return [ops.change(definition["name"], old, rec["customFields"].get(definition["name"]))]


def _detail(ctx: Ctx, kind: Kind, rec: dict[str, Any], op: str, parts: list[str],
            value: Any) -> list[dict[str, Any]]:
    field, tail = parts[0], parts[1:]
    old = list(rec.get(field) or [])
    if not tail:
        if op == "remove":
            rec[field] = []
        else:
            ops.set_field(ctx, kind, rec, field, value if isinstance(value, list) else [value])
    elif tail == ["-"] and op == "add":
        rec[field] = old + ops.detail(kind, field, [value])
    elif len(tail) == 1 and tail[0].isdigit() and int(tail[0]) < len(old):
        index = int(tail[0])
        replacement = [] if op == "remove" else ops.detail(kind, field, [value])
        rec[field] = old[:index] + replacement + old[index + 1:]
    else:
        raise error(kind.name, f"Invalid {field} index in patch path", field_name="path")
    return [{"attribute": field}]


def _link(ctx: Ctx, kind: Kind, rec: dict[str, Any], op: str, rest: list[str],
          value: Any) -> list[dict[str, Any]]:
    if not rest:
        raise error(kind.name, "Invalid links path", field_name="path")
    name, tail = rest[0], rest[1:]
    links = rec["links"]
    if name in kind.link_lists:
        targets = kind.link_lists[name]
        current = list(links.get(name) or [])
        if op == "remove" and tail:
            parsed = ops.link_target_id(tail[0], targets)
            new = [i for i in current if i != parsed]
        elif op == "remove":
            new = []
        elif tail == ["-"] or (op == "add" and not tail and not isinstance(value, list)):
            values = value if isinstance(value, list) else [value]
            new = current + [ops.link_target(ctx, kind, name, v, targets) for v in values]
        elif not tail:
            values = value if isinstance(value, list) else [value]
            new = [ops.link_target(ctx, kind, name, v, targets) for v in values]
        else:
            raise error(kind.name, "Invalid links path", field_name="path")
        new = list(dict.fromkeys(new))
        ops.replace_list_link(ctx, kind, rec, name, new)
        return [{"attribute": f"links.{name}"}]
    if name in kind.link_ones and not tail:
        old = links.get(name)
        links[name] = (None if op == "remove" or value is None
                       else ops.link_target(ctx, kind, name, value, kind.link_ones[name]))
        return [ops.change(f"links.{name}", old, links[name])]
    raise error(kind.name, f"Unknown link in patch path: {name}", field_name="path")

