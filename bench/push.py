"""Push throughput against a rate-limited, high-latency sandbox whose limit the client is NOT
told (it finds it from the 429s, as it must with Nutshell, which publishes none and sends no
Retry-After), beside the same run with the limit told and a one-at-a-time baseline. Every
figure covers the whole run. Prints a table; never part of the pass/fail run.

    .venv/bin/python bench/push.py [--n 2000] [--baseline-n 200] [--rate-limit 20]
                                   [--latency-ms 150] [--max-in-flight 8] [--retry-after]
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
from adapters.nutshell_sandbox import SandboxServer, Settings  # noqa: E402
from domain.ports import CustomFieldSpec  # noqa: E402

KEY = "Clinic Patient ID"


@dataclass
class Figures:
    label: str
    creates: int
    seconds: float
    requests: int
    refused: int
    failed: int
    limit: float

    @property
    def useful(self) -> float:
        return (self.creates - self.failed) / self.seconds

    @property
    def refused_share(self) -> float:
        return self.refused / max(1, self.requests)


def person(tag: str, i: int) -> dict[str, object]:
    return {"name": f"Bench Person {tag}{i}", "customFields": {KEY: f"{tag}{i}"},
            "emails": [{"value": f"bench.{tag}{i}@example.org", "name": "work"}]}


def concurrent_run(label: str, url: str, user: str, key: str, told: float | None,
                   args: argparse.Namespace) -> Figures:
    with NutshellClient(url, user, key, rate_limit=told,
                        max_in_flight=args.max_in_flight) as client:
        records = [person(label[0], i) for i in range(args.n)]
        started = time.monotonic()
        results = client.create_many("contacts", records, external_key_field=KEY)
        seconds = time.monotonic() - started
        stats = client.stats()
    return Figures(label, len(records), seconds, stats.requests, stats.statuses.get(429, 0),
                   sum(1 for r in results if not r.ok), args.rate_limit)


def sequential_run(url: str, user: str, key: str, args: argparse.Namespace) -> Figures:
    failed = 0
    with NutshellClient(url, user, key, max_in_flight=1) as client:
        started = time.monotonic()
        for i in range(args.baseline_n):
            try:
                client.create("contacts", person("s", i), external_key=(KEY, f"s{i}"))
            except Exception:  # noqa: BLE001 - counted, not fatal, in a benchmark
                failed += 1
        seconds = time.monotonic() - started
        stats = client.stats()
    return Figures("sequential", args.baseline_n, seconds, stats.requests,
                   stats.statuses.get(429, 0), failed, args.rate_limit)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--baseline-n", type=int, default=200)
    parser.add_argument("--rate-limit", type=float, default=20.0)
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--max-in-flight", type=int, default=8)
    parser.add_argument("--retry-after", action="store_true",
                        help="the sandbox's 429s carry Retry-After (Nutshell's do not)")
    args = parser.parse_args()

    server = SandboxServer(rate_limit=args.rate_limit, latency_ms=args.latency_ms,
                           settings=Settings(retry_after=args.retry_after))
    url = server.start()
    runs = []
    try:
        with NutshellClient(url, server.admin_user, server.admin_key) as setup:
            setup.create_custom_field(CustomFieldSpec("contacts", KEY, "Text"))
        for label, told in (("untold", None), ("told", args.rate_limit)):
            time.sleep(1.5)  # the server's bucket refills between runs
            runs.append(concurrent_run(label, url, server.admin_user, server.admin_key, told,
                                       args))
        time.sleep(1.5)
        runs.append(sequential_run(url, server.admin_user, server.admin_key, args))
        stored = len(server.snapshot().get("contacts", []))
    finally:
        server.stop()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    expected = 2 * args.n + args.baseline_n
    print(f"sandbox: rate limit {args.rate_limit:g}/s, latency {args.latency_ms} ms, "
          f"Retry-After {'on' if args.retry_after else 'off (as Nutshell)'}; client: "
          f"{args.max_in_flight} in flight")
    print(f"{'run':<11} {'creates':>7} {'seconds':>8} {'requests':>8} {'creates/s':>9} "
          f"{'of limit':>8} {'429s':>5} {'refused':>7} {'failed':>6}")
    for f in runs:
        print(f"{f.label:<11} {f.creates:>7} {f.seconds:>8.1f} {f.requests:>8} {f.useful:>9.2f} "
              f"{f.useful / f.limit:>8.1%} {f.refused:>5} {f.refused_share:>7.1%} {f.failed:>6}")
    untold, told = runs[0], runs[1]
    print(f"contacts stored {stored} of {expected} sent (duplicates: "
          f"{max(0, stored - expected)}); peak RSS {peak_mb:.0f} MiB (client and sandbox in "
          "one process)")
    met = untold.useful / untold.limit >= 0.95 and untold.refused_share <= 0.02
    print(f"untold limit: {untold.useful / untold.limit:.1%} of the limit in useful creates, "
          f"{untold.refused_share:.1%} of requests refused -> target (>= 95%, <= 2%) "
          f"{'met' if met else 'MISSED'}; told limit: {told.useful / told.limit:.1%}, "
          f"{told.refused_share:.1%} refused")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
