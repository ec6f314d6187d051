"""Where the default map puts each canonical field in Nutshell: design/nutshell-mapping.md
restated as tables, written apart from the payload builder on purpose (a check that shares the
builder's tables proves nothing). The mapping document's overrides (custom-field names and
pick-list spellings) are read from the document itself.

A place is `<what>` on the kind's Nutshell record: `name`, `emails`, `phones.<label>`,
`address.<part>`, `urls`, `customFields.<Name>`, `owner`, `accounts`, `participants`, `parent`,
`activityType`, `location`, `startTime`, `endTime`, `isCancelled`, `isLogged`, `status`,
`description`, `body`. `how` says how a source value is found there (see check.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.mapping import MappingDocument

ENTITY: dict[str, str] = {
    "company": "accounts", "provider": "contacts", "patient": "contacts", "lead": "leads",
    "appointment": "activities", "communication": "activities", "clinical_note": "notes",
    "document": "activities",  # a logged "Document" activity holding the file
    # carried as custom fields on the patient's Person
    "insurance": "contacts", "insurance_verification": "contacts", "billing": "contacts",
    "referral": "contacts", "allergy_condition": "contacts",
}
CARRIED: frozenset[str] = frozenset(
    {"insurance", "insurance_verification", "billing", "referral", "allergy_condition"})
# Kinds only sent with the clinical-content opt-in (PHI).
CLINICAL: frozenset[str] = frozenset({"clinical_note", "allergy_condition", "document"})
# Free text sent only with the clinical-content opt-in (PHI), on records that move without it.
CLINICAL_FIELDS: frozenset[tuple[str, str]] = frozenset(
    {("appointment", "notes"), ("communication", "body")})
# Nutshell holds custom fields on these only (no custom fields on activities or notes).
CF_HOLDERS: frozenset[str] = frozenset({"contacts", "accounts", "leads"})


@dataclass(frozen=True)
class Place:
    place: str
    how: str  # text | contains | email | phone | date | instant | money | enum | bool | ...


def cf(name: str, how: str = "text") -> Place:
    return Place(f"customFields.{name}", how)


_ADDRESS = {"address_line1": Place("address.address_1", "text"),
            "address_line2": Place("address.address_2", "text"),
            "city": Place("address.city", "text"), "state": Place("address.state", "text"),
            "postal_code": Place("address.postalCode", "text"),
            "country": Place("address.country", "text")}

# (kind, canonical field) -> its place. Fields absent here are in JOINED or DROPPED below.
PLACES: dict[str, dict[str, Place]] = {
    "patient": {
        "first_name": Place("name", "contains"), "last_name": Place("name", "contains"),
        "email": Place("emails", "email"), "phone_mobile": Place("phones.mobile", "phone"),
        "phone_home": Place("phones.home", "phone"), "phone_work": Place("phones.work", "phone"),
        **_ADDRESS,
        "source_id": cf("Clinic Patient ID"), "preferred_name": cf("Preferred Name"),
        "middle_name": cf("Middle Name"), "date_of_birth": cf("Date of Birth", "date"),
        "sex": cf("Sex", "enum"), "chart_number": cf("Chart Number"),
        "contact_preference": cf("Contact Preference", "enum"),
        "status": cf("Patient Status", "enum"), "created_at": cf("Original Created", "instant"),
    },
    "provider": {
        "first_name": Place("name", "contains"), "last_name": Place("name", "contains"),
        "email": Place("emails", "email"), "phone": Place("phones.work", "phone"),
        "source_id": cf("Clinic Staff ID"), "role": cf("Clinic Role", "enum"),
        "specialty": cf("Specialty"), "credentials": cf("Credentials"),
        "license_number": cf("License Number"), "npi": cf("NPI"),
    },
    "company": {
        "name": Place("name", "text"), "email": Place("emails", "email"),
        "phone": Place("phones.work", "phone"), "website": Place("urls", "contains_item"),
        **_ADDRESS,
        # no parent Company in Nutshell's API: the parent's name and Nutshell id
        "source_id": cf("Clinic Company ID"), "parent_source_id": cf("Parent Company",
                                                                     "linked:company"),
        "industry": cf("Industry"),
    },
    "lead": {
        "first_name": Place("description", "contains"),
        "last_name": Place("description", "contains"),
        "interest": Place("description", "contains"),
        "source_id": cf("Clinic Lead ID"), "referral_type": cf("Referral Type", "enum"),
        "created_at": cf("Original Created", "instant"), "status": Place("status", "lead_status"),
        # the prospect's own details are on the Person the lead links to
        "email": Place("contact.emails", "email"), "phone": Place("contact.phones.phone", "phone"),
        "phone_mobile": Place("contact.phones.mobile", "phone"),
        "phone_home": Place("contact.phones.home", "phone"),
        "phone_work": Place("contact.phones.work", "phone"),
    },
    "appointment": {
        "starts_at": Place("startTime", "instant"), "ends_at": Place("endTime", "instant"),
        "appointment_type": Place("activityType", "activity_type"),
        "location": Place("location", "text"),
        "status": Place("isCancelled", "cancelled"),
        "notes": Place("description", "contains"),
    },
    "communication": {
        "occurred_at": Place("startTime", "instant"), "channel": Place("activityType",
                                                                       "activity_type"),
        "subject": Place("name", "text"), "direction": Place("description", "line"),
        "duration_minutes": Place("endTime", "duration"),
        "body": Place("description", "contains"),
    },
    "clinical_note": {
        "title": Place("body", "contains"), "body": Place("body", "contains"),
        "created_at": Place("body", "stamp"),
    },
    "document": {  # the activity's description; the file itself: verify's SHA-256 check
        "filename": Place("description", "contains"),
        "sha256": Place("description", "contains"), "path": Place("description", "contains"),
        "description": Place("description", "contains"),
        "content_type": Place("description", "contains"),
        "size_bytes": Place("description", "contains"),
        "category": Place("description", "contains"),
        "created_at": Place("description", "stamp_date"),
    },
    # carried kinds: custom fields on the patient's Person
    "insurance": {
        "carrier_name": cf("Insurance Carrier"), "plan_type": cf("Insurance Plan Type"),
        "member_id": cf("Insurance Member ID"), "group_number": cf("Insurance Group Number"),
        "copay": cf("Insurance Copay", "money"),
        # the other policies, as text beside the primary one's fields
        "_secondary": cf("Secondary Insurance", "contains"),
    },
    "insurance_verification": {
        "status": cf("Insurance Verification", "enum"),
        "verified_at": cf("Insurance Verified At", "date"),
        "payer_response": cf("Payer Response"),
    },
    "billing": {
        "outstanding_balance": cf("Outstanding Balance", "money"),
        "last_payment_date": cf("Last Payment Date", "date"),
        "last_payment_amount": cf("Last Payment Amount", "money"),
        "payment_plan": cf("Payment Plan"), "billing_status": cf("Billing Status", "enum"),
    },
    "referral": {
        "referral_type": cf("Referral Type", "enum"), "referrer_name": cf("Referred By", "contains"),
        "referred_at": cf("Referral Date", "date"),
    },
    "allergy_condition": {"name": Place("customFields.{list}", "list_item")},
}

# References: the field names another record; Nutshell holds that record's id (or its user's).
JOINED: dict[str, dict[str, str]] = {
    "patient": {"company_source_id": "accounts", "primary_provider_source_id": "owner"},
    "provider": {"company_source_id": "accounts"},
    "company": {},
    "lead": {"company_source_id": "accounts"},
    "appointment": {"patient_source_id": "participants", "provider_source_id": "owner",
                    "company_source_id": "-"},
    "communication": {"patient_source_id": "participants", "staff_source_id": "owner"},
    "clinical_note": {"patient_source_id": "parent", "author_source_id": "author",
                      "appointment_source_id": "-"},
    "document": {"patient_source_id": "participants", "lead_source_id": "lead"},
    "insurance": {"patient_source_id": "carrier"},
    "insurance_verification": {"patient_source_id": "carrier", "insurance_source_id": "-"},
    "billing": {"patient_source_id": "carrier"},
    "referral": {"patient_source_id": "carrier", "referrer_provider_source_id": "-",
                 "referrer_company_source_id": "-", "referrer_email": "referrer",
                 "referrer_phone": "referrer"},
    "allergy_condition": {"patient_source_id": "carrier"},
}

# Canonical fields the default map sends nowhere, and why (the operator confirms the mapping,
# and with it these).
DROPPED: dict[tuple[str, str], str] = {
    **{(k, "updated_at"): "Nutshell keeps its own modified time" for k in ENTITY},
    ("provider", "active"): "no Nutshell place for a staff member's active flag",
    ("appointment", "created_at"): "Nutshell sets an activity's created time itself",
    ("insurance", "currency"): "the copay's currency is the clinic's",
    ("insurance", "is_primary"): "used to choose the primary policy",
    ("insurance", "effective_from"): "not in the default map",
    ("insurance", "effective_to"): "not in the default map",
    ("billing", "currency"): "amounts are in the clinic's currency",
    ("referral", "notes"): "not in the default map",
    ("allergy_condition", "kind"): "chooses Allergies or Conditions",
    ("allergy_condition", "code"): "not in the default map",
    ("allergy_condition", "code_system"): "not in the default map",
    ("allergy_condition", "clinical_status"): "only active items are listed",
    ("allergy_condition", "recorded_at"): "not in the default map",
    ("document", "phi_review"): "holds a document back until cleared",
    ("appointment", "notes"): "clinical content not opted in",
    ("communication", "body"): "clinical content not opted in",
}


def place_of(doc: MappingDocument, kind: str, field: str) -> Place | None:
    """The field's place, with the mapping document's custom-field renames applied; None for
    clinical free text without the opt-in."""
    if (kind, field) in CLINICAL_FIELDS and not doc.settings.clinical_content:
        return None
    base = PLACES.get(kind, {}).get(field)
    if base is None or not base.place.startswith("customFields."):
        return base
    target = doc.nutshell.get(kind)
    renamed = target.field_names.get(field) if target is not None else None
    return Place(f"customFields.{renamed}", base.how) if renamed else base


def choices(doc: MappingDocument, kind: str, field: str) -> list[str]:
    target = doc.nutshell.get(kind)
    return list(target.choices.get(field, [])) if target is not None else []


def kind_sent(doc: MappingDocument, kind: str) -> bool:
    target = doc.nutshell.get(kind)
    if target is not None and not target.enabled:
        return False
    return kind not in CLINICAL or doc.settings.clinical_content


def on_lead(kind: str, values: Mapping[str, Any]) -> str:
    """The lead a document belongs to when it names a lead and no patient (its file is on
    the lead itself), else ""."""
    if kind != "document" or str(values.get("patient_source_id") or "").strip():
        return ""
    return str(values.get("lead_source_id") or "").strip()
