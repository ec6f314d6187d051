"""Stored records to Nutshell's wire shape, and contact-detail inputs to stored form.

Stored records keep epoch seconds and plain link ids; rendering adds what Nutshell computes
(`type`, `href`, `htmlUrl`, avatar, initials). Contacts, accounts, leads, activities and notes
take the shapes the live captures show (`live.py`); the collections no capture covers (tasks,
sources, tags, users) keep the document's shapes, nulls left out.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

from . import live
from .envelope import HttpError, error

HTML_PATHS = {"contacts": "person", "accounts": "company", "leads": "lead",
              "activities": "activity", "notes": "note", "tasks": "task", "users": "user"}
# Keys that may legitimately be null on the wire (the document types them loosely).
_NULLABLE_OK = {"links"}
_ADDRESS_KEYS = ("address_1", "address_2", "address_3", "city", "state", "postalCode",
                 "country", "timezone")


def api_id(number: int, collection: str) -> str:
    return f"{number}-{collection}"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x"


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split()[:2]).upper()


def render(collection: str, rec: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The wire form of one stored record. `base_url` is the REST root (".../rest")."""
    origin = base_url.rsplit("/rest", 1)[0]
    number = int(str(rec["id"]).split("-", 1)[0])
    name = str(rec.get("name") or rec.get("title") or rec.get("id"))
    common = {"origin": origin, "href": f"{base_url}/{collection}/{rec['id']}",
              "avatarUrl": f"{origin}/avatar/{collection}/{number}/{INSTANCE_AVATAR}",
              "initials": _initials(name)}
    if collection in HTML_PATHS:
        common["htmlUrlPath"] = f"/{HTML_PATHS[collection]}/{number}-{_slug(name)}"
        common["htmlUrl"] = origin + common["htmlUrlPath"]
    if collection in live.SHAPES:
        return live.SHAPES[collection](rec, common)
    # No capture of these: the document's shape, nulls left out.
    out: dict[str, Any] = {"id": rec["id"], "type": collection}
    for key, value in rec.items():
        # `rev` belongs to the JSON-RPC API: Nutshell's REST answers do not carry it.
        if key in ("id", "links", "rev") or key.startswith("_"):
            continue
        out[key] = value
    out["href"] = common["href"]
    if collection in HTML_PATHS:
        out["htmlUrl"], out["htmlUrlPath"] = common["htmlUrl"], common["htmlUrlPath"]
    if collection == "users":
        out["avatarUrl"], out["initials"] = common["avatarUrl"], common["initials"]
    if "links" in rec:
        out["links"] = dict(rec["links"])
    return {k: v for k, v in out.items() if v is not None or k in _NULLABLE_OK}


INSTANCE_AVATAR = "sandbox"


# --- contact details (emails, phones, urls, addresses) on input -------------------------------

def _bad(key: str, what: str) -> HttpError:
    return error(key, f"Invalid {what}", field_name=what)


def _item(key: str, what: str, raw: Any, index: int) -> tuple[Any, str | None, bool]:
    """(value, label, isPrimary) of one list item given as a bare value or an object."""
    if isinstance(raw, dict):
        label = raw.get("name")
        primary = raw.get("isPrimary", index == 0)
        if (label is not None and not isinstance(label, str)) or not isinstance(primary, bool):
            raise _bad(key, what)
        return raw.get("value"), label, primary
    return raw, None, index == 0


def _list(key: str, what: str, raw: Any) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _bad(key, what)
    return raw


def emails(key: str, raw: Any, what: str = "emails") -> list[dict[str, Any]]:
    out = []
    for i, item in enumerate(_list(key, what, raw)):
        value, label, primary = _item(key, what, item, i)
        if not isinstance(value, str) or not value.strip():
            raise _bad(key, what)
        # Nutshell names an unlabelled item after its kind ("email", "url": the captures).
        out.append({"isPrimary": primary, "name": label or what[:-1], "value": value.strip()})
    return out


def urls(key: str, raw: Any) -> list[dict[str, Any]]:
    return emails(key, raw, "urls")


def phones(key: str, raw: Any) -> list[dict[str, Any]]:
    out = []
    for i, item in enumerate(_list(key, "phones", raw)):
        value, label, primary = _item(key, "phones", item, i)
        extension, e164_sent = "", ""
        if isinstance(value, dict):
            extension = str(value.get("extension") or "").strip()
            e164_sent = str(value.get("E164") or "")
            value = value.get("numberFormatted") or value.get("number") or value.get("E164")
        if not isinstance(value, str) or not re.search(r"\d", value):
            raise _bad(key, "phones")
        digits = re.sub(r"\D", "", value)
        country = _calling_code(e164_sent or value) or ("1" if len(digits) == 10 else "")
        e164 = "+" + re.sub(r"\D", "", e164_sent) if e164_sent.startswith("+") else "+" + (
            digits if value.strip().startswith("+") or not country else country + digits)
        shape = {"countryCode": country, "number": digits, "numberFormatted": value.strip(),
                 "E164": e164, "countryCodeAndNumber": value.strip()}
        if extension:  # the documented schema's own field, echoed as given
            shape["extension"] = extension
        out.append({"isPrimary": primary, "name": label or "phone", "value": shape})
    return out


def _calling_code(value: str) -> str:
    """A number sent with its `+` carries its own country (`+64 4 653 4925` is New Zealand's,
    ten digits or not); one without is taken as North American when it has ten digits."""
    if not value.strip().startswith("+"):
        return ""
    try:
        return str(phonenumbers.parse(value, None).country_code or "")
    except phonenumbers.NumberParseException:
        return ""


def addresses(key: str, raw: Any) -> list[dict[str, Any]]:
    out = []
    for i, item in enumerate(_list(key, "addresses", raw)):
        if not isinstance(item, dict):
            raise _bad(key, "addresses")
        value, label, primary = _item(key, "addresses", item, i)
        # The parts sit under `value` (the live answers) or on the item itself (the create
        # schema); the document's own example has both, with a geocoded `location` under
        # `value`. Parts Nutshell computes (location, locationAccuracy) are not kept.
        parts = {**item, **value} if isinstance(value, dict) else item
        entry: dict[str, Any] = {"isPrimary": primary, "name": label or "address"}
        for part in _ADDRESS_KEYS:
            piece = parts.get(part)
            if piece is None:
                continue
            if not isinstance(piece, str):
                raise _bad(key, "addresses")
            entry[part] = piece
        if len(entry) == 2:
            raise _bad(key, "addresses")
        out.append(entry)
    return out


CONTACT_DETAILS = {"emails": emails, "phones": phones, "urls": urls, "addresses": addresses}
