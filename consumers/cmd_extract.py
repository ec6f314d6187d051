"""`c2n extract SOURCE... [--profile auto|NAME|FILE.yaml]`: rows into the log, exactly as read."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from adapters.sources import open_sources
from consumers.common import add_json, console, emit_json, open_engine
from consumers.extract_service import extract_source
from consumers.profile_choice import ProfileChooser


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
        engine.catch_up()
    if args.json:
        emit_json({"files": [{"name": r.name, "rows": r.rows, "problems": r.problems,
                              "format": r.format, "profile": r.profile, "skipped": r.skipped}
                             for r in results]})
    return 0
