"""The Nutshell REST client: the one implementation of `domain.ports.NutshellAPI` over httpx.

Every request goes through `_send`, which applies the shared throttle and in-flight limit,
retries what may pass (429, 5xx, dropped connections) with capped, jittered backoff, honours
Retry-After, and translates the rest into the domain error tree. Nutshell has no idempotency key,
so a create that failed ambiguously (the request left, no answer came back) is never simply
re-sent: the record is first looked up by its external-key custom field.

Logs and error messages carry method, path template, status and `x-nutshell-request-id` only:
never bodies, query values or credentials.
"""

from __future__ import annotations

import logging
import os
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx
import orjson

from adapters.nutshell.retry import RETRY_STATUSES, Backoff, parse_retry_after
from adapters.nutshell.throttle import Clock, RateMeter, Sleep, TokenBucket
from domain.errors import (
    AmbiguousWriteError,
    AuthenticationFailed,
    C2NError,
    NotFound,
    TerminalError,
    TransientError,
)
from domain.ports import JSON, CustomFieldSpec, NutshellAPI

log = logging.getLogger(__name__)

REQUEST_ID = "x-nutshell-request-id"
IMPERSONATE = "x-nutshell-impersonate"
DEFAULT_URL = "https://app.nutshell.com/rest"
MAX_PAGE = 10_000
CUSTOM_FIELD_ENTITIES = frozenset({"contacts", "accounts", "leads"})

_ENTITY = re.compile(r"[a-z][a-zA-Z]*\Z")
_API_ID = re.compile(r"(\d+)(-[a-zA-Z]+)?\Z")
# Connection failures that prove the request never reached the server: always safe to resend.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class ItemResult(Generic[T]):
    """One item of a concurrent batch: its value, or the error it ended with (never raised)."""

    value: T | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class ClientStats:
    requests: int
    retries: int
    statuses: dict[int, int]
    transport_errors: int
    recovered_creates: int
    throttle_wait_s: float


@dataclass(frozen=True)
class _Call:
    method: str
    template: str  # the path with placeholders: what logs and errors show
    url: str
    params: dict[str, str | int] | None = None
    body: bytes | None = None
    content_type: str = "application/json"

    def where(self) -> str:
        return f"{self.method} {self.template}"


_UNSENT = -1  # `_Failure.status` of a request that never reached the server
_LOST = 0  # ... of one that was sent but whose answer never came back


class _Failure(Exception):
    """One failed attempt that may pass: its HTTP status, or `_UNSENT` / `_LOST`."""

    def __init__(self, detail: str, status: int, retry_after: float | None) -> None:
        super().__init__(detail)
        self.status = status
        self.retry_after = retry_after

    @property
    def http_status(self) -> int | None:
        return self.status if self.status > 0 else None


