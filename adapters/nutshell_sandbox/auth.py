"""Users, HTTP Basic authentication (user email + API key) and impersonation.

An administrator's key may act as another user by sending `X-Nutshell-Impersonate: <email,
N-users or N>`; the records it writes are then created/modified/logged by that user, which
is how tests simulate a staff member's edit. Non-administrators get 403 for that header.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import secrets
from pathlib import Path
from typing import Any

import orjson

from .envelope import error, unauthorized
from .records import api_id
from .store import Store

DEFAULT_ADMIN_EMAIL = "admin@sandbox.test"
DEFAULT_ADMIN_KEY = "sandbox-admin-key"
IMPERSONATE_HEADER = "x-nutshell-impersonate"


def load_users_file(path: Path) -> list[dict[str, Any]]:
    """Users from a CSV (columns email,name[,api_key][,is_admin]) or a JSON list of objects."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        rows = orjson.loads(text)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValueError(f"{path.name}: expected a JSON list of user objects")
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    users = []
    for number, row in enumerate(rows, start=1):
        email = str(row.get("email") or "").strip()
        if "@" not in email:
            raise ValueError(f"{path.name}: row {number} has no email")
        admin = row.get("is_admin", False)
        users.append({"email": email, "name": str(row.get("name") or email.split("@")[0]),
                      "api_key": (str(row["api_key"]) if row.get("api_key") else None),
                      "is_admin": admin if isinstance(admin, bool)
                      else str(admin).strip().lower() in ("1", "true", "yes")})
    return users


def normalise_users(users: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The configured users with an administrator guaranteed first."""
    users = [dict(u) for u in users or []]
    if not any(u.get("is_admin") for u in users):
        users.insert(0, {"email": DEFAULT_ADMIN_EMAIL, "name": "Sandbox Admin",
                         "api_key": DEFAULT_ADMIN_KEY, "is_admin": True})
    for u in users:
        if u.get("is_admin") and not u.get("api_key"):
            u["api_key"] = secrets.token_hex(16)
    return users


def seed(store: Store, users: list[dict[str, Any]]) -> None:
    """Adds or refreshes the configured users; ids stay stable across restarts."""
    with store.transaction():
        existing = {u["emails"][0].lower(): u for u in store.all("users")}
        for u in users:
            rec = existing.get(u["email"].lower())
            if rec is None:
                number = store.next_id("users")
                rec = {"id": api_id(number, "users"), "createdTime": 0}
            number = int(rec["id"].split("-")[0])
            name = u.get("name") or u["email"].split("@")[0]
            rec.update({"name": name, "firstName": name.split()[0], "emails": [u["email"]],
                        "isAdministrator": bool(u.get("is_admin")), "isEnabled": True,
                        "modifiedTime": rec.get("modifiedTime", 0),
                        "_api_key": u.get("api_key")})
            store.put("users", number, rec)


def find_user(store: Store, ref: str) -> dict[str, Any] | None:
    ref = ref.strip()
    for u in store.all("users"):
        if ref.lower() in (e.lower() for e in u["emails"]) or ref in (u["id"], u["id"].split("-")[0]):
            return u
    return None


def authenticate(store: Store, header: str | None) -> tuple[dict[str, Any], str]:
    """(user, api key) for an Authorization header, or the 401 page."""
    if not header or not header.lower().startswith("basic "):
        raise unauthorized()
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise unauthorized() from None
    email, sep, key = decoded.partition(":")
    user = find_user(store, email) if sep and "@" in email else None
    if user is None or not user.get("_api_key") or not secrets.compare_digest(
            user["_api_key"], key):
        raise unauthorized()
    return user, key


def acting_user(store: Store, user: dict[str, Any], impersonate: str | None) -> dict[str, Any]:
    if not impersonate:
        return user
    if not user.get("isAdministrator"):
        raise error("users", "Only an administrator's API key may impersonate", status=403)
    target = find_user(store, impersonate)
    if target is None:
        raise error("users", "Unknown user to impersonate", status=400)
    return target
