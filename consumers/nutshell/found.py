"""A record an interrupted create may have made, found again: among the records Nutshell
created since the request, the one holding exactly what was sent. How a push or a reversal
restarted after the process died between Nutshell's answer and the log's write takes the
record it made instead of making a second (activities and notes have no external key)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.nutshell.map import actual_values, compare
from domain.ports import JSON, NutshellAPI


def made_since(api: NutshellAPI, entity: str, sent: Mapping[str, JSON], since: int,
               taken: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The live `entity` record created at or after `since` (Unix seconds) whose `sent` paths
    all hold the values sent; none when no such record exists. `taken`: ids already on the log
    (two records sent with the same values are told apart by what the log holds)."""
    for candidate in api.created_since(entity, since):
        if str(candidate["id"]) in taken:
            continue
        full = api.get(entity, str(candidate["id"])) or candidate
        got = actual_values(entity, full, sent.keys())
        if all(c.status == "matched" for c in compare(sent, got)):
            return dict(full)
    return None
