"""An in-memory fake of Nutshell's REST API as an `httpx.MockTransport` handler.

Behaves as Nutshell's OpenAPI document and the captured wire samples say (envelopes, API ids,
JSON Patch with 204, soft delete + undelete, no activity DELETE but RPC `deleteActivity` with the
`rev` that only RPC `getActivity` shows (no `undeleteActivity`: Nutshell has none), custom fields by name, `page[limit]`/`page[page]` paging ending on an empty page, `email=`
and `filter[<custom field>]=` look-ups) and injects scripted faults. It runs in-process with no
sockets, so client tests are fast and deterministic; the sandbox covers real sockets.

Faults (consumed in order, each for `count` matching requests):
    {"kind": "429", "retry_after": "2" | None}   {"kind": "500" | "502" | "503" | "504"}
    {"kind": "reset_after_commit"}   the request is applied, then the connection drops
    {"kind": "timeout_after_commit"} the request is applied, then the read times out
    {"kind": "connect_error"}        the request never reaches the server
with optional "match": "POST /contacts" (method and path under /rest, shell wildcards allowed).
"""

from __future__ import annotations

import base64
import fnmatch
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import httpx
import orjson

USER = "admin@clinic.example"
API_KEY = "fake-key-0123456789"
ENTITIES = ("contacts", "accounts", "leads", "activities", "notes", "tasks", "sources", "tags")
NOT_FOUND_HTML = (b'<!DOCTYPE html>\n<html>\n<head>\n<title>An Error Occurred: Not Found</title>'
                  b'\n</head>\n<body><h2>The server returned a "404 Not Found".</h2></body></html>')
UNAUTHORIZED_HTML = NOT_FOUND_HTML.replace(b"404 Not Found", b"401 Unauthorized").replace(
    b"Not Found", b"Unauthorized")
MEDIA_TYPE_ERROR = b'"application/json-patch+json is required, see http://jsonapi.org"'


@dataclass
class SeenRequest:
    method: str
    path: str
    content_type: str | None
    impersonate: str | None
    had_auth: bool


