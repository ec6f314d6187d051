"""Notes, tasks, sources, tags, users, activity types and the `/events` feed."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .. import ops, patch
from ..context import Ctx
from ..entities import KINDS
from ..envelope import Response, envelope, error, json_response, media_type_required, meta
from ..listing import list_response
from ..records import render
from ..router import Router
from .core import PATCH_TYPE, restore

ACTIVITY_TYPES = ("Phone Call", "Email", "Meeting", "SMS", "Appointment")


def register(router: Router) -> None:
    _notes(router)
    _tasks(router)
    _sources_and_tags(router)
    router.add("GET", "/users")(list_users)
    router.add("GET", "/users/{id}")(get_users)
    router.add("GET", "/activitytypes")(activity_types)
    router.add("GET", "/events")(events)


def seed_activity_types(store: Any) -> None:
    with store.transaction():
        if store.all("activitytypes"):
            return
        for number, name in enumerate(ACTIVITY_TYPES, start=1):
            store.put("activitytypes", number, {"id": f"{number}-activityTypes", "name": name,
                                                "modifiedTime": 0, "isBenchmarkable": True})


def _get_many(key: str) -> Any:
    def get(ctx: Ctx) -> Response:
        with ctx.store.lock:
            found = ops.by_path_ids(ctx, key, ctx.params["id"])
            return envelope(key, [render(key, r, ctx.base_url) for r in found])
    return get


def _delete(key: str, *, many: bool = False) -> Any:
    def delete(ctx: Ctx) -> Response:
        with ctx.store.transaction():
            found = ops.by_path_ids(ctx, key, ctx.params["id"], single=not many)
            deleted = [ops.soft_delete(ctx, key, rec) for rec in found]
        return envelope(key, [render(key, r, ctx.base_url) for r in deleted])
    return delete


def _undelete(key: str) -> Any:
    return lambda ctx: restore(ctx, key)


def _notes(router: Router) -> None:
    kind = KINDS["notes"]

    @router.add("GET", "/notes")
    def list_notes(ctx: Ctx) -> Response:
        return list_response(ctx, "notes", strict=False)

    @router.add("POST", "/notes")
    def create(ctx: Ctx) -> Response:
        body = ctx.json("notes")
        item = body.get("data") if isinstance(body, dict) and "data" in body \
            else ops.one_item(ctx, "notes", body)
        if not isinstance(item, dict) or not isinstance(item.get("body"), str) \
                or not item["body"].strip():
            raise error("notes", "A note needs a body", field_name="body")
        links = item.get("links")
        parent = links.get("parent") if isinstance(links, dict) else links
        rec = ops.new_record(ctx, kind, item)
        rec["links"]["parent"] = ops.link_target(ctx, kind, "parent", parent,
                                                 kind.link_ones["parent"])
        rec["parentType"] = rec["links"]["parent"].split("-", 1)[1]
        rec["isEditable"] = True
        ops.save_new(ctx, kind, rec, None)
        return envelope("notes", [render("notes", rec, ctx.base_url)], status=201)

    router.add("GET", "/notes/{id}")(_get_many("notes"))
    router.add("DELETE", "/notes/{id}")(_delete("notes"))
    router.add("POST", "/notes/{id}/undelete")(_undelete("notes"))


def _tasks(router: Router) -> None:
    kind = KINDS["tasks"]

    @router.add("GET", "/tasks")
    def list_tasks(ctx: Ctx) -> Response:
        def by_link(name: str) -> Any:
            return lambda values: lambda r: r["links"].get(name) in values
        return list_response(ctx, "tasks", strict=False, extra={
            "assignee": by_link("assignee"), "relatedEntity": by_link("relatedEntity")})

    @router.add("POST", "/tasks")
    def create(ctx: Ctx) -> Response:
        body = ctx.json("tasks")
        item = ops.one_item(ctx, "tasks", body) if isinstance(body, dict) and "tasks" in body \
            else body
        if not isinstance(item, dict) or not isinstance(item.get("title", ""), str):
            raise error("tasks", "Invalid value for title", field_name="title")
        # The document requires nothing; its own example task has no title.
        rec = ops.new_record(ctx, kind, {"title": "", **item})
        rec["name"] = rec["title"]
        rec.setdefault("isCompleted", False)
        rec["links"]["assignee"] = ctx.actor_id
        links = item.get("links")
        if isinstance(links, str):  # the document's example names the related record alone
            links = {"relatedEntity": links}
        ops.save_new(ctx, kind, rec, links)
        return envelope("tasks", [render("tasks", rec, ctx.base_url)], status=200)

    @router.add("PATCH", "/tasks/{id}")
    def update(ctx: Ctx) -> Response:
        # The document declares application/json for this PATCH; the JSON Patch type is
        # accepted too, since it is what every other entity requires.
        if ctx.content_type not in ("application/json", PATCH_TYPE):
            raise media_type_required()
        patches = ctx.json("tasks")
        with ctx.store.transaction():
            rec = ops.by_path_ids(ctx, "tasks", ctx.params["id"], single=True)[0]
            patch.apply(ctx, kind, rec, patches)
        return Response(204, b"", None)

    router.add("GET", "/tasks/{id}")(_get_many("tasks"))
    router.add("DELETE", "/tasks/{id}")(_delete("tasks"))


def _sources_and_tags(router: Router) -> None:
    def creator(key: str, status: int, required: tuple[str, ...]) -> Any:
        def create(ctx: Ctx) -> Response:
            item = ops.one_item(ctx, key, ctx.json(key))
            if not isinstance(item, dict):
                raise error(key, f"Each {key} item must be an object")
            for name in required:
                if item.get(name) in (None, ""):
                    raise error(key, f"{name} is required", field_name=name)
            rec = ops.new_record(ctx, KINDS[key], item)
            if key == "sources":
                rec.setdefault("channel", {"value": 0, "display": "No channel"})
            else:
                rec.setdefault("colorType", "1")
                rec["count"] = 0
            rec["links"] = {}
            ops.save_new(ctx, KINDS[key], rec, None)
            return json_response({"meta": meta(), "links": {},
                                  key: [render(key, rec, ctx.base_url)]}, status)
        return create

    router.add("GET", "/sources")(lambda ctx: list_response(ctx, "sources", paged=False,
                                                            strict=False))
    router.add("POST", "/sources")(creator("sources", 201, ("name",)))
    router.add("DELETE", "/sources/{id}")(_delete("sources"))
    router.add("POST", "/sources/{id}/undelete")(_undelete("sources"))
    router.add("GET", "/tags")(lambda ctx: list_response(
        ctx, "tags", paged=False, strict=False,
        extra={"tagType": lambda values: lambda r: r.get("tagType") in values}))
    router.add("POST", "/tags")(creator("tags", 200, ("name", "tagType")))
    router.add("DELETE", "/tags/{id}")(_delete("tags", many=True))
    router.add("POST", "/tags/{id}/undelete")(_undelete("tags"))


def list_users(ctx: Ctx) -> Response:
    with ctx.store.lock:
        users = [render("users", u, ctx.base_url) for u in ctx.store.all("users")]
    return envelope("users", users, meta_extra={"total": len(users)})


def get_users(ctx: Ctx) -> Response:
    with ctx.store.lock:
        found = ops.by_path_ids(ctx, "users", ctx.params["id"])
        users = [render("users", u, ctx.base_url) for u in found]
    return envelope("users", users, meta_extra={"total": len(users)})


def activity_types(ctx: Ctx) -> Response:
    with ctx.store.lock:
        return envelope("activityTypes", [dict(t) for t in ctx.store.all("activitytypes")])


# --- events -------------------------------------------------------------------------------------

def _event_number(ctx: Ctx, name: str) -> int | None:
    raw = ctx.q(name)
    if raw in (None, ""):
        return None
    parsed = ops.parse_id(raw, ("events",))
    if parsed is None:
        raise error("events", "Invalid filter", detail=f"Invalid {name}")
    return parsed[1]


def _int_param(ctx: Ctx, name: str) -> int | None:
    raw = ctx.q(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise error("events", "Invalid filter", detail=f"Invalid {name}") from None


def events(ctx: Ctx) -> Response:
    """Newest first. `since_id` (exclusive) and `max_id` (inclusive) bound by id,
    `since_time`/`max_time` by Unix time, `entity_id` and `filters[payload][]` by record."""
    limit = _int_param(ctx, "limit") or 20
    if not 1 <= limit <= 10_000:
        raise error("events", "Invalid filter", detail=f"Invalid limit: {limit}")
    since_id, max_id = _event_number(ctx, "since_id"), _event_number(ctx, "max_id")
    since_time, max_time = _int_param(ctx, "since_time"), _int_param(ctx, "max_time")
    entity, payload_types = ctx.q("entity_id"), set(ctx.query.get("filters[payload][]", []))
    creators = {c for c in ctx.query.get("filters[creator][]", []) if c}

    def keep(e: dict[str, Any]) -> bool:
        n = ops.number_of(e)
        return ((since_id is None or n > since_id) and (max_id is None or n <= max_id)
                and (since_time is None or e["createdTime"] >= since_time)
                and (max_time is None or e["createdTime"] <= max_time)
                and (not entity or entity in e["links"]["payloads"])
                and (not payload_types or e["payloadType"] in payload_types)
                and (not creators or e["links"]["actor"] in creators))

    with ctx.store.lock:
        chosen = [e for e in reversed(ctx.store.all("events")) if keep(e)][:limit]
        payloads: dict[str, dict[str, Any]] = {}
        for e in chosen:
            for pid in e["links"]["payloads"]:
                collection = e["payloadType"]
                rec = ctx.store.get(collection, int(pid.split("-")[0]))
                if rec is not None and pid not in payloads:
                    payloads[pid] = render(collection, rec, ctx.base_url)
    extra: dict[str, Any] = {}
    if chosen:
        newest, oldest = ops.number_of(chosen[0]), ops.number_of(chosen[-1])
        # As the capture's meta: the id bound and the time bound together.
        extra["next"] = f"{ctx.base_url}/events?" + urlencode(
            {"limit": limit, "since_id": f"{newest}-events",
             "since_time": chosen[0]["createdTime"]})
        extra["previous"] = f"{ctx.base_url}/events?" + urlencode(
            {"limit": limit, "max_id": f"{oldest - 1}-events",
             "max_time": chosen[-1]["createdTime"]})
        extra["last"] = chosen[-1]["id"]
    body = {"meta": meta(**extra), "links": {}, "events": [_event(e) for e in chosen],
            "actors": [], "payloads": list(payloads.values())}
    for companion in ("activityTypes", "contacts", "users", "notes", "emailAddresses",
                      "activities"):
        body[companion] = []
    return json_response(body)


def _event(e: dict[str, Any]) -> dict[str, Any]:
    return {"id": e["id"], "type": "events", "createdTime": e["createdTime"],
            "actorType": e["actorType"], "payloadType": e["payloadType"],
            "action": e["action"], "changes": e["changes"], "count": None, "links": e["links"]}
