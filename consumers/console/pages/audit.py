"""`/audit`: the log searched by record, time window and person (everyone may read it; the
auditor only reads), as a page or a CSV download. Rows hold ids, names and hashes only."""

from __future__ import annotations

import csv
import io
from itertools import islice
from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from consumers.console.web import Console
from consumers.services.audit import audit_rows

ROWS_SHOWN = 500
SCAN_LIMIT = 20_000  # rows a page reads at most: the page stays quick on a long log
CSV_COLUMNS = ("seq", "at", "run", "record", "event", "actor", "role", "via", "mapping_hash",
               "detail")


def _filters(request: Request) -> dict[str, str]:
    q = request.query_params
    return {k: q.get(k, "").strip() for k in ("record", "since", "until", "actor")}


def _rows(console: Console, filters: dict[str, str], limit: int | None) -> list[dict[str, Any]]:
    given: dict[str, Any] = {k: v for k, v in filters.items() if v}
    rows = audit_rows(console.engine, **given)
    out = []
    for row in islice(rows, limit) if limit else rows:
        detail = row.get("detail") or {}
        out.append({**row, "role": detail.get("role", ""), "via": detail.get("via", ""),
                    "detail": orjson.dumps(detail, option=orjson.OPT_SORT_KEYS).decode()})
    return out


def routes(console: Console) -> list[Route]:
    async def page(request: Request) -> Response:
        session = console.session_of(request)
        if session is None:
            return console.to_login()
        filters = _filters(request)
        # Newest first on the page: the matching rows (up to SCAN_LIMIT), the last ones.
        rows = await run_in_threadpool(console.locked,
                                       lambda: _rows(console, filters, SCAN_LIMIT + 1))
        more = len(rows) > SCAN_LIMIT
        shown = list(reversed(rows[:SCAN_LIMIT][-ROWS_SHOWN:]))
        return console.render(request, "audit.html", session, rows=shown,
                              total=min(len(rows), SCAN_LIMIT), more=more, filters=filters,
                              query=request.url.query)

    async def download(request: Request) -> Response:
        session = console.session_of(request)
        if session is None:
            return console.to_login()
        filters = _filters(request)
        rows = await run_in_threadpool(console.locked, lambda: _rows(console, filters, None))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="audit.csv"'})

    return [Route("/audit", page, methods=["GET"]),
            Route("/audit.csv", download, methods=["GET"])]
