"""`python -m tools.zoo.mutate FOLDER OUT --seed N`: one seeded variant of a zoo export, with
its answer key transformed alongside."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.zoo.mutate import mutate, write


def main(argv: list[str] | None = None) -> int:
    from tools.zoo.mutate.ops import MUTATIONS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mutation", action="append", choices=sorted(MUTATIONS))
    parser.add_argument("--stack", type=int, default=2)
    args = parser.parse_args(argv)
    variant = mutate(args.folder, args.seed, args.mutation, args.stack)
    key = write(variant, args.out)
    print("\n".join(variant.applied) or "no mutation fitted")
    print(f"expected {key['expected']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
