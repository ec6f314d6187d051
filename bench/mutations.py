"""Landing on seeded variants of the tuning exports: general failures found without a hold-out.

    python bench/mutations.py [--seed N] [--variants K] [--stack S] [--each]
                              [--export NAME ...] [--mutation NAME ...] [--keep DIR] [--out FILE]

The engine was tuned on the tuning half, so its figures there say little about the next clinic.
`tools/zoo/mutate/` rewrites a tuning export the way another clinic, version or setting of
the same vendor would (headers renamed, translated, abbreviated, re-cased or prefixed; columns
reordered or dropped; dates in another style or split from their time; another encoding;
report furniture; files split or joined into a workbook; child tables with no ids; references
by name or email; names in one cell; and, only when named, every header in made-up words:
`--mutation opaque`, what the values alone tell; `--mutation opaque_names`: the files and
sheets too, what the values alone tell of the kinds), with its answer key transformed alongside. Each variant
then takes the landing bench's whole path (`bench/landing.py`'s `run_folder`, one process per
variant, no hand edits) and is printed beside the unmutated export measured in the same run.

Per export: the baseline, then K variants, each with S mutations drawn from the seed (or the
ones named with --mutation; --each: one variant per mutation, every mutation). The same seed
writes the same variants. Results: the table on stdout and bench/results/mutations.json
(per variant its mutations, wrong columns and `map check`'s quarantine reasons).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import print_table  # noqa: E402
from bench.landing import run_in_worker  # noqa: E402
from tests.zoo.keys import exports  # noqa: E402
from tools.zoo.mutate import mutate, write  # noqa: E402
from tools.zoo.mutate.ops import MUTATIONS  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "mutations.json"


def _figures(result: dict[str, Any]) -> tuple[float, float]:
    return (float((result.get("landed") or {}).get("ratio", 0.0)),
            float((result.get("columns") or {}).get("accuracy", 0.0)))


def plan(seed: int, variants: int, stack: int, each: bool,
         names: list[str]) -> list[tuple[str, list[str] | None, int]]:
    """(variant label, mutations named or None for the seed's choice, stack) per variant."""
    if each:
        return [(m, [m], 1) for m in sorted(MUTATIONS, key=lambda n: MUTATIONS[n].order)]
    return [(f"{seed}.{i}", names or None, stack) for i in range(1, variants + 1)]


def run(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    chosen = [e for e in exports("tuning") if not args.export or e.name in args.export]
    for export in chosen:
        t0 = time.monotonic()
        base = run_in_worker("tuning", export.name)
        base.update(variant="baseline", mutations=[], seconds=round(time.monotonic() - t0, 1))
        rows.append(base)
        _say(export.name, base)
        for label, names, stack in plan(args.seed, args.variants, args.stack, args.each,
                                        args.mutation):
            variant = mutate(export.folder, f"{args.seed}.{label}", names, stack)
            folder = work / f"{export.name}~{label}"
            write(variant, folder)
            if not variant.applied:
                continue  # nothing of the export fitted the mutation: the baseline says it
            t0 = time.monotonic()
            result = run_in_worker("tuning", export.name, folder)
            result.update(variant=label, mutations=variant.applied,
                          seconds=round(time.monotonic() - t0, 1))
            result["vs_baseline"] = [round(a - b, 4) for a, b in
                                     zip(_figures(result), _figures(base), strict=True)]
            rows.append(result)
            _say(f"{export.name}~{label}", result)
    return rows


def _say(label: str, r: dict[str, Any]) -> None:
    landed, columns = _figures(r)
    what = "; ".join(m.split(":", 1)[0] for m in r.get("mutations", [])) or "baseline"
    print(f"{label} [{what}]: landed {landed:.1%}, columns {columns:.1%}"
          + (f", failed at {r['failed_at']}: {r.get('error')}" if r.get("failed_at") else ""),
          flush=True)


def table(rows: list[dict[str, Any]]) -> str:
    lines = []
    for r in rows:
        landed, columns = _figures(r)
        land, cols = r.get("landed") or {}, r.get("columns") or {}
        delta = r.get("vs_baseline")
        lines.append([r["export"], r["variant"],
                      ", ".join(m.split(":", 1)[0] for m in r["mutations"]) or "-",
                      f"{land.get('landed', 0)}/{land.get('expected', 0)}", f"{landed:.1%}",
                      f"{cols.get('right', 0)}/{cols.get('total', 0)}", f"{columns:.1%}",
                      f"{delta[0]:+.1%} / {delta[1]:+.1%}" if delta else "-",
                      r.get("failed_at") or "-"])
    variants = [r for r in rows if r["variant"] != "baseline"]
    if variants:
        land = sum(r["landed"].get("landed", 0) for r in variants)
        want = sum(r["landed"].get("expected", 0) for r in variants)
        right = sum((r.get("columns") or {}).get("right", 0) for r in variants)
        total = sum((r.get("columns") or {}).get("total", 0) for r in variants)
        lines.append(["**variants**", "", "", f"{land}/{want}", f"{land / max(want, 1):.1%}",
                      f"{right}/{total}", f"{right / max(total, 1):.1%}", "", ""])
    return print_table("Landing on mutated tuning exports", [
        "export", "variant", "mutations", "records landed", "landed", "columns right",
        "accuracy", "vs baseline (landed / columns)", "crashed at"], lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--variants", type=int, default=3)
    parser.add_argument("--stack", type=int, default=2)
    parser.add_argument("--each", action="store_true", help="one variant per mutation")
    parser.add_argument("--export", action="append", default=[])
    parser.add_argument("--mutation", action="append", default=[], choices=sorted(MUTATIONS))
    parser.add_argument("--keep", type=Path, help="write the variants here (kept)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="c2n-mutations-") as tmp:
            rows = run(args, Path(tmp))
    markdown = table(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": " ".join(["python bench/mutations.py", *(argv or sys.argv[1:])]),
        "variants": rows, "table": markdown}, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
