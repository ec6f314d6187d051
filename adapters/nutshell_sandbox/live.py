"""Stored records in the shapes Nutshell's REST API really answers (reference/wire-samples:
the accounts pages and the events page's payloads of every type), key for key: nulls sent as
null, contact addresses nested under `value`, a lead's `number` a string and its times
`{absoluteLocalizedString, timestamp, value}` objects, an activity's `agenda`, `logger` and
participants split into `links.contacts/users/accounts`, notes' times in Unix seconds.

Keys the captures do not show are left out (accounts carry no times on the wire), except
what a record holds that no capture covers: `customFields` when set, an activity's
`location` when set (README, sandbox differences).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

_ADDRESS = ("address_1", "address_2", "address_3", "city", "state", "postalCode", "country")


def localized(ts: int | None) -> dict[str, Any] | None:
    if ts is None:
        return None
    when = datetime.fromtimestamp(ts, UTC)
    text = f"{when:%B} {when.day}, {when.year}"
    return {"absoluteLocalizedString": text, "timestamp": ts, "value": text}


def _address(item: dict[str, Any]) -> dict[str, Any]:
    value = {"location": None, "locationAccuracy": None}
    value.update({k: item.get(k) for k in _ADDRESS})
    value["timezone"] = item.get("timezone")
    return {"isPrimary": item.get("isPrimary", False), "name": item.get("name") or "address",
            "value": value}


def _details(rec: dict[str, Any]) -> dict[str, Any]:
    return {"emails": list(rec.get("emails") or []),
            "addresses": [_address(a) for a in rec.get("addresses") or []],
            "phones": list(rec.get("phones") or []), "urls": list(rec.get("urls") or [])}


def _custom(rec: dict[str, Any], out: dict[str, Any]) -> None:
    if rec.get("customFields"):
        out["customFields"] = dict(rec["customFields"])


def account(rec: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    links = rec["links"]
    out = {"id": rec["id"], "type": "accounts", "name": rec.get("name"),
           "description": rec.get("description"), **_details(rec), "href": common["href"],
           "revenue": rec.get("revenue"), "employeeCount": rec.get("employeeCount"),
           "avatarUrl": common["avatarUrl"], "initials": common["initials"],
           "htmlUrl": common["htmlUrl"], "htmlUrlPath": common["htmlUrlPath"]}
    _custom(rec, out)
    out["links"] = {
        "creator": links.get("creator"), "owner": links.get("owner"),
        "territory": links.get("territory"), "tags": list(links.get("tags") or []),
        "files": [], "relatedFiles": [], "followup": None, "recurringTask": None,
        "contacts": list(links.get("contacts") or []),
        "accountType": links.get("accountType") or "1-accountTypes",
        "industry": links.get("industry")}
    return out


def contact(rec: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    links = rec["links"]
    name = str(rec.get("name") or "")
    first, _, last = name.partition(" ")
    out = {"id": rec["id"], "type": "contacts", "name": rec.get("name"),
           "description": rec.get("description"), **_details(rec),
           "jobTitle": rec.get("jobTitle"),
           "firstName": rec.get("firstName") if rec.get("firstName") is not None else first,
           "lastName": rec.get("lastName") if rec.get("lastName") is not None else last,
           "mcfxContactId": None, "href": common["href"], "avatarUrl": common["avatarUrl"],
           "initials": common["initials"], "htmlUrl": common["htmlUrl"],
           "htmlUrlPath": common["htmlUrlPath"]}
    _custom(rec, out)
    out["links"] = {
        "accounts": list(links.get("accounts") or []), "emAudiences": [],
        "creator": links.get("creator"), "owner": links.get("owner"),
        "territory": links.get("territory"), "tags": list(links.get("tags") or []),
        "files": [], "relatedFiles": [], "followup": None, "recurringTask": None}
    return out


def lead(rec: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    links = rec["links"]
    value = rec.get("value") or {"amount": 0, "currency": "USD", "formatted": ""}
    due = localized(rec.get("dueTime"))
    out = {"id": rec["id"], "type": "leads", "isCurrentUserWatching": False,
           "deletedTime": rec.get("deletedTime"), "name": rec.get("name"), "value": value,
           "number": str(rec.get("number")), "description": rec.get("description"),
           "createdTime": localized(rec.get("createdTime")),
           "closedTime": localized(rec.get("closedTime")), "dueTime": due,
           "anticipatedClosedTime": due, "ownerType": "users", "mcfxContactIds": [],
           "status": rec.get("status") or "open", "lastContactedTime": None, "pieState": "01",
           "isOverdue": False, "overdueTime": None, "href": common["href"],
           "confidence": rec.get("confidence", 0), "priority": rec.get("priority", 0),
           "htmlUrl": f"{common['origin']}/lead/{rec.get('number')}",
           "htmlUrlPath": f"/lead/{rec.get('number')}", "avatarUrl": common["avatarUrl"],
           "initials": None}
    _custom(rec, out)
    out["links"] = {
        "accounts": list(links.get("accounts") or []),
        "contacts": list(links.get("contacts") or []), "tags": list(links.get("tags") or []),
        "sources": list(links.get("sources") or []), "owner": links.get("owner"),
        "files": [], "relatedFiles": [], "territory": None, "destinations": [],
        "stage": links.get("stage") or "101-stages",
        "stageset": links.get("stageset") or "1-stagesets", "creator": links.get("creator"),
        "products": [], "productMaps": [], "competitors": [], "competitorMaps": [],
        "outcome": links.get("outcome"), "watchers": []}
    return out


def activity(rec: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    links = rec["links"]
    parties = list(links.get("participants") or [])
    number = rec["id"].split("-", 1)[0]
    out = {"id": rec["id"], "type": "activities", "agenda": rec.get("description") or "",
           "createdTime": rec.get("createdTime"), "endTime": rec.get("endTime"),
           "deletedTime": rec.get("deletedTime"), "href": common["href"],
           "isAllDay": bool(rec.get("isAllDay")), "isEditable": True,
           "isCancelled": bool(rec.get("isCancelled")), "isFlagged": bool(rec.get("isFlagged")),
           "isLogged": bool(rec.get("isLogged")), "isOverdue": False,
           "loggedTime": rec.get("loggedTime"), "modifiedTime": rec.get("modifiedTime"),
           "name": rec.get("name"), "startTime": rec.get("startTime"), "isMediaLogged": False,
           "transcription": rec.get("transcription"), "showTranscribeLoggingFlow": False,
           "externalMeetingServiceType": None,
           "htmlUrl": f"{common['origin']}/activity/open-modal/{number}",
           "htmlUrlPath": f"/activity/open-modal/{number}"}
    if rec.get("location"):
        out["location"] = rec["location"]
    out["links"] = {
        "comments": [], "accounts": [p for p in parties if p.endswith("-accounts")],
        "activityType": links.get("activityType") or "1-activityTypes",
        "contacts": [p for p in parties if p.endswith("-contacts")],
        "creator": links.get("creator"),
        "leads": list(links.get("leads") or []) + [p for p in parties if p.endswith("-leads")],
        "logger": links.get("loggedBy"), "logNote": links.get("logNote"),
        "users": [p for p in parties if p.endswith("-users")]}
    return out


def note(rec: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    links = rec["links"]
    number = rec["id"].split("-", 1)[0]
    body = rec.get("body") or ""
    return {"id": rec["id"], "type": "notes", "createdTime": rec.get("createdTime"),
            "deletedTime": rec.get("deletedTime"), "href": common["href"], "body": body,
            "bodyHtml": _html(body), "bodyMarkup": body, "isEditable": True,
            "parentType": rec.get("parentType"),
            "htmlUrl": f"{common['origin']}/note/{number}", "htmlUrlPath": f"/note/{number}",
            "links": {"comments": [], "parent": links.get("parent"), "accounts": [],
                      "contacts": [], "leads": [], "users": [], "teams": []}}


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#039;"))


SHAPES = {"accounts": account, "contacts": contact, "leads": lead, "activities": activity,
          "notes": note}
