"""Every stored event decrypted with the engine's own reader, grouped for the forget tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson

from consumers.bootstrap import Engine
from projections.events import LoggedEvent


@dataclass
class Decrypted:
    events: list[LoggedEvent] = field(default_factory=list)

    def of(self, aggregate: str) -> list[LoggedEvent]:
        return [e for e in self.events if e.aggregate == aggregate]

    @staticmethod
    def text(events: list[LoggedEvent]) -> bytes:
        return b"\n".join(orjson.dumps(e.state, default=str) for e in events)


def decrypt_all(engine: Engine) -> Decrypted:
    out = Decrypted()
    position, top = 1, engine.reader.max_position()
    while position <= top:
        page = engine.reader.read(position, 500)
        if not page:
            break
        out.events.extend(page)
        position = page[-1].position + 1
    assert out.events and out.events[-1].position == top, "the reader stopped short"
    return out