class _RedactQuery(logging.Filter):
    """httpx logs every request URL at INFO; query strings can hold look-up values (emails)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 2 and isinstance(args[1], httpx.URL):
            record.args = (args[0], args[1].copy_with(query=None), *args[2:])
        return True


_redactor_lock = threading.Lock()
_redactor_installed = False


def _install_redactor() -> None:
    global _redactor_installed  # noqa: PLW0603 - one filter per process, installed lazily
    with _redactor_lock:
        if not _redactor_installed:
            logging.getLogger("httpx").addFilter(_RedactQuery())
            _redactor_installed = True


class NutshellClient(NutshellAPI):
    def __init__(self, base_url: str, user: str, api_key: str, *,
                 rate_limit: float | None = None, max_in_flight: int = 8, timeout: float = 30.0,
                 max_retries: int = 6, backoff_base: float = 0.25, backoff_cap: float = 30.0,
                 transport: httpx.BaseTransport | None = None, impersonate: str | None = None,
                 burst: int = 1, clock: Clock = time.monotonic, sleep: Sleep = time.sleep,
                 rng: random.Random | None = None) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        _install_redactor()
        self.base_url = base_url.rstrip("/")
        # The legacy JSON-RPC endpoint sits next to /rest (https://app.nutshell.com/api/v1/json).
        root = self.base_url[: -len("/rest")] if self.base_url.endswith("/rest") else self.base_url
        self.rpc_url = root + "/api/v1/json"
        self.max_in_flight = max_in_flight
        self.max_retries = max_retries
        self._backoff = Backoff(backoff_base, backoff_cap, rng or random.Random())
        self._throttle = TokenBucket(rate_limit, burst=burst, clock=clock, sleep=sleep)
        self._meter = RateMeter(clock=clock)
        self._sleep = sleep
        self._gate = threading.BoundedSemaphore(max_in_flight)
        headers = {"accept": "application/json"}
        if impersonate:
            headers[IMPERSONATE] = impersonate
        self._http = httpx.Client(
            auth=httpx.BasicAuth(user, api_key), headers=headers, transport=transport,
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=max_in_flight * 2,
                                max_keepalive_connections=max_in_flight),
        )
        self._lock = threading.Lock()
        self._statuses: Counter[int] = Counter()
        self._counts: Counter[str] = Counter()
        self._waited = 0.0
        self._rpc_ids = iter(range(1, 2**62))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **options: Any) -> NutshellClient:
        source = os.environ if env is None else env
        user = source.get("C2N_NUTSHELL_USER", "")
        key = source.get("C2N_NUTSHELL_API_KEY", "")
        if not user or not key:
            raise AuthenticationFailed(
                "C2N_NUTSHELL_USER and C2N_NUTSHELL_API_KEY must be set")
        return cls(source.get("C2N_NUTSHELL_URL") or DEFAULT_URL, user, key, **options)

    def __repr__(self) -> str:  # the default would be harmless, but say plainly: no credentials
        return f"NutshellClient({self.base_url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> NutshellClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- figures ------------------------------------------------------------------------------

    def measured_rate(self) -> float:
        """Requests per second actually sent over the last ten seconds (retries included)."""
        return self._meter.rate()

    def stats(self) -> ClientStats:
        with self._lock:
            return ClientStats(
                requests=self._counts["requests"], retries=self._counts["retries"],
                statuses=dict(self._statuses), transport_errors=self._counts["transport_errors"],
                recovered_creates=self._counts["recovered_creates"], throttle_wait_s=self._waited)

    # --- the port -----------------------------------------------------------------------------

    def create(self, entity: str, record: Mapping[str, JSON], *,
               external_key: tuple[str, str] | None = None) -> dict[str, JSON]:
        # Notes are the one entity whose create body is `{"data": {...}}` (notePostInput).
        body = {"data": dict(record)} if entity == "notes" else {entity: [dict(record)]}
        call = self._call("POST", f"/{_entity(entity)}", body=body)
        recover: Callable[[], dict[str, JSON] | None] | None = None
        if external_key is not None:
            field_name, value = external_key

            def recover() -> dict[str, JSON] | None:
                return self.find_by_custom_field(entity, field_name, value)
        result = self._send(call, recover=recover)
        if isinstance(result, dict):
            return result
        records = _records(_json(result, call), entity)
        if not records:
            raise TerminalError(f"Nutshell {call.where()}: answer held no record (request "
                                f"{result.headers.get(REQUEST_ID)})", status=result.status_code)
        return records[0]

    def get(self, entity: str, api_id: str) -> dict[str, JSON] | None:
        try:
            call = self._call("GET", f"/{_entity(entity)}/{{id}}", _id_path(entity, api_id))
            response = self._response(call)
        except NotFound:
            return None
        records = _records(_json(response, call), entity)
        if not records or records[0].get("deletedTime"):
            return None
        return records[0]

    def patch(self, entity: str, api_id: str, ops: Sequence[Mapping[str, JSON]]) -> None:
        if not ops:
            return  # Nutshell answers an empty patch with 400; nothing to say is not an error
        if entity == "activities":
            self._put_activity(api_id, ops)
            return
        call = self._call("PATCH", f"/{_entity(entity)}/{{id}}", _id_path(entity, api_id),
                          body=[dict(op) for op in ops],
                          content_type="application/json-patch+json")
        self._response(call)

    def delete(self, entity: str, api_id: str) -> None:
        if entity == "activities":
            self._delete_activity(api_id)
            return
        call = self._call("DELETE", f"/{_entity(entity)}/{{id}}", _id_path(entity, api_id))
        self._response(call, gone_ok=True)

    def undelete(self, entity: str, api_id: str) -> None:
        if entity == "activities":
            self._rpc("undeleteActivity", {"activityId": _number(api_id)})
            return
        call = self._call("POST", f"/{_entity(entity)}/{{id}}/undelete",
                          _id_path(entity, api_id) + "/undelete")
        self._response(call)

    def find_by_custom_field(self, entity: str, field_name: str,
                             value: str) -> dict[str, JSON] | None:
        matches = []
        for listed in self._search(entity, {f"filter[{field_name}]": value}):
            record = listed if _custom_value(listed, field_name) is not None \
                else self._full(entity, listed)
            # The server's filter may be loose (a search); only an exact value is a match.
            if _custom_value(record, field_name) == value:
                matches.append(record)
        if len(matches) > 1:
            log.warning("Nutshell %s: %d live records share one external key field %s",
                        entity, len(matches), field_name)
        matches.sort(key=lambda r: _sort_key(r.get("id")))
        return matches[0] if matches else None

    def find_by_email(self, entity: str, email: str) -> list[dict[str, JSON]]:
        wanted = email.strip().casefold()
        found = []
        for listed in self._search(entity, {"email": email}):
            record = listed if "emails" in listed else self._full(entity, listed)
            if wanted in _emails(record):
                found.append(record)
        return found

    def list_all(self, entity: str, *, page_size: int = 1000) -> Iterator[dict[str, JSON]]:
        return self._pages(entity, {}, page_size)

    def created_since(self, entity: str, since: int) -> Iterator[dict[str, JSON]]:
        # Nutshell's createdTime filter takes a range "A B"; the far end is a day ahead.
        until = int(time.time()) + 86_400
        return self._pages(entity, {"filter[createdTime]": f"{int(since)} {until}"}, 100)

    def users(self) -> list[dict[str, JSON]]:
        call = self._call("GET", "/users")
        return _records(_json(self._response(call), call), "users")

    def custom_fields(self, entity: str) -> list[dict[str, JSON]]:
        call = self._call("GET", f"/{_cf_entity(entity)}/customfields/attributes")
        body = _json(self._response(call), call)
        if isinstance(body, list):
            return [item for item in body if isinstance(item, dict)]
        for key in ("customFields", "customfields", "data", entity):
            if isinstance(body, dict) and isinstance(body.get(key), list):
                return [item for item in body[key] if isinstance(item, dict)]
        return []

    def create_custom_field(self, spec: CustomFieldSpec) -> dict[str, JSON]:
        body: dict[str, JSON] = {"name": spec.name, "type": spec.type}
        if spec.choices:
            body["choices"] = list(spec.choices)
        if spec.choices or spec.is_multiple:
            body["isMultiple"] = spec.is_multiple
        call = self._call("POST", f"/{_cf_entity(spec.entity)}/customfield", body=body)
        result = self._send(call, recover=lambda: self._custom_field(spec.entity, spec.name))
        if isinstance(result, dict):
            return result
        try:
            answer = orjson.loads(result.content) if result.content else None
        except orjson.JSONDecodeError:
            answer = None
        if isinstance(answer, dict) and answer.get("name") == spec.name:
            return answer
        for key in ("customFields", "customfields", "data"):
            items = answer.get(key) if isinstance(answer, dict) else None
            if isinstance(items, list) and items and isinstance(items[0], dict):
                return items[0]
        # The document declares no answer body for this call: read the definition back.
        return self._custom_field(spec.entity, spec.name) or {"name": spec.name,
                                                              "type": spec.type}

    # --- concurrency --------------------------------------------------------------------------

    def map_concurrent(self, fn: Callable[[T], R], items: Iterable[T],
                       max_in_flight: int | None = None) -> list[ItemResult[R]]:
        """Runs `fn` over `items` on a thread pool, several requests in flight under the shared
        throttle, so a high-latency account still reaches its rate limit. Results come back in
        input order; an item's exception is returned in its result, never raised."""
        workers = max(1, min(max_in_flight or self.max_in_flight, self.max_in_flight))

        def guarded(item: T) -> ItemResult[R]:
            try:
                return ItemResult(value=fn(item))
            except Exception as exc:  # noqa: BLE001 - per-item failures are data here
                return ItemResult(error=exc)

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="nutshell") as pool:
            return list(pool.map(guarded, items))

    def create_many(self, entity: str, records: Iterable[Mapping[str, JSON]], *,
                    external_key_field: str | None = None,
                    max_in_flight: int | None = None) -> list[ItemResult[dict[str, JSON]]]:
        """Creates every record concurrently; with `external_key_field`, each record's value of
        that custom field guards its create against duplicates (see `create`)."""

        def one(record: Mapping[str, JSON]) -> dict[str, JSON]:
            key = None
            if external_key_field is not None:
                value = _custom_value(record, external_key_field)
                if value is not None:
                    key = (external_key_field, value)
            return self.create(entity, record, external_key=key)

        return self.map_concurrent(one, records, max_in_flight)

    # --- helpers over the port ----------------------------------------------------------------

    def _pages(self, entity: str, params: dict[str, str | int],
               page_size: int) -> Iterator[dict[str, JSON]]:
        if not 1 <= page_size <= MAX_PAGE:
            raise ValueError(f"page_size must be 1..{MAX_PAGE}")
        seen: set[str] = set()
        page = 0
        while True:
            query = {**params, "page[limit]": page_size, "page[page]": page}
            call = self._call("GET", f"/{_entity(entity)}", params=query)
            records = _records(_json(self._response(call), call), entity)
            # An empty page ends the list: a short page does not (the wire samples show a
            # first page of 3 with meta.count 4, then an empty one).
            if not records:
                return
            fresh = [r for r in records if str(r.get("id")) not in seen]
            if not fresh:
                log.warning("Nutshell GET /%s: page %d repeated earlier records; stopping",
                            entity, page)
                return
            for record in fresh:
                seen.add(str(record.get("id")))
                if not record.get("deletedTime"):
                    yield record
            page += 1

    def _search(self, entity: str, params: dict[str, str | int]) -> Iterator[dict[str, JSON]]:
        return self._pages(entity, params, 100)

    def _full(self, entity: str, record: dict[str, JSON]) -> dict[str, JSON]:
        """A list entry may be a summary; the full record holds custom fields and emails."""
        api_id = record.get("id")
        if not isinstance(api_id, str):
            return record
        return self.get(entity, api_id) or record

    def _custom_field(self, entity: str, name: str) -> dict[str, JSON] | None:
        for definition in self.custom_fields(entity):
            if definition.get("name") == name:
                return definition
        return None

    def _put_activity(self, api_id: str, ops: Sequence[Mapping[str, JSON]]) -> None:
        """Activities are updated by PUT of the changed fields; JSON Patch add/replace on
        `/activities/0/<field>` (or `/activities/0/links/<name>`) translate directly."""
        fields: dict[str, Any] = {}
        for op in ops:
            parts = str(op.get("path", "")).strip("/").split("/")
            if op.get("op") not in ("add", "replace") or parts[:2] != ["activities", "0"] \
                    or not 3 <= len(parts) <= 4 or (len(parts) == 4 and parts[2] != "links"):
                raise ValueError("activities accept only add/replace of /activities/0/<field>")
            if len(parts) == 4:
                fields.setdefault("links", {})[parts[3]] = op.get("value")
            else:
                fields[parts[2]] = op.get("value")
        call = self._call("PUT", "/activities/{id}", _id_path("activities", api_id),
                          body={"activities": [fields]})
        self._response(call)

    def _delete_activity(self, api_id: str) -> None:
        """No REST DELETE for activities: RPC `deleteActivity` with the current `rev`. A refusal
        is re-checked against a fresh read: already gone is done, a newer rev is retried."""
        for _ in range(3):
            current = self.get("activities", api_id)
            if current is None:
                return
            try:
                self._rpc("deleteActivity", {"activityId": _number(api_id),
                                             "rev": current.get("rev")})
                return
            except TerminalError:
                after = self.get("activities", api_id)
                if after is None:
                    return
                if after.get("rev") == current.get("rev"):
                    raise
        raise TerminalError("Nutshell RPC deleteActivity: the activity kept changing")

    def _rpc(self, method: str, params: dict[str, JSON]) -> JSON:
        call = _Call("POST", f"/api/v1/json {method}", self.rpc_url,
                     body=orjson.dumps({"jsonrpc": "2.0", "method": method, "params": params,
                                        "id": next(self._rpc_ids)}))
        response = self._response(call)
        answer = _json(response, call)
        error = answer.get("error") if isinstance(answer, dict) else None
        if error:
            code = error.get("code") if isinstance(error, dict) else None
            message = (f"Nutshell RPC {method}: error code {code} "
                       f"(request {response.headers.get(REQUEST_ID)})")
            raise NotFound(message) if code == 404 else TerminalError(message)
        return answer.get("result") if isinstance(answer, dict) else None

    # --- the one way out ----------------------------------------------------------------------

    def _call(self, method: str, template: str, path: str | None = None, *,
              params: dict[str, str | int] | None = None, body: JSON = None,
              content_type: str = "application/json") -> _Call:
        return _Call(method, template, self.base_url + (path or template), params,
                     None if body is None else orjson.dumps(body), content_type)

    def _response(self, call: _Call, *, gone_ok: bool = False) -> httpx.Response:
        result = self._send(call, gone_ok=gone_ok)
        assert isinstance(result, httpx.Response)  # no recover given, so never a record
        return result

    def _send(self, call: _Call, *, recover: Callable[[], dict[str, JSON] | None] | None = None,
              gone_ok: bool = False) -> httpx.Response | dict[str, JSON]:
        """Sends with retries. `recover` marks a create (not safe to resend blindly): after an
        ambiguous failure it is asked whether the create landed, and its record is returned.
        `gone_ok`: a 404 after an ambiguous attempt means that attempt did the work."""
        unsafe = recover is not None or (call.method == "POST" and "undelete" not in call.template
                                         and not call.template.startswith("/api/"))
        maybe_applied = False
        retry = 0
        while True:
            try:
                response = self._attempt(call)
            except _Failure as exc:
                failure = exc
            else:
                status = response.status_code
                if status < 300 or (status == 404 and gone_ok and maybe_applied):
                    return response
                if status not in RETRY_STATUSES:
                    raise _translate(call, response)
                failure = _Failure(f"HTTP {status} (request {response.headers.get(REQUEST_ID)})",
                                     status, parse_retry_after(response.headers.get("retry-after")))
            # A 429 was refused before any work and an unsent request did nothing; anything
            # else (a 5xx, a connection lost after sending) may have been applied.
            ambiguous = failure.status not in (429, _UNSENT)
            maybe_applied = maybe_applied or ambiguous
            if ambiguous and unsafe and recover is None:
                raise AmbiguousWriteError(
                    f"Nutshell {call.where()}: {failure} after sending; not resent (no key "
                    "to check it by)", status=failure.http_status)
            give_up = retry >= self.max_retries or (
                failure.retry_after is not None and failure.retry_after > self._backoff.cap)
            if not give_up:
                wait = (self._backoff.after_retry_after(failure.retry_after)
                        if failure.retry_after is not None else self._backoff.delay(retry))
                if failure.status == 429:  # the limit is per account: every thread waits
                    self._throttle.hold_off(wait)
                self._sleep(wait)
            if ambiguous and recover is not None:
                found = self._recover(call, recover)
                if found is not None:
                    return found
            if give_up:
                error_type = AmbiguousWriteError if ambiguous and unsafe else TransientError
                raise error_type(f"Nutshell {call.where()}: {failure}; gave up after "
                                 f"{retry + 1} attempts", retry_after=failure.retry_after,
                                 status=failure.http_status)
            retry += 1
            with self._lock:
                self._counts["retries"] += 1
            log.info("Nutshell %s: %s; retry %d", call.where(), failure, retry)

    def _recover(self, call: _Call,
                 recover: Callable[[], dict[str, JSON] | None]) -> dict[str, JSON] | None:
        try:
            found = recover()
        except TransientError as exc:
            raise AmbiguousWriteError(f"Nutshell {call.where()}: could not check whether an "
                                      "interrupted create landed", status=exc.status) from exc
        if found is not None:
            with self._lock:
                self._counts["recovered_creates"] += 1
            log.info("Nutshell %s: interrupted create had landed as %s; not resent",
                     call.where(), found.get("id"))
        return found

    def _attempt(self, call: _Call) -> httpx.Response:
        """One request under the in-flight limit and the throttle; a transport failure becomes
        `_Failure` with `_UNSENT` (safe to resend) or `_LOST` (it may have been applied)."""
        with self._gate:
            waited = self._throttle.acquire()
            self._meter.mark()
            with self._lock:
                self._counts["requests"] += 1
                self._waited += waited
            headers = {"content-type": call.content_type} if call.body is not None else None
            started = time.monotonic()
            try:
                response = self._http.request(call.method, call.url, params=call.params,
                                              content=call.body, headers=headers)
            except httpx.TransportError as exc:
                with self._lock:
                    self._counts["transport_errors"] += 1
                sent = not isinstance(exc, _NOT_SENT)
                log.info("Nutshell %s: %s", call.where(), type(exc).__name__)
                raise _Failure(type(exc).__name__, _LOST if sent else _UNSENT, None) from exc
        with self._lock:
            self._statuses[response.status_code] += 1
        log.debug("Nutshell %s -> %d in %.0f ms (request %s)", call.where(),
                  response.status_code, (time.monotonic() - started) * 1000,
                  response.headers.get(REQUEST_ID))
        return response


