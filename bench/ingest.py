"""Ingest: N canonical records saved as events, in pages, on SQLite and PostgreSQL.

Prints records/s, events/s and peak RSS next to the library's raw ceiling measured in the same
run: ready-made stored events inserted in pages straight through the recorder.
    python bench/ingest.py --n 100000 [--stores sqlite,postgres] [--rss-n 1000000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import drop_pg_schema, fresh_pg_schema, peak_rss_mb, print_table, run_worker  # noqa: E402

PAGE = 500


def record_fields(i: int) -> dict[str, object]:
    return {"source_id": f"P{i:08d}", "first_name": f"Given{i % 977}", "last_name": f"Family{i % 1499}",
            "date_of_birth": f"19{50 + i % 50}-0{1 + i % 9}-1{i % 9}", "sex": "female" if i % 2 else "male",
            "email": f"patient{i}@example.org", "phone_mobile": f"+1617555{i % 10000:04d}",
            "city": "Boston", "state": "MA", "postal_code": "02118", "status": "active"}


def derived_events(records: list[dict[str, object]], first_row: int) -> list[object]:
    """Canonical records as their creating events (the derivation's hot path)."""
    from domain.records.aggregate import ClinicRecord

    return [ClinicRecord.derived_event(
        run="bench", kind="patient", source_id=str(fields["source_id"]), fields=fields, extra={},
        raw_kept={}, warnings=[], file="patients.csv", rows=[first_row + i], mapping_hash="m",
        content_hash="c") for i, fields in enumerate(records)]


def worker(mode: str, n: int, store: str) -> dict[str, object]:
    from consumers.bootstrap import Engine, Settings
    from domain.records.aggregate import ClinicRecord

    home = Path(tempfile.mkdtemp(prefix="c2n-bench-"))
    env = {"C2N_HOME": str(home)}
    url = None
    if store == "postgres":
        url = fresh_pg_schema("bench_ingest")
        env["C2N_DATABASE_URL"] = url
    engine = Engine(Settings.from_env(env=env))
    app = engine.app
    elapsed = 0.0
    try:
        if mode == "engine":
            for start in range(0, n, PAGE):
                # The canonical records arrive validated; what is timed is making them events
                # and saving them, as the ceiling times saving ready-made ones.
                records = [record_fields(i) for i in range(start, min(n, start + PAGE))]
                t0 = time.perf_counter()
                app.save(*derived_events(records, start + 1))
                elapsed += time.perf_counter() - t0
        else:
            # The ceiling: events already mapped to stored events; only the inserts are timed.
            proto = ClinicRecord.derive(run="bench", kind="patient", source_id="x", fields=record_fields(0),
                                        extra={}, raw_kept={}, warnings=[], file="patients.csv", rows=[1],
                                        mapping_hash="m", content_hash="c")
            template = app.mapper.to_stored_event(proto.collect_events()[0])
            for start in range(0, n, PAGE):
                stored = [type(template)(originator_id=uuid.uuid4(), originator_version=1,
                                         topic=template.topic, state=template.state)
                          for _ in range(min(PAGE, n - start))]
                t0 = time.perf_counter()
                app.recorder.insert_events(stored)
                elapsed += time.perf_counter() - t0
    finally:
        engine.close()
        if url:
            drop_pg_schema(url)
    return {"mode": mode, "store": store, "n": n, "seconds": elapsed, "per_s": n / elapsed,
            "rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--rss-n", type=int, default=0, help="also measure peak RSS at this N (e.g. 1000000)")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--mode", default="engine")
    parser.add_argument("--store", default="sqlite")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.mode, args.n, args.store)))
        return
    rows = []
    for store in args.stores.split(","):
        ceiling = run_worker(__file__, ["--mode", "raw", "--n", str(args.n), "--store", store])
        engine = run_worker(__file__, ["--mode", "engine", "--n", str(args.n), "--store", store])
        ratio = float(engine["per_s"]) / float(ceiling["per_s"])  # type: ignore[arg-type]
        rows.append([store, args.n, engine["per_s"], engine["per_s"], ceiling["per_s"], f"{ratio:.0%}",
                     engine["rss_mb"]])
        if args.rss_n:
            big = run_worker(__file__, ["--mode", "engine", "--n", str(args.rss_n), "--store", store])
            rows.append([store, args.rss_n, big["per_s"], big["per_s"], "-",
                         f"RSS x{float(big['rss_mb']) / float(engine['rss_mb']):.2f} vs {args.n:,}",  # type: ignore[arg-type]
                         big["rss_mb"]])
    print_table("ingest: canonical records saved as events (1 event per record)",
                ["store", "records", "records/s", "events/s", "raw ceiling events/s", "of ceiling", "peak RSS MB"],
                rows)


if __name__ == "__main__":
    main()
