"""A reference to another key of the file it points at: a patient list with two keys (its
`Código` and a chart number), the chart number its own id because the receivables use it, and
the clinical notes naming the patient by the other (`Código do paciente`). The reference's
values are (nearly all) that other key's: a value map turns each into the row's own id, so
the reference resolves instead of every note becoming an orphan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from domain.mapping import FileMapping
from domain.proposal.tables.name_index import RowsOf
from domain.records.canonical import REFERENCES

CONTAINED = 0.9  # share of the reference's values the other key must hold


def resolve_second_keys(live: Mapping[str, FileMapping], sets: Mapping[str, Any],
                        every_key: Mapping[tuple[str, str], frozenset[str]],
                        rows_of: RowsOf | None) -> None:
    """`every_key`: per (file, column) the values of each column that is a key (complete,
    distinct identifiers); `rows_of(file)` reads a file's rows again, page by page."""
    for name, fm in live.items():
        for header, column in fm.columns.items():
            kind = REFERENCES.get(tuple((column.target or "").split(".", 1)))  # type: ignore[arg-type]
            refs = sets[name].refs(header)
            if kind is None or column.values or len(refs) < 2:
                continue
            for other, target in live.items():
                own = next((h for h, c in target.columns.items()
                            if c.target == f"{kind}.source_id"), None)
                if other == name or target.kind != kind or own is None:
                    continue
                if _holds(refs, every_key.get((other, own), frozenset())):
                    break  # the reference holds the own ids: nothing to read
                second = next((h for (n, h), ids in every_key.items()
                               if n == other and h != own and _holds(refs, ids)), None)
                if second is None:
                    continue
                found = _ids_by(_rows(other, sets[other], rows_of), second, own, refs)
                if len(found) >= CONTAINED * len(refs):
                    column.values = found
                    column.reasons.append(
                        f"its values are {other}'s '{second}', not its own id: each read as "
                        f"that row's '{own}'")
                    break


def _holds(refs: frozenset[str], ids: frozenset[str]) -> bool:
    return len(refs & ids) >= CONTAINED * len(refs)


def _rows(name: str, sets: Any, rows_of: RowsOf | None) -> Iterable[Mapping[str, object]]:
    if sets.kept:
        return list(sets.kept)
    return rows_of(name) if rows_of is not None else ()


def _ids_by(rows: Iterable[Mapping[str, object]], key: str, own: str,
            wanted: frozenset[str]) -> dict[str, str]:
    """The second key's value -> the own id, for the values the reference holds."""
    out: dict[str, str] = {}
    for row in rows:
        value, ident = (str(row.get(c) or "").strip() for c in (key, own))
        if value in wanted and ident:
            out[value] = ident
    return out
