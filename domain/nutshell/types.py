"""The vocabulary shared by planning: what it asks of the executor and what it answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.ports import JSON


class PushContext(Protocol):
    """What planning asks of the executor (it knows ids, owners and the other records)."""

    def nutshell_id(self, kind: str, source_id: str) -> str | None: ...

    def owner_for(self, staff_source_id: str | None) -> str | None:
        """Nutshell user id; the executor applies the operator's fallback owner."""

    def children(self, patient_source_id: str) -> Mapping[str, Sequence[dict]]:
        """Carried records of one patient by kind (insurance, billing, ...)."""

    def activity_type(self, channel_or_kind: str) -> str | None: ...

    def now(self) -> int:
        """Unix seconds."""

    def record(self, kind: str, source_id: str) -> Mapping[str, Any] | None:
        """The canonical fields of another record of the run, or None when the run has no
        such record (used for names in activity titles and to tell a parent that is not
        pushed yet from one that does not exist)."""

    def source_id(self, referral_type: str) -> str | None:
        """The Nutshell Source ensured for a referral type (`N-sources`), or None."""

    def referrer(self, key: str) -> tuple[str, str] | None:
        """(name, Nutshell id) of the Person or Company ensured for a referrer named only by
        free text (its normalised key, domain/nutshell/referrals.py), or None."""

    def review_hold(self, kind: str, source_id: str) -> str | None:
        """Why the PHI review holds this clinical record back (no values), or None."""


@dataclass(frozen=True)
class Blocked:
    reason: str
    missing: list[tuple[str, str]] = field(default_factory=list)  # (kind, source_id)


@dataclass(frozen=True)
class Skipped:
    reason: str


@dataclass(frozen=True)
class Built:
    """One Nutshell record to create. A later record of the same plan links it through
    `placeholder(index)` (a lead's prospect Person, then the lead)."""

    entity: str
    record: dict[str, JSON]
    external_key: tuple[str, str] | None = None
    acting_user: str | None = None  # activities: the user who logged it (impersonation)
    # Files attached once the record exists (Nutshell's two-step upload), each
    # {"path" (inside the export), "name", "mime", "size", "sha256"}.
    files: tuple[dict[str, JSON], ...] = ()
    # Nothing is created: the files go onto the record of this (kind, source_id) already in
    # Nutshell (a lead's documents go onto the lead).
    attach_to: tuple[str, str] | None = None


PLACEHOLDER = "$step:{}"  # a string in a payload standing for the id created by step N


def placeholder(index: int) -> str:
    return PLACEHOLDER.format(index)
