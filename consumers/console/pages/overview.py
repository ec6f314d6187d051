"""`/`: counts per kind and state, the run's state, a running job's progress (updated live by
static/console.js from `/api/status`), records per kind and throughput over time as SVG."""

from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Any

from eventsourcing.utils import get_topic
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from consumers.console.charts import Bar, bars, line
from consumers.console.web import Console
from consumers.services.status import status_document
from domain.records.aggregate import ClinicRecord

THROUGHPUT_EVENTS = 200_000  # pushes read for the throughput chart: the page stays quick


def progress(document: dict[str, Any]) -> dict[str, Any]:
    """Records moved (pushed, failed, skipped) of those that will move."""
    counts = document["counts"].values()
    extracted = sum(c["extracted"] for c in counts)
    done = sum(c["pushed"] + c["failed"] + c["skipped"] for c in counts)
    total = max(extracted - sum(c["quarantined"] for c in counts), 0)
    percent = round(100 * done / total) if total else 0
    return {"done": done, "total": total, "percent": min(percent, 100),
            "running": document["run"]["state"] == "running"}


def throughput(console: Console) -> list[tuple[str, int]]:
    """Records pushed per minute, from the log's PushSucceeded events."""
    rows = console.engine.audit(topics=[get_topic(ClinicRecord.PushSucceeded)])
    per_minute = Counter(str(r["at"])[:16] for r in islice(rows, THROUGHPUT_EVENTS))
    return [(minute[11:], per_minute[minute]) for minute in sorted(per_minute)]


def overview_model(console: Console) -> dict[str, Any]:
    document = status_document(console.engine)
    kinds = [Bar(kind, c["pushed"], c["extracted"]) for kind, c in document["counts"].items()]
    return {"status": document, "progress": progress(document), "kinds_chart": bars(kinds),
            "throughput": line(throughput(console) or [("", 0)])}


def routes(console: Console) -> list[Route]:
    async def page(request: Request) -> Response:
        session = console.session_of(request)
        if session is None:
            return console.to_login()
        model = await run_in_threadpool(console.locked, lambda: overview_model(console))
        return console.render(request, "overview.html", session, **model)

    async def api_status(request: Request) -> Response:
        if console.session_of(request) is None:
            return JSONResponse({"error": "not signed in"}, status_code=401)
        document = await run_in_threadpool(console.locked,
                                           lambda: status_document(console.engine))
        # Counts and states only: nothing here is PHI.
        return JSONResponse({"run": document["run"], "counts": document["counts"],
                             "progress": progress(document),
                             "delta": document.get("delta")})

    return [Route("/", page, methods=["GET"]), Route("/api/status", api_status, methods=["GET"])]
