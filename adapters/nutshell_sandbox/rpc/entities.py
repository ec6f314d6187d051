"""get*/edit*/delete* for contacts, accounts, leads, activities and notes.

`edit*` and `delete*` must quote the entity's current `rev` (a string that changes on every
write, REST writes included); a stale or missing one is refused with Nutshell's 409
"rev key is out-of-date". Deleted entities still answer `get*`, with `deletedTime` set.
There is no `undelete*` method: Nutshell's JSON-RPC API has none.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from .. import customfields as cf
from .. import ops
from ..context import Ctx
from ..entities import KINDS
from ..envelope import HttpError
from ..files import routes as files
from . import shapes
from .registry import RpcError, method, require

# RPC entity name -> (REST collection, id parameter, edit payload key)
ENTITIES = {"Contact": ("contacts", "contactId", "contact"),
            "Account": ("accounts", "accountId", "account"),
            "Lead": ("leads", "leadId", "lead"),
            "Activity": ("activities", "activityId", "activity"),
            "Note": ("notes", "noteId", "note")}
STALE = "rev key is out-of-date"
# RPC field -> stored field, per collection (only what the sandbox models).
_FIELDS = {
    "contacts": {"name": "name", "description": "description", "email": "emails",
                 "phone": "phones", "url": "urls", "address": "addresses"},
    "accounts": {"name": "name", "description": "description", "email": "emails",
                 "phone": "phones", "url": "urls", "address": "addresses"},
    "leads": {"name": "name", "description": "description", "confidence": "confidence",
              "dueTime": "dueTime"},
    "activities": {"name": "name", "description": "description", "location": "location",
                   "startTime": "startTime", "endTime": "endTime", "isAllDay": "isAllDay",
                   "isFlagged": "isFlagged"},
    "notes": {"note": "body"},
}


def record(ctx: Ctx, collection: str, raw: Any) -> dict[str, Any]:
    """The stored record an RPC id names (an integer, or "7" / "7-contacts"), else 404."""
    parsed = ops.parse_id(raw, (collection,))
    rec = ctx.store.get(collection, parsed[1]) if parsed else None
    if rec is None:
        raise RpcError(404, f"{collection[:-1].capitalize()} not found")
    return rec


def check_rev(rec: dict[str, Any], params: dict[str, Any]) -> None:
    if params.get("rev") is None or str(params["rev"]) != shapes.rev(rec):
        raise RpcError(409, STALE)


def _time(value: Any) -> Any:
    if isinstance(value, str) and not value.isdigit():
        try:
            return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
        except ValueError:
            raise RpcError(-32602, "Invalid params: not a time") from None
    return value


def _detail_list(value: Any) -> Any:
    """`{"--primary": a, "0": a, "1": b}` or a bare value -> a list with the primary first."""
    if isinstance(value, dict) and not {"address_1", "city"} & set(value):
        primary = value.get("--primary")
        items = [v for k, v in sorted(value.items()) if k != "--primary"]
        if primary is not None and primary in items:
            items.remove(primary)
            items.insert(0, primary)
        return items
    return value if isinstance(value, list) else [value]


def apply_edit(ctx: Ctx, collection: str, rec: dict[str, Any], fields: Any) -> dict[str, Any]:
    if not isinstance(fields, dict):
        raise RpcError(-32602, "Invalid params: the entity must be an object")
    kind = KINDS[collection]
    work = copy.deepcopy(rec)
    changes = []
    try:
        for name, raw in fields.items():
            value = raw
            if name == "customFields" and kind.custom_fields:
                defs = ops.definitions(ctx, collection)
                work["customFields"] = cf.apply_values(
                    collection, defs, work.get("customFields") or {}, value,
                    ignore_unknown=ops.ignore_unknown(ctx))
                changes.append({"attribute": "customFields"})
                continue
            if files.OWNERS.get(collection) == name:  # logNote (activities), file (leads)
                try:
                    changes.append(files.edit(ctx, collection, work, value))
                except files.FileRefused as exc:
                    raise RpcError(-32602, f"Invalid params: {exc}") from None
                continue
            stored = _FIELDS[collection].get(name)
            if stored is None:
                raise RpcError(-32602, f"Invalid params: {name} cannot be edited here")
            if stored in ("startTime", "endTime", "dueTime"):
                value = _time(value)
            if stored in kind.details:
                value = _detail_list(value)
            old = work.get(stored)
            if stored == "confidence":
                work[stored] = value
            else:
                ops.set_field(ctx, kind, work, stored, value)
            changes.append(ops.change(stored, old, work.get(stored)))
    except HttpError as exc:  # a field the REST rules refuse: the same refusal here
        raise RpcError(-32602, "Invalid params: a value was refused",
                       data={"status": exc.response.status}) from None
    ops.save_update(ctx, collection, work, changes)
    return work


def _render(ctx: Ctx, collection: str, rec: dict[str, Any]) -> dict[str, Any]:
    """The RPC shape, with the file list of a lead or a logged activity."""
    out = shapes.render(ctx.store, collection, rec)
    files.decorate(ctx, collection, rec, out)
    return out


def _register(entity: str, collection: str, id_param: str, payload: str) -> None:
    @method(f"get{entity}", id_param, "rev?")
    def get(ctx: Ctx, params: dict[str, Any]) -> Any:
        rec = record(ctx, collection, require(params, id_param))
        return _render(ctx, collection, rec)

    @method(f"edit{entity}", id_param, "rev", payload)
    def edit(ctx: Ctx, params: dict[str, Any]) -> Any:
        rec = record(ctx, collection, require(params, id_param))
        check_rev(rec, params)
        if rec.get("deletedTime") is not None:
            raise RpcError(404, f"{entity} not found")
        return _render(ctx, collection, apply_edit(ctx, collection, rec, params.get(payload)))

    @method(f"delete{entity}", id_param, "rev")
    def delete(ctx: Ctx, params: dict[str, Any]) -> Any:
        rec = record(ctx, collection, require(params, id_param))
        if rec.get("deletedTime") is not None:
            raise RpcError(404, f"{entity} not found")
        check_rev(rec, params)
        ops.soft_delete(ctx, collection, rec)
        return True


for _entity, (_collection, _id_param, _payload) in ENTITIES.items():
    _register(_entity, _collection, _id_param, _payload)
