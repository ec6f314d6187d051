"""Yes and no in the languages the engine reads, from one data file (yes_no.json).

The records read a flag's value with these words and the proposal tells a flag column by them, so a
language added once is read the same way on both sides.
"""

from __future__ import annotations

import json
from importlib.resources import files

_DATA = json.loads(files(__package__).joinpath("yes_no.json").read_text(encoding="utf-8"))
YES: frozenset[str] = frozenset(_DATA["yes"])
NO: frozenset[str] = frozenset(_DATA["no"])
