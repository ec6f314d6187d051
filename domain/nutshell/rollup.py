"""The patient roll-up: kinds carried as custom fields on the patient's Person.

Insurance, verification, allergies/conditions, billing and referral records produce no writes of
their own; their values ride on the patient's create or patch (design/nutshell-mapping.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from domain.mapping import MappingDocument
from domain.nutshell.fields import cf_name, cf_value, kind_enabled
from domain.nutshell.values import iso_date, money, present, text, truthy
from domain.ports import JSON


def _sid(r: Mapping[str, Any]) -> str:
    return text(r.get("source_id"))


def primary_insurance(policies: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The policy flagged primary; among several (or none flagged), the one effective most
    recently, then the highest source id, so the choice is stable."""
    if not policies:
        return None
    pool = [p for p in policies if truthy(p.get("is_primary"))] or list(policies)
    return max(pool, key=lambda r: (iso_date(r.get("effective_from")) or "", _sid(r)))


def _secondary_text(policy: Mapping[str, Any]) -> str:
    parts = [text(policy.get("carrier_name")) or "Unknown carrier"]
    if present(policy.get("plan_type")):
        parts[0] += f" ({text(policy.get('plan_type'))})"
    if present(policy.get("member_id")):
        parts.append(f"member {text(policy.get('member_id'))}")
    if present(policy.get("group_number")):
        parts.append(f"group {text(policy.get('group_number'))}")
    return ", ".join(parts)


def _latest(records: Sequence[Mapping[str, Any]], field: str) -> Mapping[str, Any] | None:
    if not records:
        return None
    return max(records, key=lambda r: (iso_date(r.get(field)) or "", _sid(r)))


def _active_names(items: Sequence[Mapping[str, Any]], kind: str) -> str | None:
    names: dict[str, str] = {}
    # Source-id order: the same spelling wins whatever order the records arrive in.
    for r in sorted(items, key=_sid):
        status = text(r.get("clinical_status")).lower()
        if text(r.get("kind")).lower() != kind or status not in {"", "active"}:
            continue
        name = text(r.get("name"))
        if name:
            names.setdefault(name.casefold(), name)
    return ", ".join(names[k] for k in sorted(names)) or None


def patient_rollup(patient_fields: Mapping[str, Any], children: Mapping[str, Sequence[dict]],
                   doc: MappingDocument | None = None) -> dict[str, JSON]:
    """Custom-field name -> value carried on the patient's Person.

    Clinical kinds (allergy_condition) are included only when `doc.settings.clinical_content`
    is true; without a document the PHI-safe default (not opted in) applies. Kinds disabled in
    the document are left out. Values absent in the source are left out (never blanked).
    """
    doc = doc or MappingDocument()
    out: dict[str, JSON] = {}

    def put(kind: str, field: str, value: Any) -> None:
        if present(value):
            out[cf_name(doc, kind, field)] = cf_value(doc, kind, field, value)

    policies = list(children.get("insurance", ())) if kind_enabled(doc, "insurance") else []
    primary = primary_insurance(policies)
    if primary is not None:
        for field in ("carrier_name", "plan_type", "member_id", "group_number"):
            put("insurance", field, text(primary.get(field)))
        put("insurance", "copay", money(primary.get("copay")))
        others = sorted((p for p in policies if p is not primary), key=_sid)
        put("insurance", "_secondary", "; ".join(_secondary_text(p) for p in others))

    checks = list(children.get("insurance_verification", ()))
    if checks and kind_enabled(doc, "insurance_verification"):
        # The newest check of the primary policy; any policy's newest when none names it.
        mine = [c for c in checks if primary is not None
                and text(c.get("insurance_source_id")) == _sid(primary)]
        latest = _latest(mine or checks, "verified_at")
        if latest is not None:
            put("insurance_verification", "status", text(latest.get("status")).lower())
            put("insurance_verification", "verified_at", iso_date(latest.get("verified_at")))
            put("insurance_verification", "payer_response", text(latest.get("payer_response")))

    items = list(children.get("allergy_condition", ()))
    if items and kind_enabled(doc, "allergy_condition"):
        put("allergy_condition", "_allergies", _active_names(items, "allergy"))
        put("allergy_condition", "_conditions", _active_names(items, "condition"))

    bills = list(children.get("billing", ()))
    if bills and kind_enabled(doc, "billing"):
        bill = _latest(bills, "last_payment_date")
        if bill is not None:
            put("billing", "outstanding_balance", money(bill.get("outstanding_balance")))
            put("billing", "last_payment_date", iso_date(bill.get("last_payment_date")))
            put("billing", "last_payment_amount", money(bill.get("last_payment_amount")))
            put("billing", "payment_plan", text(bill.get("payment_plan")))
            put("billing", "billing_status", text(bill.get("billing_status")).lower())

    referrals = list(children.get("referral", ()))
    if referrals and kind_enabled(doc, "referral"):
        # The first referral is how the patient arrived.
        first = min(referrals, key=lambda r: (iso_date(r.get("referred_at")) or "~", _sid(r)))
        put("referral", "referral_type", text(first.get("referral_type")).lower())
        put("referral", "referrer_name", text(first.get("referrer_name")))
        put("referral", "referred_at", iso_date(first.get("referred_at")))
    return out
