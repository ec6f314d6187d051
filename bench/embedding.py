"""The embedding signal's vote, proposal only: columns right without it and with it at each floor.

    python bench/embedding.py [--half tuning|holdout|holdout2 ...] [--floor 0.75 ...]
                              [--mutated SEEDS]

Per export: extract, then map propose once without the signal and once per floor with it
(adapters.signals.wordllama, the `embedding` extra), each scored against the answer key as
bench/landing.py scores columns. Seconds per half where bench/landing.py --embedding takes
minutes: it is how the floor was chosen (on the tuning half only) and how it is checked on the
others; landing is unchanged wherever the proposal is. Every column the signal placed is listed,
right or wrong.

`--mutated N` also measures the tuning exports with their headers rewritten as another clinic
of the same vendor would write them (tools/zoo/mutate/: other English names, another
language, abbreviations, another case, a prefix; one variant per mutation and seed 1..N, keys
transformed alongside): headers no vocabulary was tuned on, where a meaning vote could help.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import print_table  # noqa: E402
from bench.landing import score_columns  # noqa: E402
from tests.zoo.keys import HALVES, exports  # noqa: E402

FLOORS = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9)
HEADER_MUTATIONS = ("synonyms", "translate", "abbreviate", "recase", "prefix")


def mutated(seeds: int, work: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """(label, folder, key) of the tuning exports' header variants, written under `work`."""
    import yaml

    from tools.zoo.mutate import mutate, write

    out = []
    for export in exports("tuning"):
        for name in HEADER_MUTATIONS:
            for seed in range(1, seeds + 1):
                variant = mutate(export.folder, f"embedding.{seed}", [name], 1)
                if not variant.applied:
                    continue
                folder = work / f"{export.name}~{name}~{seed}"
                write(variant, folder)
                key = yaml.safe_load((folder / "answer_key.yaml").read_text(encoding="utf-8"))
                out.append((f"{export.name}~{name}~{seed}", folder, key))
    return out


def measure(half: str, floors: tuple[float, ...],
            chosen: list[tuple[str, Path, dict[str, Any]]] | None = None
            ) -> tuple[list[list[Any]], list[str]]:
    from adapters.signals.wordllama import WordLlamaSimilarity
    from adapters.sources import open_sources
    from consumers.bootstrap import Engine, Settings
    from consumers.services.extract import extract_source
    from consumers.services.profile_choice import ProfileChooser
    from consumers.services.proposal import propose_mapping
    from domain.proposal.signals import vote

    signal = WordLlamaSimilarity()
    totals: dict[float | None, list[int]] = {f: [0, 0] for f in (None, *floors)}
    placed: list[str] = []
    if chosen is None:
        chosen = [(e.name, e.folder, e.key) for e in exports(half)]
    for label, folder, key in chosen:
        with tempfile.TemporaryDirectory(prefix="c2n-embedding-") as tmp:
            settings = Settings(home=Path(tmp) / "home", database_url=None,
                                nutshell_url="http://127.0.0.1:9", nutshell_user="-",
                                nutshell_api_key="-", run_name="embedding")
            with Engine(settings) as engine:
                chooser = ProfileChooser("auto")
                for source in open_sources([folder]):
                    extract_source(engine.app, "embedding", source, chooser.choose(source))
                base = score_columns(propose_mapping(engine.app, "embedding"), key)
                for floor in (None, *floors):
                    if floor is None:
                        scored = base
                    else:
                        vote.FLOOR = floor
                        scored = score_columns(propose_mapping(engine.app, "embedding",
                                                               signal=signal), key)
                        gained = set(base["mistakes"]) - set(scored["mistakes"])
                        lost = set(scored["mistakes"]) - set(base["mistakes"])
                        placed += [f"{half} floor {floor}: fixed  {label}: {m}"
                                   for m in sorted(gained)]
                        placed += [f"{half} floor {floor}: broken {label}: {m}"
                                   for m in sorted(lost)]
                    totals[floor][0] += scored["right"]
                    totals[floor][1] += scored["total"]
    rows = [[half, "without" if f is None else f"with, floor {f}", f"{r}/{t}", f"{r / t:.1%}"]
            for f, (r, t) in totals.items()]
    return rows, placed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", action="append", choices=HALVES)
    parser.add_argument("--floor", action="append", type=float)
    parser.add_argument("--mutated", type=int, default=0, metavar="SEEDS")
    args = parser.parse_args(argv)
    rows: list[list[Any]] = []
    placed: list[str] = []
    for half in args.half or ("tuning", "holdout", "holdout2"):
        r, p = measure(half, tuple(args.floor or FLOORS))
        rows += r
        placed += p
    if args.mutated:
        with tempfile.TemporaryDirectory(prefix="c2n-embedding-variants-") as work:
            r, p = measure("tuning, headers mutated", tuple(args.floor or FLOORS),
                           mutated(args.mutated, Path(work)))
        rows += r
        placed += p
    print_table("Columns right without / with the embedding signal", [
        "half", "proposal", "columns right", "accuracy"], rows)
    print("\n".join(placed) if placed else "the signal changed no column's result")
    return 0


if __name__ == "__main__":
    sys.exit(main())
