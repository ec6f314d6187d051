"""`c2n quarantine [--file F] [--reason R] [--json|--csv]`: every row held back, and why.

One line per quarantined row: file, row, column, reason and the value masked. Exit 1 when
anything is listed (there is something to look at), 0 when nothing is quarantined.
"""

from __future__ import annotations

import argparse
import csv
import sys

from consumers.cli.common import add_json, console, emit_json, open_existing_engine
from consumers.services.quarantine import quarantine_rows, top_reasons
from consumers.views.output import Outcome, print_table

HEADERS = ("file", "row", "column", "reason", "value", "kind", "source_id")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quarantine", help="the rows held back: file, row, column, reason")
    p.add_argument("--file", help="only this file (its name as extracted)")
    p.add_argument("--reason", help="only reasons containing this text (case-insensitive)")
    add_json(p)
    p.add_argument("--csv", action="store_true", help="CSV on stdout")
    p.set_defaults(func=quarantine)


def quarantine(args: argparse.Namespace) -> int:
    from consumers.cli.common import current_mapping_or_none

    with open_existing_engine(args) as engine:
        rows = quarantine_rows(engine, current_mapping_or_none(engine), file=args.file,
                               reason=args.reason)
    outcome = Outcome().note("quarantined", sum(1 for r in rows if r["row"] is not None))
    outcome.note("unreadable", sum(1 for r in rows if r["row"] is None))
    if args.json:
        emit_json({"rows": rows, "total": len(rows),
                   "top_reasons": {f: [{"reason": r, "rows": n} for r, n in reasons]
                                   for f, reasons in top_reasons(rows).items()}})
    elif args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(HEADERS)
        for r in rows:
            writer.writerow([_inert(r[h]) for h in HEADERS])
    else:
        print_table(console, HEADERS, ([r[h] for h in HEADERS] for r in rows),
                    title=f"{len(rows)} quarantined")
    return outcome.finish(console)


# A spreadsheet runs a cell starting with one of these as a formula (ids come from exports).
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_LEADS) else text
