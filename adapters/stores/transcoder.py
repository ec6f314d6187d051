"""orjson transcoding of stored events.

Events carry JSON primitives only; the library adds a `timestamp` datetime to every event, so
datetimes are tagged on the way in and restored on the way out. Only top-level values are
restored: nested values are primitives by the events' contract (a UUID, should one slip in,
is written as its string).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from eventsourcing.persistence import Transcoder, Transcoding

_DT = "__dt__"


def _default(obj: Any) -> Any:
    if isinstance(obj, datetime):
        return {_DT: obj.isoformat()}
    if isinstance(obj, set | frozenset):
        return sorted(obj)
    raise TypeError(f"not JSON-friendly: {type(obj).__name__}")


class OrjsonTranscoder(Transcoder):
    def register(self, transcoding: Transcoding) -> None:
        """Custom transcodings are not needed: events hold primitives only."""

    def encode(self, obj: Any) -> bytes:
        return orjson.dumps(obj, default=_default, option=orjson.OPT_PASSTHROUGH_DATETIME)

    def decode(self, data: bytes) -> Any:
        obj = orjson.loads(data)
        if isinstance(obj, dict):
            for key, value in obj.items():
                if isinstance(value, dict) and len(value) == 1 and _DT in value:
                    obj[key] = datetime.fromisoformat(value[_DT])
        return obj
