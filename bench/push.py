"""Push throughput: the concurrent client against a rate-limited, high-latency sandbox, beside
a one-request-at-a-time baseline. Prints a table; never part of the pass/fail run.

    .venv/bin/python bench/push.py [--n 2000] [--baseline-n 200] [--rate-limit 20]
                                   [--latency-ms 150] [--max-in-flight 8]

"Steady state" excludes the first `--warmup` creates, where connections are still opening.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.nutshell.client import NutshellClient  # noqa: E402
from adapters.nutshell_sandbox import SandboxServer  # noqa: E402
from domain.ports import CustomFieldSpec  # noqa: E402

KEY = "Clinic Patient ID"


@dataclass
class Figures:
    label: str
    creates: int
    seconds: float
    requests: int
    rate: float
    share: float
    too_many: int  # steady state
    failed: int
    too_many_total: int = 0


def person(tag: str, i: int) -> dict[str, object]:
    return {"name": f"Bench Person {tag}{i}", "customFields": {KEY: f"{tag}{i}"},
            "emails": [{"value": f"bench.{tag}{i}@example.org", "name": "work"}]}


def concurrent_run(url: str, user: str, key: str, args: argparse.Namespace) -> Figures:
    with NutshellClient(url, user, key, rate_limit=args.client_rate or None,
                        max_in_flight=args.max_in_flight) as client:
        warm = [person("w", i) for i in range(args.warmup)]
        client.create_many("contacts", warm, external_key_field=KEY)
        before = client.stats()
        records = [person("c", i) for i in range(args.n - args.warmup)]
        started = time.monotonic()
        results = client.create_many("contacts", records, external_key_field=KEY)
        seconds = time.monotonic() - started
        after = client.stats()
    requests = after.requests - before.requests
    rate = requests / seconds
    return Figures("concurrent", len(records), seconds, requests, rate, rate / args.rate_limit,
                   after.statuses.get(429, 0) - before.statuses.get(429, 0),
                   sum(1 for r in results if not r.ok), after.statuses.get(429, 0))


def sequential_run(url: str, user: str, key: str, args: argparse.Namespace) -> Figures:
    failed = 0
    with NutshellClient(url, user, key, rate_limit=args.client_rate or None,
                        max_in_flight=1) as client:
        started = time.monotonic()
        for i in range(args.baseline_n):
            try:
                client.create("contacts", person("s", i), external_key=(KEY, f"s{i}"))
            except Exception:  # noqa: BLE001 - counted, not fatal, in a benchmark
                failed += 1
        seconds = time.monotonic() - started
        stats = client.stats()
    rate = stats.requests / seconds
    return Figures("sequential", args.baseline_n, seconds, stats.requests, rate,
                   rate / args.rate_limit, stats.statuses.get(429, 0), failed,
                   stats.statuses.get(429, 0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--baseline-n", type=int, default=200)
    parser.add_argument("--rate-limit", type=float, default=20.0)
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--max-in-flight", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=40)
    parser.add_argument("--client-rate", type=float, default=None,
                        help="the client's own throttle (default: --rate-limit; 0: none)")
    args = parser.parse_args()
    args.warmup = min(args.warmup, args.n // 2)
    if args.client_rate is None:
        args.client_rate = args.rate_limit

    server = SandboxServer(rate_limit=args.rate_limit, latency_ms=args.latency_ms)
    url = server.start()
    try:
        with NutshellClient(url, server.admin_user, server.admin_key) as setup:
            setup.create_custom_field(CustomFieldSpec("contacts", KEY, "Text"))
        time.sleep(1.5)  # let the server's bucket refill after set-up
        fast = concurrent_run(url, server.admin_user, server.admin_key, args)
        time.sleep(1.5)
        slow = sequential_run(url, server.admin_user, server.admin_key, args)
        stored = [r for r in server.snapshot().get("contacts", [])]
    finally:
        server.stop()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    expected = args.n + args.baseline_n
    print(f"sandbox: rate limit {args.rate_limit:g}/s, latency {args.latency_ms} ms; "
          f"client: {args.max_in_flight} in flight, throttle "
          f"{f'{args.client_rate:g}/s' if args.client_rate else 'off'}")
    print(f"{'run':<11} {'creates':>7} {'seconds':>8} {'requests':>8} {'req/s':>7} "
          f"{'of limit':>8} {'creates/s':>9} {'429s':>5} {'failed':>6}")
    for f in (fast, slow):
        print(f"{f.label:<11} {f.creates:>7} {f.seconds:>8.1f} {f.requests:>8} {f.rate:>7.2f} "
              f"{f.share:>8.1%} {f.creates / f.seconds:>9.2f} {f.too_many:>5} {f.failed:>6}")
    print(f"speed-up: {fast.rate / slow.rate:.1f}x; contacts stored {len(stored)} of "
          f"{expected} sent (duplicates: {max(0, len(stored) - expected)}); "
          f"peak RSS {peak_mb:.0f} MiB (client and sandbox in one process)")
    print(f"429s in steady state: {fast.too_many} (target 0; whole run incl. warm-up: "
          f"{fast.too_many_total}); concurrent rate "
          f"{'meets' if fast.share >= 0.95 else 'misses'} the 95% target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
