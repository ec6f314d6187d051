"""Activities (appointments, calls...): REST create/read/PUT update, no REST delete (405).

Deleting one takes the JSON-RPC `deleteActivity` with the activity's current `rev`, which
only the JSON-RPC `getActivity` shows (see `rpc/`): the REST answers carry no `rev`, as
Nutshell's do not.
"""

from __future__ import annotations

from typing import Any

import orjson

from .. import ops
from ..context import Ctx
from ..entities import KINDS, parse_id
from ..envelope import Response, envelope, error
from ..listing import MAX_LIMIT, page_args
from ..records import render
from ..router import Router

KEY = "activities"
KIND = KINDS[KEY]


def register(router: Router) -> None:
    router.add("GET", f"/{KEY}")(list_activities)
    router.add("POST", f"/{KEY}")(create)
    router.add("GET", f"/{KEY}/{{id}}")(get)
    router.add("PUT", f"/{KEY}/{{id}}")(update)


def _fields(ctx: Ctx, rec: dict[str, Any], item: dict[str, Any]) -> None:
    for name, value in item.items():
        if name in KIND.fields:
            ops.set_field(ctx, KIND, rec, name, value)
    if "activityType" in item:
        parsed = parse_id(item["activityType"], ("activityTypes", "activitytypes"))
        if parsed is None or ctx.store.get("activitytypes", parsed[1]) is None:
            raise error(KEY, "Invalid activityType", field_name="activityType")
        rec["links"]["activityType"] = f"{parsed[1]}-activityTypes"
    if rec.get("endTime") is not None and rec.get("startTime") is not None \
            and rec["endTime"] < rec["startTime"]:
        raise error(KEY, "endTime is before startTime", field_name="endTime")


def create(ctx: Ctx) -> Response:
    item = ops.one_item(ctx, KEY, ctx.json(KEY))
    rec = ops.new_record(ctx, KIND, item)
    rec["links"].update({"activityType": "1-activityTypes", "loggedBy": None})
    _fields(ctx, rec, item)
    if not rec.get("name"):
        raise error(KEY, "An activity needs a name", field_name="name")
    rec.setdefault("startTime", ctx.now)
    rec.setdefault("endTime", rec["startTime"])
    for flag in ("isLogged", "isFlagged", "isAllDay", "isCancelled"):
        rec.setdefault(flag, False)
    if rec["isLogged"]:
        rec["links"]["loggedBy"] = ctx.actor_id
        rec["loggedTime"] = rec["startTime"]
    ops.save_new(ctx, KIND, rec, item.get("links"))
    return envelope(KEY, [render(KEY, rec, ctx.base_url)], status=201)


def get(ctx: Ctx) -> Response:
    with ctx.store.lock:
        found = ops.by_path_ids(ctx, KEY, ctx.params["id"])
        return envelope(KEY, [render(KEY, r, ctx.base_url) for r in found])


def update(ctx: Ctx) -> Response:
    """PUT with the create body's shape; only the fields present change."""
    item = ops.one_item(ctx, KEY, ctx.json(KEY))
    if not isinstance(item, dict):
        raise error(KEY, "Each activities item must be an object")
    with ctx.store.transaction():
        rec = ops.by_path_ids(ctx, KEY, ctx.params["id"], single=True)[0]
        work = orjson.loads(orjson.dumps(rec))
        _fields(ctx, work, item)
        ops.set_links(ctx, KIND, work, item.get("links"))
        if work.get("isLogged") and not work["links"].get("loggedBy"):
            work["links"]["loggedBy"] = ctx.actor_id
        changes = [ops.change(k, rec.get(k), work.get(k)) for k in item if k in KIND.fields]
        ops.save_update(ctx, KEY, work, changes)
    return envelope(KEY, [render(KEY, work, ctx.base_url)])


def list_activities(ctx: Ctx) -> Response:
    raw_limit = ctx.q("limit")
    if raw_limit is not None and ctx.q("page[limit]") is None:
        ctx.query["page[limit]"] = [raw_limit]
    limit, page = page_args(ctx, KEY)
    limit = min(limit, MAX_LIMIT)
    participants = {ops.link_target_id(p, ("contacts", "accounts", "leads", "users"))
                    for p in ctx.query.get("filter[participant][]", []) if p}
    statuses = set(ctx.query.get("filter[status][]", []))
    text = (ctx.q("q") or "").strip().lower()

    def keep(r: dict[str, Any]) -> bool:
        if r.get("deletedTime") is not None:
            return False
        if participants and not participants & set(r["links"].get("participants") or []):
            return False
        status = "cancelled" if r.get("isCancelled") else "logged" if r.get("isLogged") \
            else "scheduled"
        if statuses and status not in statuses:
            return False
        return not text or text in str(r.get("name") or "").lower()

    with ctx.store.lock:
        rows = [r for r in ctx.store.all(KEY) if keep(r)]
    chunk = rows[page * limit:(page + 1) * limit]
    return envelope(KEY, [render(KEY, r, ctx.base_url) for r in chunk],
                    meta_extra={"count": len(rows), "total": len(rows)})
