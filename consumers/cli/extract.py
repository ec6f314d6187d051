"""`c2n extract SOURCE... [--profile auto|NAME|FILE.yaml]`: rows into the log, exactly as read."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from adapters.sources import open_sources
from consumers.cli.common import add_json, console, emit_json, open_engine
from consumers.services.extract import extract_source
from consumers.services.profile_choice import ProfileChooser
from consumers.services.raw_shredding import forgotten_elsewhere, shred_forgotten


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="read every file's rows into the event log")
    p.add_argument("sources", nargs="+", help="files or folders of the clinic's export")
    p.add_argument("--profile", default="auto",
                   help="auto (recognise from headers), a bundled profile name, or a YAML file")
    add_json(p)
    p.set_defaults(func=extract)


def extract(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.sources]
    chooser = ProfileChooser(args.profile)
    results = []
    with open_engine(args) as engine, Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} rows"),
            TimeElapsedColumn(), console=console, transient=True) as progress:
        for source in open_sources(paths):
            name = source.fingerprint().name
            task = progress.add_task(f"extracting {name}", total=None)
            def advance(n: int, t: TaskID = task) -> None:
                progress.advance(t, n)

            result = extract_source(engine.app, engine.settings.run_name, source,
                                    chooser.choose(source), advance)
            progress.remove_task(task)
            results.append(result)
            console.print(f"{result.name}: {result.rows} rows"
                          f"{' (already extracted, nothing appended)' if result.skipped else ''}"
                          f"{f', {result.problems} with reader problems' if result.problems else ''}"
                          f"; profile {result.profile or 'none'}")
        # A new export may hold patients already forgotten in this run: their rows go now.
        shredded = shred_forgotten(engine, "engine",
                                   file_ids=[r.file_id for r in results if not r.skipped])
        if shredded.rows_erased:
            console.print(f"{shredded.rows_erased} rows of patients forgotten in this run "
                          f"shredded from {shredded.pages_resealed} pages")
        for name in shredded.unchecked:
            console.print(f"warning: {name} was not searched for patients forgotten in this "
                          "run (no confirmed mapping names it): `c2n map confirm` shreds their "
                          "rows before deriving")
        elsewhere = forgotten_elsewhere(engine) if any(not r.skipped for r in results) else 0
        if elsewhere:
            console.print(f"warning: {elsewhere} patients were forgotten in other runs of this "
                          "log; if this export holds any of them, run `c2n forget --patient ID "
                          "--by NAME` in this run after `c2n map confirm`")
        engine.catch_up()
    if args.json:
        emit_json({"files": [{"name": r.name, "rows": r.rows, "problems": r.problems,
                              "format": r.format, "profile": r.profile, "skipped": r.skipped}
                             for r in results],
                   "forgotten_rows_shredded": {"rows": shredded.rows_erased,
                                               "pages": shredded.pages_resealed,
                                               "unchecked_files": shredded.unchecked},
                   "forgotten_in_other_runs": elsewhere})
    return 0
