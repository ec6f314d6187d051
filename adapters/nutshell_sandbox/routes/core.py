"""People (`contacts`), Companies (`accounts`) and `leads`, with their custom fields."""

from __future__ import annotations

from typing import Any

from .. import customfields as cf
from .. import ops, patch
from ..context import Ctx
from ..entities import KINDS
from ..envelope import Response, envelope, error, json_response, media_type_required
from ..listing import list_response
from ..records import api_id, render
from ..router import Router

PATCH_TYPE = "application/json-patch+json"


def register(router: Router) -> None:
    for name in cf.ENTITIES:
        _register_entity(router, name)


def _register_entity(router: Router, key: str) -> None:
    kind = KINDS[key]

    @router.add("GET", f"/{key}/customfields/attributes")
    def field_definitions(ctx: Ctx) -> Response:
        return _fields_body(key, [_definition(d) for d in ops.definitions(ctx, key)])

    @router.add("POST", f"/{key}/customfield")
    def create_field(ctx: Ctx) -> Response:
        body = ctx.json(cf.KEY)
        with ctx.store.transaction():
            stored = cf.validate_definition(
                key, body, ops.definitions(ctx, key),
                allow_duplicate=ctx.settings.duplicate_custom_field == "allow")
            number = ctx.store.next_id("customfields")
            stored = {"id": api_id(number, "customfields"), **stored,
                      "createdTime": ctx.now, "modifiedTime": ctx.now}
            ctx.store.put("customfields", number, stored)
        return json_response(_definition(stored))

    @router.add("GET", f"/{key}")
    def list_records(ctx: Ctx) -> Response:
        return list_response(ctx, key, facets=key == "accounts")

    @router.add("POST", f"/{key}")
    def create(ctx: Ctx) -> Response:
        item = ops.one_item(ctx, key, ctx.json(key))
        rec = ops.new_record(ctx, kind, item)
        if key == "leads" and not rec.get("name"):
            rec["name"] = rec.get("description") or "Lead"
        if key == "leads":
            rec.setdefault("status", "open")
        _require(kind.name, rec, item)
        ops.save_new(ctx, kind, rec, item.get("links"))
        return envelope(key, [render(key, rec, ctx.base_url)], status=kind.create_status)

    @router.add("GET", f"/{key}/{{id}}")
    def get(ctx: Ctx) -> Response:
        with ctx.store.lock:
            found = ops.by_path_ids(ctx, key, ctx.params["id"])
            return envelope(key, [render(key, r, ctx.base_url) for r in found])

    @router.add("PATCH", f"/{key}/{{id}}")
    def update(ctx: Ctx) -> Response:
        if ctx.content_type != PATCH_TYPE:
            raise media_type_required()
        patches = ctx.json(key)
        with ctx.store.transaction():
            rec = ops.by_path_ids(ctx, key, ctx.params["id"], single=True)[0]
            patch.apply(ctx, kind, rec, patches)
        return Response(204, b"", None)

    @router.add("DELETE", f"/{key}/{{id}}")
    def delete(ctx: Ctx) -> Response:
        with ctx.store.transaction():
            rec = ops.by_path_ids(ctx, key, ctx.params["id"], single=True)[0]
            rec = ops.soft_delete(ctx, key, rec)
        if kind.delete_status == 204:
            return Response(204, b"", None)
        return envelope(key, [render(key, rec, ctx.base_url)])

    @router.add("POST", f"/{key}/{{id}}/undelete")
    def undelete(ctx: Ctx) -> Response:
        return restore(ctx, key)

    @router.add("GET", f"/{key}/{{id}}/customfields")
    def record_fields(ctx: Ctx) -> Response:
        with ctx.store.lock:
            rec = ops.by_path_ids(ctx, key, ctx.params["id"], single=True)[0]
            values = rec.get("customFields") or {}
            return _fields_body(key, [
                {**_definition(d), "value": _as_text(values.get(d["name"]))}
                for d in ops.definitions(ctx, key) if d["name"] in values])


def restore(ctx: Ctx, key: str) -> Response:
    """Undelete; restoring a record that is already live answers with it unchanged."""
    with ctx.store.transaction():
        parsed = ops.parse_id(ctx.params["id"], (key,))
        rec = ctx.store.get(key, parsed[1]) if parsed else None
        if rec is None:
            raise ops.not_found()
        if rec.get("deletedTime") is not None:
            rec = ops.undelete(ctx, key, rec)
        return envelope(key, [render(key, rec, ctx.base_url)])


def _fields_body(key: str, items: list[dict[str, Any]]) -> Response:
    # The document answers a bare array for contacts and leads but {"customFields": [...]}
    # for accounts; each is served as documented.
    return json_response({cf.KEY: items} if key == "accounts" else items)


def _definition(d: dict[str, Any]) -> dict[str, Any]:
    return {"id": d["id"], "name": d["name"], "title": d["name"], "type": d["type"],
            "entityType": d["entityType"], "choices": d["choices"],
            "isMultiple": d["isMultiple"]}


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _require(key: str, rec: dict[str, Any], item: dict[str, Any]) -> None:
    # The document requires nothing, and its own examples create a person and a company with
    # no name but a phone and an e-mail: a name or one contact detail is what is asked.
    if key in ("contacts", "accounts") and not (rec.get("name") or rec["emails"]
                                                or rec["phones"] or rec["urls"]
                                                or rec["addresses"]):
        raise error(key, "At least one of name, phone, email, address or url is required")
