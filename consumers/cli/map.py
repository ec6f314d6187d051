"""`c2n map propose|show|confirm`: the engine proposes, the operator confirms."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from adapters.stores.mapping_file import load_mapping, save_mapping
from consumers.cli.common import add_json, console, emit_json, open_engine, open_existing_engine
from consumers.nutshell.oracle import column_ledger
from consumers.services.check import check_mapping
from consumers.services.derive import confirm_and_derive
from consumers.services.moves import moves
from consumers.services.moves import warnings as moves_warnings
from consumers.services.proposal import flagged_count, propose_mapping
from consumers.services.quarantine import (
    kept_as_written,
    quarantine_rows,
    reasons_document,
    skip_reasons,
)
from consumers.services.raw_shredding import shred_forgotten
from consumers.views.check import render_check
from consumers.views.mapping import mapping_json, render_mapping
from consumers.views.moves import render_moves
from consumers.views.output import Outcome, progress_step
from consumers.views.quarantine import print_kept, print_reasons
from domain.errors import PreconditionFailed
from domain.mapping import MappingDocument
from domain.oracle.ledger import summary as ledger_summary
from domain.oracle.ledger import unaccounted


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("map", help="propose, show and confirm the field mapping")
    msub = p.add_subparsers(dest="map_command", required=True)
    q = msub.add_parser("propose", help="write HOME/mapping.yaml from the extracted rows")
    add_json(q)
    q.set_defaults(func=propose)
    q = msub.add_parser("show", help="show HOME/mapping.yaml")
    add_json(q)
    q.set_defaults(func=show)
    q = msub.add_parser("check", help="what the mapping would do to the rows, saving nothing")
    q.add_argument("--rows", type=int, default=None,
                   help="rows per file to check (default: all)")
    add_json(q)
    q.set_defaults(func=check)
    q = msub.add_parser("confirm", help="confirm the mapping and derive the canonical records")
    q.add_argument("--by", required=True, help="who confirms (recorded in the audit log)")
    q.add_argument("--file", help="a mapping file to confirm (copied to HOME/mapping.yaml)")
    add_json(q)
    q.set_defaults(func=confirm)


def propose(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        path = engine.settings.mapping_path
        settings = load_mapping(path).settings if path.exists() else None
        doc = propose_mapping(engine.app, engine.settings.run_name, settings)
        if not doc.files:
            raise PreconditionFailed("nothing extracted yet: run `c2n extract SOURCE...` first")
        save_mapping(doc, path)
        run = engine.run()
        run.mapping_proposed(mapping_hash=doc.content_hash(), files=len(doc.files),
                             flagged=flagged_count(doc))
        engine.app.save(run)
        engine.catch_up()
        moved = moves(engine, doc)
    if args.json:
        emit_json({**mapping_json(doc), "moves": moved})
    else:
        render_mapping(doc, console)
        render_moves(moved, console)
        _print_country(doc)
        console.print(f"written to {path}; {flagged_count(doc)} low-confidence choices flagged."
                      " Review, edit if needed, then `c2n map confirm --by NAME`.")
    return _moves_outcome(moved).finish(console)


def _print_country(doc: MappingDocument) -> None:
    """The settings read from the data, for the operator to confirm with the mapping."""
    st = doc.settings
    why = "; ".join(st.country_reasons) or "the default (nothing in the data said otherwise)"
    console.print(f"clinic's country: {st.country} (phone numbers without a country code are "
                  f"read as {st.country}'s), currency {st.currency}, dates {st.date_order}: "
                  f"{why}. Change settings.country in the mapping file if this is wrong.")


def _moves_outcome(moved: dict[str, Any]) -> Outcome:
    """Most of the export not moving is something to look at (exit 1); flagged choices are
    what every proposal is reviewed for, and are listed, not counted."""
    return Outcome().note("not_migrated",
                          moved["rows"] - moved["moving"] if moves_warnings(moved) else 0)


def show(args: argparse.Namespace) -> int:
    with open_existing_engine(args) as engine:
        path = engine.settings.mapping_path
        if not path.exists():
            raise PreconditionFailed("no mapping yet: run `c2n map propose`")
        doc = load_mapping(path)
        run = engine.app.find_run(engine.settings.run_name)
        lines = column_ledger(engine, doc)
        moved = moves(engine, doc)
    document = mapping_json(doc)
    document["ledger"] = [line.to_json() for line in lines]
    document["ledger_summary"] = ledger_summary(lines)
    document["unaccounted_columns"] = len(unaccounted(lines))
    document["mapping_hash"] = doc.content_hash()
    document["confirmed"] = bool(run and run.confirmed_hash == doc.content_hash())
    document["moves"] = moved
    if args.json:
        emit_json(document)
    else:
        render_mapping(doc, console)
        console.print("column ledger (every column of every file, exactly one of standard, "
                      "custom, combined, joined, dropped):")
        for line in lines:
            console.print(f"  {line.file}:{line.column:28} {line.status:11} {line.detail}")
        console.print(f"unaccounted columns: {document['unaccounted_columns']}")
        render_moves(moved, console)
        _print_country(doc)
        console.print(f"mapping {doc.content_hash()[:12]}: "
                      f"{'confirmed' if document['confirmed'] else 'NOT confirmed'}")
    return _moves_outcome(moved).finish(console)


def check(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        path = engine.settings.mapping_path
        if not path.exists():
            raise PreconditionFailed("no mapping yet: run `c2n map propose`")
        doc = load_mapping(path)
        report = check_mapping(engine.app, engine.settings.run_name, doc, args.rows)
    if args.json:
        emit_json({"mapping_hash": doc.content_hash(), **report.to_json()})
    else:
        render_check(report, console)
        console.print(f"mapping {doc.content_hash()[:12]}: edit {path} and check again, or "
                      "`c2n map confirm --by NAME`")
    outcome = Outcome().note("quarantined", sum(f.quarantined for f in report.files.values()))
    return outcome.note("unreadable", len(report.unmapped)).finish(console)


def confirm(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        path = engine.settings.mapping_path
        if args.file:
            shutil.copyfile(Path(args.file), path)
        if not path.exists():
            raise PreconditionFailed("no mapping yet: run `c2n map propose`")
        doc = load_mapping(path)
        # Rows of patients forgotten in this run, in an export extracted since, are shredded
        # before deriving: the balance then counts them as erased.
        shredded = shred_forgotten(engine, args.by, doc=doc)
        report = check_mapping(engine.app, engine.settings.run_name, doc)
        total = sum(int(f.get("rows") or 0) for f in engine.run().files.values())
        with progress_step(console, "deriving", total or None) as tick:
            result = confirm_and_derive(engine.app, engine.settings.run_name, doc, args.by,
                                        tick, scratch=engine.settings.home)
        engine.catch_up()
        reasons = reasons_document(quarantine_rows(engine, doc, values=False))
        kept = kept_as_written(engine, doc, result.kept_as_written())
        skipped = skip_reasons(doc, [k for k, v in engine.store.counts().items()
                                     if v.get("extracted") and not k.startswith("_")])
    quarantined_rows = sum(b.quarantined - b.ignored for b in result.balance.values())
    outcome = Outcome().note("quarantined", quarantined_rows)
    outcome.note("not_migrated", sum(b.ignored for b in result.balance.values()))
    outcome.note("orphaned", len(result.orphans))
    outcome.note("merge_candidates", len(result.merge_candidates))
    outcome.note("skipped", len(skipped))
    outcome.note("unbalanced", not result.balanced)
    outcome.note("values_kept_as_written", sum(result.warnings.values()))
    document = {
        "mapping_hash": doc.content_hash(),
        "files": {k: v.to_json() for k, v in result.balance.items()},
        "balanced": result.balanced,
        "records": {"created": result.created, "rederived": result.rederived,
                    "unchanged": result.unchanged, "quarantined": result.quarantined},
        "orphans": [o._asdict() for o in result.orphans],
        "merge_candidates": [m._asdict() for m in result.merge_candidates],
        "forgotten_rows_shredded": {"rows": shredded.rows_erased,
                                    "pages": shredded.pages_resealed},
        "check": report.to_json(),
        "quarantine": reasons,
        "values_kept_as_written": kept,
        "skipped_kinds": skipped,
        "to_look_at": outcome.found,
    }
    if args.json:
        emit_json(document)
    else:
        render_check(report, console)
        for name, b in result.balance.items():
            ignored = f" (of which {b.ignored} resource types not migrated)" if b.ignored else ""
            erased = f" + erased {b.erased} (forgotten patients)" if b.erased else ""
            erased += f" + dropped {b.dropped} (on purpose)" if b.dropped else ""
            erased += (f" + report furniture {b.furniture} (titles, repeated headers, totals)"
                       if b.furniture else "")
            console.print(f"{name}: rows read {b.read} = records {b.derived} + quarantined "
                          f"{b.quarantined}{ignored}{erased}"
                          f"{'' if b.balanced else '  UNBALANCED'}")
        console.print(f"records: {result.created} new, {result.rederived} re-derived, "
                      f"{result.unchanged} unchanged; {len(result.orphans)} orphan references, "
                      f"{len(result.merge_candidates)} merge candidates")
        if shredded.rows_erased:
            console.print(f"{shredded.rows_erased} rows of forgotten patients shredded from "
                          f"{shredded.pages_resealed} pages before deriving")
        for m in result.merge_candidates[:10]:
            ids = ", ".join(m.source_ids[:5]) + (", ..." if len(m.source_ids) > 5 else "")
            console.print(f"merge candidate ({m.reason}): {len(m.source_ids)} records: {ids}")
        print_kept(console, kept)
        print_reasons(console, reasons, skipped)
        console.print(f"mapping {doc.content_hash()[:12]} confirmed by {args.by}")
    return outcome.finish(console)
