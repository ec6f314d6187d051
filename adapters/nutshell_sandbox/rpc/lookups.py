"""The look-ups a migration makes over JSON-RPC: endpoint discovery, users, activity types,
custom fields, sources, lead outcomes and search by e-mail address."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .. import ops
from ..context import Ctx
from ..records import api_id
from ..routes import catalog
from . import shapes
from .registry import RpcError, method, require


def _page(params: dict[str, Any], items: list[Any]) -> list[Any]:
    """`limit` (default 50) and 1-based `page`, as the find* methods take them."""
    try:
        limit, page = int(params.get("limit") or 50), int(params.get("page") or 1)
    except (TypeError, ValueError):
        raise RpcError(-32602, "Invalid params: limit and page are integers") from None
    if limit < 1 or page < 1:
        raise RpcError(-32602, "Invalid params: limit and page start at 1")
    return items[(page - 1) * limit: page * limit]


@method("getApiForUsername", "username")
def get_api_for_username(ctx: Ctx, params: dict[str, Any]) -> Any:
    require(params, "username")
    host = urlsplit(ctx.base_url).netloc
    return {"api": host, "login": host, "iphone": host}


@method("getUser", "userId?", "rev?")
def get_user(ctx: Ctx, params: dict[str, Any]) -> Any:
    raw = params.get("userId")
    if raw in (None, ""):
        return shapes.render(ctx.store, "users", ctx.user)
    parsed = ops.parse_id(raw, ("users",))
    rec = ctx.store.get("users", parsed[1]) if parsed else None
    if rec is None:
        raise RpcError(404, "User not found")
    return shapes.render(ctx.store, "users", rec)


@method("findUsers", "query?", "orderBy?", "orderDirection?", "limit?", "page?")
def find_users(ctx: Ctx, params: dict[str, Any]) -> Any:
    users = [shapes.render(ctx.store, "users", u) for u in ctx.store.all("users")]
    key = "lastName" if params.get("orderBy") in (None, "last_name") else "name"
    users.sort(key=lambda u: str(u.get(key) or "").lower(),
               reverse=str(params.get("orderDirection") or "ASC").upper() == "DESC")
    return _page(params, users)


@method("findActivityTypes", "orderBy?", "orderDirection?", "limit?", "page?")
def find_activity_types(ctx: Ctx, params: dict[str, Any]) -> Any:
    found = [shapes.stub(ctx.store, t["id"]) for t in ctx.store.all("activitytypes")]
    return _page(params, [dict(s, deletedTime=None) for s in found if s is not None])


@method("findCustomFields")
def find_custom_fields(ctx: Ctx, params: dict[str, Any]) -> Any:
    """Every definition, grouped by entity type as Nutshell groups them."""
    out: dict[str, list[dict[str, Any]]] = {"Leads": [], "Contacts": [], "Accounts": []}
    for d in ctx.store.all("customfields"):
        out[shapes.ENTITY_TYPES[d["entityType"]]].append({
            "stub": True, "id": shapes.number(d["id"]), "rev": shapes.rev(d),
            "entityType": "CustomFields", "name": d["name"], "type": d["type"],
            "choices": list(d.get("choices") or []), "isMultiple": bool(d.get("isMultiple"))})
    return out


@method("searchByEmail", "emailAddressString")
def search_by_email(ctx: Ctx, params: dict[str, Any]) -> Any:
    wanted = str(require(params, "emailAddressString")).strip().lower()
    out: dict[str, list[Any]] = {"contacts": [], "accounts": []}
    for collection, found in out.items():
        for rec in ctx.store.all(collection):
            emails = [str(e.get("value") or "").lower() for e in rec.get("emails") or []]
            if rec.get("deletedTime") is None and wanted in emails:
                found.append(shapes.stub(ctx.store, rec["id"]))
    return out


@method("findSources", "query?", "orderBy?", "orderDirection?", "limit?", "page?")
def find_sources(ctx: Ctx, params: dict[str, Any]) -> Any:
    raw = params.get("query")
    query: dict[str, Any] = raw if isinstance(raw, dict) else {}
    name = str(query.get("name") or "").lower()
    found = [shapes.stub(ctx.store, s["id"]) for s in ctx.store.all("sources")
             if s.get("deletedTime") is None and (not name or name == str(s["name"]).lower())]
    return _page(params, [s for s in found if s is not None])


@method("newSource", "name")
def new_source(ctx: Ctx, params: dict[str, Any]) -> Any:
    name = require(params, "name")
    if not isinstance(name, str) or not name.strip():
        raise RpcError(-32602, "Invalid params: name")
    number = ctx.store.next_id("sources")
    rec = {"id": api_id(number, "sources"), "name": name.strip(), "createdTime": ctx.now,
           "modifiedTime": ctx.now, "deletedTime": None, "rev": "1",
           "channel": {"value": 0, "display": "No channel"}, "links": {}}
    ctx.store.put("sources", number, rec)
    ops.add_event(ctx, "sources", "create", rec, [])
    return shapes.stub(ctx.store, rec["id"])


@method("findLead_Outcomes", "orderBy?", "orderDirection?", "limit?", "page?")
def find_lead_outcomes(ctx: Ctx, params: dict[str, Any]) -> Any:
    return _page(params, [
        {"stub": True, "id": shapes.number(o["id"]), "rev": "1", "entityType": "Lead_Outcomes",
         "name": o["name"], "description": o["name"], "type": o["type"]}
        for o in catalog.outcomes()])
