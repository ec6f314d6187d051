"""The event-sourced application: the one event store every stream lives in.

Persistence (SQLite or PostgreSQL), the transcoder and the cipher are chosen by the environment
the composition root (consumers/bootstrap.py) passes in; nothing here knows which.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.domain import Aggregate, DomainEvent
from eventsourcing.persistence import Recording

from domain.ids import record_id, run_id
from domain.records.aggregate import ClinicRecord
from domain.records.source_file import SourceFile, is_erased
from domain.records.source_rows import read_pages
from domain.run.aggregate import MigrationRun
from domain.topics import register_former_topics

register_former_topics()  # logs written before the layout of sub-packages still load

ROW_PAGE = 500  # rows per RowsRead event
SAVE_PAGE = 500  # aggregates per save(): one transaction per page, never per record


class MigrationLog(Application[UUID]):
    name = "clinic2nutshell"

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        """As the library's save(), with a concrete-class check per aggregate instead of its
        runtime Protocol checks, which cost more than encoding the event on Python 3.11."""
        processing: ProcessingEvent[UUID] = ProcessingEvent()
        for obj in objs:
            if isinstance(obj, Aggregate):
                processing.events.extend(obj.collect_events())
                processing.aggregates[obj.id] = obj
            elif isinstance(obj, DomainEvent):
                processing.events.append(obj)
            else:
                processing.collect_events(obj)
        processing.saved_kwargs.update(kwargs)
        recordings = self._record(processing)
        self._take_snapshots(processing)
        self._notify(recordings)
        return recordings

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        """As the library's _record(), without a Recording and a Notification built per event:
        nothing reads them here (no followers; projections read the log), and building them
        costs a tenth of a derivation's saves. save() therefore returns no recordings."""
        if self.repository.cache is not None:  # the library's path keeps its cache in step
            return super()._record(processing_event)
        stored = list(map(self.mapper.to_stored_event, processing_event.events))
        self.recorder.insert_events(stored, tracking=processing_event.tracking,
                                    **processing_event.saved_kwargs)
        return []

    # --- runs ---------------------------------------------------------------------------------

    def run(self, name: str) -> MigrationRun:
        """The run aggregate, started (and saved) on first use."""
        try:
            run: MigrationRun = self.repository.get(run_id(name))
        except AggregateNotFoundError:
            run = MigrationRun.start(name)
            self.save(run)
        return run

    def find_run(self, name: str) -> MigrationRun | None:
        try:
            run: MigrationRun = self.repository.get(run_id(name))
        except AggregateNotFoundError:
            return None
        return run

    # --- source files -------------------------------------------------------------------------

    def source_file(self, file_id: UUID) -> SourceFile | None:
        try:
            source: SourceFile = self.repository.get(file_id)
        except AggregateNotFoundError:
            return None
        return source

    def iter_rows(self, file_id: UUID, page_events: int = 20, *,
                  erased: bool = False) -> Iterator[dict[str, Any]]:
        """A file's rows as read, streamed page by page, each page from its newest sealing.
        Rows erased by a forget (their number only) are left out unless `erased` asks."""
        for page in read_pages(self.events, file_id, page_events):
            if erased or page.sealing == page.page:  # never resealed: nothing erased
                yield from page.rows
            else:
                yield from (row for row in page.rows if not is_erased(row))

    # --- records ------------------------------------------------------------------------------

    def record(self, run: str, kind: str, source_id: str) -> ClinicRecord | None:
        return self.record_by_id(record_id(run, kind, source_id))

    def record_by_id(self, rid: UUID) -> ClinicRecord | None:
        try:
            record: ClinicRecord = self.repository.get(rid)
        except AggregateNotFoundError:
            return None
        return record

    def save_pages(self, aggregates: Sequence[Aggregate], page: int = SAVE_PAGE) -> None:
        for start in range(0, len(aggregates), page):
            chunk = aggregates[start:start + page]
            if chunk:
                self.save(*chunk)
