"""`/sample`: the sample's field-level diff as `c2n sample` recorded it (counts per kind and
field; differing examples from the report, values as hashes, the source's value for roles that
see PHI), filterable; approve (manager), through the service `c2n approve` calls."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from adapters.stores.mapping_file import load_mapping
from consumers.console.masking import shown
from consumers.console.users import Session
from consumers.console.web import Console, page_hash
from consumers.nutshell import migration as svc
from domain.run.signer import Signer

EXAMPLES_SHOWN = 5


def _examples(console: Console, phi: bool) -> dict[str, dict[str, list[dict[str, Any]]]]:
    report = console.settings.reports / "sample-diff.json"
    if not report.exists():
        return {}
    kinds = orjson.loads(report.read_bytes()).get("kinds", {})
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for kind, fields in kinds.items():
        for path, slot in fields.items():
            for example in slot.get("examples", [])[:EXAMPLES_SHOWN]:
                source = None
                if phi:
                    record = console.engine.app.record(console.settings.run_name, kind,
                                                       str(example["source_id"]))
                    source = shown((record.written if record else {}).get(path), True)
                out.setdefault(kind, {}).setdefault(path, []).append({
                    "record": f"{kind}:{example['source_id']}", "status": example["status"],
                    "expected": example["expected"], "actual": example["actual"],
                    "source_value": source, "note": example.get("note") or ""})
    return out


def sample_model(console: Console, session: Session) -> dict[str, Any] | None:
    run = console.engine.app.find_run(console.settings.run_name)
    if run is None or not run.sample_diff:
        return None
    phi = console.sees_phi(session)
    path = console.settings.mapping_path
    mapping_hash = load_mapping(path).content_hash() if path.exists() else None
    summary = run.sample_diff["summary"]
    examples = _examples(console, phi)
    rows = [{"kind": kind, "path": field, **counts,
             "examples": examples.get(kind, {}).get(field, [])}
            for kind, fields in summary.get("kinds", {}).items()
            for field, counts in fields.items()]
    approval = run.approval
    return {"diff_hash": run.sample_diff["diff_hash"], "mapping_hash": mapping_hash,
            "confirmed_hash": run.confirmed_hash,
            "sample_mapping_hash": (run.sample or {}).get("mapping_hash"),
            "records": summary.get("records"), "records_ok": summary.get("records_ok"),
            "differing": summary.get("differing"), "missing_records": summary.get("missing_records"),
            "not_compared": summary.get("not_compared", {}), "rows": rows, "phi": phi,
            "from_source": summary.get("from_source"),
            "approved_by": approval["by"] if approval else None,
            "approved_diff": approval["diff_hash"] if approval else None}


def current_hash(console: Console, session: Session) -> str:
    return page_hash(sample_model(console, session))


def _filtered(model: dict[str, Any] | None, kind: str, text: str,
              only_differing: bool) -> list[dict[str, Any]]:
    if model is None:
        return []
    return [r for r in model["rows"]
            if (not kind or r["kind"] == kind) and (not text or text.lower() in r["path"].lower())
            and (not only_differing or r["differing"] or r["missing"])]


def routes(console: Console) -> list[Route]:
    async def page(request: Request) -> Response:
        session = console.session_of(request)
        if session is None:
            return console.to_login()
        model = await run_in_threadpool(console.locked, lambda: sample_model(console, session))
        q = request.query_params
        kind, text, only = q.get("kind", ""), q.get("q", ""), q.get("only") == "1"
        filters = {"kind": kind, "q": text, "only": only}
        rows = _filtered(model, kind, text, only)
        kinds = sorted({r["kind"] for r in model["rows"]}) if model else []
        return console.render(request, "sample.html", session, values=True, phi=bool(model and model["phi"]),
                              model=model, rows=rows, kinds=kinds, filters=filters,
                              shown=page_hash(model), done=q.get("done"))

    def approve(session: Session, form: Any, signer: Signer) -> str:
        # The sample's records are kept (adopted by the run); discarding them is the CLI's
        # `approve --discard-sample`, a rollback of the sample.
        svc.approve(console.engine, session.user.name, keep_sample=True, signer=signer)
        return "/sample?done=approved"

    async def post_approve(request: Request) -> Response:
        return await console.handle(request, "approve-sample",
                                    lambda s: current_hash(console, s), approve)

    return [Route("/sample", page, methods=["GET"]),
            Route("/sample/approve", post_approve, methods=["POST"])]
