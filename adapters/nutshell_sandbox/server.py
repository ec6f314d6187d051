"""The HTTP side: a ThreadingHTTPServer on loopback, request pipeline and SandboxServer.

Pipeline per request: read body -> global latency -> authenticate -> rate limit (per API
key) -> injected fault -> impersonation -> route -> answer (or drop the connection after a
committed write for `reset_after_commit`). Every answer carries `x-nutshell-request-id`.
"""

from __future__ import annotations

import logging
import math
import socket
import struct
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from . import auth, rpc
from .context import Ctx, Settings
from .envelope import (
    HTML_TYPE,
    HttpError,
    Response,
    json_response,
    method_not_allowed,
    not_found,
    request_id,
    unauthorized,
    wire_bytes,
)
from .faults import FaultBook, FaultSpec, RateLimiter, retry_after_header
from .files import routes as files
from .router import Router
from .routes import activities as routes_activities
from .routes import admin as routes_admin
from .routes import catalog
from .routes import core as routes_core
from .routes import other as routes_other
from .store import ALL_COLLECTIONS, Store

log = logging.getLogger("adapters.nutshell_sandbox")
MAX_BODY = 20 * 1024 * 1024
REST, RPC, ADMIN = "/rest", "/api/v1/json", "/_sandbox"


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    sandbox: SandboxServer

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without this, delayed ACKs add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        # The default logs the full request line, whose query may hold e-mail addresses.
        log.debug("%s %s", self.command, urlsplit(self.path).path)

    def _handle(self) -> None:
        rid = request_id()
        try:
            response = self.server.sandbox.handle(self)
        except HttpError as exc:
            response = exc.response
        except Exception as exc:  # a sandbox bug: answer as Nutshell's 500 does
            response = internal_error(self.command, urlsplit(self.path).path, exc)
        if response.drop_connection:
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            return
        self.send_response(response.status)
        self.send_header("x-nutshell-request-id", rid)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    # Methods Nutshell does not serve still get its 404/405 answers, never the stdlib's 501.
    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle
    do_HEAD = do_OPTIONS = do_TRACE = do_CONNECT = _handle

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):  # any other method token (QUERY, PROPFIND...)
            return self._handle
        raise AttributeError(name)


