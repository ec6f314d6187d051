"""The JSON-RPC endpoint (`/api/v1/json`): a table of methods and the one dispatcher.

A method is a function `(ctx, params) -> result` registered with `@method("getContact",
"contactId", "rev?")` (a trailing `?` marks an optional parameter; the list feeds the service
description that `GET /api/v1/json` answers, as Nutshell's SMD does). It raises `RpcError` for
a refusal. Errors travel inside an HTTP 200 answer, as JSON-RPC 2.0 and Nutshell do:
-32700 parse error, -32600 invalid request, -32601 unknown method, -32602 invalid params,
404 no such entity, 409 "rev key is out-of-date".

`get*` and `find*` answers carry an ETag; the same request with `If-None-Match` naming it is
answered 304 with an empty body (https://www.nutshell.com/api/revs-etags.html).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from ..context import Ctx
from ..envelope import Response, json_response

Handler = Callable[[Ctx, dict[str, Any]], Any]
RPC_PATH = "/api/v1/json"
# Methods answered without credentials: the service description is public (Nutshell's docs
# say so) and endpoint discovery happens before a client knows where to log in.
PUBLIC = frozenset({"getApiForUsername"})


class RpcError(Exception):
    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.data = code, message, data


@dataclass(frozen=True)
class Method:
    name: str
    handler: Handler
    parameters: tuple[tuple[str, bool], ...]  # (name, optional)
    cacheable: bool


METHODS: dict[str, Method] = {}


def method(name: str, *parameters: str) -> Callable[[Handler], Handler]:
    """Registers a JSON-RPC method; `parameters` name its params (`"rev?"` = optional)."""
    def register(handler: Handler) -> Handler:
        if name in METHODS:
            raise ValueError(f"JSON-RPC method {name} registered twice")
        params = tuple((p.rstrip("?"), p.endswith("?")) for p in parameters)
        METHODS[name] = Method(name, handler, params,
                               cacheable=name.startswith(("get", "find", "search")))
        return handler
    return register


def require(params: dict[str, Any], name: str) -> Any:
    if params.get(name) in (None, ""):
        raise RpcError(-32602, f"Invalid params: {name} is required")
    return params[name]


def service_description(base: str) -> dict[str, Any]:
    """The SMD (Service Mapping Description) of every registered method."""
    services = {
        m.name: {"envelope": "JSON-RPC-2.0", "transport": "POST",
                 "parameters": [{"name": p, "optional": opt} for p, opt in m.parameters]}
        for m in sorted(METHODS.values(), key=lambda m: m.name)}
    return {"transport": "POST", "envelope": "JSON-RPC-2.0", "contentType": "application/json",
            "SMDVersion": "2.0", "target": base, "services": services, "methods": services}


def parse_call(body: bytes) -> tuple[Any, str | None, Any]:
    """(id, method name, params) of a request body, or RpcError for a malformed one."""
    try:
        call = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise RpcError(-32700, "Parse error") from None
    if not isinstance(call, dict) or not isinstance(call.get("method"), str):
        raise RpcError(-32600, "Invalid Request")
    return call.get("id"), call["method"], call.get("params")


def dispatch(ctx: Ctx) -> Response:
    call_id: Any = None
    try:
        call_id, name, params = parse_call(ctx.body)
        found = METHODS.get(name or "")
        if found is None:
            raise RpcError(-32601, "Method not found")
        if params is None:
            params = {}
        if not isinstance(params, dict):
            # Nutshell supports named parameters; a positional list is matched by position.
            if not isinstance(params, list) or len(params) > len(found.parameters):
                raise RpcError(-32602, "Invalid params")
            params = {p: v for (p, _), v in zip(found.parameters, params, strict=False)}
        with ctx.store.transaction():
            result = found.handler(ctx, params)
    except RpcError as exc:
        return answer(call_id, error={"code": exc.code, "message": exc.message,
                                      "data": exc.data})
    response = answer(call_id, result=result)
    if found.cacheable:
        # Over the result only: the same entity asked for under another call id is unchanged.
        digest = hashlib.sha1(orjson.dumps(result), usedforsecurity=False).hexdigest()
        tag = f'"{digest}"'
        if tag in [t.strip() for t in ctx.headers.get("if-none-match", "").split(",")]:
            return Response(304, b"", None, {"ETag": tag})
        response.headers["ETag"] = tag
    return response


def answer(call_id: Any, *, result: Any = None, error: dict[str, Any] | None = None) -> Response:
    return json_response({"result": result, "error": error, "id": call_id, "jsonrpc": "2.0"})
