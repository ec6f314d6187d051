"""The request as route code sees it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import orjson

from .envelope import error
from .store import Store


@dataclass(frozen=True)
class Settings:
    """Where Nutshell's behaviour is not known, the sandbox's choice; defaults are the
    stricter ones.

    - retry_after: a 429 carries `Retry-After` (Nutshell is not known to send one).
    - unknown_custom_field: "refuse" (400 naming the field) or "ignore" (the value is dropped).
    - duplicate_custom_field: "refuse" a second definition with the same name, or "allow" it.
    """

    retry_after: bool = False
    unknown_custom_field: str = "refuse"
    duplicate_custom_field: str = "refuse"


@dataclass
class Ctx:
    store: Store
    base_url: str  # the REST root, e.g. http://127.0.0.1:8080/rest
    method: str
    path: str  # relative to the REST root, e.g. /contacts/7-contacts
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes
    user: dict[str, Any] = field(default_factory=dict)  # the acting user (after impersonation)
    params: dict[str, str] = field(default_factory=dict)  # path parameters
    now: int = field(default_factory=lambda: int(time.time()))
    settings: Settings = field(default_factory=Settings)

    def q(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None

    def json(self, key: str) -> Any:
        """The parsed body, or the 400 error envelope keyed by `key`."""
        if not self.body.strip():
            raise error(key, "Request body is required")
        try:
            return orjson.loads(self.body)
        except orjson.JSONDecodeError:
            raise error(key, "Request body is not valid JSON") from None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def actor_id(self) -> str:
        return str(self.user["id"])
