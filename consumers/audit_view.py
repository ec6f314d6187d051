"""Audit rows with what each event said: ids, names and hashes, never PHI values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from consumers.bootstrap import Engine
from projections.redact import redact

BATCH = 1000


def audit_rows(engine: Engine, *, reveal: bool = False,
               **filters: Any) -> Iterator[dict[str, Any]]:
    """`reveal` shows what each event holds, values included: only for an auditor who holds
    the cipher key of an encrypted log (the caller checks), never the default."""
    engine.catch_up()
    batch: list[dict[str, Any]] = []
    for row in engine.store.audit(**filters):
        batch.append(row)
        if len(batch) >= BATCH:
            yield from _with_detail(engine, batch, reveal)
            batch = []
    yield from _with_detail(engine, batch, reveal)


def _with_detail(engine: Engine, rows: list[dict[str, Any]],
                 reveal: bool) -> Iterator[dict[str, Any]]:
    events = engine.reader.read_ids([r["seq"] for r in rows])
    for row in rows:
        event = events.get(row["seq"])
        if event is None:
            row["detail"] = {}
        elif reveal and not getattr(event, "forgotten", False):
            row["detail"] = {k: v for k, v in event.state.items() if k != "timestamp"}
        else:
            row["detail"] = redact(event.name, event.state)
        yield row
