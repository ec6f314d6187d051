"""What a run read from the Nutshell instance once, at plan time, and goes on using: the
instance's activity types. Sample, run and verify then choose types from the same list the
operator's plan showed, without asking Nutshell again in the middle of a run."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

JSONDict = dict[str, Any]


class RunLookups:
    """Mixed into MigrationRun (its state: `activity_types`, None until read)."""

    class ActivityTypesRead(Aggregate.Event):
        types: list[JSONDict]  # id and name of each type, as the instance listed them

        def apply(self, aggregate: Any) -> None:
            aggregate.activity_types = list(self.types)

    def trigger_event(self, *args: Any, **kwargs: Any) -> None:  # Aggregate's, in MigrationRun
        raise NotImplementedError

    def activity_types_read(self, types: list[JSONDict]) -> None:
        self.trigger_event(self.ActivityTypesRead,
                           types=[{"id": t.get("id"), "name": t.get("name")} for t in types])
