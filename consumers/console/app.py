"""The console's ASGI application: the pages' routes, vendored static files, security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from consumers.bootstrap import Settings
from consumers.console.pages import audit, auth, conflicts, mapping, overview, review, rollback, sample
from consumers.console.web import Console

# No inline script or style anywhere: the CSP allows the package's own files only.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


class SecurityHeaders:
    """Headers on every answer; pages (which may show PHI) are never stored by the browser."""

    def __init__(self, app: ASGIApp, tls: bool = False) -> None:
        self.app = app
        self.tls = tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                extra = {
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"referrer-policy": b"no-referrer",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
                    b"cache-control": b"private, max-age=3600" if static else b"no-store",
                }
                if self.tls:
                    extra[b"strict-transport-security"] = b"max-age=31536000"
                names = set(extra)
                headers = [(k, v) for k, v in headers if k.lower() not in names]
                headers += list(extra.items())
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings, *, clinic: str | None = None, tls: bool = False) -> Starlette:
    console = Console(settings, clinic=clinic or settings.run_name, secure_cookies=tls)
    static = Path(str(resources.files("consumers.console") / "static"))
    routes = [*auth.routes(console), *overview.routes(console), *mapping.routes(console),
              *sample.routes(console), *review.routes(console), *conflicts.routes(console),
              *rollback.routes(console), *audit.routes(console),
              Mount("/static", app=StaticFiles(directory=static), name="static")]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        console.close()

    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders, tls=tls)],
                    lifespan=lifespan)
    app.state.console = console
    return app
