"""Facts of a run that came with the operator's path as a newcomer meets it: a file that could
not be read, and a Nutshell write asked for before it is sent (the intent, saved first, so the
log knows of everything Nutshell may hold even when the command dies before the answer)."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

JSONDict = dict[str, Any]


class RunIntents:
    """Mixed into MigrationRun (its state: `unreadable`, `custom_fields_requested`)."""

    class SourceUnreadable(Aggregate.Event):
        """A file of the export could not be read at all (empty, not what its name says,
        unreadable): quarantined whole, the rest of the export read on."""

        name: str
        reason: str  # names the problem, never a value

        def apply(self, aggregate: Any) -> None:
            aggregate.unreadable[self.name] = self.reason

    class CustomFieldRequested(Aggregate.Event):
        """About to create a custom field in Nutshell (saved before the request is sent);
        CustomFieldEnsured is its outcome."""

        entity: str
        name: str
        type: str

        def apply(self, aggregate: Any) -> None:
            aggregate.custom_fields_requested[f"{self.entity}/{self.name}"] = {
                "entity": self.entity, "name": self.name, "type": self.type}

    def trigger_event(self, *args: Any, **kwargs: Any) -> None:  # Aggregate's, in MigrationRun
        raise NotImplementedError

    def source_unreadable(self, *, name: str, reason: str) -> None:
        self.trigger_event(self.SourceUnreadable, name=name, reason=reason)

    def request_custom_field(self, *, entity: str, name: str, type: str) -> None:
        self.trigger_event(self.CustomFieldRequested, entity=entity, name=name, type=type)
