"""The topics events were stored under before the aggregates moved into sub-packages.

A stored event names its class by topic (`module:qualname`). The layout of sub-packages moved
the four aggregates' modules, so a log written before it names classes under their old modules;
each old topic is registered for the class it named, so such a log still loads, replays and
rolls back. Events written now carry the new topics.
"""

from __future__ import annotations

from eventsourcing.domain import CanSnapshotAggregate, DomainEvent
from eventsourcing.utils import get_topic, register_topic

from domain.records.aggregate import ClinicRecord
from domain.records.source_file import SourceFile
from domain.run.aggregate import MigrationRun
from domain.run.erasure import Erasure

# class -> the module it lived in before the move
MOVED = {ClinicRecord: "domain.records", SourceFile: "domain.source_file",
         MigrationRun: "domain.run", Erasure: "domain.erasure"}


def _classes(aggregate: type) -> list[type]:
    nested = [value for name in dir(aggregate) if not name.startswith("_")
              for value in [getattr(aggregate, name)]
              if isinstance(value, type) and issubclass(value, DomainEvent)]
    return [aggregate, *nested]


def former_topics(cls: type) -> set[str]:
    """The topics `cls` was stored under before the move (empty for a class that never moved)."""
    for aggregate, module in MOVED.items():
        if cls is aggregate or cls in _classes(aggregate):
            return {f"{module}:{cls.__qualname__}"}
    return set()


def topics_of(cls: type) -> set[str]:
    """Every topic a stored event of `cls` may carry: its own and the one before the move."""
    return {get_topic(cls)} | former_topics(cls)


def register_former_topics() -> None:
    for aggregate, module in MOVED.items():
        for cls in _classes(aggregate):
            if cls is CanSnapshotAggregate:
                continue
            register_topic(f"{module}:{cls.__qualname__}", cls)