# --- pure helpers ---------------------------------------------------------------------------

def _entity(entity: str) -> str:
    if not _ENTITY.match(entity):
        raise ValueError("not a Nutshell collection name")
    return entity


def _cf_entity(entity: str) -> str:
    if entity not in CUSTOM_FIELD_ENTITIES:
        raise ValueError("custom fields exist on contacts, accounts and leads only")
    return entity


def _id_path(entity: str, api_id: str) -> str:
    if not _API_ID.match(api_id):
        raise NotFound(f"not a Nutshell API id for {entity}")
    return f"/{_entity(entity)}/{quote(api_id)}"


def _number(api_id: str) -> int:
    match = _API_ID.match(api_id)
    if not match:
        raise NotFound("not a Nutshell API id")
    return int(match.group(1))


def _sort_key(api_id: object) -> tuple[int, str]:
    match = _API_ID.match(str(api_id))
    return (int(match.group(1)) if match else 2**62, str(api_id))


def _json(response: httpx.Response, call: _Call) -> Any:
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        raise TerminalError(f"Nutshell {call.where()}: answer is not JSON (request "
                            f"{response.headers.get(REQUEST_ID)})",
                            status=response.status_code) from None


def _records(body: Any, entity: str) -> list[dict[str, JSON]]:
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


