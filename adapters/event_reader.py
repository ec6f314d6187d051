"""Reads the application's notification log as LoggedEvents: decrypt, decode, upcast.

No domain objects are rebuilt, which is what makes projection replay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from eventsourcing.application import Application
from eventsourcing.utils import resolve_topic

from projections.events import LoggedEvent


@lru_cache(maxsize=256)
def _event_class(topic: str) -> Any:
    try:
        return resolve_topic(topic)
    except Exception:  # an unknown topic is projected as-is, never crashes a replay
        return None


class LogReader:
    def __init__(self, app: Application[Any]) -> None:
        self.recorder = app.recorder
        mapper = app.mapper
        self.cipher = mapper.cipher
        self.compressor = mapper.compressor
        self.transcoder = mapper.transcoder

    def max_position(self) -> int:
        return int(self.recorder.max_notification_id() or 0)  # type: ignore[attr-defined]

    def read(self, start: int, limit: int) -> Sequence[LoggedEvent]:
        notifications = self.recorder.select_notifications(start, limit)  # type: ignore[attr-defined]
        return [self._decode(n) for n in notifications]

    def _decode(self, n: Any) -> LoggedEvent:
        data = n.state
        if self.cipher:
            data = self.cipher.decrypt(data)
        if self.compressor:
            data = self.compressor.decompress(data)
        state: dict[str, Any] = self.transcoder.decode(data)
        from_version = state.pop("class_version", 1)
        cls = _event_class(n.topic)
        to_version = getattr(cls, "class_version", 1) if cls is not None else from_version
        while from_version < to_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
        return LoggedEvent(position=int(n.id), originator_id=str(n.originator_id),
                           version=int(n.originator_version), topic=n.topic, state=state)
