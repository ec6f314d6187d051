"""Header normalisation shared by the CSV and XLSX readers.

The fingerprint keeps the headers exactly as read. The keys of `SourceRow.values` (and so the
column names a mapping file uses) are normalised: surrounding whitespace, BOM and non-breaking
spaces trimmed, inner whitespace runs collapsed to one space; a blank header becomes
`column_<n>` (1-based position); a repeated header gets ` (2)`, ` (3)`... in file order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPACES = re.compile(r"\s+")
EXTRA_CELLS = "__extra_cells__"  # key holding cells beyond the header's width


def normalise_header(header: Sequence[str]) -> list[str]:
    keys: list[str] = []
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        key = _SPACES.sub(" ", name.replace("\ufeff", "").replace("\xa0", " ")).strip()
        if not key or key == EXTRA_CELLS:
            key = f"column_{position}"
        base, n = key, 1
        while key.casefold() in seen:
            n += 1
            key = f"{base} ({n})"
        seen.add(key.casefold())
        keys.append(key)
    return keys
