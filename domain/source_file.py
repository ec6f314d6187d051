"""The source-file stream: a file's fingerprint, then its rows exactly as read, in pages.

This stream is the immutable source truth: derivation, re-derivation after a mapping change and
the delta differ read rows from here, never from the export again.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

from domain.ids import source_file_id

JSONDict = dict[str, Any]


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
        return cls._create(cls.Registered, id=source_file_id(run, fingerprint["sha256"]),
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
            aggregate.problems += sum(1 for row in self.rows if row.get("p"))

    class Completed(Aggregate.Event):
        rows: int
        problems: int

        def apply(self, aggregate: Any) -> None:
            aggregate.complete = True

    def read_rows(self, rows: list[JSONDict]) -> None:
        self.trigger_event(self.RowsRead, rows=rows)

    def complete_reading(self) -> None:
        self.trigger_event(self.Completed, rows=self.rows_read, problems=self.problems)
