"""`/login` and `/logout`: a form, a signed session cookie, every login and refusal logged."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from consumers.console.users import LoginRefused
from consumers.console.web import LOGIN_COOKIE, SESSION_COOKIE, Console, name_ref

# The page tells a refused person less than the log does (no "no such name").
REFUSAL_TEXT = {
    "locked": "Too many failed attempts: this name is locked for a while. Ask an administrator.",
}


def routes(console: Console) -> list[Route]:
    def login_page(request: Request, message: str = "", status: int = 200) -> Response:
        token, cookie = console.login_token(request)
        response = console.render(request, "login.html", None, code=status, csrf=token,
                                  message=message)
        response.set_cookie(LOGIN_COOKIE, cookie, max_age=3600, httponly=True,
                            samesite="strict", secure=console.secure_cookies, path="/login")
        return response

    async def get_login(request: Request) -> Response:
        if console.session_of(request) is not None:
            return RedirectResponse("/", status_code=303)
        return login_page(request)

    async def post_login(request: Request) -> Response:
        form = await request.form()
        name = str(form.get("username", "")).strip().lower()
        password = str(form.get("password", ""))
        if not console.login_token_ok(request, str(form.get("csrf", ""))):
            user = console.users.get(name)
            await run_in_threadpool(console.on_run, lambda run: run.refuse(
                by=user.name if user else name_ref(name), role=user.role if user else "",
                action="login", reason="csrf"))
            return login_page(request, "The form expired: sign in again.", 403)
        try:
            user = await run_in_threadpool(console.users.authenticate, name, password)
        except LoginRefused as refused:
            reason = refused.reason
            known = console.users.get(name)
            await run_in_threadpool(console.on_run, lambda run: run.refuse(
                by=known.name if known else name_ref(name), role=known.role if known else "",
                action="login", reason=reason))
            return login_page(request, REFUSAL_TEXT.get(reason, "Wrong name or password."), 401)
        session = console.users.open_session(user)
        await run_in_threadpool(console.on_run, lambda run: run.signed_in(by=user.name,
                                                                          role=user.role))
        response = RedirectResponse("/", status_code=303)
        console.set_session(response, session)
        response.delete_cookie(LOGIN_COOKIE, path="/login")
        return response

    async def post_logout(request: Request) -> Response:
        form = await request.form()
        session = console.session_of(request)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        if session is None or str(form.get("csrf", "")) != session.csrf:
            return response  # nothing to end, or not this session's own form
        console.users.end_session(session.sid)
        await run_in_threadpool(console.on_run, lambda run: run.signed_out(
            by=session.user.name, role=session.user.role))
        return response

    return [Route("/login", get_login, methods=["GET"]),
            Route("/login", post_login, methods=["POST"]),
            Route("/logout", post_logout, methods=["POST"])]