def _custom_value(record: Mapping[str, JSON], field_name: str) -> str | None:
    fields = record.get("customFields")
    if not isinstance(fields, dict) or field_name not in fields:
        return None
    value = fields[field_name]
    if isinstance(value, dict):
        value = value.get("value")
    return None if value is None else str(value)


def _emails(record: Mapping[str, JSON]) -> set[str]:
    found = set()
    for item in record.get("emails") or []:
        text = item.get("value") if isinstance(item, dict) else item
        if isinstance(text, str):
            found.add(text.strip().casefold())
    return found


def _translate(call: _Call, response: httpx.Response) -> C2NError:
    status = response.status_code
    message = f"Nutshell {call.where()}: HTTP {status} (request {response.headers.get(REQUEST_ID)})"
    fields = _error_fields(response)
    if fields:
        message += f"; fields: {', '.join(fields)}"
    if status in (401, 403):
        return AuthenticationFailed(message, status=status)
    if status == 404:
        return NotFound(message, status=status)
    return TerminalError(message, status=status)


def _error_fields(response: httpx.Response) -> list[str]:
    """Field names named by a Nutshell `errors[]` body: names, never the values or titles."""
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    names = [e.get("field") for e in errors or [] if isinstance(e, dict)]
    return sorted({n for n in names if isinstance(n, str) and n})
