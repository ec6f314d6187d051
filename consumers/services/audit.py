"""Audit rows with what each event said: ids, names and hashes, never PHI values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from consumers.bootstrap import Engine
from projections.audit import audit_log
from projections.redact import redact


def audit_rows(engine: Engine, *, reveal: bool = False,
               **filters: Any) -> Iterator[dict[str, Any]]:
    """`reveal` shows what each event holds, values included: only for an auditor who holds
    the cipher key of an encrypted log (the caller checks), never the default."""
    engine.catch_up()
    for row, event in audit_log(engine.reader, engine.store, **filters):
        if reveal and not event.forgotten:
            row["detail"] = {k: v for k, v in event.state.items() if k != "timestamp"}
        else:
            row["detail"] = redact(event.name, event.state)
        yield row
