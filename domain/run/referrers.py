"""Referrers named only by free text, ensured in Nutshell at `plan --apply` (see
domain/nutshell/referrals.py): the intent before a create is sent, the outcome after, so a
command that dies in between leaves a fact that a retry and a rollback both see."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

JSONDict = dict[str, Any]


class RunReferrers:
    """Mixed into MigrationRun (its state: `referrers`, `referrers_requested`)."""

    class ReferrerRequested(Aggregate.Event):
        """About to create a referrer's Person or Company (saved before the request)."""

        key: str  # the referrer's normalised key
        entity: str  # contacts | accounts

        def apply(self, aggregate: Any) -> None:
            aggregate.referrers_requested[self.key] = {"entity": self.entity}

    class ReferrerEnsured(Aggregate.Event):
        key: str
        entity: str
        name: str  # the Nutshell record's name, as the patient's link shows it
        nutshell_id: str
        reused: bool  # found by email or name (never ours to delete) or created by the run
        removed: bool = False  # deleted by a rollback

        def apply(self, aggregate: Any) -> None:
            aggregate.referrers_requested.pop(self.key, None)
            aggregate.referrers[self.key] = {"entity": self.entity, "name": self.name,
                                             "id": self.nutshell_id, "reused": self.reused,
                                             "removed": self.removed}

    def trigger_event(self, *args: Any, **kwargs: Any) -> None:  # Aggregate's, in MigrationRun
        raise NotImplementedError

    def request_referrer(self, *, key: str, entity: str) -> None:
        self.trigger_event(self.ReferrerRequested, key=key, entity=entity)

    def referrer_ensured(self, *, key: str, entity: str, name: str, nutshell_id: str,
                         reused: bool, removed: bool = False) -> None:
        self.trigger_event(self.ReferrerEnsured, key=key, entity=entity, name=name,
                           nutshell_id=nutshell_id, reused=reused, removed=removed)
