"""What every console page shares: the engine behind a lock, the signed session cookie, the
CSRF check, the role check, the stale-page check, and the audit events each of them records.

Every state change goes through `Console.decide`: session, CSRF token, role, then the hash of
what the page showed against the hash of what it would show now. A refusal at any step is an
AccessRefused event naming the person (or the hash of a name nobody has) and the reason.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import orjson
from eventsourcing.persistence import IntegrityError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from adapters.nutshell.client import NutshellClient
from consumers.bootstrap import Engine, Settings
from consumers.console.roles import may, roles_table, sees_phi
from consumers.console.users import SESSION_SECONDS, Session, UserStore
from consumers.nutshell_wiring import nutshell_client
from domain.errors import C2NError
from domain.run.aggregate import MigrationRun
from domain.run.signer import Signer

SESSION_COOKIE = "c2n_session"
LOGIN_COOKIE = "c2n_login"
T = TypeVar("T")


def page_hash(model: Any) -> str:
    """The hash of exactly what a page showed: its view model, canonically encoded."""
    data = orjson.dumps(model, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return hashlib.sha256(data).hexdigest()


def name_ref(name: str) -> str:
    """How the log names a login for a name nobody has: a hash (it may be a mistyped password)."""
    return "h:" + hashlib.sha256(name.encode()).hexdigest()[:16]


def _page_of(request: Request) -> str:
    """The page a decision's form was on: /mapping for /mapping/confirm."""
    return "/" + request.url.path.strip("/").split("/")[0]


class Refused(Exception):
    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message


