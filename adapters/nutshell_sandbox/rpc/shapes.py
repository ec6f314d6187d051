"""Stored records in the JSON-RPC API's entity shape (Nutshell's `Nut_Api_Render_Model_*`):
integer `id`, `entityType` ("Contacts", "Activities"...), string `rev`, ISO 8601 times,
multi-value fields as objects with a `--primary` member, linked entities as stubs
(`{stub: true, id, rev, entityType, name}`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..store import Store

ENTITY_TYPES = {"contacts": "Contacts", "accounts": "Accounts", "leads": "Leads",
                "activities": "Activities", "notes": "Notes", "users": "Users",
                "sources": "Sources", "activitytypes": "Activity_Types",
                "activityTypes": "Activity_Types", "tags": "Tags", "customfields": "CustomFields"}
COLLECTIONS = {v: k for k, v in ENTITY_TYPES.items() if k != "activityTypes"}
# RPC lead status codes (the REST API names them): the PyPI client's FindLeadsQueryStatus.
LEAD_STATUS = {"open": 0, "won": 10, "lost": 11, "cancelled": 12}
ACTIVITY_STATUS = {"scheduled": 0, "logged": 1, "cancelled": 2}


def iso(ts: Any) -> str | None:
    if not isinstance(ts, int | float) or isinstance(ts, bool):
        return None
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def number(api_id: Any) -> int:
    return int(str(api_id).split("-", 1)[0])


def rev(rec: dict[str, Any]) -> str:
    return str(rec.get("rev") or "1")


def stub(store: Store, api_id: Any) -> dict[str, Any] | None:
    """The stub of a linked record (`7-contacts`), or None when it names nothing stored."""
    if not isinstance(api_id, str) or "-" not in api_id:
        return None
    n, collection = api_id.split("-", 1)
    stored_as = "activitytypes" if collection == "activityTypes" else collection
    rec = store.get(stored_as, int(n)) if n.isdigit() else None
    if rec is None or collection not in ENTITY_TYPES:
        return None
    out = {"stub": True, "id": int(n), "rev": rev(rec), "entityType": ENTITY_TYPES[collection],
           "name": rec.get("name") or rec.get("title") or "",
           "modifiedTime": iso(rec.get("modifiedTime") or 0)}
    if collection == "users":
        # A user is named with its addresses and flags even as a stub (the PyPI client's
        # User model, written against Nutshell's answers, requires them).
        out.update({"emails": list(rec.get("emails") or []),
                    "isEnabled": bool(rec.get("isEnabled", True)),
                    "isAdministrator": bool(rec.get("isAdministrator")),
                    "createdTime": iso(rec.get("createdTime") or 0)})
    return out


def _stubs(store: Store, ids: Any) -> list[dict[str, Any]]:
    out = []
    for i in ids if isinstance(ids, list) else [ids]:
        s = stub(store, i)
        if s is not None:
            out.append(s)
    return out


def _multi(items: list[dict[str, Any]], value: Any = None) -> dict[str, Any]:
    """Nutshell's multi-value field: numbered members plus `--primary`."""
    out: dict[str, Any] = {}
    for i, item in enumerate(items):
        out[str(i)] = value(item) if value else item.get("value")
        if item.get("isPrimary") and "--primary" not in out:
            out["--primary"] = out[str(i)]
    if items and "--primary" not in out:
        out["--primary"] = out["0"]
    return out


def _phone(item: dict[str, Any]) -> Any:
    value = item.get("value")
    return value.get("numberFormatted") if isinstance(value, dict) else value


def _address(item: dict[str, Any]) -> dict[str, Any]:
    nested = item.get("value")
    src: dict[str, Any] = nested if isinstance(nested, dict) else item
    return {"address_1": src.get("address_1"), "address_2": src.get("address_2"),
            "address_3": src.get("address_3"), "city": src.get("city"),
            "state": src.get("state"), "postalCode": src.get("postalCode"),
            "country": src.get("country")}


def render(store: Store, collection: str, rec: dict[str, Any]) -> dict[str, Any]:
    """One stored record as a get*/edit* answer."""
    links = rec.get("links") or {}
    out: dict[str, Any] = {
        "stub": False, "id": number(rec["id"]), "entityType": ENTITY_TYPES[collection],
        "rev": rev(rec), "name": rec.get("name") or "",
        "createdTime": iso(rec.get("createdTime")), "modifiedTime": iso(rec.get("modifiedTime")),
        "deletedTime": iso(rec.get("deletedTime")),
    }
    if collection in ("contacts", "accounts"):
        out["description"] = rec.get("description") or ""
        out["email"] = _multi(rec.get("emails") or [])
        out["phone"] = _multi(rec.get("phones") or [], _phone)
        out["url"] = _multi(rec.get("urls") or [])
        out["address"] = _multi(rec.get("addresses") or [], _address)
        out["customFields"] = dict(rec.get("customFields") or {})
        out["owner"] = stub(store, links.get("owner"))
        out["tags"] = list(links.get("tags") or [])
        other = "accounts" if collection == "contacts" else "contacts"
        out[other] = _stubs(store, links.get(other) or [])
    elif collection == "leads":
        value = rec.get("value") or {}
        out.update({
            "description": rec.get("description") or "", "number": rec.get("number"),
            "status": LEAD_STATUS.get(str(rec.get("status") or "open"), 0),
            "confidence": rec.get("confidence"), "dueTime": iso(rec.get("dueTime")),
            "value": {"currency": value.get("currency", "USD"),
                      "amount": float(value.get("amount") or 0)},
            "contacts": _stubs(store, links.get("contacts") or []),
            "accounts": _stubs(store, links.get("accounts") or []),
            "sources": _stubs(store, links.get("sources") or []),
            "customFields": dict(rec.get("customFields") or {}),
            "assignee": stub(store, links.get("owner")),
        })
    elif collection == "activities":
        status = "cancelled" if rec.get("isCancelled") else \
            "logged" if rec.get("isLogged") else "scheduled"
        out.update({
            "description": rec.get("description") or "", "location": rec.get("location"),
            "activityType": stub(store, links.get("activityType") or "1-activityTypes"),
            "startTime": iso(rec.get("startTime")), "endTime": iso(rec.get("endTime")),
            "isAllDay": bool(rec.get("isAllDay")), "isFlagged": bool(rec.get("isFlagged")),
            "status": ACTIVITY_STATUS[status], "loggedBy": stub(store, links.get("loggedBy")),
            "participants": _stubs(store, links.get("participants") or []),
            "leads": _stubs(store, links.get("leads") or []),
        })
    elif collection == "notes":
        out.update({"note": rec.get("body") or "", "creator": stub(store, links.get("creator")),
                    "parent": stub(store, links.get("parent"))})
        out["name"] = (rec.get("body") or "")[:50]
    elif collection == "users":
        full = str(rec.get("name") or "")
        out.update({"firstName": rec.get("firstName") or full.split(" ", maxsplit=1)[0],
                    "lastName": full.split(" ", 1)[1] if " " in full else "",
                    "emails": list(rec.get("emails") or []),
                    "isEnabled": bool(rec.get("isEnabled", True)),
                    "isAdministrator": bool(rec.get("isAdministrator"))})
        out["createdTime"] = iso(rec.get("createdTime") or 0)
        out["modifiedTime"] = iso(rec.get("modifiedTime") or 0)
    return out
