"""Checks made before a run: staff to Nutshell users, plan limits, time, what cannot be undone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from domain.nutshell.values import text


@dataclass(frozen=True)
class OwnerResolution:
    matched: dict[str, str] = field(default_factory=dict)  # provider source_id -> user id
    unmatched: list[str] = field(default_factory=list)  # provider source ids, sorted
    seats_missing: int = 0  # Nutshell users cannot be created through the API


def _user_emails(user: Mapping[str, Any]) -> list[str]:
    raw = user.get("emails") or []
    if isinstance(raw, str):
        raw = [raw]
    out = [text(e.get("value") if isinstance(e, dict) else e).casefold() for e in raw]
    if user.get("email"):
        out.append(text(user["email"]).casefold())
    return [e for e in out if e]


def resolve_owners(staff: Iterable[tuple[str, str | None]],
                   users: Sequence[Mapping[str, Any]]) -> OwnerResolution:
    """Staff matched to enabled Nutshell users by email, case-insensitive (first user wins
    when two share an address)."""
    by_email: dict[str, str] = {}
    for u in users:
        if u.get("isEnabled") is False or not u.get("id"):
            continue
        for e in _user_emails(u):
            by_email.setdefault(e, str(u["id"]))
    matched: dict[str, str] = {}
    unmatched: list[str] = []
    for sid, email in staff:
        uid = by_email.get(text(email).casefold()) if email else None
        if uid:
            matched[sid] = uid
        else:
            unmatched.append(sid)
    unmatched = sorted(set(unmatched) - set(matched))
    return OwnerResolution(matched, unmatched, len(unmatched))


Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    level: Level
    message: str
    code: str = ""

    def to_json(self) -> dict[str, str]:
        return {"level": self.level, "message": self.message, "code": self.code}


# Facts from https://www.nutshell.com/pricing as summarised in
# reference/nutshell/derived/nutshell-plans-pricing.yml (generated 2026-08-13): every tier has
# unlimited contacts and API access; Foundation caps open leads at 100; only Enterprise lists
# unlimited custom fields (the other tiers' custom-field allowance is not published).
PLANS: dict[str, dict[str, int | None]] = {
    "foundation": {"open_leads": 100},
    "growth": {"open_leads": None},
    "pro": {"open_leads": None},
    "business": {"open_leads": None},
    "enterprise": {"open_leads": None},
}
UNLIMITED_CUSTOM_FIELDS = frozenset({"enterprise"})


def plan_limits(plan: str, counts: Mapping[str, int], staff_needing_access: int, users: int,
                custom_fields: int) -> list[Finding]:
    """Findings for a Nutshell plan. `counts` are records per canonical kind; `leads_open`,
    when given, is the number of leads that stay open (else every lead is counted)."""
    key = plan.strip().lower()
    if key not in PLANS:
        return [Finding("error", f"unknown Nutshell plan {plan!r}; expected one of "
                                 + ", ".join(p.capitalize() for p in PLANS), "plan.unknown")]
    out: list[Finding] = []
    cap = PLANS[key]["open_leads"]
    open_leads = counts.get("leads_open", counts.get("lead", 0))
    if cap is not None and open_leads > cap:
        out.append(Finding("error", f"{open_leads} open leads exceed the {plan.capitalize()} "
                                    f"plan's cap of {cap}; upgrade or close leads first",
                           "plan.open_leads"))
    if staff_needing_access > users:
        out.append(Finding("warning", f"{staff_needing_access - users} more Nutshell seats "
                                      f"needed ({staff_needing_access} staff, {users} users); "
                                      "users cannot be created through the API",
                           "plan.seats"))
    if custom_fields and key not in UNLIMITED_CUSTOM_FIELDS:
        out.append(Finding("warning", f"{custom_fields} custom fields to create; only the "
                                      "Enterprise plan lists unlimited custom fields, check the "
                                      "account's allowance before --apply", "plan.custom_fields"))
    out.append(Finding("info", "every Nutshell plan has unlimited contacts and API access; "
                               "Nutshell publishes no API call quota", "plan.contacts"))
    return out


def estimate_seconds(request_count: int, rate_per_s: float, latency_s: float,
                     in_flight: int) -> float:
    """Wall time for a run: throughput is the rate limit or what `in_flight` concurrent
    requests of `latency_s` each can carry, whichever is lower; plus one round trip."""
    if request_count <= 0:
        return 0.0
    if rate_per_s <= 0 or in_flight <= 0:
        raise ValueError("rate_per_s and in_flight must be positive")
    carried = in_flight / latency_s if latency_s > 0 else rate_per_s
    return request_count / min(rate_per_s, carried) + max(latency_s, 0.0)


def residue(kinds_pushed: Iterable[str], custom_fields_created: Iterable[str]) -> list[str]:
    """What a rollback cannot undo through Nutshell's API: reported, never hidden."""
    kinds = set(kinds_pushed)
    fields = sorted(set(custom_fields_created))
    out: list[str] = []
    if fields:
        out.append(f"{len(fields)} custom-field definitions stay (Nutshell has no delete "
                   "endpoint for them): " + ", ".join(fields))
    if kinds:
        out.append("original creation timestamps were never writable: Nutshell's createdTime "
                   "shows the migration date (the source date is in 'Original Created')")
        out.append("rolled-back records are soft-deleted: they stay restorable in Nutshell's "
                   "trash until purged, and remain in Nutshell's change log (events feed)")
    if kinds & {"appointment", "communication"}:
        out.append("activities have no REST delete: they are removed through the legacy RPC "
                   "deleteActivity, which needs each activity's current rev")
    if "document" in kinds:
        out.append("files uploaded through the legacy flow have no REST delete; documents "
                   "recorded as notes are deleted with their notes")
    return out


