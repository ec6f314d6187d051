"""The ChangeFeed aggregate: one change source of a run's delta window (a clinic database's
binlog) and the position up to which its changes are published on the change topic.

A watcher publishes a transaction's changes first and records the position after it second, so
a watcher killed in between starts again from the previous position and publishes those
changes again, under the same change ids (the position is part of each id): the consumers
recognise them. Names the source without credentials; never holds row values.
"""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.ids import NAMESPACE


def feed_id(run: str, source: str) -> UUID:
    return uuid5(NAMESPACE, f"{run}/feed/{source}")


def feeds_id(run: str) -> UUID:
    return uuid5(NAMESPACE, f"{run}/feeds")


class DeltaFeeds(Aggregate):
    """Which change feeds a run's delta window has had: where `c2n status` finds them."""

    class Started(Aggregate.Created):
        run: str

    def __init__(self, run: str) -> None:
        self.run = run
        self.sources: list[str] = []

    @classmethod
    def start(cls, run: str) -> DeltaFeeds:
        return cls._create(cls.Started, id=feeds_id(run), run=run)

    class SourceAdded(Aggregate.Event):
        source: str

        def apply(self, aggregate: Any) -> None:
            aggregate.sources.append(self.source)

    def add(self, source: str) -> None:
        if source not in self.sources:
            self.trigger_event(self.SourceAdded, source=source)


class ChangeFeed(Aggregate):
    class Started(Aggregate.Created):
        run: str
        source: str  # e.g. mysql://host:3306/clinic, or an export's folder name
        kind: str  # "export-diff" | "envelopes" | "binlog"
        position: str  # where capture began: changes after it are published
        topic: str

    def __init__(self, run: str, source: str, kind: str, position: str, topic: str) -> None:
        self.run = run
        self.source = source
        self.kind = kind
        self.started_at = position
        self.position = position
        self.topic = topic
        self.published = 0
        self.transactions = 0
        self.advanced_at: float | None = None  # wall clock of the last position recorded

    @classmethod
    def start(cls, *, run: str, source: str, kind: str, position: str, topic: str) -> ChangeFeed:
        return cls._create(cls.Started, id=feed_id(run, source), run=run, source=source,
                           kind=kind, position=position, topic=topic)

    class Advanced(Aggregate.Event):
        position: str
        published: int  # changes published since the previous position
        transactions: int  # source transactions read since then (of any table)
        at: float

        def apply(self, aggregate: Any) -> None:
            aggregate.position = self.position
            aggregate.published += self.published
            aggregate.transactions += self.transactions
            aggregate.advanced_at = self.at

    def advance(self, *, position: str, published: int, transactions: int) -> None:
        self.trigger_event(self.Advanced, position=position, published=published,
                           transactions=transactions, at=time.time())

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "kind": self.kind, "topic": self.topic,
                "started_at": self.started_at, "position": self.position,
                "published": self.published, "transactions": self.transactions,
                "advanced_at": self.advanced_at}
