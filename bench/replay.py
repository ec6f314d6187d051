"""Replay: every projection rebuilt from the event log, in events/s.

Baseline measured in the same run: reading and decoding the same notifications with no
projection work. Target: >= 100,000 events/s on SQLite. "per CPU-s" divides by the process's
CPU time instead of wall time: the steadier figure on a shared machine.
    python bench/replay.py --n 100000 [--stores sqlite,postgres]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import drop_pg_schema, fresh_pg_schema, peak_rss_mb, print_table, run_worker  # noqa: E402
from bench.ingest import PAGE, derived_events, record_fields  # noqa: E402


def build_log(app, n: int) -> None:  # type: ignore[no-untyped-def]
    """n records derived, and a push history for every one: 3 events per record."""
    for start in range(0, n, PAGE):
        events = derived_events([record_fields(i) for i in range(start, min(n, start + PAGE))], start + 1)
        app.save(*events)
        records = [app.record_by_id(e.originator_id) for e in events]
        for i, record in enumerate(records):
            record.request_push(op_key=f"k{start + i}", action="create", steps=[], mode="run")
            record.push_succeeded(op_key=f"k{start + i}", action="create", entity="contacts",
                                  nutshell_id=f"{start + i + 1}-contacts", results=[], written={},
                                  overwritten={}, links_added=[], answer={})
        app.save(*records)


def worker(mode: str, n: int, store: str) -> dict[str, object]:
    from consumers.bootstrap import Engine, Settings

    env = {"C2N_HOME": tempfile.mkdtemp(prefix="c2n-bench-")}
    url = fresh_pg_schema("bench_replay") if store == "postgres" else None
    if url:
        env["C2N_DATABASE_URL"] = url
    engine = Engine(Settings.from_env(env=env))
    try:
        build_log(engine.app, n)
        total = engine.reader.max_position()
        started, cpu = time.perf_counter(), time.process_time()
        if mode == "replay":
            engine.projections.rebuild()
        else:
            position = 0
            while position < total:
                events = engine.reader.read(position + 1, 2000)
                position = events[-1].position
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        engine.close()
        if url:
            drop_pg_schema(url)
    return {"events": total, "per_s": total / elapsed, "cpu_per_s": total / cpu,
            "rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000, help="records (3 events each)")
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--mode", default="replay")
    parser.add_argument("--store", default="sqlite")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.mode, args.n, args.store)))
        return
    rows = []
    for store in args.stores.split(","):
        base = run_worker(__file__, ["--mode", "read", "--n", str(args.n), "--store", store])
        replay = run_worker(__file__, ["--mode", "replay", "--n", str(args.n), "--store", store])
        rows.append([store, replay["events"], replay["per_s"], replay["cpu_per_s"], base["per_s"],
                     replay["rss_mb"]])
    print_table("replay: every projection rebuilt from the log",
                ["store", "events", "replay events/s", "per CPU-s", "read+decode only events/s",
                 "peak RSS MB"], rows)


if __name__ == "__main__":
    main()
