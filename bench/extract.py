"""Extract: a Cliniko-style CSV export (N patients, 2N appointments, N treatment notes, plus the
bundled practitioners and businesses they refer to) read into the event log and derived into
canonical records, on SQLite, in rows/s end to end, with peak RSS.

Baseline measured in the same run: the stdlib `csv` module reading the same files into dicts.
Target: >= 10,000 rows/s end to end. "per CPU-s" divides by the process's CPU time instead of
wall time: the steadier figure on a shared machine.
    python bench/extract.py --patients 100000 [--profile]
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import peak_rss_mb, print_table, run_worker  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "adapters" / "samples" / "cliniko"
COPIED = ("practitioners.csv", "businesses.csv")  # small reference files, as bundled


def _template(name: str) -> tuple[list[str], dict[str, str], list[str]]:
    """The sample file's header, its first row (the shape every synthetic row copies) and the
    ids in its first column (so references resolve)."""
    with (SAMPLES / name).open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0].keys())
    return header, rows[0], [r["ID"] for r in rows]


def _patients(n: int, practitioners: list[str], businesses: list[str]) -> Iterator[dict[str, str]]:
    for i in range(n):
        given, family = f"Given{i}", f"Family{i}"
        yield {"ID": str(2_000_000 + i), "First Name": given, "Last Name": family,
               "Date of Birth": f"{1930 + i % 90}-{1 + i % 12:02d}-{1 + i % 28:02d}",
               "Sex": "Female" if i % 2 else "Male", "Email": f"{given}.{family}@example.com".lower(),
               "Mobile": f"555-{i // 10000 % 1000:03d}-{i % 10000:04d}",
               "Home Phone": f"555-{(i * 7) // 10000 % 1000:03d}-{(i * 7) % 10000:04d}",
               "Address 1": f"{1 + i % 999} Synthetic Street", "City": "Boston",
               "State": "Massachusetts", "Post Code": f"{2100 + i % 100:05d}",
               "Business ID": businesses[i % len(businesses)],
               "Practitioner ID": practitioners[i % len(practitioners)]}


def _appointments(n: int, patients: int, practitioners: list[str],
                  businesses: list[str]) -> Iterator[dict[str, str]]:
    for i in range(n):
        day = f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        yield {"ID": str(4_000_000 + i), "Patient ID": str(2_000_000 + i % patients),
               "Practitioner ID": practitioners[i % len(practitioners)],
               "Business ID": businesses[i % len(businesses)],
               "Starts At": f"{day}T09:{i % 60:02d}:00-05:00", "Ends At": f"{day}T10:{i % 60:02d}:00-05:00",
               "Created At": f"{day}T08:00:00-05:00", "Notes": f"Visit {i}"}


def _notes(n: int, patients: int, appointments: int,
           practitioners: list[str]) -> Iterator[dict[str, str]]:
    for i in range(n):
        yield {"ID": str(6_000_000 + i), "Patient ID": str(2_000_000 + i % patients),
               "Practitioner ID": practitioners[i % len(practitioners)],
               "Appointment ID": str(4_000_000 + i % appointments), "Title": f"Consultation {i}",
               "Content": f"Subjective: note {i}\nPlan: review in {1 + i % 8} weeks",
               "Created At": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}T11:00:00-05:00"}


def write_export(folder: Path, patients: int) -> dict[str, int]:
    """The export on disk; returns rows per file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copy(SAMPLES / name, folder / name)
    _, _, practitioners = _template("practitioners.csv")
    _, _, businesses = _template("businesses.csv")
    appointments = 2 * patients
    plan = {"patients.csv": _patients(patients, practitioners, businesses),
            "appointments.csv": _appointments(appointments, patients, practitioners, businesses),
            "treatment_notes.csv": _notes(patients, patients, appointments, practitioners)}
    counts = {}
    for name, rows in plan.items():
        header, first, _ = _template(name)
        with (folder / name).open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=header)
            writer.writeheader()
            count = 0
            for row in rows:
                writer.writerow({**first, **row})
                count += 1
        counts[name] = count
    for name in COPIED:
        counts[name] = sum(1 for _ in csv.DictReader((folder / name).open(newline="", encoding="utf-8")))
    return counts


def baseline(folder: Path) -> dict[str, object]:
    c0, t0 = time.process_time(), time.perf_counter()
    rows = 0
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            for _ in csv.DictReader(f):
                rows += 1
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"rows": rows, "seconds": seconds, "per_s": rows / seconds, "cpu_per_s": rows / cpu,
            "rss_mb": peak_rss_mb()}


