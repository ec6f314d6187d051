"""Referrals as Nutshell models them.

- A referral type (physician, self, patient, marketing, insurer, other) is a Nutshell Source,
  created once (`POST /sources`, found again by name) and linked from leads
  (`links.sources`). The channel is set only where the type says it: a referral by a
  physician or a patient is Nutshell's channel 6 ("referrer"); the others carry none.
- The referring physician or organisation is a Person (a provider of the export) or a Company
  already in Nutshell. The API has no relationship between two People, nor a parent between
  Companies, so the patient's "Referred By" field (and a branch's "Parent Company") holds the
  linked record's name and Nutshell id, `Name [12-contacts]`, which verify reads back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from domain.nutshell.types import PushContext
from domain.nutshell.values import iso_date, person_name, present, text

SOURCE_NAMES = {"physician": "Physician referral", "self": "Self-referral",
                "patient": "Patient referral", "marketing": "Marketing",
                "insurer": "Insurer referral", "other": "Other referral"}
REFERRER_CHANNEL = 6  # the OpenAPI document's channel enum: 6 = referrer
CHANNELS = {"physician": REFERRER_CHANNEL, "patient": REFERRER_CHANNEL}


def source_spec(referral_type: Any) -> tuple[str, int | None] | None:
    """(Source name, channel or None) for a referral type; None for an empty one. An unknown
    type keeps its own spelling as the Source's name."""
    value = text(referral_type).strip()
    if not value:
        return None
    key = value.lower()
    return SOURCE_NAMES.get(key, value), CHANNELS.get(key)


def linked(name: str, nutshell_id: str) -> str:
    """What a custom field holds for a linked Nutshell record: its name and id."""
    return f"{name} [{nutshell_id}]" if name else f"[{nutshell_id}]"


def first_referral(referrals: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """How the patient arrived: the earliest referral (undated last, then by source id)."""
    if not referrals:
        return None
    return min(referrals, key=lambda r: (iso_date(r.get("referred_at")) or "~",
                                         text(r.get("source_id"))))


def referrer_link(referral: Mapping[str, Any], ctx: PushContext) -> str | None:
    """`Name [id]` of the referring provider's Person or company's Company, when it is in
    Nutshell; None when the referral names no such record (its free-text name stays)."""
    for field, kind in (("referrer_provider_source_id", "provider"),
                        ("referrer_company_source_id", "company")):
        sid = text(referral.get(field))
        nutshell_id = ctx.nutshell_id(kind, sid) if sid else None
        if not nutshell_id:
            continue
        rec = ctx.record(kind, sid) or {}
        name = text(rec.get("name")) if kind == "company" else person_name(dict(rec), "")
        # the export's own spelling of the referrer first: the record's name otherwise
        return linked(text(referral.get("referrer_name")) or name, nutshell_id)
    return None


def parent_link(parent_sid: str, ctx: PushContext) -> str | None:
    """`Name [id]` of a branch's parent Company once it is in Nutshell."""
    nutshell_id = ctx.nutshell_id("company", parent_sid) if present(parent_sid) else None
    if not nutshell_id:
        return None
    rec = ctx.record("company", parent_sid) or {}
    return linked(text(rec.get("name")), nutshell_id)
