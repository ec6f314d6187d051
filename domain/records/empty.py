"""Records with nothing in them: an insurance slot with no carrier and no member number, a
referral naming no referrer, an allergy with no substance.

Exports keep such slots (OpenEMR writes a primary, a secondary and a tertiary insurance row
for every patient, filled or not; a patient export has a Secondary Insurance column group
that is mostly blank but for a copay of 0.00). They are no record of anything: the row is
dropped on purpose with this reason, counted as dropped, never pushed to Nutshell and never
quarantined as if something were wrong with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The fields that make a record of a kind something to migrate: with all of them empty, what
# is left (an order of precedence, a copay of 0, an effective date) describes an empty slot.
CONTENT: dict[str, tuple[str, ...]] = {
    "insurance": ("carrier_name", "member_id", "group_number"),
    "referral": ("referrer_name", "referrer_provider_source_id", "referrer_company_source_id",
                 "referrer_email", "referrer_phone", "referral_type", "notes"),
    "allergy_condition": ("name", "code"),
}
# What a database writes for "no value" in a slot it keeps anyway (`provider` 0 for no insurer).
NO_VALUE = frozenset({"", "0", "-1", "-", "--", "n/a", "na", "null", "none"})


def _empty(value: object) -> bool:
    return value is None or str(value).strip().casefold() in NO_VALUE


def empty_slot(kind: str, raw: Mapping[str, object]) -> str | None:
    """Why a record of `kind` with these raw fields is an empty slot (None when it is not):
    the reason names the fields, never a value."""
    fields = CONTENT.get(kind)
    if fields is None or not all(_empty(raw.get(f)) for f in fields):
        return None
    return f"an empty {kind.replace('_', ' ')} slot: no {', no '.join(fields)}"


@dataclass(frozen=True)
class Dropped:
    """A record left out on purpose, with the reason (an empty insurance slot): no record and
    no quarantine; the row counts as dropped when it is the row's own record."""

    file: str
    row: int
    kind: str
    reason: str  # field names only, never values
    source_id: str | None = None


def dropped(file: str, row: int, kind: str, raw: Mapping[str, object]) -> Dropped | None:
    """The Dropped result of a record of `kind` with these raw fields when it is an empty
    slot, else None."""
    why = empty_slot(kind, raw)
    ident = str(raw.get("source_id") or "").strip() or None
    return None if why is None else Dropped(file, row, kind, why, ident)


def said_dropped(results: list[Any], gone: Dropped | None) -> bool:
    """Whether the record is dropped: its Dropped result then joins the row's results."""
    if gone is not None:
        results.append(gone)
    return gone is not None
