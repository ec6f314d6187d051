"""Follows the notification log by polling pages and applies them to a projection store.

Each page's rows and its position are committed together (ProjectionStore.apply), so a crash
mid-page is simply re-read: nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.collector import collector_paused
from domain.ports import ProjectionStore
from projections.core import CoreProjector
from projections.events import EventReader


class ProjectionRunner:
    def __init__(self, reader: EventReader, store: ProjectionStore,
                 projector: CoreProjector | None = None, page_size: int = 10000) -> None:
        self.reader = reader
        self.store = store
        self.projector = projector or CoreProjector()
        self.page_size = page_size

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Applies every event not yet applied; returns how many were applied."""
        with collector_paused():
            return self._catch_up(progress)

    def _catch_up(self, progress: Callable[[int, int], None] | None) -> int:
        applied = 0
        target = self.reader.max_position()
        position = self.store.position()
        while position < target:
            events = self.reader.read(position + 1, self.page_size)
            if not events:
                break
            page = self.projector.project(events, self.store)
            self.store.apply(page)
            self.projector.committed(page)
            position = events[-1].position
            applied += len(events)
            if progress:
                progress(position, target)
        return applied

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        self.store.reset()
        self.projector.forget()
        applied = self.catch_up(progress)
        self.store.reindexed()
        return applied