# Activity-type names tried for each channel/kind, first match wins (Nutshell instances name
# their types freely; these are the defaults and common variants).
ACTIVITY_TYPE_NAMES: dict[str, tuple[str, ...]] = {
    "appointment": ("appointment", "meeting"),
    "call": ("phone call", "call"),
    "email": ("email", "e-mail"),
    "sms": ("sms", "text message", "text"),
    "meeting": ("meeting",),
    # An instance without a Letter type logs letters as Email (written correspondence); the
    # operator may choose another in the mapping (nutshell.communication.activity_types).
    "letter": ("letter", "mail", "email"),
    "document": ("document", "documents", "file"),
}


def activity_type_id(channel_or_kind: str,
                     activity_types: Sequence[Mapping[str, Any]]) -> str | None:
    """The id of the instance's activity type for a channel or kind (GET /activitytypes),
    by case-insensitive name; None when the instance has none that fits."""
    by_name = {text(t.get("name")).casefold(): str(t["id"]) for t in activity_types
               if t.get("id")}
    for name in ACTIVITY_TYPE_NAMES.get(channel_or_kind, (channel_or_kind,)):
        if name in by_name:
            return by_name[name]
    return None


# HTTP requests one record of each kind costs on a first run (carried kinds ride on the
# patient's create; a lead is its prospect Person plus the lead).
REQUESTS_PER_RECORD: dict[str, int] = {
    "company": 1, "provider": 1, "patient": 1, "lead": 2, "appointment": 1,
    "communication": 1, "clinical_note": 1, "document": 1,
}


def request_count(counts: Mapping[str, int], enabled: Iterable[str],
                  custom_fields: int = 0) -> int:
    """Requests a first run sends: records of the enabled kinds, one more per lead closed as
    won/lost (`counts["leads_closed"]`), plus the custom-field definitions."""
    on = set(enabled)
    total = sum(n * REQUESTS_PER_RECORD.get(k, 0) for k, n in counts.items() if k in on)
    if "lead" in on:
        total += counts.get("leads_closed", 0)
    return total + custom_fields
