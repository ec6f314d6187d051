"""Audit rows with what each event said: ids, names and hashes, never PHI values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from consumers.bootstrap import Engine
from projections.redact import redact

BATCH = 1000


def audit_rows(engine: Engine, **filters: Any) -> Iterator[dict[str, Any]]:
    engine.catch_up()
    batch: list[dict[str, Any]] = []
    for row in engine.store.audit(**filters):
        batch.append(row)
        if len(batch) >= BATCH:
            yield from _with_detail(engine, batch)
            batch = []
    yield from _with_detail(engine, batch)


def _with_detail(engine: Engine, rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    events = engine.reader.read_ids([r["seq"] for r in rows])
    for row in rows:
        event = events.get(row["seq"])
        row["detail"] = redact(event.name, event.state) if event else {}
        yield row
