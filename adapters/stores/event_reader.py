"""Reads the application's notification log as LoggedEvents: decrypt, decode, upcast.

No domain objects are rebuilt, which is what makes projection replay fast. On SQLite the rows
are selected directly (the library's Notification objects cost more than the decoding);
timestamps are left as the ISO text they were stored as, which is all projections need.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.application import Application
from eventsourcing.utils import resolve_topic

from adapters.stores.keyring import SubjectForgotten
from projections.events import FORGOTTEN, LoggedEvent

_DT = "__dt__"


@lru_cache(maxsize=256)
def _event_class(topic: str) -> Any:
    try:
        return resolve_topic(topic)
    except Exception:  # an unknown topic is projected as-is, never crashes a replay
        return None


_VERSIONS: dict[str, int] = {}  # topic -> class_version, looked up once per topic


@lru_cache(maxsize=256)
def _target_version(topic: str) -> int:
    cls = _event_class(topic)
    return int(getattr(cls, "class_version", 1)) if cls is not None else 1


def _state(data: bytes, topic: str) -> dict[str, Any]:
    """An event's attributes from its JSON: timestamp as ISO text, upcast to its class's
    current version."""
    state: dict[str, Any] = orjson.loads(data)
    stamp = state.get("timestamp")
    if stamp.__class__ is dict:
        state["timestamp"] = stamp.get(_DT, "")
    from_version = state.pop("class_version", 1)
    to_version = _VERSIONS.get(topic) or _VERSIONS.setdefault(topic, _target_version(topic))
    if from_version < to_version:
        cls = _event_class(topic)
        while from_version < to_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
    return state


class LogReader:
    def __init__(self, app: Application[Any], sqlite_path: Path | None = None) -> None:
        self.recorder = app.recorder
        mapper = app.mapper
        self.cipher = mapper.cipher
        self.compressor = mapper.compressor
        self.table = getattr(self.recorder, "events_table_name", "stored_events")
        self._conn: sqlite3.Connection | None = None
        if sqlite_path is not None:
            self._conn = sqlite3.connect(str(sqlite_path), timeout=30, check_same_thread=False)

    def max_position(self) -> int:
        return int(self.recorder.max_notification_id() or 0)

    def read(self, start: int, limit: int) -> Sequence[LoggedEvent]:
        if self._conn is not None:
            rows = self._conn.execute(
                f"SELECT rowid, originator_id, originator_version, topic, state FROM {self.table} "
                "WHERE rowid >= ? ORDER BY rowid LIMIT ?", (start, limit)).fetchall()
            if self.cipher or self.compressor:
                self._prefetch([row[4] for row in rows])
                return [self._decode(*row) for row in rows]
            return self._decode_plain(rows)
        notifications = self.recorder.select_notifications(start, limit)
        self._prefetch([n.state for n in notifications])
        return [self._decode(n.id, n.originator_id, n.originator_version, n.topic, n.state)
                for n in notifications]

    def positions(self, rids: Sequence[str]) -> list[int]:
        """Positions of every event of these streams, ordered: the event store's own index on
        the stream id answers it, so the audit needs no index of its own per event."""
        found: list[int] = []
        for start in range(0, len(rids), 500):
            chunk = list(rids[start:start + 500])
            found.extend(self._select_ids("originator_id", chunk))
        return sorted(found)

    def positions_of_topics(self, topics: Sequence[str]) -> list[int]:
        """Positions of every event of these types, ordered (a scan of the log, done in SQL)."""
        return sorted(self._select_ids("topic", list(topics))) if topics else []

    def _select_ids(self, column: str, values: list[str]) -> list[int]:
        if self._conn is not None:
            marks = ", ".join("?" * len(values))
            return [int(r[0]) for r in self._conn.execute(
                f"SELECT rowid FROM {self.table} WHERE {column} IN ({marks})", values)]
        from psycopg.sql import SQL, Identifier

        recorder: Any = self.recorder
        typed: list[Any] = [UUID(v) for v in values] if column == "originator_id" else values
        statement = SQL("SELECT notification_id FROM {}.{} WHERE {} = ANY(%s)").format(
            Identifier(recorder.datastore.schema), Identifier(self.table), Identifier(column))
        with recorder.datastore.get_connection() as conn, conn.cursor() as cur:
            cur.execute(statement, (typed,))
            return [int(row["notification_id"]) for row in cur.fetchall()]

    def _prefetch(self, states: list[bytes]) -> None:
        # Per-patient keys (adapters.stores.shredding_mapper) are loaded a page at a time.
        prefetch = getattr(self.cipher, "prefetch", None)
        if prefetch is not None:
            prefetch(states)

    @staticmethod
    def _decode_plain(rows: list[Any]) -> list[LoggedEvent]:
        """_decode for a log stored as plain JSON, in one loop: a replay's hottest path."""
        return [LoggedEvent(position, originator_id, version, topic, _state(data, topic))
                for position, originator_id, version, topic, data in rows]

    def _decode(self, position: int, originator_id: Any, version: int, topic: str,
                data: bytes) -> LoggedEvent:
        if self.cipher:
            try:
                data = self.cipher.decrypt(data)
            except SubjectForgotten as exc:
                # Crypto-shredded: the event stays in the log as a tombstone, its content gone.
                return LoggedEvent(int(position), str(originator_id), int(version), topic,
                                   {FORGOTTEN: True, "subject": exc.subject, "timestamp": ""})
        if self.compressor:
            data = self.compressor.decompress(data)
        return LoggedEvent(position, str(originator_id), version, topic, _state(data, topic))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