class SandboxServer:
    """A local Nutshell-compatible REST API; see the package docstring for the contract."""

    def __init__(self, data_dir: Path | None = None, host: str = "127.0.0.1", port: int = 0,
                 users: list[dict[str, Any]] | None = None, rate_limit: float | None = None,
                 latency_ms: int = 0, faults: list[FaultSpec] | None = None,
                 settings: Settings | None = None,
                 max_file_bytes: int = files.DEFAULT_MAX_FILE_BYTES) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.host, self.port = host, port
        self.users = auth.normalise_users(users)
        admin = next(u for u in self.users if u.get("is_admin"))
        self.admin_user: str = admin["email"]
        self.admin_key: str = admin["api_key"]
        self.latency_ms = latency_ms
        self.settings = settings or Settings()
        self.max_file_bytes = max_file_bytes  # per file; Nutshell publishes no limit
        self.limiter = RateLimiter(rate_limit) if rate_limit else None
        self.faults = FaultBook()
        self.faults.set(list(faults or []))
        self._store: Store | None = None
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""
        self._api, self._admin = Router(), Router()
        catalog.register(self._api)  # before the `/{entity}/{id}` routes: `/leads/list`...
        routes_core.register(self._api)
        routes_activities.register(self._api)
        routes_other.register(self._api)
        routes_admin.register(self._admin, set_faults=self.set_faults,
                              describe=self.faults.describe, snapshot=self.snapshot,
                              reset=self.reset)

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> str:
        if self._httpd is not None:
            return self.url
        self._store = Store(self.data_dir)
        auth.seed(self._store, self.users)
        routes_other.seed_activity_types(self._store)
        self._httpd = _HTTPServer((self.host, self.port), _Handler)
        self._httpd.sandbox = self
        self.port = int(self._httpd.server_address[1])
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host  # noqa: S104
        self.url = f"http://{host}:{self.port}{REST}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        name="nutshell-sandbox", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        with httpd.sockets_lock:
            for sock in list(httpd.open_sockets):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._store is not None:
            with self._store.lock:
                self._store.close()
            self._store = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- controls --------------------------------------------------------------------------------

    def set_faults(self, faults: list[FaultSpec | dict[str, Any]]) -> None:
        self.faults.set([f if isinstance(f, FaultSpec) else FaultSpec.from_json(f)
                         for f in faults])

    def snapshot(self) -> dict[str, Any]:
        store = self._require_store()
        with store.lock:
            return {name: [{k: v for k, v in r.items() if k != "_api_key"}
                           for r in store.all(name)] for name in ALL_COLLECTIONS}

    def reset(self) -> None:
        self._require_store().wipe()

    @property
    def router(self) -> Router:
        """The REST routes (what is emulated, and each path's methods)."""
        return self._api

    def _require_store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the sandbox is not running")
        return self._store

    # --- the request pipeline ----------------------------------------------------------------

    def handle(self, req: _Handler) -> Response:
        store = self._require_store()
        try:
            length = int(req.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            req.close_connection = True
            return json_response({"error": "bad Content-Length"}, 400)
        url = urlsplit(req.path)
        path = unquote(url.path)
        uploading = req.command == "POST" and path.startswith(files.URI_PATH)
        if uploading and length > self.max_file_bytes:
            req.close_connection = True  # the body is not read: nothing of it is kept
            return files.too_large(self.max_file_bytes, length)
        if length > MAX_BODY and not uploading:
            req.close_connection = True
            return json_response({"error": "request body too large"}, 413)
        body = req.rfile.read(length) if length > 0 else b""
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000)
        if path == RPC:
            area, rel = "rpc", RPC
        elif path.startswith(ADMIN + "/"):
            area, rel = "admin", path[len(ADMIN):]
        elif path == REST or path.startswith(REST + "/"):
            area, rel = "rest", path[len(REST):] or "/"
        elif path.startswith(files.URI_PATH) and path[len(files.URI_PATH):].isdigit():
            area, rel = "file", path
        else:
            raise not_found()
        ctx = Ctx(store=store, base_url=self.url, method=req.command, path=rel,
                  query=parse_qs(url.query, keep_blank_values=True),
                  headers={k.lower(): v for k, v in req.headers.items()}, body=body,
                  settings=self.settings)
        if area == "rpc":
            public = _public_rpc(ctx)
            if public is not None:
                return public
        user, key = auth.authenticate(store, req.headers.get("Authorization"))
        ctx.user = user
        if area == "admin":
            if not user.get("isAdministrator"):
                raise unauthorized()
            handler, ctx.params = self._admin.resolve(req.command, rel)
            return handler(ctx)
        refusal = self._throttle(key, req.command, rel)
        if refusal is not None:
            return refusal
        fault = self.faults.take(req.command, rel)
        if fault is not None and fault.kind != "reset_after_commit":
            if fault.kind == "latency":
                time.sleep(fault.ms / 1000)
            else:
                return _fault_response(fault)
        ctx.user = auth.acting_user(store, user, ctx.headers.get(auth.IMPERSONATE_HEADER))
        try:
            if area == "file":
                response = self._file(ctx, req.command, path[len(files.URI_PATH):])
            elif area == "rpc":
                response = rpc.dispatch(ctx)
            else:
                handler, ctx.params = self._api.resolve(req.command, rel)
                response = handler(ctx)
        except HttpError:
            raise
        except Exception as exc:
            return internal_error(req.command, rel, exc)
        if fault is not None and fault.kind == "reset_after_commit":
            # the write is committed; the answer is lost with the connection
            response.drop_connection = True
        return response

    def _file(self, ctx: Ctx, method: str, file_id: str) -> Response:
        if method == "POST":
            return files.upload(ctx, file_id, self.max_file_bytes)
        if method in ("GET", "HEAD"):
            return files.download(ctx, file_id)
        raise method_not_allowed(["GET", "HEAD", "POST"])

    def _throttle(self, key: str, method: str, rel: str) -> Response | None:
        if self.limiter is None:
            return None
        wait = self.limiter.acquire(key)
        if wait <= 0:
            return None
        # Nutshell publishes no limit and sends no Retry-After (reference/derived/
        # nutshell-rate-limits.yml); the hint is a setting, off by default.
        headers = {"Retry-After": retry_after_header(wait)} if self.settings.retry_after else {}
        return Response(429, _TOO_MANY, headers=headers)


def _public_rpc(ctx: Ctx) -> Response | None:
    """What the RPC endpoint answers without credentials: the service description (GET) and
    endpoint discovery; other methods than GET and POST are 405."""
    if ctx.method == "GET":
        return json_response(rpc.service_description(RPC))
    if ctx.method != "POST":
        raise method_not_allowed(["GET", "POST"])
    try:
        _, name, _ = rpc.registry.parse_call(ctx.body)
    except rpc.RpcError:
        return None
    return rpc.dispatch(ctx) if name in rpc.registry.PUBLIC else None


def internal_error(method: str, path: str, exc: Exception) -> Response:
    # Only the exception type and the stack: an exception's message may quote field values.
    log.error("sandbox error on %s %s: %s\n%s", method, path, type(exc).__name__,
              "".join(traceback.format_tb(exc.__traceback__)))
    return Response(500, wire_bytes("err-internal-server.json"))


_TOO_MANY = b'{\n  "code": 429,\n  "message": "Too Many Requests"\n}\n'


def _fault_response(fault: FaultSpec) -> Response:
    if fault.kind == "429":
        headers = {} if fault.retry_after is None else {
            "Retry-After": str(math.ceil(fault.retry_after))}
        return Response(429, _TOO_MANY, headers=headers)
    if fault.kind == "500":
        return Response(500, wire_bytes("err-internal-server.json"))
    reason = {"502": "Bad Gateway", "503": "Service Unavailable"}[fault.kind]
    page = f"<html><head><title>{fault.kind} {reason}</title></head><body><h1>{fault.kind} " \
           f"{reason}</h1></body></html>\n"
    return Response(int(fault.kind), page.encode(), HTML_TYPE)
