"""Nutshell's response shapes: the `{meta, links, <entity>: [...]}` envelope, the `errors[]`
error envelope, and the captured HTML/text error bodies (served byte-for-byte from
`reference/wire-samples/`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson

REFERENCE = Path(__file__).parent / "reference"
WIRE = REFERENCE / "wire-samples"

# The wire samples' instance: using it keeps our error bodies byte-identical to the captures.
INSTANCE_ID = "379104"
SITE_ID = "6smEpVK1"
APP_ORIGIN = "https://app.nutshell.com"

JSON_TYPE = "application/json"
HTML_TYPE = "text/html; charset=UTF-8"
TEXT_TYPE = "text/plain; charset=UTF-8"


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    # reset_after_commit: the request was processed; drop the connection instead of answering
    drop_connection: bool = False


class HttpError(Exception):
    """Raised by route code; carries the finished response."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def dumps(obj: Any) -> bytes:
    # Pretty-printed with a final newline, like the captured bodies.
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n"


def json_response(obj: Any, status: int = 200) -> Response:
    return Response(status, dumps(obj))


def meta(**extra: Any) -> dict[str, Any]:
    return {**extra, "instanceId": INSTANCE_ID, "siteId": SITE_ID}


def formatted(n: int) -> dict[str, Any]:
    return {"formatted": f"{n:,}", "prefix": "", "suffix": "", "value": n}


def envelope(key: str, records: list[dict[str, Any]], *, status: int = 200,
             meta_extra: dict[str, Any] | None = None, **extra: Any) -> Response:
    return json_response({"meta": meta(**(meta_extra or {})), "links": {}, key: records, **extra},
                         status)


def list_meta(count: int, total: int) -> dict[str, Any]:
    return {"count": count, "countFormatted": formatted(count),
            "total": total, "totalFormatted": formatted(total)}


def error(key: str, title: str, *, detail: str | None = None, status: int = 400,
          field_name: str | None = None) -> HttpError:
    body = {
        "meta": meta(), "links": {}, key: [],
        "errors": [{"id": None, "type": "errors", "code": None, "detail": detail, "href": None,
                    "status": str(status), "title": title, "field": field_name}],
    }
    return HttpError(json_response(body, status))


@cache
def wire_bytes(relative: str) -> bytes:
    return (WIRE / relative).read_bytes()


def not_found() -> HttpError:
    return HttpError(Response(404, wire_bytes("err-not-found.html"), HTML_TYPE))


def unauthorized() -> HttpError:
    page = wire_bytes("err-not-found.html").replace(b"Not Found", b"Unauthorized").replace(
        b"404 Unauthorized", b"401 Unauthorized")
    return HttpError(Response(401, page, HTML_TYPE))


def method_not_allowed(allowed: list[str]) -> HttpError:
    # Nutshell answers 405 with the body "Internal Error" (wire-samples/err-internal-server.txt).
    return HttpError(Response(405, wire_bytes("err-internal-server.txt"), TEXT_TYPE,
                              {"Allow": ", ".join(allowed)}))


def media_type_required() -> HttpError:
    return HttpError(Response(400, wire_bytes("write/err-media-type.txt"), JSON_TYPE))


def request_id() -> str:
    return secrets.token_hex(16)
