"""Builds the export zoo in tests/fixtures/zoo/<half>/<export>/ (files + answer_key.yaml).

    python -m tools.zoo.build [EXPORT ...]

Seeded: every build writes the same bytes, and the generated files are committed so tests never
regenerate them. Each export's PROVENANCE.md is written by hand and kept.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from tools.zoo import tuning2, tuning_a, tuning_b, tuning_c
from tools.zoo.writers import Table, write_export

ROOT = Path(__file__).resolve().parents[2]
ZOO = ROOT / "tests" / "fixtures" / "zoo"

Builder = Callable[[], tuple[dict, list[Table]]]
EXPORTS: dict[str, Builder] = {
    "cliniko-au": tuning_a.cliniko_au,
    "opendental-mysql": tuning_a.opendental_mysql,
    "jane-ca": tuning_b.jane_ca,
    "powerdiary-uk": tuning_b.powerdiary_uk,
    "nookal-workbook": tuning_b.nookal_workbook,
    "proclinica-es": tuning_c.proclinica_es,
    **tuning2.EXPORTS,
}
try:  # the hold-out halves land later than the tuning half
    from tools.zoo import holdout

    EXPORTS.update(holdout.EXPORTS)
    from tools.zoo import holdout2

    EXPORTS.update(holdout2.EXPORTS)
    from tools.zoo import holdout3

    EXPORTS.update(holdout3.EXPORTS)
    from tools.zoo import holdout4

    EXPORTS.update(holdout4.EXPORTS)
    from tools.zoo import holdout5

    EXPORTS.update(holdout5.EXPORTS)
    from tools.zoo import holdout6

    EXPORTS.update(holdout6.EXPORTS)
    from tools.zoo import holdout7

    EXPORTS.update(holdout7.EXPORTS)
    from tools.zoo import holdout8

    EXPORTS.update(holdout8.EXPORTS)
    from tools.zoo import holdout9

    EXPORTS.update(holdout9.EXPORTS)
except ImportError:
    pass


def main(argv: list[str]) -> int:
    for name in argv or list(EXPORTS):
        meta, tables = EXPORTS[name]()
        key = write_export(ZOO / meta["half"] / name, meta, tables)
        print(f"{meta['half']}/{name}: {len(tables)} files, expected {key['expected']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
