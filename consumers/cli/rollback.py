"""`c2n rollback [--dry-run] [--scope ...] [--force] [--undo]`."""

from __future__ import annotations

import argparse

from consumers.cli.common import add_json, console, emit_json, open_existing_engine
from consumers.nutshell.rollback import rollback as do_rollback
from consumers.nutshell.undo import undo
from consumers.nutshell_wiring import nutshell_client
from consumers.views.output import Outcome, plain, print_table, progress_step


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rollback", help="compensating commands from the event history")
    p.add_argument("--dry-run", action="store_true", help="the blast radius; nothing is sent")
    p.add_argument("--scope", default="run", help="run | sample | kind:KIND | record:KIND:SOURCE_ID")
    p.add_argument("--force", action="store_true", help="also undo records staff changed since")
    p.add_argument("--undo", action="store_true", help="reverse a rollback (undelete; activities are created again)")
    p.add_argument("--by", default="operator", help="who asks (recorded in the audit log)")
    add_json(p)
    p.set_defaults(func=rollback)


def rollback(args: argparse.Namespace) -> int:
    with open_existing_engine(args) as engine, nutshell_client(engine.settings) as api, \
            progress_step(console, "undoing the rollback" if args.undo else "rolling back"
                          if not args.dry_run else "planning") as tick:
        if args.undo:
            result = undo(engine, api, scope=args.scope, by=args.by, tick=tick,
                          on_total=tick.total)
        else:
            result = do_rollback(engine, api, scope=args.scope, by=args.by, dry_run=args.dry_run,
                                 force=args.force, tick=tick, on_total=tick.total)
    document = result.to_json()
    skipped = [i for i in result.items if i.action == "skip"]
    outcome = Outcome().note("failed", len(result.failed)).note("skipped", len(skipped))
    if args.json:
        emit_json(document)
    else:
        actions = sorted({a for per_kind in document["by_kind"].values() for a in per_kind})
        print_table(console, ["kind", *actions],
                    ([kind, *(per_kind.get(a, 0) for a in actions)]
                     for kind, per_kind in document["by_kind"].items()),
                    title="would do" if args.dry_run else "compensations")
        for item in skipped:
            console.print(f"skipped {item.kind}:{item.source_id}: {item.reason} "
                          f"({', '.join(item.paths)})")
        for failure in result.failed:
            console.print(f"failed: {plain(failure)}")
        for text in result.residue:
            console.print(f"residue: {text}")
        if result.sources or result.referrers:
            verb = "would delete" if args.dry_run else "deleted" if not args.undo else "undeleted"
            console.print(f"{verb}: {len(result.sources)} lead Source(s) and "
                          f"{len(result.referrers)} referrer record(s) the migration created "
                          f"({', '.join(result.referrers) or 'no referrer'})")
        for text in result.notes:
            console.print(f"note: {text}")
        if not args.dry_run:
            console.print(f"done: {plain(document['done'])}")
    return outcome.finish(console)
