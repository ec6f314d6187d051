"""`/conflicts`: fields changed both in the clinic and in Nutshell during the delta window,
side by side (values for roles that see PHI, shapes and hashes otherwise); take the source's
or Nutshell's (operator or manager), through the service `c2n delta resolve` calls."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from consumers.console.masking import shown
from consumers.console.users import Session
from consumers.console.web import Console, page_hash
from consumers.delta.apply import conflict_sides, open_conflicts, resolve
from consumers.nutshell.migration import current_mapping
from domain.errors import C2NError, PreconditionFailed
from domain.run.signer import Signer


def conflicts_model(console: Console, session: Session) -> dict[str, Any]:
    phi = console.sees_phi(session)
    found = open_conflicts(console.engine)
    sides: dict[str, dict[str, dict[str, Any]]] = {}
    unavailable = ""
    if found:
        try:
            doc = current_mapping(console.engine)
            with console.nutshell() as api:
                sides = {c["record"]: conflict_sides(console.engine, api, doc, c["record"])
                         for c in found}
        except C2NError as exc:
            unavailable = type(exc).__name__  # the hashes below still tell equal from different
    records = []
    for c in found:
        paths = []
        for path in c["paths"]:
            side = sides.get(c["record"], {}).get(path, {})
            detail = c["detail"].get(path, {})
            paths.append({"path": path, "source": shown(side.get("source"), phi),
                          "nutshell": shown(side.get("nutshell"), phi),
                          "source_hash": detail.get("source"),
                          "nutshell_hash": detail.get("nutshell"),
                          "written_hash": detail.get("written")})
        records.append({"record": c["record"], "paths": paths})
    return {"records": records, "phi": phi, "unavailable": unavailable}


def current_hash(console: Console, session: Session) -> str:
    return page_hash(conflicts_model(console, session))


def routes(console: Console) -> list[Route]:
    async def page(request: Request) -> Response:
        session = console.session_of(request)
        if session is None:
            return console.to_login()
        model = await run_in_threadpool(console.locked,
                                        lambda: conflicts_model(console, session))
        return console.render(request, "conflicts.html", session, values=True, phi=model["phi"],
                              model=model, shown=page_hash(model),
                              done=request.query_params.get("done"))

    def take(session: Session, form: Any, signer: Signer) -> str:
        key = str(form.get("record", ""))
        side = str(form.get("take", ""))
        if side not in ("source", "nutshell") or ":" not in key:
            raise PreconditionFailed("choose a record and take source or nutshell")
        doc = current_mapping(console.engine)
        with console.nutshell() as api:
            result = resolve(console.engine, api, doc, key, side, session.user.name,
                             signer=signer)
        if not result["resolved"]:
            raise PreconditionFailed("that record has no open conflict")
        return "/conflicts?done=resolved"

    async def post_resolve(request: Request) -> Response:
        return await console.handle(request, "resolve-conflict",
                                    lambda s: current_hash(console, s), take)

    return [Route("/conflicts", page, methods=["GET"]),
            Route("/conflicts/resolve", post_resolve, methods=["POST"])]
