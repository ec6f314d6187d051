"""People deciding: who signed in or was refused, and who took a decision, in which role,
bound to the hash of what they were shown. Mixed into MigrationRun (its state: `signatures`)."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

JSONDict = dict[str, Any]


class RunSignatures:

    class SignedIn(Aggregate.Event):
        """A person signed in to the console (the audit's record of every login)."""

        by: str
        role: str

        def apply(self, aggregate: Any) -> None:
            pass

    class SignedOut(Aggregate.Event):
        by: str
        role: str

        def apply(self, aggregate: Any) -> None:
            pass

    class AccessRefused(Aggregate.Event):
        """A login or a decision refused: `by` is the person, or the hash of a name nobody
        has; `reason` one of the console's refusal codes (password, locked, disabled, role,
        csrf, stale, session...)."""

        by: str
        role: str
        action: str
        reason: str

        def apply(self, aggregate: Any) -> None:
            pass

    class DecisionSigned(Aggregate.Event):
        """Who took the decision recorded next to it in the same save, in which role, through
        which door (`console` or `cli`, whose free-text --by nobody checked), and the hash of
        exactly what the page showed (empty for the CLI). `hashes`: what the decision binds
        (mapping hash, diff hash, review-list hash...), never values."""

        by: str
        role: str
        via: str
        action: str
        page_hash: str
        hashes: JSONDict

        def apply(self, aggregate: Any) -> None:
            aggregate.signatures.append({"by": self.by, "role": self.role, "via": self.via,
                                         "action": self.action})

    def signed_in(self, *, by: str, role: str) -> None:
        self.trigger_event(self.SignedIn, by=by, role=role)

    def signed_out(self, *, by: str, role: str) -> None:
        self.trigger_event(self.SignedOut, by=by, role=role)

    def refuse(self, *, by: str, role: str, action: str, reason: str) -> None:
        self.trigger_event(self.AccessRefused, by=by, role=role, action=action, reason=reason)

    def sign(self, *, by: str, role: str, via: str, action: str, page_hash: str,
             hashes: JSONDict) -> None:
        self.trigger_event(self.DecisionSigned, by=by, role=role, via=via, action=action,
                           page_hash=page_hash, hashes=hashes)

    def trigger_event(self, *args: Any, **kwargs: Any) -> None:  # Aggregate's, in MigrationRun
        raise NotImplementedError
