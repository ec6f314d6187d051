"""Which file's records a column points at, from the values alone: a file's own id (its first
column of distinct identifiers on every row) and its references (a column whose values are
(nearly) all among another file's ids).

Pure: it reads the value sets gathered while profiling (domain.proposal.tables.keys.ValueSets)
and the columns to judge, in file order; it decides no field, only what points where.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

CONTAINED = 0.98  # share of a column's values that must be ids of the file it points at
PARENT = 0.9  # share of a candidate id's values found among a larger file's ids: a reference
FEW = 5  # distinct small numbers fewer than this fall among small ids by chance
SMALL = 4  # digits: a number this short may be anyone's row number


class Values(Protocol):
    rows: int

    def key(self, header: str, letters: bool = False) -> frozenset[str] | None: ...

    def refs(self, header: str, letters: bool = False) -> frozenset[str]: ...


@dataclass(frozen=True)
class Edge:
    file: str
    column: str
    to_file: str
    contained: float  # share of the column's values that are ids of to_file
    used: float  # share of to_file's ids the column uses


def own_ids(columns: Mapping[str, Sequence[str]], sets: Mapping[str, Values],
            known: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Per file, its first column of distinct identifiers on every row, unless those are
    (nearly) all ids of a larger file (a balance per patient: the patient's, not its own);
    `known`: the ids of the files whose own id their headers named."""
    first: dict[str, tuple[str, frozenset[str]]] = {}
    for name, cols in columns.items():
        for header in cols:
            if (ids := sets[name].key(header)) is not None:
                first[name] = (header, ids)
                break
    every = {**known, **{name: ids for name, (_, ids) in first.items()}}
    return {name: h for name, (h, ids) in first.items()
            if _numbered(ids) or not any(other != name and len(other_ids) > len(ids)
                                         and len(ids & other_ids) >= PARENT * len(ids)
                                         for other, other_ids in every.items())}


def _numbered(ids: frozenset[str]) -> bool:
    """Rows numbered from 1 (a database table's): any other table's numbers hold them."""
    return all(v.isdigit() and len(v) <= SMALL for v in ids)


def _by_chance(refs: frozenset[str], ids: frozenset[str]) -> bool:
    """A few short numbers found among short numbered ids (1..6): any code would be."""
    return len(refs) < FEW and _numbered(ids)


def edges(columns: Mapping[str, Sequence[str]], sets: Mapping[str, Values],
          ids: Mapping[str, tuple[str, frozenset[str]]]) -> list[Edge]:
    """Each column (of `columns`, not a file's own id) whose values are ids of another file,
    to the file whose ids it uses most of (the smallest that holds them all), best first."""
    out: list[Edge] = []
    for name, cols in columns.items():
        own = ids.get(name, ("", frozenset()))[0]
        for header in cols:
            refs = sets[name].refs(header) or sets[name].refs(header, letters=True)
            if header == own or not refs:
                continue
            best: Edge | None = None
            for other, (_, other_ids) in ids.items():
                shared = len(refs & other_ids)
                if other == name or shared < CONTAINED * len(refs) or _by_chance(refs, other_ids):
                    continue
                edge = Edge(name, header, other, shared / len(refs), shared / len(other_ids))
                if best is None or edge.used > best.used:
                    best = edge
            if best is not None:
                out.append(best)
    return sorted(out, key=lambda e: -e.used)
