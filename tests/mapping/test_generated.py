"""The proposal on exports the tests build (tests/mapping/exports.py): the same clinic tables
with headers renamed, reordered, abbreviated, misspelt and restyled, and realistic values."""

from __future__ import annotations

import pytest

from domain.proposal.propose import ColumnProfiler, propose_file
from tests.mapping.exports import TABLES, Export, build_export

MUTATIONS = ("rename", "reorder", "abbreviate", "misspell", "snake", "camel", "upper")
SEEDS = (0, 1)


def run(export: Export) -> tuple[int, int, list[str]]:
    profiler = ColumnProfiler(export.headers)
    for row in export.rows:
        profiler.add(row)
    fm = propose_file(export.file_name, export.headers, profiler.profile())
    assert fm.kind == export.kind, (export.file_name, fm.reasons)
    targets = [c.target for c in fm.columns.values() if c.target]
    assert len(targets) == len(set(targets))
    wrong = [f"{export.file_name}: {h!r} -> {fm.columns[h].target} (want {t})"
             for h, t in export.truth.items() if fm.columns[h].target != t]
    return len(export.headers), len(export.headers) - len(wrong), wrong


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_mutated_headers_are_still_understood(mutation: str) -> None:
    columns = correct = 0
    wrong: list[str] = []
    for table in TABLES:
        for seed in SEEDS:
            n, ok, bad = run(build_export(table, seed, mutation=mutation))
            columns, correct = columns + n, correct + ok
            wrong += bad
    assert correct / columns >= 0.95, f"{mutation}: {correct}/{columns}\n" + "\n".join(wrong)


def test_the_kind_is_found_when_the_file_name_is_meaningless() -> None:
    for n, table in enumerate(TABLES):
        export = build_export(table, 7, mutation="reorder", file_name=f"export_{n:03d}.csv")
        columns, correct, wrong = run(export)
        assert correct / columns >= 0.85, wrong


def test_generated_headers_really_are_mutated() -> None:
    plain = build_export("patients", 3, mutation="rename")
    for mutation in ("abbreviate", "misspell", "snake", "camel", "upper"):
        other = build_export("patients", 3, mutation=mutation)
        assert set(other.headers) != set(plain.headers), mutation
    assert build_export("patients", 3, mutation="reorder").headers != plain.headers
