"""A stored event as the projections see it: decoded state, no domain object rebuilt.

Rebuilding domain objects is the slow part of reading a log; projections only need the
event's class name and its attributes, so readers hand them this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

# The state key a reader sets on an event whose subject key was destroyed (crypto-shredding):
# such an event has a position, a stream and a topic, and nothing else.
FORGOTTEN = "__forgotten__"


@dataclass(slots=True)
class LoggedEvent:
    # Not frozen: a frozen dataclass costs a setattr call per field, and a replay makes
    # hundreds of thousands of these. Nothing mutates one after the reader has built it.
    position: int  # notification id
    originator_id: str
    version: int
    topic: str  # "domain.records.aggregate:ClinicRecord.Derived"
    state: dict[str, Any]  # decoded attributes (timestamp as datetime)

    @property
    def forgotten(self) -> bool:
        return bool(self.state.get(FORGOTTEN))

    @property
    def aggregate(self) -> str:
        return topic_names(self.topic)[0]

    @property
    def name(self) -> str:
        return topic_names(self.topic)[1]


@lru_cache(maxsize=512)
def topic_names(topic: str) -> tuple[str, str]:
    """("ClinicRecord", "Derived") from "domain.records.aggregate:ClinicRecord.Derived"."""
    qualname = topic.rsplit(":", 1)[-1]
    return qualname.split(".")[0], qualname.rsplit(".", 1)[-1]


class EventReader(Protocol):
    def read(self, start: int, limit: int) -> Sequence[LoggedEvent]:
        """Events with position >= start, in order, at most `limit`."""

    def max_position(self) -> int: ...