def engine_run(folder: Path) -> dict[str, object]:
    from adapters.sources import open_sources
    from consumers.bootstrap import Engine, Settings
    from consumers.services.derive import confirm_and_derive
    from consumers.services.extract import extract_source
    from consumers.services.profile_choice import ProfileChooser
    from consumers.services.proposal import propose_mapping

    home = Path(tempfile.mkdtemp(prefix="c2n-bench-extract-"))
    engine = Engine(Settings.from_env(env={"C2N_HOME": str(home)}))
    run_name = engine.settings.run_name
    try:
        c0, t0 = time.process_time(), time.perf_counter()
        chooser = ProfileChooser("auto")
        files = [extract_source(engine.app, run_name, s, chooser.choose(s)) for s in open_sources([folder])]
        t1 = time.perf_counter()
        doc = propose_mapping(engine.app, run_name)
        doc.settings.clinical_content = True  # notes are derived too, as in the demo
        t2 = time.perf_counter()
        # As `c2n map confirm` does it: the quality index on disk, memory flat.
        derived = confirm_and_derive(engine.app, run_name, doc, "bench", scratch=home)
        t3, c3 = time.perf_counter(), time.process_time()
    finally:
        engine.close()
        shutil.rmtree(home, ignore_errors=True)
    rows = sum(f.rows for f in files)
    return {"rows": rows, "records": derived.created, "quarantined": derived.quarantined,
            "unprofiled": sorted(f.name for f in files if f.profile is None),
            "extract_s": t1 - t0, "propose_s": t2 - t1, "derive_s": t3 - t2,
            "extract_per_s": rows / (t1 - t0), "derive_per_s": rows / (t3 - t2),
            "per_s": rows / (t3 - t0), "cpu_per_s": rows / (c3 - c0), "rss_mb": peak_rss_mb()}


def profiled(folder: Path, top: int) -> None:
    """cProfile of the engine run: where the time goes, to stderr (stdout carries the JSON)."""
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    result = prof.runcall(engine_run, folder)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    print(out.getvalue(), file=sys.stderr)
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=100_000,
                        help="patients; appointments are 2x, treatment notes 1x")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of the engine run")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--mode", default="engine")
    parser.add_argument("--folder", default="")
    args = parser.parse_args()
    if args.worker:
        folder = Path(args.folder)
        if args.mode == "profile":
            profiled(folder, 40)
            return
        print(json.dumps(baseline(folder) if args.mode == "baseline" else engine_run(folder)))
        return
    with tempfile.TemporaryDirectory(prefix="c2n-bench-export-") as tmp:
        folder = Path(tmp) / "export"
        counts = write_export(folder, args.patients)
        base = run_worker(__file__, ["--mode", "baseline", "--folder", str(folder)])
        eng = run_worker(__file__, ["--mode", "engine", "--folder", str(folder)])
        if args.profile:
            out = subprocess.run([sys.executable, __file__, "--worker", "--mode", "profile",
                                  "--folder", str(folder)], check=True, capture_output=True, text=True)
            print(out.stderr)
    total = sum(counts.values())
    assert eng["rows"] == base["rows"] == total, (eng["rows"], base["rows"], total)
    ratio = float(eng["per_s"]) / float(base["per_s"])
    seconds = sum(float(eng[k]) for k in ("extract_s", "propose_s", "derive_s"))
    print_table(f"extract: {args.patients:,} patients, {counts['appointments.csv']:,} appointments, "
                f"{counts['treatment_notes.csv']:,} notes ({total:,} rows), SQLite",
                ["measure", "rows", "extract rows/s", "derive rows/s", "end to end rows/s", "per CPU-s", "seconds",
                 "records", "vs csv", "peak RSS MB"],
                [["engine: extract + propose + derive", total, eng["extract_per_s"], eng["derive_per_s"],
                  eng["per_s"], eng["cpu_per_s"], seconds, eng["records"], f"{ratio:.1%}", eng["rss_mb"]],
                 ["baseline: stdlib csv.DictReader", total, "-", "-", base["per_s"], base["cpu_per_s"],
                  base["seconds"], "-", "100%", base["rss_mb"]]])
    if eng["unprofiled"]:
        print(f"files matching no bundled profile: {eng['unprofiled']}")
    target = "met" if float(eng["per_s"]) >= 10_000 else "NOT met"
    print(f"target >= 10,000 rows/s end to end (wall clock): {target}; "
          f"per CPU-second of the engine process: {float(eng['cpu_per_s']):,.0f} rows/s")


if __name__ == "__main__":
    main()
