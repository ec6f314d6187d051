"""Read-only reference data a migration looks up, and its REST routes.

`/accounttypes`, `/industries`, `/territories`, `/stagesets`, `/outcomes`: the defaults of a
new Nutshell instance (the accounts capture's facets name five account types, `1-accountTypes`
to `5-accountTypes`; the events capture names `1-stagesets` and `101-stages`). These answer
the document's shapes: bare arrays for the first four, an `outcomes` envelope for the last
(the document's LeadOutcome object puts no member out of bounds). Also here: the list views
`/{accounts,contacts,leads}/list` with `list/fields`, `/events/deleted`, and
`POST /leads/{id}/status` (close a lead with an outcome).
"""

from __future__ import annotations

from typing import Any

from .. import ops
from ..context import Ctx
from ..envelope import Response, envelope, error, json_response, list_meta, meta, not_found
from ..listing import matcher, page_args
from ..records import render
from ..router import Router

ACCOUNT_TYPES = ("Customer", "Prospect", "Partner", "Vendor", "Other")
INDUSTRIES = ("Health care", "Software", "Retail", "Manufacturing", "Education")
TERRITORIES = ("North", "South")
STAGESETS = ({"id": "1-stagesets", "name": "Sales", "default": True, "canAccess": True,
              "status": 1},)
# (name, REST status the lead moves to, outcome type)
OUTCOMES = (("Won", "won", "won"), ("Lost: price", "lost", "lost"),
            ("Lost: no decision", "lost", "lost"), ("Cancelled", "cancelled", "cancelled"))
_LIST_FIELDS = {
    "accounts": ("name", "description", "createdTime", "owner", "accountType", "industry"),
    "contacts": ("name", "description", "jobTitle", "createdTime", "owner", "accounts"),
    "leads": ("name", "description", "status", "createdTime", "owner", "dueTime", "value"),
}


def named(collection: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"id": f"{n}-{collection}", "name": name, "modifiedTime": 0}
            for n, name in enumerate(names, start=1)]


def outcomes() -> list[dict[str, Any]]:
    return [{"id": f"{n}-outcomes", "name": name, "status": status, "type": kind}
            for n, (name, status, kind) in enumerate(OUTCOMES, start=1)]


def register(router: Router) -> None:
    router.add("GET", "/accounttypes")(lambda ctx: json_response(named("accountTypes",
                                                                       ACCOUNT_TYPES)))
    router.add("GET", "/industries")(lambda ctx: json_response(named("industries", INDUSTRIES)))
    router.add("GET", "/industries/{id}")(lambda ctx: _one(ctx, named("industries", INDUSTRIES)))
    router.add("GET", "/territories")(lambda ctx: json_response([
        {**t, "href": f"{ctx.base_url}/territories/{t['id']}"}
        for t in named("territories", TERRITORIES)]))
    router.add("GET", "/stagesets")(lambda ctx: json_response(list(STAGESETS)))
    router.add("GET", "/outcomes")(lambda ctx: envelope("outcomes", outcomes()))
    router.add("GET", "/outcomes/{id}")(lambda ctx: _one(ctx, outcomes()))
    router.add("POST", "/leads/{id}/status")(lead_status)
    router.add("GET", "/events/deleted")(deleted_events)
    router.not_emulated("/leads/report")
    for key in _LIST_FIELDS:
        router.add("GET", f"/{key}/list")(_list_items(key))
        router.add("GET", f"/{key}/list/fields")(_fields(key))


def _one(ctx: Ctx, items: list[dict[str, Any]]) -> Response:
    wanted = ctx.params["id"]
    for item in items:
        if wanted in (item["id"], item["id"].split("-")[0]):
            return json_response(item)
    raise not_found()


def lead_status(ctx: Ctx) -> Response:
    """Closes (or reopens with no outcome) a lead: `{"outcomeId": "1-outcomes"}`."""
    body = ctx.json("leads")
    if not isinstance(body, dict):
        raise error("leads", "Request body must be an object")
    by_id = {o["id"]: o for o in outcomes()}
    raw = body.get("outcomeId")
    if raw is not None and str(raw) not in by_id and f"{raw}-outcomes" not in by_id:
        raise error("leads", "Invalid outcome", field_name="outcomeId")
    with ctx.store.transaction():
        rec = ops.by_path_ids(ctx, "leads", ctx.params["id"], single=True)[0]
        work = dict(rec, links=dict(rec["links"]))
        outcome = None if raw is None else by_id.get(str(raw)) or by_id[f"{raw}-outcomes"]
        old = rec.get("status")
        work["status"] = "open" if outcome is None else outcome["status"]
        work["closedTime"] = None if outcome is None else ctx.now
        work["links"]["outcome"] = None if outcome is None else outcome["id"]
        ops.save_update(ctx, "leads", work, [ops.change("status", old, work["status"])])
    return json_response(render("leads", work, ctx.base_url))


def deleted_events(ctx: Ctx) -> Response:
    """Every deletion, newest first unless `sort` is absent (then oldest first)."""
    types = {t for t in ctx.query.get("filter[types]", []) if t}
    with ctx.store.lock:
        chosen = [e for e in ctx.store.all("events") if e["action"] == "delete"
                  and (not types or e["payloadType"] in types)]
    if ctx.q("sort") == "-change_time":
        chosen.reverse()
    events = [{"id": e["id"], "type": "events", "createdTime": e["createdTime"],
               "actorType": e["actorType"], "payloadType": e["payloadType"],
               "action": e["action"], "changes": e["changes"], "count": None,
               "links": e["links"]} for e in chosen]
    return json_response({"meta": meta(), "links": {}, "events": events})


def _list_items(key: str) -> Any:
    def listing(ctx: Ctx) -> Response:
        limit, page = page_args(ctx, key)
        test = matcher(ctx, key, strict=False)
        with ctx.store.lock:
            rows = [r for r in ctx.store.all(key) if r.get("deletedTime") is None and test(r)]
        items = []
        for r in rows[page * limit:(page + 1) * limit]:
            full = render(key, r, ctx.base_url)
            emails = r.get("emails") or []
            items.append({
                "id": r["id"], "type": key, "primaryName": r.get("name") or "",
                "primaryInfo": emails[0]["value"] if emails else "", "isDeleted": False,
                "htmlUrl": full.get("htmlUrl"), "htmlUrlPath": full.get("htmlUrlPath"),
                "avatarUrl": full.get("avatarUrl"), "initials": full.get("initials"),
                "fields": []})
        return json_response({"meta": meta(**list_meta(len(rows), len(rows))), "links": {},
                              "listItems": items})
    return listing


def _fields(key: str) -> Any:
    def fields(ctx: Ctx) -> Response:
        props = {name: {"type": "string", "title": name, "description": "",
                        "isFilterable": True, "isDisplayable": True, "isSortable": True,
                        "isNullable": True} for name in _LIST_FIELDS[key]}
        for d in ops.definitions(ctx, key):
            props[d["name"]] = {"type": "string", "title": d["name"], "description": "",
                                "isFilterable": True, "isDisplayable": True,
                                "isSortable": False, "isNullable": True}
        return json_response({"properties": props})
    return fields
