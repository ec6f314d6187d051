"""The source-file stream: a file's fingerprint, then its rows exactly as read, in pages.

This stream is the immutable source truth: derivation, re-derivation after a mapping change and
the delta differ read rows from here, never from the export again.

Forgetting a patient (crypto-shredding) never rewrites a page: it appends RowsResealed, the page
again with that patient's rows replaced by erasure markers, and destroys the keys of the page's
earlier sealings (each page event is sealed with a key of its own when a cipher key is set, see
adapters.stores.shredding_mapper). A page's rows are therefore those of its newest sealing
(domain.records.source_rows); a destroyed sealing reads as a PageShredded placeholder.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.ids import source_file_id
from domain.ports import NOT_DATA

JSONDict = dict[str, Any]

# A row erased by a forget keeps its number and nothing else: {"n": 12, "erased": True}.
ERASED = "erased"


def erased_row(number: int) -> JSONDict:
    return {"n": number, ERASED: True}


def is_erased(row: JSONDict) -> bool:
    return bool(row.get(ERASED))


class SourceFile(Aggregate):
    class Registered(Aggregate.Created):
        run: str
        fingerprint: JSONDict

    def __init__(self, run: str, fingerprint: JSONDict) -> None:
        self.run = run
        self.fingerprint = dict(fingerprint)
        self.rows_read = 0
        self.problems = 0
        self.complete = False

    @classmethod
    def register(cls, run: str, fingerprint: JSONDict) -> SourceFile:
        return cls._create(cls.Registered, id=source_file_id(run, fingerprint["sha256"],
                                                          fingerprint.get("sheet")),
                           run=run, fingerprint=fingerprint)

    @property
    def name(self) -> str:
        return str(self.fingerprint["name"])

    class RowsRead(Aggregate.Event):
        """One page of rows. v2 keeps each row's number and reader problem beside its values.

        v1 (first release) carried `rows` as a list of plain {header: value} mappings and
        `first_row`, numbering implied.
        """

        class_version = 2
        rows: list[JSONDict]  # [{"n": row number, "v": values, "p": problem, "pf": field}]

        @staticmethod
        def upcast_v1_v2(state: JSONDict) -> None:
            first = int(state.pop("first_row", 1))
            state["rows"] = [{"n": first + i, "v": values, "p": None, "pf": None}
                             for i, values in enumerate(state["rows"])]

        def apply(self, aggregate: Any) -> None:
            aggregate.rows_read += len(self.rows)
            # a total line or a repeated header is no problem: it holds no record
            aggregate.problems += sum(1 for row in self.rows
                                      if row.get("p") and not row["p"].startswith(NOT_DATA))

    class Completed(Aggregate.Event):
        rows: int
        problems: int

        def apply(self, aggregate: Any) -> None:
            aggregate.complete = True
            # The counts as read, even when some pages were shredded since (PageShredded).
            aggregate.rows_read = self.rows
            aggregate.problems = self.problems

    class RowsResealed(Aggregate.Event):
        """Page `page` (the version of its RowsRead event) sealed again, with the rows of a
        forgotten patient replaced by erasure markers; the page's earlier sealings are made
        unreadable by destroying their keys. Every row keeps its number and order."""

        class_version = 1
        page: int
        rows: list[JSONDict]  # as in RowsRead, or erased_row(n)
        erased: int  # rows newly erased by this sealing
        by: str  # who asked for the erasure (the audit's actor)

    def read_rows(self, rows: list[JSONDict]) -> None:
        self.trigger_event(self.RowsRead, rows=rows)

    def complete_reading(self) -> None:
        self.trigger_event(self.Completed, rows=self.rows_read, problems=self.problems)

    def reseal_page(self, page: int, rows: list[JSONDict], erased: int, by: str) -> None:
        self.trigger_event(self.RowsResealed, page=page, rows=rows, erased=erased, by=by)


class PageShredded:
    """What a page event (RowsRead or RowsResealed) reads as once its key was destroyed: a
    newer sealing of the page holds its rows. Rebuilding the aggregate steps over it (the
    Completed event carries the counts), unlike a record's tombstone, which ends the record."""

    def __init__(self, originator_id: UUID, originator_version: int, resealing: bool) -> None:
        self.originator_id = originator_id
        self.originator_version = originator_version
        self.resealing = resealing  # a RowsResealed event: not a page of its own

    def mutate(self, aggregate: Any) -> Any:
        if aggregate is not None:
            aggregate.version = self.originator_version
        return aggregate
