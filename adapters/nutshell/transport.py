"""The one way out to Nutshell: a shared throttle and in-flight limit, retries of what may pass
(429, 5xx, dropped connections) with capped, jittered backoff honouring Retry-After, recovery of
an interrupted create by its external key, and translation into the domain error tree.
"""

from __future__ import annotations

import logging
import random
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

import httpx
import orjson

from adapters.nutshell.retry import RETRY_STATUSES, Backoff, parse_retry_after
from adapters.nutshell.throttle import AdaptivePace, Clock, RateMeter, Sleep, TokenBucket
from adapters.nutshell.wire import LOST, NOT_SENT, REQUEST_ID, UNSENT, Call, Failure, json_body, translate
from domain.errors import AmbiguousWriteError, NotFound, TerminalError, TransientError
from domain.ports import JSON

log = logging.getLogger("adapters.nutshell")

IMPERSONATE = "x-nutshell-impersonate"
_ACTING: ContextVar[str | None] = ContextVar("nutshell_acting_as", default=None)

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


@cache
def _tls() -> ssl.SSLContext:
    # httpx builds a verifying context (the CA bundle read and parsed) for every client, a
    # noticeable cost per client; a context is safe to share, so the process builds one.
    return httpx.create_ssl_context()


class Transport:
    """Sends calls for one Nutshell account; the client's resources are built on `_send`."""

    def __init__(self, base_url: str, user: str, api_key: str, *,
                 rate_limit: float | None = None, max_in_flight: int = 8, timeout: float = 30.0,
                 max_retries: int = 6, backoff_base: float = 0.25, backoff_cap: float = 30.0,
                 transport: httpx.BaseTransport | None = None, impersonate: str | None = None,
                 burst: int = 1, clock: Clock = time.monotonic, sleep: Sleep = time.sleep,
                 rng: random.Random | None = None, adaptive: bool = True) -> None:
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
        # The account's limit is found from its answers; `rate_limit`, if given, is a ceiling.
        self._pace = AdaptivePace(self._throttle, ceiling=rate_limit, clock=clock) \
            if adaptive else None
        self._meter = RateMeter(clock=clock)
        self._sleep = sleep
        self._gate = threading.BoundedSemaphore(max_in_flight)
        headers = {"accept": "application/json"}
        if impersonate:
            headers[IMPERSONATE] = impersonate
        self._http = httpx.Client(
            auth=httpx.BasicAuth(user, api_key), headers=headers, transport=transport,
            timeout=httpx.Timeout(timeout), verify=_tls(),
            limits=httpx.Limits(max_connections=max_in_flight * 2,
                                max_keepalive_connections=max_in_flight),
        )
        self._lock = threading.Lock()
        self._statuses: Counter[int] = Counter()
        self._counts: Counter[str] = Counter()
        self._waited = 0.0
        self._rpc_ids = iter(range(1, 2**62))

    @contextmanager
    def acting_as(self, user: str | None) -> Iterator[None]:
        """Calls made inside are made as `user` (a Nutshell user id or email): the
        administrator's key impersonates them, so Nutshell records them as its creator/logger.
        Per thread (a context variable), so concurrent pushes act as their own users."""
        token = _ACTING.set(user or None)
        try:
            yield
        finally:
            _ACTING.reset(token)

    def pace(self) -> float | None:
        """The requests per second the client now keeps to (None: not limited yet)."""
        return self._throttle.rate

    def measured_rate(self) -> float:
        """Requests per second actually sent over the last ten seconds (retries included)."""
        return self._meter.rate()

    def stats(self) -> ClientStats:
        with self._lock:
            return ClientStats(
                requests=self._counts["requests"], retries=self._counts["retries"],
                statuses=dict(self._statuses), transport_errors=self._counts["transport_errors"],
                recovered_creates=self._counts["recovered_creates"], throttle_wait_s=self._waited)

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

    def close(self) -> None:
        self._http.close()

    def _rpc(self, method: str, params: dict[str, JSON]) -> JSON:
        call = Call("POST", f"/api/v1/json {method}", self.rpc_url,
                     body=orjson.dumps({"jsonrpc": "2.0", "method": method, "params": params,
                                        "id": next(self._rpc_ids)}))
        response = self._response(call)
        answer = json_body(response, call)
        error = answer.get("error") if isinstance(answer, dict) else None
        if error:
            code = error.get("code") if isinstance(error, dict) else None
            message = (f"Nutshell RPC {method}: error code {code} "
                       f"(request {response.headers.get(REQUEST_ID)})")
            status = code if isinstance(code, int) else None
            raise NotFound(message, status=status) if code == 404 else \
                TerminalError(message, status=status)
        return answer.get("result") if isinstance(answer, dict) else None

    def _call(self, method: str, template: str, path: str | None = None, *,
              params: dict[str, str | int] | None = None, body: JSON = None,
              content_type: str = "application/json") -> Call:
        return Call(method, template, self.base_url + (path or template), params,
                     None if body is None else orjson.dumps(body), content_type)

    def _response(self, call: Call, *, gone_ok: bool = False) -> httpx.Response:
        result = self._send(call, gone_ok=gone_ok)
        assert isinstance(result, httpx.Response)  # no recover given, so never a record
        return result

    def _send(self, call: Call, *, recover: Callable[[], dict[str, JSON] | None] | None = None,
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
            except Failure as exc:
                failure = exc
            else:
                status = response.status_code
                if status < 300 or (status == 404 and gone_ok and maybe_applied):
                    return response
                if status not in RETRY_STATUSES:
                    raise translate(call, response)
                failure = Failure(f"HTTP {status} (request {response.headers.get(REQUEST_ID)})",
                                     status, parse_retry_after(response.headers.get("retry-after")))
            # A 429 was refused before any work and an unsent request did nothing; anything
            # else (a 5xx, a connection lost after sending) may have been applied.
            ambiguous = failure.status not in (429, UNSENT)
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
                paced = self._pace is not None and self._throttle.rate is not None
                if failure.status == 429 and failure.retry_after is None and paced:
                    # Nutshell's 429 says nothing of when: the adaptive pace has just slowed
                    # every thread; this one also backs off (jittered, growing) before its
                    # resend takes a turn in that pace.
                    pass
                elif failure.status == 429:  # the limit is per account: every thread waits
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

    def _recover(self, call: Call,
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

    def _attempt(self, call: Call) -> httpx.Response:
        """One request under the in-flight limit and the throttle; a transport failure becomes
        `Failure` with `UNSENT` (safe to resend) or `LOST` (it may have been applied)."""
        with self._gate:
            waited = self._throttle.acquire()
            self._meter.mark()
            with self._lock:
                self._counts["requests"] += 1
                self._waited += waited
            headers = {"content-type": call.content_type} if call.body is not None else {}
            acting = _ACTING.get()
            if acting:
                headers[IMPERSONATE] = acting
            started = time.monotonic()
            try:
                response = self._http.request(call.method, call.url, params=call.params,
                                              content=call.body, headers=headers)
            except httpx.TransportError as exc:
                with self._lock:
                    self._counts["transport_errors"] += 1
                sent = not isinstance(exc, NOT_SENT)
                log.info("Nutshell %s: %s", call.where(), type(exc).__name__)
                raise Failure(type(exc).__name__, LOST if sent else UNSENT, None) from exc
        with self._lock:
            self._statuses[response.status_code] += 1
        if self._pace is not None:
            self._pace.answered(response.status_code, time.monotonic() - started)
        log.debug("Nutshell %s -> %d in %.0f ms (request %s)", call.where(),
                  response.status_code, (time.monotonic() - started) * 1000,
                  response.headers.get(REQUEST_ID))
        return response
