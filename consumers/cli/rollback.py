"""`c2n rollback [--dry-run] [--scope ...] [--force] [--undo]`."""

from __future__ import annotations

import argparse

from consumers.cli.common import add_json, console, emit_json, open_engine
from consumers.nutshell.rollback import rollback as do_rollback
from consumers.nutshell.rollback import undo
from consumers.nutshell_wiring import nutshell_client


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
    with open_engine(args) as engine, nutshell_client(engine.settings) as api:
        if args.undo:
            result = undo(engine, api, scope=args.scope, by=args.by)
        else:
            result = do_rollback(engine, api, scope=args.scope, by=args.by, dry_run=args.dry_run,
                                 force=args.force)
    document = result.to_json()
    if args.json:
        emit_json(document)
    else:
        for kind, actions in document["by_kind"].items():
            console.print(f"{kind:24} {actions}")
        for item in result.items:
            if item.action == "skip":
                console.print(f"skipped {item.kind}:{item.source_id}: {item.reason} "
                              f"({', '.join(item.paths)})")
        for text in result.residue:
            console.print(f"residue: {text}")
        for text in result.notes:
            console.print(f"note: {text}")
        console.print(f"{'would do' if args.dry_run else 'done'}: "
                      f"{document['done'] if not args.dry_run else document['by_kind']}")
    return 1 if result.failed else 0
