"""The export zoo's answer keys and an independent reading of its files.

The files are read here with the standard csv module and openpyxl, never with the engine's
readers: the key is checked against the bytes, and the bench scores the engine against the key.
A column's truth is `kind.field`, optionally followed by a note in parentheses (a composite:
`appointment.starts_at (date part)`), or `custom` (kept as a custom field) or `drop`.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ZOO = Path(__file__).resolve().parents[1] / "fixtures" / "zoo"
# holdout3 was measured once; holdout4 to holdout9 are measured once each, by the lead, at the
# end (and are not in the bench's `--half all`)
HALVES = ("tuning", "holdout", "holdout2", "holdout3", "tuning2", "holdout4", "holdout5",
          "holdout6", "holdout7", "holdout8", "holdout9")
DATA_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".xlsx"})
_TARGET = re.compile(r"^(?P<target>[a-z_]+\.[a-z_0-9]+)(?: \((?P<note>.+)\))?$")


@dataclass(frozen=True)
class Export:
    half: str
    name: str
    folder: Path
    key: dict[str, Any]

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return self.key["files"]


def exports(half: str | None = None) -> list[Export]:
    found = []
    for h in HALVES if half is None else (half,):
        for key_path in sorted((ZOO / h).glob("*/answer_key.yaml")):
            key = copy.deepcopy(_key(key_path))  # a caller's edits stay its own
            found.append(Export(h, key_path.parent.name, key_path.parent, key))
    return found


# The libyaml parser where PyYAML has it (same safe constructor, same values), each key read
# once per process: the zoo's tests read every key many times over.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _key(key_path: Path) -> Any:
    return yaml.load(key_path.read_text(encoding="utf-8"), Loader=_LOADER)


def truth(value: str) -> tuple[str | None, str | None]:
    """(canonical target or None, note): `custom` and `drop` have no canonical target."""
    if value in ("custom", "drop"):
        return None, value
    match = _TARGET.match(value)
    if match is None:
        raise ValueError(f"not a column truth: {value!r}")
    return match["target"], match["note"]


def read_table(folder: Path, name: str, spec: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """(header, data rows) of one file or sheet, as the key's layout describes it."""
    file_name, _, sheet = name.partition("#")
    path = folder / file_name
    if path.suffix.lower() == ".xlsx":
        return _read_sheet(path, sheet or None)
    layout = spec["layout"]
    text = path.read_bytes().decode(layout["encoding"])
    # exports hold cells over csv's 128 KB default; the limit is restored so a process that
    # imports this module (the bench) reads with the engine's own settings
    limit = csv.field_size_limit(2**31 - 1)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=layout["delimiter"]))
    finally:
        csv.field_size_limit(limit)
    records = records[layout["title_lines"]:]
    header, data = records[0], records[1:]
    if layout["footer_lines"]:
        data = data[: -layout["footer_lines"]]
    if layout["repeated_header"]:
        data = [r for r in data if r and r != header]
    return header, data


def _read_sheet(path: Path, sheet: str | None) -> tuple[list[str], list[list[Any]]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = book[sheet] if sheet else book.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    return [str(h) for h in rows[0]], rows[1:]