@dataclass
class FakeNutshell:
    users: list[dict[str, Any]] = field(default_factory=lambda: [
        {"id": "1-users", "type": "users", "name": "Clinic Admin", "emails": [USER],
         "isAdministrator": True},
        {"id": "2-users", "type": "users", "name": "Dr. Staff", "emails": ["staff@clinic.example"],
         "isAdministrator": False}])
    faults: list[dict[str, Any]] = field(default_factory=list)
    seen: list[SeenRequest] = field(default_factory=list)
    latency_s: float = 0.0

    def __post_init__(self) -> None:
        self.records: dict[str, dict[int, dict[str, Any]]] = {e: {} for e in ENTITIES}
        self.definitions: dict[str, list[dict[str, Any]]] = {
            "contacts": [], "accounts": [], "leads": []}
        self._next = 0
        self._lock = threading.Lock()

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def count(self, entity: str, *, include_deleted: bool = True) -> int:
        return sum(1 for r in self.records[entity].values()
                   if include_deleted or not r.get("deletedTime"))

    # --- dispatch -----------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.latency_s:
            time.sleep(self.latency_s)  # only the concurrency test sets this
        with self._lock:
            return self._handle(request)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        path = unquote(request.url.path)
        auth = request.headers.get("authorization", "")
        self.seen.append(SeenRequest(request.method, path, request.headers.get("content-type"),
                                     request.headers.get("x-nutshell-impersonate"), bool(auth)))
        expected = "Basic " + base64.b64encode(f"{USER}:{API_KEY}".encode()).decode()
        if auth != expected:
            return _answer(401, UNAUTHORIZED_HTML, "text/html; charset=UTF-8")
        fault = self._take_fault(request.method, path)
        if fault is not None and fault["kind"] == "connect_error":
            raise httpx.ConnectError("connection refused", request=request)
        if fault is not None and fault["kind"] == "429":
            headers = {} if fault.get("retry_after") is None else {
                "retry-after": str(fault["retry_after"])}
            return _answer(429, b"Too Many Requests", "text/plain", headers)
        if fault is not None and fault["kind"] in ("500", "502", "503", "504"):
            return _answer(int(fault["kind"]), b'{"code": 500, "message": "Internal Server Error"}')
        response = self._route(request, path)
        if fault is not None and fault["kind"] == "reset_after_commit":
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.",
                                            request=request)
        if fault is not None and fault["kind"] == "timeout_after_commit":
            raise httpx.ReadTimeout("timed out", request=request)
        return response

    def _take_fault(self, method: str, path: str) -> dict[str, Any] | None:
        for fault in self.faults:
            match = fault.get("match")
            if fault.get("count", 1) <= 0:
                continue
            if match:
                want_method, _, want_path = match.partition(" ")
                if want_method != method or not fnmatch.fnmatchcase(path, "/rest" + want_path):
                    continue
            fault["count"] = fault.get("count", 1) - 1
            return fault
        return None

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:
        if path == "/api/v1/json" and request.method == "POST":
            return self._rpc(orjson.loads(request.content))
        parts = path.removeprefix("/rest/").split("/")
        method = request.method
        routes: dict[tuple[str, int], Callable[[], httpx.Response]] = {
            ("GET", 1): lambda: self._list(parts[0], request.url.params),
            ("POST", 1): lambda: self._create(parts[0], orjson.loads(request.content)),
            ("GET", 2): lambda: self._get(parts[0], parts[1]),
            ("PATCH", 2): lambda: self._patch(parts[0], parts[1], request),
            ("PUT", 2): lambda: self._put(parts[0], parts[1], orjson.loads(request.content)),
            ("DELETE", 2): lambda: self._delete(parts[0], parts[1]),
            ("POST", 3): lambda: self._undelete(parts[0], parts[1]),
        }
        if parts == ["users"] and method == "GET":
            return _envelope("users", self.users)
        if len(parts) == 2 and parts[1] == "customfield" and method == "POST":
            return self._define(parts[0], orjson.loads(request.content))
        if parts[1:] == ["customfields", "attributes"] and method == "GET":
            return _answer(200, orjson.dumps(self.definitions.get(parts[0], [])))
        if parts[0] not in ENTITIES or (len(parts) == 3 and parts[2] != "undelete"):
            return _answer(404, NOT_FOUND_HTML, "text/html; charset=UTF-8")
        route = routes.get((method, len(parts)))
        if route is None:
            return _answer(405, b'"Internal Error"', "text/plain")
        return route()

    # --- collections --------------------------------------------------------------------------

    def _create(self, entity: str, body: dict[str, Any]) -> httpx.Response:
        items = [body["data"]] if entity == "notes" else body.get(entity)
        if not isinstance(items, list) or len(items) != 1:
            return _error(entity, f"You may only create one {entity} resource per request.")
        record = dict(items[0])
        problem = self._check_custom(entity, record.get("customFields"))
        if problem:
            return _error(entity, "Unknown custom field", field=problem)
        self._next += 1
        record.update(id=f"{self._next}-{entity}", type=entity, createdTime=int(time.time()))
        if entity == "activities":
            record["rev"] = "1"
        self.records[entity][self._next] = record
        return _envelope(entity, [record], 201 if entity in ("notes", "leads", "accounts") else 200)

    def _list(self, entity: str, params: httpx.QueryParams) -> httpx.Response:
        limit, page = int(params.get("page[limit]", 50)), int(params.get("page[page]", 0))
        if page < 0 or not 1 <= limit <= 10_000:
            return _error(entity, "Invalid filter")
        live = [r for _, r in sorted(self.records[entity].items()) if not r.get("deletedTime")]
        if "email" in params:
            wanted = params["email"].casefold()
            live = [r for r in live
                    if any(e.get("value", "").casefold() == wanted for e in r.get("emails", []))]
        for key, value in params.items():
            if key == "filter[createdTime]":
                low, high = (int(v) for v in value.split())
                live = [r for r in live if low <= int(r["createdTime"]) <= high]
            elif key.startswith("filter[") and key.endswith("]"):
                name = key[7:-1]
                live = [r for r in live if str((r.get("customFields") or {}).get(name)) == value]
        return _envelope(entity, live[page * limit:(page + 1) * limit])

    def _find(self, entity: str, api_id: str) -> dict[str, Any] | None:
        number = api_id.split("-", 1)[0]
        record = self.records.get(entity, {}).get(int(number)) if number.isdigit() else None
        return record

    def _get(self, entity: str, api_id: str) -> httpx.Response:
        record = self._find(entity, api_id)
        if record is None or record.get("deletedTime"):
            return _answer(404, NOT_FOUND_HTML, "text/html; charset=UTF-8")
        return _envelope(entity, [record])

    def _patch(self, entity: str, api_id: str, request: httpx.Request) -> httpx.Response:
        if request.headers.get("content-type") != "application/json-patch+json":
            return _answer(400, MEDIA_TYPE_ERROR)
        record = self._find(entity, api_id)
        if record is None or record.get("deletedTime"):
            return _answer(404, NOT_FOUND_HTML, "text/html; charset=UTF-8")
        ops = orjson.loads(request.content)
        if not ops:
            return _error(entity, "No patches sent")
        for op in ops:
            parts = op["path"].strip("/").split("/")
            if op["op"] not in ("add", "replace") or parts[:2] != [entity, "0"]:
                return _error(entity, "Invalid patch")
            name = parts[-1]
            if len(parts) == 4 and parts[2] == "customFields":
                problem = self._check_custom(entity, {name: op["value"]})
                if problem:
                    return _error(entity, "Unknown custom field", field=problem)
                record.setdefault("customFields", {})[name] = op["value"]
            else:
                record[name] = op["value"]
        return _answer(204, b"")

    def _put(self, entity: str, api_id: str, body: dict[str, Any]) -> httpx.Response:
        record = self._find(entity, api_id)
        if entity != "activities" or record is None or record.get("deletedTime"):
            return _answer(404, NOT_FOUND_HTML, "text/html; charset=UTF-8")
        record.update(body["activities"][0])
        record["rev"] = str(int(record["rev"]) + 1)
        return _envelope(entity, [record])

    def _delete(self, entity: str, api_id: str) -> httpx.Response:
        if entity == "activities":
            return _answer(405, b'"Internal Error"', "text/plain")
        record = self._find(entity, api_id)
        if record is None or record.get("deletedTime"):
            return _answer(404, NOT_FOUND_HTML, "text/html; charset=UTF-8")
        record["deletedTime"] = int(time.time())
        return _answer(204 if entity == "contacts" else 200, b"")

    def _undelete(self, entity: str, api_id: str) -> httpx.Response:
        record = self._find(entity, api_id)
        if record is None:
            return _answer(404, NOT_FOUND_HTML, "text/html; charset=UTF-8")
        record.pop("deletedTime", None)
        return _envelope(entity, [record])

    def _rpc(self, call: dict[str, Any]) -> httpx.Response:
        params = call.get("params") or {}
        record = self.records["activities"].get(int(params.get("activityId", -1)))
        if record is None:
            return _rpc_answer(call, error={"code": 404, "message": "Activity not found"})
        if call.get("method") == "getActivity":
            return _rpc_answer(call, result={
                "stub": False, "id": int(params["activityId"]), "entityType": "Activities",
                "rev": record["rev"], "name": record.get("name"),
                "deletedTime": record.get("deletedTime")})
        if call.get("method") == "deleteActivity":
            if record.get("deletedTime"):
                return _rpc_answer(call, error={"code": 404, "message": "Activity not found"})
            if params.get("rev") != record["rev"]:
                return _rpc_answer(call, error={"code": 409, "message": "rev key is out-of-date"})
            record["deletedTime"] = int(time.time())
            record["rev"] = str(int(record["rev"]) + 1)
            return _rpc_answer(call, result=True)
        return _rpc_answer(call, error={"code": -32601, "message": "Method not found"})

    # --- custom fields ------------------------------------------------------------------------

    def _define(self, entity: str, body: dict[str, Any]) -> httpx.Response:
        existing = self.definitions[entity]
        if any(d["name"] == body.get("name") for d in existing):
            return _error("customFields", "A custom field with this name already exists",
                          field="name")
        self._next += 1
        existing.append({"id": f"{self._next}-customFields", "name": body["name"],
                         "type": body["type"], "choices": body.get("choices", []),
                         "isMultiple": body.get("isMultiple", False)})
        return _answer(200, b"")  # the document declares no body for this answer

    def _check_custom(self, entity: str, values: Any) -> str | None:
        """The first custom field name without a definition, if any."""
        names = {d["name"] for d in self.definitions.get(entity, [])}
        return next((n for n in values or {} if n not in names), None)


def _answer(status: int, body: bytes, content_type: str = "application/json",
            headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=body, headers={
        "content-type": content_type, "x-nutshell-request-id": secrets.token_hex(16),
        **(headers or {})})


def _envelope(entity: str, records: list[dict[str, Any]], status: int = 200) -> httpx.Response:
    # `rev` is a JSON-RPC matter: REST answers do not carry it.
    shown = [{k: v for k, v in r.items() if k != "rev"} for r in records]
    body = {"meta": {"instanceId": "379104", "siteId": "6smEpVK1"}, "links": {}, entity: shown}
    return _answer(status, orjson.dumps(body))


def _error(entity: str, title: str, *, field: str | None = None) -> httpx.Response:
    body = {"meta": {}, "links": {}, entity: [], "errors": [
        {"id": None, "type": "errors", "code": None, "detail": None, "href": None,
         "status": "400", "title": title, "field": field}]}
    return _answer(400, orjson.dumps(body))


def _rpc_answer(call: dict[str, Any], *, result: Any = None,
                error: dict[str, Any] | None = None) -> httpx.Response:
    return _answer(200, orjson.dumps({"jsonrpc": "2.0", "id": call.get("id"), "result": result,
                                      "error": error}))
