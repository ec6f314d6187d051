"""Change data capture for the delta window: the clinic database's binlog read as it grows,
each committed transaction's row changes of the mapped tables turned into changes through the
same source profile and mapping as an export of those tables, published on the change topic.

Per batch: publish, then record the binlog position after the last transaction published as a
ChangeFeed event. A watcher stopped anywhere resumes from the last recorded position; what it
publishes again carries the same change ids.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from consumers.bootstrap import Engine
from consumers.delta.publish import row_records, table_mappings
from consumers.delta.signals import stop_on_signals
from consumers.services.delta_feeds import open_feed
from domain.delta import Change, change_from_debezium, to_message
from domain.errors import PreconditionFailed, TransientError
from domain.mapping import MappingDocument
from domain.ports import ChangeBus
from domain.run.feed import ChangeFeed

log = logging.getLogger(__name__)

PAGE = 500  # changes per publish


class Transactions(Protocol):
    """What the watcher needs of a binlog reader (adapters/sources/binlog.py)."""

    tables: set[str]

    @property
    def source_name(self) -> str: ...

    def current_position(self) -> str: ...

    def read(self, start: str) -> Iterator[tuple[list[dict[str, Any]], str]]: ...


@dataclass
class WatchStatus:
    source: str
    position: str = ""
    published: int = 0
    transactions: int = 0
    batches: int = 0
    errors: int = 0  # transient read or publish failures, retried
    last_error: str | None = None
    stopped_because: str | None = None
    ops: dict[str, int] = field(default_factory=dict)
    written_at: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "position": self.position, "published": self.published,
                "written_at": self.written_at,
                "transactions": self.transactions, "batches": self.batches,
                "errors": self.errors, "last_error": self.last_error, "ops": self.ops,
                "stopped_because": self.stopped_because}


class BinlogWatcher:
    def __init__(self, engine: Engine, doc: MappingDocument, reader: Transactions,
                 bus: ChangeBus, topic: str) -> None:
        self.engine = engine
        self.doc = doc
        self.reader = reader
        self.bus = bus
        self.topic = topic
        self.mappings = {t: m for t, m in table_mappings(doc).items() if m.key_value is None}
        if not self.mappings:
            raise PreconditionFailed("the confirmed mapping names no table to watch")
        self.status = WatchStatus(source=reader.source_name)

    @staticmethod
    def watched_tables(doc: MappingDocument) -> set[str]:
        return {t for t, m in table_mappings(doc).items() if m.key_value is None}

    def feed(self) -> ChangeFeed:
        """The feed of this source, started at the binlog's end now when new."""
        return open_feed(self.engine, kind="binlog", source=self.reader.source_name,
                         topic=self.topic, position=self.reader.current_position)

    def changes(self, envelopes: list[dict[str, Any]]) -> Iterator[Change]:
        for envelope in envelopes:
            source = envelope["source"]
            table = str(source["table"]).lower()
            mapping = self.mappings.get(table)
            if mapping is None:
                continue
            yield from change_from_debezium(
                envelope, row_records(self.doc, table, mapping, int(source.get("pos") or 0)),
                origin="binlog")

    def step(self) -> int:
        """Publishes what was committed since the feed's position; returns how many changes."""
        feed = self.feed()
        page: list[Change] = []
        read = 0
        position = feed.position
        published = 0
        for envelopes, end in self.reader.read(feed.position):
            page.extend(self.changes(envelopes))
            read += 1
            position = end
            if len(page) >= PAGE:
                published += self._publish(feed, page, position, read)
                page, read = [], 0
        if page or position != feed.position:
            published += self._publish(feed, page, position, read)
        return published

    def _publish(self, feed: ChangeFeed, page: list[Change], position: str, read: int) -> int:
        self.bus.publish([to_message(c) for c in page])
        feed.advance(position=position, published=len(page), transactions=read)
        self.engine.app.save(feed)  # after the publish: a crash in between publishes again
        status = self.status
        status.position, status.batches = position, status.batches + 1
        status.published += len(page)
        status.transactions += read
        for change in page:
            status.ops[change.op] = status.ops.get(change.op, 0) + 1
        return len(page)

    def run(self, *, until: float | None = None, max_idle_s: float | None = None,
            poll_s: float = 0.5, should_stop: threading.Event | None = None,
            on_status: Callable[[WatchStatus], None] | None = None) -> WatchStatus:
        stop = should_stop or threading.Event()
        self.status.position = self.feed().position
        with stop_on_signals(stop, "delta watch"):
            self._loop(stop, until, max_idle_s, poll_s, on_status)
        if on_status is not None:
            self.status.written_at = time.time()
            on_status(self.status)
        return self.status

    def _loop(self, stop: threading.Event, until: float | None, max_idle_s: float | None,
              poll_s: float, on_status: Callable[[WatchStatus], None] | None) -> None:
        last_change = time.monotonic()
        while True:
            if on_status is not None:
                self.status.written_at = time.time()
                on_status(self.status)
            now = time.monotonic()
            if stop.is_set():
                self.status.stopped_because = "stop requested"
                break
            if until is not None and now >= until:
                self.status.stopped_because = "window closed"
                break
            if max_idle_s is not None and now - last_change >= max_idle_s:
                self.status.stopped_because = f"no change for {max_idle_s:g}s"
                break
            try:
                if self.step():
                    last_change = time.monotonic()
                    continue
            except TransientError as exc:
                self.status.errors += 1
                self.status.last_error = type(exc).__name__
                log.warning("delta watch: %s", exc)
            stop.wait(poll_s)
