"""`/review`: clinical notes and documents held for PHI review, each cleared or held with a
reason, and the sign-off of the whole list (hipaa-officer), through consumers/services/review.py
(the service `c2n review` calls)."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from consumers.console.masking import shown
from consumers.console.users import Session
from consumers.console.web import Console, page_hash
from consumers.services import review as svc
from domain.run.signer import Signer


def review_model(console: Console, session: Session) -> dict[str, Any]:
    phi = console.sees_phi(session)
    listing = svc.review_list(console.engine)
    items = []
    for i in listing.items:
        title = ""
        if phi:  # what the item is about, for the people who decide on PHI
            record = console.engine.app.record(console.settings.run_name, i.kind, i.source_id)
            fields = record.fields if record else {}
            title = str(fields.get("title") or fields.get("description")
                        or fields.get("filename") or "")
        items.append({"key": i.item, "kind": i.kind, "source_id": i.source_id,
                      "why": i.reason, "title": title, "decision": i.decision,
                      "note": shown(i.note, phi), "by": i.by or "", "role": i.role or ""})
    sign_off = listing.sign_off or {}
    return {"items": items, "list_hash": listing.hash,
            "pending": listing.counts().get("pending", 0),
            "signed_off": listing.signed_off, "signed_off_by": sign_off.get("by"), "phi": phi}


def current_hash(console: Console, session: Session) -> str:
    return page_hash(review_model(console, session))


def routes(console: Console) -> list[Route]:
    async def page(request: Request) -> Response:
        session = console.session_of(request)
        if session is None:
            return console.to_login()
        model = await run_in_threadpool(console.locked, lambda: review_model(console, session))
        return console.render(request, "review.html", session, values=True, phi=model["phi"], model=model,
                              shown=page_hash(model), done=request.query_params.get("done"))

    def decide(decision: str) -> Any:
        def work(session: Session, form: Any, signer: Signer) -> str:
            items = [str(i) for i in form.getlist("item")]
            reason = str(form.get("reason", "")).strip()
            by, role = session.user.name, session.user.role
            shown = str(form.get("list_hash", ""))
            if form.get("decision") == "clear-all":  # one bulk decision
                svc.clear_all(console.engine, reason=reason, by=by, role=role, shown_hash=shown,
                              signer=signer)
            elif decision == "held":
                svc.hold(console.engine, items, reason=reason, by=by, role=role,
                         shown_hash=shown, signer=signer)
            else:
                svc.clear(console.engine, items, reason=reason or None, by=by, role=role,
                          shown_hash=shown, signer=signer)
            return f"/review?done={decision}"
        return work

    def sign_off(session: Session, form: Any, signer: Signer) -> str:
        svc.sign_off(console.engine, by=session.user.name, role=session.user.role,
                     shown_hash=str(form.get("list_hash", "")), signer=signer)
        return "/review?done=signed-off"

    async def post_decide(request: Request) -> Response:
        form = await request.form()
        decision = "held" if form.get("decision") == "hold" else "cleared"
        return await console.handle(request, f"review-{decision}",
                                    lambda s: current_hash(console, s), decide(decision))

    async def post_sign_off(request: Request) -> Response:
        return await console.handle(request, "review-sign-off",
                                    lambda s: current_hash(console, s), sign_off)

    return [Route("/review", page, methods=["GET"]),
            Route("/review/decide", post_decide, methods=["POST"]),
            Route("/review/sign-off", post_sign_off, methods=["POST"])]
