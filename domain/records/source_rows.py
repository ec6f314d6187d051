"""A source file's pages as they read now: each page from its newest sealing.

A page is a RowsRead event. Forgetting a patient appends a RowsResealed event for each page that
held one of their rows and destroys the keys of the page's earlier sealings, so a page's rows
are those of its newest sealing. Reseals are appended after the file's Completed event, so they
are found by reading the stream backwards from its end, without reading the pages twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

from domain.errors import TerminalError
from domain.records.source_file import JSONDict, PageShredded, SourceFile


class EventSource(Protocol):
    """The application's event store, as far as reading one stream goes."""

    def get(self, originator_id: UUID, *, gt: int | None = None, lte: int | None = None,
            desc: bool = False, limit: int | None = None) -> Iterable[Any]: ...


@dataclass
class Page:
    page: int  # the version of the page's RowsRead event
    sealing: int  # the version of the event its rows were read from
    rows: list[JSONDict]
    # Readable older sealings (versions), whose keys a forget has yet to destroy; a sealing
    # already destroyed reads as PageShredded and is not listed (nor needed).
    earlier: list[int] = field(default_factory=list)


def _reseals(events: EventSource, file_id: UUID, batch: int) -> dict[int, list[int]]:
    """page -> versions of its readable RowsResealed events, oldest first."""
    found: dict[int, list[int]] = {}
    upper: int | None = None
    while True:
        seen = 0
        # Decoded one at a time: a file never resealed costs its Completed event alone.
        for event in events.get(file_id, lte=upper, desc=True, limit=batch):
            seen += 1
            upper = event.originator_version - 1
            if isinstance(event, SourceFile.RowsResealed):
                found.setdefault(event.page, []).insert(0, event.originator_version)
            elif not (isinstance(event, PageShredded) and event.resealing):
                return found  # Completed (or a page): no reseal lies before it
        if seen < batch or upper is None or upper < 1:
            return found


def read_pages(events: EventSource, file_id: UUID, page_events: int = 20) -> Iterator[Page]:
    """The file's pages in order, streamed: memory holds a few pages whatever the file's size."""
    reseals = _reseals(events, file_id, page_events)
    version = 0
    while True:
        chunk = list(events.get(file_id, gt=version, limit=page_events))
        if not chunk:
            return
        for event in chunk:
            version = event.originator_version
            if isinstance(event, SourceFile.Completed):
                return  # only reseals follow, and they were read above
            if isinstance(event, SourceFile.RowsRead):
                page = version
            elif isinstance(event, PageShredded) and not event.resealing:
                page = version
            else:
                continue
            newer = reseals.get(page)
            if not newer:
                if isinstance(event, PageShredded):
                    raise TerminalError(f"source file {file_id}: page {page} was shredded and "
                                        "no newer sealing of it can be read")
                yield Page(page, page, event.rows)
                continue
            [newest] = events.get(file_id, gt=newer[-1] - 1, lte=newer[-1])
            assert isinstance(newest, SourceFile.RowsResealed)  # read just above, in _reseals
            earlier = ([] if isinstance(event, PageShredded) else [page]) + newer[:-1]
            yield Page(page, newer[-1], newest.rows, earlier)
