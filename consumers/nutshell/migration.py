"""The operator's path from a confirmed mapping to a clinic in Nutshell: sample, diff,
approval, full run, verification, and the post-migration documents."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from adapters.stores.mapping_file import load_mapping
from consumers.bootstrap import Engine
from consumers.nutshell.diff import DiffReport, diff
from consumers.nutshell.oracle import verify_from_source
from consumers.nutshell.plan import activity_types_of, ensure_prepared, record_counts
from consumers.nutshell.push import Pusher, PushSummary
from consumers.nutshell.push_context import RunContext
from consumers.nutshell.sample_select import Sample, select_sample
from consumers.services.review import review_gate
from consumers.views.report_html import diff_html, oracle_html
from domain.errors import PreconditionFailed
from domain.ids import phi_hash
from domain.mapping import MappingDocument
from domain.nutshell.map import (
    CARRIED_BY_PATIENT,
    RUN_ORDER,
    custom_field_checklist,
    custom_field_specs,
    operations_guide,
    phi_review_list,
    workflow_rebuild_inventory,
)
from domain.oracle.report import OracleReport
from domain.ports import NutshellAPI
from domain.run.signer import Signer

Tick = Callable[[str], None]


def current_mapping(engine: Engine) -> MappingDocument:
    path = engine.settings.mapping_path
    if not path.exists():
        raise PreconditionFailed("no mapping yet: run `c2n map propose`")
    doc = load_mapping(path)
    run = engine.run()
    run.require_confirmed()
    if run.confirmed_hash != doc.content_hash():
        raise PreconditionFailed("HOME/mapping.yaml changed since it was confirmed: "
                                 "`c2n map confirm --by NAME` again")
    return doc


def _context(engine: Engine, api: NutshellAPI) -> RunContext:
    return RunContext(engine, activity_types_of(engine, api))


@dataclass
class SampleResult:
    sample: Sample
    push: PushSummary
    report: DiffReport
    html: Path
    json: Path
    oracle: OracleReport | None = None
    diff_hash: str = ""  # what an approval of this sample is bound to

    @property
    def ok(self) -> bool:
        return self.report.ok and (self.oracle is None or self.oracle.ok)


def run_sample(engine: Engine, api: NutshellAPI, size: int, *, fallback_owner: str | None = None,
               tick: Tick | None = None) -> SampleResult:
    doc = current_mapping(engine)
    ensure_prepared(engine, api, doc, fallback_owner)
    sample = select_sample(engine, size)
    run = engine.run()
    run.select_sample(mapping_hash=doc.content_hash(),
                      records=[f"{k}:{s}" for k, s in sample.keys], coverage=sample.coverage())
    engine.app.save(run)
    pusher = Pusher(engine, api, doc, "sample", _context(engine, api), on_record=tick)
    summary = pusher.push(sample.keys)
    engine.catch_up()
    report = diff(engine, api, sample.keys)
    # The oracle: the same sample checked from the source rows, not from what we meant to send.
    # Its figures are part of what the approval is bound to.
    oracle = verify_from_source(engine, api, doc, sample.keys)
    recorded = {**report.summary(), "from_source": {
        **oracle.to_json()["records"], "unaccounted_columns": oracle.unaccounted,
        "reasons": oracle.by_reason()}}
    diff_hash = hashlib.sha256(orjson.dumps(recorded, option=orjson.OPT_SORT_KEYS)).hexdigest()
    run = engine.run()
    run.sample_diffed(diff_hash=diff_hash, summary=recorded)
    engine.app.save(run)
    engine.catch_up()
    html_path, json_path = write_diff_reports(engine, "sample-diff", "Sample: source vs Nutshell",
                                              report, oracle)
    return SampleResult(sample, summary, report, html_path, json_path, oracle, diff_hash)


def write_diff_reports(engine: Engine, stem: str, title: str, report: DiffReport,
                       oracle: OracleReport | None = None,
                       reveal: bool = False) -> tuple[Path, Path]:
    reports = engine.settings.reports
    reports.mkdir(parents=True, exist_ok=True, mode=0o700)
    # The JSON report is for machines: values as hashes (equal values, equal hashes). The HTML
    # report, for the operator, shows them side by side and says it contains PHI.
    hashed = {kind: {path: {**slot, "examples": [
        {**ex, "expected": phi_hash(ex["expected"]), "actual": phi_hash(ex["actual"])}
        for ex in slot.get("examples", [])]} for path, slot in fields.items()}
        for kind, fields in report.kinds.items()}
    document = {**report.summary(), "kinds": hashed,
                "missing_records": report.missing_records, "contains_phi": False}
    if oracle is not None:
        # The counts that matter lead; values stay hashed in the machine report.
        document = {"from_source": oracle.to_json(reveal=False), **document}
    json_path = reports / f"{stem}.json"
    json_path.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    html_path = reports / f"{stem}.html"
    lead = oracle_html(oracle.to_json(reveal=reveal)) if oracle is not None else ""
    html_path.write_text(diff_html(title, {**report.summary(), "kinds": report.kinds}, lead),
                         encoding="utf-8")
    return html_path, json_path


def approve(engine: Engine, by: str, *, keep_sample: bool = True,
            signer: Signer | None = None) -> None:
    doc = current_mapping(engine)
    run = engine.run()
    if signer is not None:
        signer.sign(run, "approve-sample", mapping_hash=doc.content_hash(),
                    diff_hash=(run.sample_diff or {}).get("diff_hash"))
    run.approve(by=by, mapping_hash=doc.content_hash(), keep_sample=keep_sample)
    engine.app.save(run)
    engine.catch_up()


def pending_keys(engine: Engine, *, retry_failed: bool) -> list[tuple[str, str]]:
    states = {"derived", "requested"} | ({"failed"} if retry_failed else set())
    keys = []
    for kind in RUN_ORDER:
        keys += [(k, s) for k, s, st in engine.store.records_in_state(kind) if st in states]
    return keys


def run_full(engine: Engine, api: NutshellAPI, *, retry_failed: bool = False,
             fallback_owner: str | None = None, tick: Tick | None = None) -> PushSummary:
    doc = current_mapping(engine)
    run = engine.run()
    run.require_approved(doc.content_hash())
    ensure_prepared(engine, api, doc, fallback_owner)
    engine.catch_up()
    run = engine.run()
    if run.state != "running":
        run.start_full_run(doc.content_hash())
        engine.app.save(run)
    pusher = Pusher(engine, api, doc, "retry" if retry_failed else "run", _context(engine, api),
                    on_record=tick)
    summary = pusher.push(pending_keys(engine, retry_failed=retry_failed))
    engine.catch_up()
    counts = engine.store.counts()
    failed = sum(v.get("failed", 0) for v in counts.values())
    run = engine.run()
    run.complete_full_run(counts={k: v.get("pushed", 0) for k, v in counts.items()},
                          failed=failed)
    engine.app.save(run)
    engine.catch_up()
    write_post_migration_documents(engine, doc)
    return summary


def verify(engine: Engine, api: NutshellAPI, sample: int | None = None,
           tick: Callable[[], None] | None = None,
           reveal: bool = False,
           on_total: Callable[[int], None] | None = None) -> tuple[DiffReport, dict[str, Any]]:
    """Every pushed record (or a sample of them) read back and compared, then the source
    restated by the oracle. `tick` once per record compared; `on_total` first, with their
    number."""
    engine.catch_up()
    keys = []
    counts: dict[str, Any] = {}
    gate = review_gate(engine)
    for kind in RUN_ORDER:
        states = engine.store.records_in_state(kind)
        if not states:
            continue
        expected = [s for _, s, st in states if st not in {"quarantined", "skipped"}]
        pushed = [s for _, s, st in states if st == "pushed"]
        # held by the PHI review: reported, and not expected in Nutshell until it lets them
        held = [s for _, s, st in states if st != "pushed" and gate.hold_reason(kind, s)]
        counts[kind] = {"source": len(expected), "pushed": len(pushed), "held": len(held),
                        "not_pushed": len(expected) - len(pushed) - len(held)}
        keys += [(kind, s) for s in pushed]
    if sample:
        step = max(1, len(keys) // sample)
        keys = keys[::step][:sample]
    if on_total:
        on_total(len(keys))
    report = diff(engine, api, keys, tick)
    for kind, values in counts.items():
        values["found_in_nutshell"] = values["pushed"] - sum(
            1 for m in report.missing_records if m.startswith(f"{kind}:")) if not sample else None
    oracle = verify_from_source(engine, api, current_mapping(engine),
                                keys if sample else None)
    # Records not pushed are judged by the oracle: those the source and the mapping expect in
    # Nutshell are reported ("not sent"); quarantined, orphaned, held-back ones are counted apart.
    ok = report.ok and oracle.ok
    run = engine.run()
    run.record_verification(ok=ok, scope=f"sample:{sample}" if sample else "all",
                            summary={"counts": counts, "differing": report.differing,
                                     "missing_records": len(report.missing_records),
                                     "from_source": oracle.to_json()["records"],
                                     "unaccounted_columns": oracle.unaccounted})
    engine.app.save(run)
    engine.catch_up()
    write_diff_reports(engine, "verify", "Verification: source vs Nutshell", report, oracle,
                       reveal)
    return report, {"ok": ok, "counts": counts, "from_source": oracle.to_json(reveal)}


def write_post_migration_documents(engine: Engine, doc: MappingDocument) -> list[Path]:
    reports = engine.settings.reports
    reports.mkdir(parents=True, exist_ok=True, mode=0o700)
    counts = record_counts(engine)
    specs = custom_field_specs(doc, [k for k, n in counts.items() if n])
    rows: list[dict[str, Any]] = []
    for kind in sorted(CARRIED_BY_PATIENT | {"clinical_note", "document", "allergy_condition"}):
        for _, source_id, state in engine.store.records_in_state(kind):
            rows.append({"kind": kind, "source_id": source_id, "status": state,
                         "hash": phi_hash(f"{kind}:{source_id}")})
    for failure in engine.store.failures():
        rows.append({"kind": failure["kind"], "source_id": failure["source_id"],
                     "reason": failure["reason"], "file": failure.get("file"),
                     "row": failure.get("row"), "status": failure["stage"]})
    documents = {
        "custom-field-checklist.md": custom_field_checklist(specs),
        "workflow-rebuild-inventory.md": workflow_rebuild_inventory(doc, counts),
        "operations-guide.md": operations_guide(doc),
        "phi-review-list.md": phi_review_list(rows),
    }
    paths = []
    for name, text in documents.items():
        path = reports / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
