"""`/mapping`: each file and column with its target, confidence, reasons and sample values
(masked unless the role sees PHI), each file's column ledger; edit a target; confirm.

Confirming runs what `c2n map confirm` runs (forgotten rows shredded, then confirm_and_derive),
bound to the hash of the page as it was shown to this person."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from adapters.stores.mapping_file import load_mapping
from consumers.console.masking import shown
from consumers.console.users import Session
from consumers.console.web import Console, page_hash
from consumers.nutshell.oracle import column_ledger
from consumers.services.derive import confirm_and_derive
from consumers.services.proposal import set_target
from consumers.services.raw_shredding import shred_forgotten
from consumers.views.mapping import mapping_json
from domain.errors import PreconditionFailed
from domain.mapping import MappingDocument
from domain.oracle.ledger import LedgerLine
from domain.oracle.ledger import summary as ledger_summary
from domain.records.canonical import all_qualified_fields
from domain.run.signer import Signer

SAMPLE_ROWS = 3


def _samples(console: Console, phi: bool) -> dict[str, dict[str, list[str]]]:
    """File name -> column -> the first rows' values, as this role may see them."""
    run = console.engine.app.find_run(console.settings.run_name)
    out: dict[str, dict[str, list[str]]] = {}
    for file_id, info in (run.files.items() if run else ()):
        columns: dict[str, list[str]] = {}
        for count, row in enumerate(console.engine.app.iter_rows(UUID(file_id)), start=1):
            values = row.get("v") or {}
            if isinstance(values, dict):
                for header, value in values.items():
                    if not isinstance(value, dict | list):
                        columns.setdefault(str(header), []).append(shown(value, phi))
            if count >= SAMPLE_ROWS:
                break
        out[str(info["name"])] = columns
    return out


_ledgers: dict[tuple[str, int], list[LedgerLine]] = {}


def _ledger(console: Console, doc: MappingDocument) -> list[LedgerLine]:
    """The column ledger `c2n map show` prints (every column of every file, one class each),
    kept while neither the mapping nor the log changes: it reads every row."""
    key = (doc.content_hash(), console.engine.store.position())
    if key not in _ledgers:
        _ledgers.clear()
        _ledgers[key] = column_ledger(console.engine, doc)
    return _ledgers[key]


def mapping_model(console: Console, session: Session) -> dict[str, Any] | None:
    path = console.settings.mapping_path
    if not path.exists():
        return None
    doc = load_mapping(path)
    phi = console.sees_phi(session)
    samples = _samples(console, phi)
    document = mapping_json(doc)
    lines = _ledger(console, doc)
    files = []
    for name, fm in document["files"].items():
        columns = {**fm["columns"], **fm.get("key_values", {})}
        ledger = {line.column: line for line in lines if line.file == name}
        files.append({
            "name": name, "kind": fm["kind"], "confidence": fm["confidence"],
            "reasons": fm["reasons"], "profile": fm["profile"],
            "ledger": {k: v for k, v in ledger_summary(list(ledger.values())).items() if v},
            "columns": [{"header": header, **column,
                         "samples": samples.get(name, {}).get(header, []),
                         "ledger": ledger[header].to_json() if header in ledger else None}
                        for header, column in columns.items()]})
    run = console.engine.app.find_run(console.settings.run_name)
    mapping_hash = doc.content_hash()
    return {"mapping_hash": mapping_hash, "files": files, "flagged": document["flagged"],
            "settings": document["settings"], "phi": phi,
            "confirmed": bool(run and run.confirmed_hash == mapping_hash),
            "confirmed_by": run.confirmed_by if run else None}


def current_hash(console: Console, session: Session) -> str:
    return page_hash(mapping_model(console, session))


def routes(console: Console) -> list[Route]:
    async def page(request: Request) -> Response:
        session = console.session_of(request)
        if session is None:
            return console.to_login()
        model = await run_in_threadpool(console.locked, lambda: mapping_model(console, session))
        return console.render(request, "mapping.html", session, values=True, phi=bool(model and model["phi"]),
                              model=model, shown=page_hash(model), targets=all_qualified_fields(),
                              done=request.query_params.get("done"))

    def edit(session: Session, form: Any, signer: Signer) -> str:
        file, _, column = str(form.get("column", "")).partition("\x1f")
        target = str(form.get("target", "")) or None
        before, after = set_target(console.settings.mapping_path, file, column, target,
                                   session.user.name)
        console.on_run(lambda run: signer.sign(run, "edit-mapping", before=before, after=after,
                                               file=file, column=column))
        return "/mapping?done=edited"

    def confirm(session: Session, form: Any, signer: Signer) -> str:
        path = console.settings.mapping_path
        if not path.exists():
            raise PreconditionFailed("no mapping yet: run `c2n map propose`")
        doc = load_mapping(path)
        engine = console.engine
        shred_forgotten(engine, session.user.name, doc=doc)
        confirm_and_derive(engine.app, console.settings.run_name, doc, session.user.name,
                           scratch=console.settings.home, signer=signer)
        engine.catch_up()
        return "/mapping?done=confirmed"

    async def post_edit(request: Request) -> Response:
        return await console.handle(request, "edit-mapping",
                                    lambda s: current_hash(console, s), edit)

    async def post_confirm(request: Request) -> Response:
        return await console.handle(request, "confirm-mapping",
                                    lambda s: current_hash(console, s), confirm)

    return [Route("/mapping", page, methods=["GET"]),
            Route("/mapping/target", post_edit, methods=["POST"]),
            Route("/mapping/confirm", post_confirm, methods=["POST"])]
