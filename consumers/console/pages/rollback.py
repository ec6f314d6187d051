"""`/rollback`: the dry run's blast radius (what would be deleted, restored, skipped) and what
cannot be undone; the rollback itself, after typing the clinic's name (operator), bound to the
dry run shown. Both through the service `c2n rollback [--dry-run]` calls."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from consumers.console.users import Session
from consumers.console.web import Console, page_hash
from consumers.nutshell.rollback import rollback
from domain.errors import PreconditionFailed
from domain.run.signer import Signer

SCOPE = "run"
ITEMS_SHOWN = 200


def _plan_view(plan: dict[str, Any]) -> dict[str, Any]:
    """What the page shows of a dry run (ids, actions and reasons: no values)."""
    return {"scope": plan["scope"], "by_kind": plan["by_kind"], "residue": plan["residue"],
            "items": plan["items"]}


def stored_plan(console: Console) -> dict[str, Any] | None:
    path = console.settings.reports / "rollback-plan.json"
    return _plan_view(orjson.loads(path.read_bytes())) if path.exists() else None


def fresh_plan(console: Console) -> dict[str, Any]:
    with console.nutshell() as api:
        result = rollback(console.engine, api, scope=SCOPE, by="console", dry_run=True)
    return _plan_view(result.to_json())


def rollback_model(console: Console) -> dict[str, Any]:
    run = console.engine.app.find_run(console.settings.run_name)
    done_path = console.settings.reports / "rollback.json"
    done = orjson.loads(done_path.read_bytes()) if done_path.exists() else None
    return {"plan": stored_plan(console), "run_state": run.state if run else "new",
            "rollbacks": list(run.rollbacks) if run else [],
            "done": {"done": done["done"], "failed": len(done["failed"]),
                     "residue": done["residue"]} if done else None}


def routes(console: Console) -> list[Route]:
    async def page(request: Request) -> Response:
        session = console.session_of(request)
        if session is None:
            return console.to_login()
        model = await run_in_threadpool(console.locked, lambda: rollback_model(console))
        plan = model["plan"]
        return console.render(request, "rollback.html", session, model=model,
                              items=(plan or {}).get("items", [])[:ITEMS_SHOWN],
                              shown=page_hash(plan) if plan else "",
                              done=request.query_params.get("done"))

    def dry_run(session: Session, form: Any, signer: Signer) -> str:
        fresh_plan(console)
        return "/rollback?done=dry-run"

    def run_rollback(session: Session, form: Any, signer: Signer) -> str:
        typed = str(form.get("clinic", "")).strip()
        if typed.casefold() != console.clinic.strip().casefold():
            console.on_run(lambda run: run.refuse(by=session.user.name, role=session.user.role,
                                                  action="rollback", reason="clinic-name"))
            raise PreconditionFailed("the clinic's name was not typed as shown: nothing was "
                                     "rolled back")
        with console.nutshell() as api:
            rollback(console.engine, api, scope=SCOPE, by=session.user.name, signer=signer)
        return "/rollback?done=rolled-back"

    async def post_dry_run(request: Request) -> Response:
        return await console.handle(request, "rollback-dry-run", None, dry_run)

    async def post_rollback(request: Request) -> Response:
        # Stale: the dry run computed now is not the one the page showed.
        return await console.handle(request, "rollback",
                                    lambda s: page_hash(fresh_plan(console)), run_rollback)

    return [Route("/rollback", page, methods=["GET"]),
            Route("/rollback/dry-run", post_dry_run, methods=["POST"]),
            Route("/rollback/run", post_rollback, methods=["POST"])]
