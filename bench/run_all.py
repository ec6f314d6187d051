"""`make bench`: every bench script, one after the other, into one document.

Writes bench/RESULTS.md (a summary table with the baseline measured beside each figure in the
same run, then each script's own tables, the command lines, date and machine) and puts the
summary table into bench/README.md between its results markers.
    python bench/run_all.py [--quick] [--out bench/RESULTS.md] [--no-readme]

--quick passes small sizes (a check that every script runs, not figures to quote). A script
that is missing or fails is reported in the document; the others still run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
README_START = "<!-- results:start -->"
README_END = "<!-- results:end -->"

SCRIPTS = ["ingest.py", "extract.py", "replay.py", "push.py", "delta.py"]
# Small sizes for --quick; a flag the script does not offer (its --help) is left out, so a
# script that changes its options still runs at its defaults.
QUICK: dict[str, list[tuple[str, str | None]]] = {
    "ingest.py": [("--n", "5000")],
    "extract.py": [("--patients", "2500")],
    "replay.py": [("--n", "5000")],
    "push.py": [("--n", "120"), ("--baseline-n", "30")],
    "delta.py": [("--quick", None), ("--n", "2000")],
}
TIMEOUT = {True: 600, False: 3600}  # seconds per script, quick / full


@dataclass
class Outcome:
    script: str
    command: list[str]
    seconds: float = 0.0
    status: str = "ok"
    stdout: str = ""
    stderr: str = ""
    tables: list[Table] = field(default_factory=list)


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[dict[str, str]]


def script_flags(path: Path) -> str:
    try:
        return subprocess.run([sys.executable, str(path), "--help"], capture_output=True,
                              text=True, timeout=60, check=False).stdout
    except subprocess.TimeoutExpired:
        return ""


def postgres_up(attempts: int = 3) -> bool:
    import psycopg

    for attempt in range(attempts):
        try:
            with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3):
                return True
        except Exception:  # noqa: BLE001 - any failure means the PostgreSQL rows are left out
            if attempt + 1 < attempts:
                time.sleep(1)  # a busy server on a shared machine: ask again, a bounded number of times
    return False


def command_for(script: str, quick: bool, pg: bool) -> list[str]:
    path = BENCH / script
    offered = script_flags(path)
    args: list[str] = []
    wanted = QUICK.get(script, []) if quick else []
    if not pg:
        wanted = [*wanted, ("--stores", "sqlite")]
    for flag, value in wanted:
        if re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", offered):
            args += [flag] if value is None else [flag, value]
    return [sys.executable, str(path.relative_to(ROOT)), *args]


def run(script: str, quick: bool, pg: bool) -> Outcome:
    if not (BENCH / script).exists():
        return Outcome(script, [], status="missing (script not in bench/ yet)")
    command = command_for(script, quick, pg)
    outcome = Outcome(script, command)
    print(f"==> {' '.join(command[1:])}", flush=True)
    started = time.monotonic()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              timeout=TIMEOUT[quick], check=False)
        outcome.stdout, outcome.stderr = done.stdout, done.stderr
        if done.returncode != 0:
            outcome.status = f"failed (exit {done.returncode})"
    except subprocess.TimeoutExpired:
        outcome.status = f"timed out after {TIMEOUT[quick]} s"
    outcome.seconds = time.monotonic() - started
    outcome.tables = markdown_tables(outcome.stdout)
    print(f"    {outcome.status}, {outcome.seconds:.0f} s", flush=True)
    return outcome


def markdown_tables(text: str) -> list[Table]:
    """The tables bench/_common.print_table prints: a ### title, a header row, a rule, rows."""
    tables: list[Table] = []
    title = ""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("### "):
            title = line[4:]
        elif line.startswith("|") and i + 1 < len(lines) and lines[i + 1].strip().startswith("|-"):
            headers = _cells(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(dict(zip(headers, _cells(lines[i]), strict=False)))
                i += 1
            tables.append(Table(title, headers, rows))
            continue
        i += 1
    return tables


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


# --- the summary: one row per figure, the baseline measured beside it -------------------------

Row = list[str]


def _ratio(figure: str, baseline: str) -> str:
    try:
        a, b = float(figure.replace(",", "")), float(baseline.replace(",", ""))
    except ValueError:
        return "-"
    return f"{a / b:.0%}" if b else "-"


def _ingest(o: Outcome) -> list[Row]:
    return [[f"ingest ({r['store']}, {r['records']} records)", f"{r['records/s']} records/s",
             f"{r['raw ceiling events/s']} events/s (raw inserts)",
             _ratio(r["records/s"], r["raw ceiling events/s"]), "-", r["peak RSS MB"]]
            for t in o.tables for r in t.rows if r.get("raw ceiling events/s", "-") != "-"]


def _extract(o: Outcome) -> list[Row]:
    rows = [r for t in o.tables for r in t.rows]
    engine = next(r for r in rows if r["measure"].startswith("engine"))
    base = next(r for r in rows if r["measure"].startswith("baseline"))
    return [[f"extract + derive (SQLite, {engine['rows']} rows)", f"{engine['end to end rows/s']} rows/s "
             f"({engine.get('per CPU-s', '-')} per CPU-s)", f"{base['end to end rows/s']} rows/s (csv module)",
             _ratio(engine["end to end rows/s"], base["end to end rows/s"]), ">= 10,000 rows/s",
             engine["peak RSS MB"]]]


def _replay(o: Outcome) -> list[Row]:
    return [[f"replay ({r['store']}, {r['events']} events)", f"{r['replay events/s']} events/s "
             f"({r.get('per CPU-s', '-')} per CPU-s)",
             f"{r['read+decode only events/s']} events/s (read + decode)",
             _ratio(r["replay events/s"], r["read+decode only events/s"]),
             ">= 100,000 events/s" if r["store"] == "sqlite" else "-", r["peak RSS MB"]]
            for t in o.tables for r in t.rows]


def _push(o: Outcome) -> list[Row]:
    runs = {}
    for line in o.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 9 and parts[0] in {"untold", "told", "sequential"} \
                and parts[1].isdigit():
            runs[parts[0]] = parts
    limit = re.search(r"rate limit ([\d.]+)/s", o.stdout)
    rss = re.search(r"peak RSS ([\d.]+) MiB", o.stdout)
    # columns: run creates seconds requests creates/s of-limit 429s refused failed
    untold, told = runs["untold"], runs["told"]
    return [[f"push, limit NOT told to the client ({limit[1] if limit else '?'}/s, "
             f"{untold[1]} creates)",
             f"{untold[4]} useful creates/s = {untold[5]} of limit, {untold[6]} 429s "
             f"({untold[7]} of requests)",
             f"told the limit: {told[4]}/s = {told[5]}, {told[6]} 429s",
             _ratio(untold[4], told[4]), ">= 95% of the limit, <= 2% refused",
             rss[1] if rss else "-"]]


SUMMARIES: dict[str, Callable[[Outcome], list[Row]]] = {
    "ingest.py": _ingest, "extract.py": _extract, "replay.py": _replay, "push.py": _push}
HEADERS = ["bench", "figure", "baseline (same run)", "figure / baseline", "target", "peak RSS MB"]


def summary_rows(outcomes: list[Outcome]) -> list[Row]:
    rows: list[Row] = []
    for o in outcomes:
        if o.status != "ok":
            rows.append([o.script.removesuffix(".py"), o.status, "-", "-", "-", "-"])
            continue
        try:
            rows += SUMMARIES[o.script](o)
        except (KeyError, StopIteration, IndexError, TypeError):
            # A script without a known layout (or one that changed): its own tables follow.
            for t in o.tables:
                rows.append([t.title or o.script, f"see {o.script} below", "-", "-", "-",
                             next((r.get("peak RSS MB", "-") for r in t.rows), "-")])
            if not o.tables:
                rows.append([o.script.removesuffix(".py"), f"see {o.script} below", "-", "-", "-", "-"])
    return rows


def markdown(headers: list[str], rows: list[Row]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=False).stdout.strip() or "?"
    return (f"{os.cpu_count()} CPUs (nproc), {platform.machine()}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average at start "
            f"{load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}; git {commit} (plus uncommitted changes, if any)")


def document(outcomes: list[Outcome], quick: bool, started: dt.datetime, about: str, pg: bool) -> str:
    parts = [
        "# Benchmark results", "",
        f"Written by `bench/run_all.py{' --quick' if quick else ''}` on "
        f"{started:%Y-%m-%d %H:%M} UTC; machine: {about}.",
        "Sizes: " + ("**quick** (small sizes: proves the scripts run; not figures to quote)."
                     if quick else "full (each script's defaults)."),
    ]
    if not pg:
        parts.append("PostgreSQL was not reachable: SQLite rows only.")
    parts += ["", "## Summary", "", markdown(HEADERS, summary_rows(outcomes)), "", "## Each script", ""]
    for o in outcomes:
        parts += [f"### {o.script}", ""]
        if o.command:
            parts += [f"Command: `{' '.join(['python', *o.command[1:]])}` ({o.status}, {o.seconds:.0f} s)", ""]
        else:
            parts += [f"Not run: {o.status}.", ""]
        if o.stdout.strip():
            parts += ["```text", o.stdout.rstrip(), "```", ""]
        if o.status != "ok" and o.stderr.strip():
            tail = "\n".join(o.stderr.rstrip().splitlines()[-15:])
            parts += ["Last lines of its error output:", "", "```text", tail, "```", ""]
    return "\n".join(parts)


def update_readme(summary: str, stamp: str) -> None:
    readme = BENCH / "README.md"
    if not readme.exists():
        return
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return
    block = f"{README_START}\n{stamp}\n\n{summary}\n{README_END}"
    readme.write_text(text[:start] + block + text[end + len(README_END):], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a check that all scripts run")
    parser.add_argument("--out", default=str(BENCH / "RESULTS.md"))
    parser.add_argument("--no-readme", action="store_true", help="leave bench/README.md as it is")
    parser.add_argument("--only", default="", help="comma-separated script names (default: all)")
    args = parser.parse_args()
    started = dt.datetime.now(dt.UTC)
    about = machine()
    pg = postgres_up()
    chosen = [s for s in SCRIPTS if not args.only or s.removesuffix(".py") in args.only.split(",")
              or s in args.only.split(",")]
    outcomes = [run(script, args.quick, pg) for script in chosen]
    text = document(outcomes, args.quick, started, about, pg)
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    if not args.no_readme:
        stamp = (f"Latest run: {started:%Y-%m-%d %H:%M} UTC, {'quick sizes' if args.quick else 'full sizes'}; "
                 f"{about}. Details: [RESULTS.md](RESULTS.md).")
        update_readme(markdown(HEADERS, summary_rows(outcomes)), stamp)
    print(markdown(HEADERS, summary_rows(outcomes)))
    print(f"written: {args.out}")
    return 0 if all(o.status == "ok" or o.status.startswith("missing") for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
