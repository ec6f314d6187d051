"""The wire between the client and Nutshell: one request as a value, one failed attempt, and the
pure readers of answers (records of an envelope, custom values, emails, error translation).

Nothing here sends anything; logs and errors carry method, path template, status and the
request id only, never bodies, query values or credentials.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import orjson

from domain.errors import AuthenticationFailed, C2NError, NotFound, TerminalError
from domain.ports import JSON

REQUEST_ID = "x-nutshell-request-id"
CUSTOM_FIELD_ENTITIES = frozenset({"contacts", "accounts", "leads"})

ENTITY_NAME = re.compile(r"[a-z][a-zA-Z]*\Z")
API_ID = re.compile(r"(\d+)(-[a-zA-Z]+)?\Z")
# Connection failures that prove the request never reached the server: always safe to resend.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


@dataclass(frozen=True)
class Call:
    method: str
    template: str  # the path with placeholders: what logs and errors show
    url: str
    params: dict[str, str | int] | None = None
    body: bytes | None = None
    content_type: str = "application/json"

    def where(self) -> str:
        return f"{self.method} {self.template}"


UNSENT = -1  # `Failure.status` of a request that never reached the server
LOST = 0  # ... of one that was sent but whose answer never came back


class Failure(Exception):
    """One failed attempt that may pass: its HTTP status, or `UNSENT` / `LOST`."""

    def __init__(self, detail: str, status: int, retry_after: float | None) -> None:
        super().__init__(detail)
        self.status = status
        self.retry_after = retry_after

    @property
    def http_status(self) -> int | None:
        return self.status if self.status > 0 else None



def entity_name(entity: str) -> str:
    if not ENTITY_NAME.match(entity):
        raise ValueError("not a Nutshell collection name")
    return entity


def cf_entity(entity: str) -> str:
    if entity not in CUSTOM_FIELD_ENTITIES:
        raise ValueError("custom fields exist on contacts, accounts and leads only")
    return entity


def id_path(entity: str, api_id: str) -> str:
    if not API_ID.match(api_id):
        raise NotFound(f"not a Nutshell API id for {entity}")
    return f"/{entity_name(entity)}/{quote(api_id)}"


def api_number(api_id: str) -> int:
    match = API_ID.match(api_id)
    if not match:
        raise NotFound("not a Nutshell API id")
    return int(match.group(1))


def sort_key(api_id: object) -> tuple[int, str]:
    match = API_ID.match(str(api_id))
    return (int(match.group(1)) if match else 2**62, str(api_id))


def json_body(response: httpx.Response, call: Call) -> Any:
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        raise TerminalError(f"Nutshell {call.where()}: answer is not JSON (request "
                            f"{response.headers.get(REQUEST_ID)})",
                            status=response.status_code) from None


def records_of(body: Any, entity: str) -> list[dict[str, JSON]]:
    """The records of an answer: the `{meta, links, <entity>: [...]}` envelope, a `data`
    member (notes), a bare list, or a bare record."""
    if isinstance(body, list):
        return [r for r in body if isinstance(r, dict)]
    if not isinstance(body, dict):
        return []
    for key in (entity, "data"):
        value = body.get(key)
        if isinstance(value, list):
            return [r for r in value if isinstance(r, dict)]
        if isinstance(value, dict):
            return [value]
    return [body] if "id" in body else []


def custom_value(record: Mapping[str, JSON], field_name: str) -> str | None:
    fields = record.get("customFields")
    if not isinstance(fields, dict) or field_name not in fields:
        return None
    value = fields[field_name]
    if isinstance(value, dict):
        value = value.get("value")
    return None if value is None else str(value)


def emails_of(record: Mapping[str, JSON]) -> set[str]:
    found = set()
    for item in record.get("emails") or []:
        text = item.get("value") if isinstance(item, dict) else item
        if isinstance(text, str):
            found.add(text.strip().casefold())
    return found


def translate(call: Call, response: httpx.Response) -> C2NError:
    status = response.status_code
    message = f"Nutshell {call.where()}: HTTP {status} (request {response.headers.get(REQUEST_ID)})"
    fields = error_fields(response)
    if fields:
        message += f"; fields: {', '.join(fields)}"
    if status in (401, 403):
        return AuthenticationFailed(message, status=status)
    if status == 404:
        return NotFound(message, status=status)
    return TerminalError(message, status=status)


def error_fields(response: httpx.Response) -> list[str]:
    """Field names named by a Nutshell `errors[]` body: names, never the values or titles."""
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    names = [e.get("field") for e in errors or [] if isinstance(e, dict)]
    return sorted({n for n in names if isinstance(n, str) and n})


def display_name(record: Mapping[str, JSON]) -> str:
    """A record's name: a string, or an object with displayName (People on some answers)."""
    name = record.get("name")
    if isinstance(name, dict):
        name = name.get("displayName")
    return str(name or "")
