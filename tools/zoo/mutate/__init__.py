"""Seeded variants of a zoo export: what another clinic, version or setting of its vendor emits.

    python -m tools.zoo.mutate FOLDER OUT --seed N [--mutation NAME ...] [--stack K]

An export (its files and answer_key.yaml) is read into `Table`s, the writers' own model, with
the key's truth on every column; each mutation changes the tables and their truth together
(a renamed header is renamed in the key, a column dropped leaves it, a reference written as a
name says `(by name)`), and the variant is written back with its key. The same export, seed
and mutation names always write the same bytes.

The mutations (`ops.MUTATIONS`) follow the lines along which real exports vary
(shared design notes, "How real clinic exports vary"): headers renamed, translated,
abbreviated, re-cased or prefixed; columns reordered or optional ones dropped; dates written
another way or split from their time; another encoding and delimiter; report furniture; a file
split in two or several joined into a workbook; child tables without ids; references by name
or email; names in one cell. The records that should land do not change: a mutation that
would change them is not applied to that table.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tools.zoo.writers import Layout, Table, write_export


@dataclass
class Variant:
    """An export being mutated: its key's header fields, its tables, what was done to it."""

    meta: dict[str, Any]
    tables: list[Table]
    applied: list[str] = field(default_factory=list)

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)

    def family(self, table: Table) -> list[Table]:
        """The table and its twins (the same table delivered again): changed together."""
        root = table.twin_of or table.name
        return [t for t in self.tables if root in (t.name, t.twin_of)]

    def originals(self) -> list[Table]:
        """One table per family: the mutations' choices are made on these."""
        return [t for t in self.tables if not t.twin_of]


def load(folder: Path) -> Variant:
    key = yaml.safe_load((folder / "answer_key.yaml").read_text(encoding="utf-8"))
    meta = {k: v for k, v in key.items() if k not in ("expected", "files")}
    tables = [_load_table(folder, name, spec) for name, spec in key["files"].items()]
    variant = Variant(meta, tables)
    expected = _expected(variant)
    if expected != key["expected"]:  # the per-file records must add up to the key's totals
        raise ValueError(f"{folder.name}: per-file records {expected} != {key['expected']}")
    return variant


def _load_table(folder: Path, name: str, spec: dict[str, Any]) -> Table:
    file_name, _, sheet = name.partition("#")
    path = folder / file_name
    columns: dict[str, str] = dict(spec["columns"])
    if path.suffix.lower() == ".xlsx":
        header, rows, layout = _read_sheet(path, sheet or None, list(columns))
    else:
        header, rows, layout = _read_text(path, spec["layout"])
    if sorted(header) != sorted(columns):
        raise ValueError(f"{name}: header {header} is not the key's {list(columns)}")
    table = Table(name, spec["kind"], {h: columns[h] for h in header}, rows,
                  dict(spec.get("records") or {}), layout=layout,
                  twin_of=spec.get("twin_of"), routed=spec.get("routed"))
    table.bad_rows = list(spec.get("bad_rows") or [])
    table.duplicate_rows = list(spec.get("duplicate_rows") or [])
    table.notes = list(spec.get("notes") or [])
    return table


def _read_text(path: Path, lay: dict[str, Any]) -> tuple[list[str], list[list[Any]], Layout]:
    text = path.read_bytes().decode(lay["encoding"])
    newline = "\r\n" if "\r\n" in text else "\n"
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=lay["delimiter"]))
    title = records[: lay["title_lines"]]
    records = records[lay["title_lines"]:]
    header, data = records[0], records[1:]
    footer: list[list[str]] = []
    if lay["footer_lines"]:
        data, footer = data[: -lay["footer_lines"]], data[-lay["footer_lines"]:]
    every = 0
    if lay["repeated_header"]:
        marks = [i for i, r in enumerate(data) if r == header]
        every = marks[0] - 1 if marks else 0  # a blank line before each repeat
        data = [r for r in data if r and r != header]
    layout = Layout(encoding=lay["encoding"], delimiter=lay["delimiter"], newline=newline,
                    title=title, footer=footer, repeat_header_every=every)
    return header, data, layout


def _read_sheet(path: Path, sheet: str | None,
                columns: list[str]) -> tuple[list[str], list[list[Any]], Layout]:
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    try:
        ws = book[sheet] if sheet else book.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    at = next(i for i, r in enumerate(rows) if sorted(str(v) for v in r if v is not None)
              == sorted(columns))
    header = [str(v) for v in rows[at] if v is not None]
    data = [["" if v is None else v for v in r[: len(header)]] for r in rows[at + 1:]]
    return header, data, Layout(title=[["" if v is None else v for v in r] for r in rows[:at]])


def _expected(variant: Variant) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in variant.originals():
        for kind, n in t.records.items():
            out[kind] = out.get(kind, 0) + n
    return dict(sorted(out.items()))


def mutate(folder: Path, seed: int | str, names: list[str] | None = None,
           stack: int = 2) -> Variant:
    """The export in `folder` with `stack` mutations chosen by `seed` (or the ones named),
    each applied where it fits; `applied` says what was done."""
    from tools.zoo.mutate.ops import MUTATIONS

    variant = load(folder)
    rng = random.Random(f"{folder.name}/{seed}")
    drawn = sorted(n for n, m in MUTATIONS.items() if m.drawn)
    chosen = list(names) if names else rng.sample(drawn, k=min(stack, len(drawn)))
    # containers last: a header rename is made while every table is still where it was
    chosen.sort(key=lambda n: MUTATIONS[n].order)
    for name in chosen:
        said = MUTATIONS[name].apply(variant, rng)
        if said:
            variant.applied.append(f"{name}: {said}")
    return variant


def write(variant: Variant, out: Path) -> dict[str, Any]:
    """The variant's files and answer key in `out` (emptied first)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    meta = {**variant.meta, "mutations": list(variant.applied)}
    return write_export(out, meta, variant.tables)
