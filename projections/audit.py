"""The auditor's questions answered from the log itself: what happened to a record, what
happened between two moments, what an operator did.

The log is the audit trail. A record's events are found through the event store's own index
on the stream id; a time window through the projection's page spans, then each event's own
stamp; an operator's acts through the projection's actor index. Every row is built from the
event as stored, so it cannot disagree with the log, and a replay rebuilds only the small
indexes. Only what the projections have reached is listed (the caller catches up first).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from domain.ports import ProjectionStore
from projections.core import record_key, stream_of_key
from projections.events import FORGOTTEN, EventReader, LoggedEvent, topic_names

CHUNK = 1000  # events read and rows looked up at a time: memory stays flat on any log
ENGINE = "engine"


class AuditReader(EventReader, Protocol):
    def positions(self, rids: Sequence[str]) -> list[int]: ...

    def positions_of_topics(self, topics: Sequence[str]) -> list[int]: ...


def audit_log(reader: AuditReader, store: ProjectionStore, *, record: str | None = None,
              since: str | None = None, until: str | None = None, actor: str | None = None,
              topics: Sequence[str] = ()) -> Iterator[tuple[dict[str, Any], LoggedEvent]]:
    """(row, event) in log order for the events matching every filter given. A row holds
    seq, at, run, record, event, actor and mapping_hash: ids and hashes, never values."""
    last = store.position()
    wanted: list[int] | None = None
    if record:
        rids = [rid for kind, source_id in stream_of_key(record)
                for rid in store.rids_of(kind, source_id)]
        wanted = reader.positions(rids)
    elif actor and actor != ENGINE:
        wanted = store.actor_seqs(actor)
    elif topics:
        wanted = reader.positions_of_topics(topics)
    if wanted is not None:
        ranges = list(_runs([p for p in wanted if p <= last]))
    elif since or until:
        ranges = [(a, min(b, last)) for a, b in store.audit_spans(since, until) if a <= last]
    else:
        ranges = [(1, last)] if last else []
    keep = set(wanted) if wanted is not None else None
    topic_set = set(topics)
    for chunk in _read(reader, ranges):
        events = chunk if keep is None else [e for e in chunk if e.position in keep]
        streams = store.streams(sorted({e.originator_id for e in events}))
        for event in events:
            stream = streams.get(event.originator_id)
            if stream is None or FORGOTTEN in event.state:
                continue  # not a followed stream, or crypto-shredded: as the projections do
            if topic_set and event.topic not in topic_set:
                continue
            row = _row(event, stream)
            if ((actor and row["actor"] != actor) or (since and row["at"] < since)
                    or (until and row["at"] > until)):
                continue
            yield row, event


def audit_rows(reader: AuditReader, store: ProjectionStore,
               **filters: Any) -> Iterator[dict[str, Any]]:
    """The rows alone, for callers that do not render what the events said."""
    for row, _ in audit_log(reader, store, **filters):
        yield row


def _row(event: LoggedEvent, stream: tuple[str, str, str, str, int]) -> dict[str, Any]:
    state = event.state
    run, kind, source_id = stream[:3]
    aggregate, name = topic_names(event.topic)
    stamp = state.get("timestamp", "")
    return {"seq": event.position,
            "at": stamp if isinstance(stamp, str) else stamp.isoformat(),
            "run": run, "record": record_key(kind, source_id), "event": f"{aggregate}.{name}",
            "actor": str(state.get("by") or ENGINE), "mapping_hash": state.get("mapping_hash")}


def _runs(positions: list[int]) -> Iterator[tuple[int, int]]:
    """Contiguous runs of sorted positions, as (first, last)."""
    start = previous = None
    for position in positions:
        if start is None:
            start = previous = position
        elif position == previous + 1:  # type: ignore[operator]
            previous = position
        else:
            yield start, previous  # type: ignore[misc]
            start = previous = position
    if start is not None:
        yield start, previous  # type: ignore[misc]


def _read(reader: EventReader, ranges: list[tuple[int, int]]) -> Iterator[list[LoggedEvent]]:
    for first, end in ranges:
        position = first
        while position <= end:
            events = [e for e in reader.read(position, min(CHUNK, end - position + 1))
                      if e.position <= end]
            if not events:
                break
            yield events
            position = events[-1].position + 1
