"""`c2n demo`: the whole migration of bundled sample data into an embedded sandbox.

Every step an operator takes, in order, with the numbers at the end: extract, propose, confirm,
plan, sample (with its field-level diff), approve, run, verify, then rollback, its proof and its
reversal (activities through their JSON-RPC rev). The sandbox runs in-process on a
free loopback port and keeps its data in HOME/demo/sandbox, the migration's log in HOME/demo.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import time
from pathlib import Path
from typing import Any

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from adapters.samples import sample_path
from adapters.sources import open_sources
from adapters.stores.mapping_file import save_mapping
from consumers.bootstrap import Engine, Settings, prepare_home
from consumers.cli.common import add_json, console, emit_json
from consumers.nutshell import migration as svc
from consumers.nutshell.plan import make_plan
from consumers.nutshell.rollback import rollback, verify_rollback
from consumers.nutshell.undo import undo
from consumers.services import review
from consumers.services.derive import confirm_and_derive
from consumers.services.extract import extract_source
from consumers.services.profile_choice import ProfileChooser
from consumers.services.proposal import propose_mapping
from consumers.views.output import plain


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="a whole migration of bundled sample data into a sandbox")
    p.add_argument("--sample-set", default="cliniko",
                   help="bundled export: cliniko, opendental, frontdesk, frontdesk-xlsx, fhir")
    p.add_argument("--size", type=int, default=200, help="sample size")
    add_json(p)
    p.set_defaults(func=demo)


def _step(name: str) -> None:
    console.print(f"[bold cyan]==>[/] {name}")


def demo(args: argparse.Namespace) -> int:
    base = Settings.from_env(home=getattr(args, "home", None))
    prepare_home(base.home)  # before the sandbox writes its data under HOME: owner-only too
    home = base.home / "demo"
    if home.exists():
        shutil.rmtree(home)  # the demo starts from nothing every time
    started = time.monotonic()
    with SandboxServer(data_dir=home / "sandbox") as sandbox:
        url = sandbox.start()
        settings = Settings(home=home, database_url=None, cipher_key=base.cipher_key,
                            nutshell_url=url, nutshell_user=sandbox.admin_user,
                            nutshell_api_key=sandbox.admin_key, run_name="demo")
        with Engine(settings) as engine, NutshellClient(url, sandbox.admin_user,
                                                        sandbox.admin_key) as api:
            summary = _migrate(engine, api, sample_path(args.sample_set), args.size,
                               sandbox.admin_user)
            summary["rollback"] = _rollback_and_back(engine, api)
            summary["verified"] = summary["verified"] and summary["rollback"]["ok"]
    summary["seconds"] = round(time.monotonic() - started, 1)
    summary["home"] = str(home)
    summary["console"] = console_commands(home, sandbox.admin_user, sandbox.admin_key)
    if args.json:
        emit_json(summary)
    else:
        _print_summary(summary)
    return 0 if summary["verified"] else 1


def _migrate(engine: Engine, api: NutshellClient, source: Path, size: int,
             admin: str) -> dict[str, Any]:
    run_name = engine.settings.run_name
    _step(f"extract {source.name}: every file's rows into the event log, exactly as read")
    chooser = ProfileChooser("auto")
    files = [extract_source(engine.app, run_name, s, chooser.choose(s)) for s in
             open_sources([source])]
    rows = sum(f.rows for f in files)
    console.print(f"    {len(files)} files, {rows} rows")
    _step("map propose: the mapping, from the rows in the log")
    doc = propose_mapping(engine.app, run_name)
    doc.settings.clinical_content = True  # the demo shows notes and allergies moving too
    save_mapping(doc, engine.settings.mapping_path)
    _step("map confirm --by demo: confirmed mapping, canonical records derived")
    derived = confirm_and_derive(engine.app, run_name, doc, "demo",
                                 scratch=engine.settings.home)
    engine.catch_up()
    quarantined = sum(b.quarantined for b in derived.balance.values())
    console.print(f"    {derived.created} records; {quarantined} rows quarantined; "
                  f"{len(derived.orphans)} orphan references; "
                  f"{len(derived.merge_candidates)} merge candidates; balanced: {derived.balanced}")
    _step("plan --apply: custom fields created, staff resolved to users (fallback: admin)")
    plan = make_plan(engine, api, doc, apply=True, fallback_owner_email=admin, rate=50.0)
    console.print(f"    {len(plan.custom_fields)} custom fields; owners {plan.owners['matched']} "
                  f"matched, {len(plan.owners['unmatched'])} to the fallback owner")
    held = _review_before_run(engine)
    _step(f"sample --size {size}: representative sample pushed, read back, diffed")
    sample = svc.run_sample(engine, api, size)
    cov = sample.sample.coverage()
    if sample.oracle is not None:
        console.print(f"    from the source: {sample.oracle.headline()}")
    console.print(f"    {cov['records']} records, coverage {cov['features_covered']}/"
                  f"{cov['features_total']}; {sample.report.records_ok}/{sample.report.records} "
                  f"identical, {sample.report.differing} differences")
    _step("approve --by demo")
    svc.approve(engine, "demo")
    _step("run: the full migration")
    pushed = svc.run_full(engine, api)
    if held:
        _step(f"review clear {held} --by demo-reviewer, sign-off again: the held document moves")
        review.clear(engine, [held], by="demo-reviewer", reason="demo: consent confirmed")
        review.sign_off(engine, by="demo-officer")
        pushed = svc.run_full(engine, api)
    _step("verify: every record read back and compared, every file downloaded and hashed")
    report, verified = svc.verify(engine, api)
    checked = verified["from_source"]
    console.print(f"    from the source: {checked['headline']}")
    counts = engine.store.counts()
    return {
        "files": len(files), "rows": rows, "records": derived.created,
        "quarantined_rows": quarantined, "orphans": len(derived.orphans),
        "merge_candidates": len(derived.merge_candidates),
        "custom_fields": len(plan.custom_fields),
        "sample": {"records": cov["records"], "coverage": cov,
                   "differences": sample.report.differing},
        "counts": counts, "blocked": pushed.to_json()["blocked"],
        "verify": {"records": report.records, "differences": report.differing,
                   "missing": len(report.missing_records),
                   "from_source": {**checked["records"],
                                   "unaccounted_columns": checked["unaccounted_columns"],
                                   "reasons": checked["reasons"],
                                   "kept_as_written": len(checked.get("kept_as_written", []))}},
        "verified": bool(verified["ok"]),
        "attached_files": {k: {m: v.get(m, 0) for m in ("matched", "differing", "missing")}
                           for k, fs in report.kinds.items() for p, v in fs.items()
                           if p == "activities.files.sha256"},
        "review": {"held_then_cleared": held},
        "sources": sorted(str(v["name"]) for v in (engine.run().sources or {}).values()),
        "reports": sorted(str(p) for p in engine.settings.reports.glob("*")),
    }


def _rollback_and_back(engine: Engine, api: NutshellClient) -> dict[str, Any]:
    """The whole run rolled back and the rollback reversed: activities are deleted through
    JSON-RPC with the rev `getActivity` shows, and created again (Nutshell cannot undelete)."""
    _step("rollback --dry-run: the blast radius, from the log")
    plan = rollback(engine, api, by="demo", dry_run=True)
    for note in plan.notes:
        console.print(f"    note: {note}")
    _step("rollback: compensations newest first (activities by their JSON-RPC rev)")
    done = rollback(engine, api, by="demo")
    _step("verify --rollback: what the migration made is gone, overwritten values are back")
    proof = verify_rollback(engine, api)
    _step("rollback --undo: undeleted; activities and tasks created again, their files "
          "uploaded again and hashed")
    back = undo(engine, api, by="demo")
    console.print(f"    rolled back: {plain(done.done)}; verified: {plain(bool(proof['ok']))}; "
                  f"reversed: {plain(back.done)}")
    failed = len(done.failed) + len(back.failed)
    return {"planned": plan.count(), "done": done.done, "verified": bool(proof["ok"]),
            "reversed": back.done, "failed": failed, "notes": plan.notes,
            "ok": bool(proof["ok"]) and failed == 0}
def _review_before_run(engine: Engine) -> str | None:
    """The PHI review as a reviewer and the compliance officer would do it: one document held
    for a second look, the rest cleared in one decision, the list signed off."""
    _step("review list / clear --all / hold / sign-off: clinical content moves only after it")
    current = review.review_list(engine)
    if not current.items:
        console.print("    nothing to review")
        return None
    review.clear_all(engine, by="demo-reviewer", reason="demo: checked in the clinic system")
    documents = [i.item for i in current.items if i.kind == "document"]
    held = documents[0] if documents else None
    if held:
        review.hold(engine, [held], by="demo-reviewer", reason="demo: held for a second look")
    signed = review.sign_off(engine, by="demo-officer")
    console.print(f"    {len(signed.items)} items; {held or 'none'} held; signed off list "
                  f"{signed.hash[:16]}")
    return held


def _print_summary(summary: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table("kind", "extracted", "pushed", "skipped", "quarantined", "failed",
                  title="clinic2nutshell demo")
    for kind, v in sorted(summary["counts"].items()):
        table.add_row(kind, *(str(v.get(m, 0)) for m in
                              ("extracted", "pushed", "skipped", "quarantined", "failed")))
    console.print(table)
    src = summary["verify"]["from_source"]
    console.print(f"{summary['rows']} rows from {summary['files']} files -> "
                  f"{summary['records']} records; verification from the source: records "
                  f"expected {src['expected']}, found {src['found']}, missing {src['missing']}, "
                  f"differing {src['differing']}; unaccounted columns: "
                  f"{src['unaccounted_columns']}; values kept as written (reported), not sent: "
                  f"{src['kept_as_written']}")
    for kind, v in summary["attached_files"].items():
        console.print(f"files of {kind}: {v['matched']} downloaded with the source's SHA-256, "
                      f"{v['differing']} differing, {v['missing']} missing")
    if summary["sources"]:
        console.print(f"lead sources: {', '.join(summary['sources'])}")
    if summary["blocked"]:
        console.print(f"not sent (orphans, kinds turned off; reported): {plain(summary['blocked'])}")
    console.print(f"done in {summary['seconds']} s; the log and reports are in {summary['home']}")
    for path in summary["reports"]:
        console.print(f"    {path}")
    console.print("To open the approvers' console on the demo's home (each in its own shell):")
    for line in summary["console"]:
        console.print(f"    {line}", markup=False, soft_wrap=True)  # copyable: never wrapped
    console.print(f"then browse {CONSOLE_URL} and sign in.")


CONSOLE_URL = "http://127.0.0.1:8780"


def console_commands(home: Path, admin_user: str, admin_key: str) -> list[str]:
    """The demo's sandbox keeps its data in HOME/demo/sandbox: served again, the console's pages
    that read Nutshell (conflicts, rollback) work on the demo's migration."""
    port = 8765
    folder, data = shlex.quote(str(home)), shlex.quote(str(home / "sandbox"))
    return [
        f"c2n --home {folder} console user add me --role manager   # type a password (10+ chars)",
        f"c2n sandbox serve --data {data} --port {port}",
        f"C2N_NUTSHELL_URL=http://127.0.0.1:{port} C2N_NUTSHELL_USER={admin_user} "
        f"C2N_NUTSHELL_API_KEY={admin_key} c2n --home {folder} console serve --run demo "
        f"--port {CONSOLE_URL.rsplit(':', 1)[1]}",
    ]
