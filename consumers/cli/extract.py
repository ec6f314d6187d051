"""`c2n extract SOURCE... [--profile auto|NAME|FILE.yaml]`: rows into the log, exactly as read."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.progress import Progress

from adapters.sources import open_file, source_files
from consumers.bootstrap import Engine
from consumers.cli.common import add_json, console, emit_json, open_engine
from consumers.services.extract import Extracted, extract_source
from consumers.services.profile_choice import ProfileChooser
from consumers.services.raw_shredding import forgotten_elsewhere, shred_forgotten
from consumers.views.output import Outcome, progress_bar
from domain.errors import SourceError
from domain.ports import ClinicSource


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="read every file's rows into the event log")
    p.add_argument("sources", nargs="+", help="files or folders of the clinic's export")
    p.add_argument("--profile", default="auto",
                   help="auto (recognise from headers), a bundled profile name, or a YAML file")
    add_json(p)
    p.set_defaults(func=extract)


def extract(args: argparse.Namespace) -> int:
    # Every path is checked before anything is created: a wrong path leaves no HOME behind.
    files = source_files([Path(p) for p in args.sources])
    chooser = ProfileChooser(args.profile)
    results = []
    unreadable: dict[str, str] = {}
    with open_engine(args) as engine, progress_bar(console) as progress:
        for path in files:
            try:
                for source in open_file(path):
                    results.append(_extract_one(engine, source, chooser, progress))
            except SourceError as exc:
                # One file that cannot be read is quarantined whole; the rest is read on.
                unreadable[path.name] = str(exc).removeprefix(f"{path.name}: ")
                run = engine.run()
                run.source_unreadable(name=path.name, reason=unreadable[path.name])
                engine.app.save(run)
                console.print(f"c2n: {path.name}: {unreadable[path.name]} (file quarantined, "
                              "not read; the rest is read on)")
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
    outcome = Outcome().note("unreadable", len(unreadable))
    outcome.note("reader_problems", sum(r.problems for r in results if not r.skipped))
    if args.json:
        emit_json({"files": [{"name": r.name, "rows": r.rows, "problems": r.problems,
                              "format": r.format, "profile": r.profile, "skipped": r.skipped}
                             for r in results],
                   "unreadable": [{"name": n, "reason": why} for n, why in unreadable.items()],
                   "forgotten_rows_shredded": {"rows": shredded.rows_erased,
                                               "pages": shredded.pages_resealed,
                                               "unchecked_files": shredded.unchecked},
                   "forgotten_in_other_runs": elsewhere})
    return outcome.finish(console)


def _extract_one(engine: Engine, source: ClinicSource, chooser: ProfileChooser,
                 progress: Progress) -> Extracted:
    name = source.fingerprint().name
    # the total (rows, about) gives the bar its time left; the count is the rows read
    task = progress.add_task(f"extracting {name}", total=source.expected_rows())
    result = extract_source(engine.app, engine.settings.run_name, source,
                            chooser.choose(source), lambda n: progress.advance(task, n))
    progress.remove_task(task)
    console.print(f"{result.name}: {result.rows} rows"
                  f"{' (already extracted, nothing appended)' if result.skipped else ''}"
                  f"{f', {result.problems} with reader problems' if result.problems else ''}"
                  f"; profile {result.profile or 'none'}")
    return result
