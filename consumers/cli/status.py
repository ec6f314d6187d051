"""`c2n status`, `c2n replay` and `c2n audit`: reading the log and its projections."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

import orjson

from consumers.cli.common import add_json, console, emit_json, open_existing_engine
from consumers.services.audit import audit_rows
from consumers.services.status import status_document
from consumers.views.output import Outcome, print_table, progress_bar
from consumers.views.status import print_status
from domain.errors import PreconditionFailed


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="counts per kind and the run's state")
    add_json(p)
    p.set_defaults(func=status)

    p = sub.add_parser("replay", help="rebuild every projection from the event log")
    add_json(p)
    p.set_defaults(func=replay)

    p = sub.add_parser("audit", help="query the audit log")
    p.add_argument("--record", help="KIND:SOURCE_ID")
    p.add_argument("--since", help="ISO 8601 time (inclusive)")
    p.add_argument("--until", help="ISO 8601 time (inclusive)")
    p.add_argument("--actor", help="operator name (who confirmed, approved, rolled back)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--reveal", action="store_true",
                   help="show the values events hold (needs C2N_CIPHER_KEY: the log's key)")
    p.set_defaults(func=audit)


def status(args: argparse.Namespace) -> int:
    with open_existing_engine(args) as engine:
        document = status_document(engine)
    outcome = status_outcome(document)
    document["to_look_at"] = outcome.found
    if args.json:
        emit_json(document)
    else:
        print_status(document, console)
    return outcome.finish(console)


def status_outcome(document: dict[str, Any]) -> Outcome:
    """The exit rule for `status`: what the log holds that the operator must look at."""
    outcome = Outcome()
    outcome.note("quarantined", document["quarantine"]["rows"])
    outcome.note("unreadable", len(document["quarantine"]["unreadable_files"]))
    outcome.note("failed", sum(v.get("failed", 0) for v in document["counts"].values()))
    outcome.note("skipped", len(document["skipped_kinds"]))
    outcome.note("values_kept_as_written",
                 sum(item["records"] for item in document["values_kept_as_written"]))
    consumer = (document.get("delta") or {}).get("consumer") or {}
    conflicts = consumer.get("conflicts") if isinstance(consumer, dict) else None
    if isinstance(conflicts, int):
        outcome.note("conflicting", conflicts)
    outcome.note("stalled", len((document.get("delta") or {}).get("stalled") or []))
    return outcome


def replay(args: argparse.Namespace) -> int:
    with open_existing_engine(args) as engine, progress_bar(console) as bar:
        task = bar.add_task("replaying events", total=None)
        applied = engine.projections.rebuild(
            lambda position, target: bar.update(task, completed=position, total=target))
    if args.json:
        emit_json({"events": applied})
    else:
        console.print(f"projections rebuilt from {applied} events")
    return 0


# A spreadsheet opening the CSV runs a cell that starts with one of these as a formula; the
# operator name (--by) and record ids come from people and exports, so they are made inert.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: object) -> str:
    text = str(cell)
    return "'" + text if text.startswith(_FORMULA_LEADS) else text


def audit(args: argparse.Namespace) -> int:
    with open_existing_engine(args) as engine:
        engine.catch_up()
        if args.reveal and not engine.settings.cipher_key:
            raise PreconditionFailed("--reveal shows PHI: it needs the log's cipher key "
                                     "(C2N_CIPHER_KEY) and an encrypted log")
        rows = list(audit_rows(engine, reveal=args.reveal, record=args.record, since=args.since,
                               until=args.until, actor=args.actor))
    if args.format == "json":
        emit_json(rows)
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["seq", "at", "run", "record", "event", "actor", "mapping_hash",
                         "detail"])
        for r in rows:
            writer.writerow([inert(c) for c in (
                r["seq"], r["at"], r["run"], r["record"] or "", r["event"], r["actor"],
                r["mapping_hash"] or "",
                orjson.dumps(r["detail"], option=orjson.OPT_SORT_KEYS).decode())])
    else:
        from rich.console import Console

        # the table is the command's output: on stdout, TSV when piped
        out = Console(highlight=False)
        out.soft_wrap = not out.is_terminal
        print_table(out, ["seq", "at", "record", "event", "actor", "mapping"],
                    ([r["seq"], r["at"][:19], r["record"] or "", r["event"], r["actor"],
                      (r["mapping_hash"] or "")[:12]] for r in rows))
    return 0