@dataclass
class Console:
    settings: Settings
    clinic: str
    secure_cookies: bool = False
    engine: Engine = field(init=False)
    users: UserStore = field(init=False)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self) -> None:
        self.engine = Engine(self.settings)
        self.users = UserStore(self.settings.home)
        self.signer = URLSafeTimedSerializer(self.users.secret(), salt="c2n-console")
        folder = Path(str(resources.files("consumers.console") / "templates"))
        self.templates = Environment(loader=FileSystemLoader(folder),
                                     autoescape=select_autoescape(default=True), auto_reload=False)

    def close(self) -> None:
        self.users.close()
        self.engine.close()

    # --- the log --------------------------------------------------------------------------------

    def on_run(self, act: Callable[[MigrationRun], None]) -> None:
        """Records an event on the run; a CLI command saving the run at the same moment makes
        the save fail whole, so it is read again and retried."""
        with self.lock:
            for attempt in range(3):
                run = self.engine.run()
                act(run)
                try:
                    self.engine.app.save(run)
                    break
                except IntegrityError:
                    if attempt == 2:
                        raise
            self.engine.catch_up()

    def nutshell(self) -> NutshellClient:
        """A client for a page or decision that reads or writes Nutshell (closed by the caller)."""
        return nutshell_client(self.settings)

    def locked(self, work: Callable[[], T]) -> T:
        with self.lock:
            return work()

    # --- sessions -------------------------------------------------------------------------------

    def session_of(self, request: Request) -> Session | None:
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            return None
        try:
            sid = self.signer.loads(token, max_age=SESSION_SECONDS, salt="session")
        except BadSignature:
            return None
        return self.users.session(str(sid))

    def owner_of_ended(self, request: Request) -> str | None:
        """Whose session a refused cookie was (logged out, expired, disabled): for the log."""
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            return None
        try:
            sid = self.signer.loads(token, salt="session")
        except BadSignature:
            return None
        return self.users.session_owner(str(sid))

    def set_session(self, response: Response, session: Session) -> None:
        response.set_cookie(SESSION_COOKIE, self.signer.dumps(session.sid, salt="session"),
                            max_age=SESSION_SECONDS, httponly=True, samesite="strict",
                            secure=self.secure_cookies, path="/")

    def login_token(self, request: Request) -> tuple[str, str]:
        """(form token, cookie value): the login form's CSRF pair, before anyone signs in."""
        token = secrets.token_urlsafe(24)
        return token, self.signer.dumps(token, salt="login")

    def login_token_ok(self, request: Request, form_token: str) -> bool:
        try:
            expected = self.signer.loads(request.cookies.get(LOGIN_COOKIE, ""), max_age=3600,
                                         salt="login")
        except BadSignature:
            return False
        return bool(form_token) and hmac.compare_digest(str(expected), form_token)

    # --- pages ----------------------------------------------------------------------------------

    def render(self, request: Request, template: str, session: Session | None,
               code: int = 200, phi: bool = False, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(
            session=session, path=request.url.path, phi=phi, clinic=self.clinic,
            run_name=self.settings.run_name, roles_table=roles_table(),
            may=(lambda action: bool(session and may(session.user.role, action))),
            **context)
        return HTMLResponse(html, status_code=code)

    @staticmethod
    def to_login() -> RedirectResponse:
        return RedirectResponse("/login", status_code=303)

    def sees_phi(self, session: Session) -> bool:
        return sees_phi(session.user.role)

    async def decide(self, request: Request, action: str,
                     current: Callable[[Session], str] | None) -> tuple[Session, Any, Signer]:
        """The checks before any decision: a live session, its CSRF token, a role allowed to
        take `action`, and (with `current`) the page's hash still being what it would show
        now. Returns the session, the form and the signer; raises Refused (already logged)."""
        form = await request.form()
        session = self.session_of(request)
        if session is None:
            owner = self.owner_of_ended(request)
            await self._refuse(owner or "anonymous", "", action, "session")
            raise Refused(403, "session", "You are not signed in (or your session ended).")
        person, role = session.user.name, session.user.role
        if not hmac.compare_digest(str(form.get("csrf", "")), session.csrf):
            await self._refuse(person, role, action, "csrf")
            raise Refused(403, "csrf", "The form's security token is missing or wrong: reload "
                                       "the page and try again.")
        if not may(role, action):
            await self._refuse(person, role, action, "role")
            raise Refused(403, "role", f"The {role} role may not {action.replace('-', ' ')}.")
        shown = str(form.get("shown", ""))
        if current is not None:
            from starlette.concurrency import run_in_threadpool

            now = await run_in_threadpool(self.locked, lambda: current(session))
            if not shown or not hmac.compare_digest(shown, now):
                await self._refuse(person, role, action, "stale")
                raise Refused(409, "stale", "What this page showed has changed since: nothing "
                                            "was done. Read the page again, then decide.")
        return session, form, Signer(by=person, role=role, page_hash=shown)

    async def _refuse(self, by: str, role: str, action: str, reason: str) -> None:
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(self.on_run, lambda run: run.refuse(
            by=by, role=role, action=action, reason=reason))

    def refused_page(self, request: Request, refused: Refused,
                     session: Session | None) -> HTMLResponse:
        return self.render(request, "error.html", session, code=refused.status,
                           title="Refused", message=refused.message, reason=refused.reason,
                           back=_page_of(request))

    def failed_page(self, request: Request, exc: C2NError, session: Session | None) -> HTMLResponse:
        # The error tree's messages name steps and hashes, never values.
        return self.render(request, "error.html", session, code=409, title="Not done",
                           message=str(exc), reason="precondition", back=_page_of(request))

    async def handle(self, request: Request, action: str,
                     current: Callable[[Session], str] | None,
                     work: Callable[[Session, Any, Signer], Response | str]) -> Response:
        """A decision's whole round: the checks of `decide`, then `work` under the engine's
        lock (a service call), answered by a redirect to the page it returns, or a page."""
        from starlette.concurrency import run_in_threadpool

        try:
            session, form, signer = await self.decide(request, action, current)
        except Refused as refused:
            return self.refused_page(request, refused, self.session_of(request))
        try:
            answer = await run_in_threadpool(self.locked, lambda: work(session, form, signer))
        except C2NError as exc:
            return self.failed_page(request, exc, session)
        if isinstance(answer, str):
            return RedirectResponse(answer, status_code=303)
        return answer
