"""The canonical clinic model: record kinds, their field names and enumerations.

The names are a contract shared with mapping files, reports and operators' scripts
(design/canonical-model.md); they are used verbatim everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

COMMON_FIELDS: tuple[str, ...] = ("source_id", "created_at", "updated_at")

KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "patient": (
        "source_id", "first_name", "middle_name", "last_name", "preferred_name", "date_of_birth",
        "sex", "email", "phone_mobile", "phone_home", "phone_work", "address_line1",
        "address_line2", "city", "state", "postal_code", "country", "contact_preference",
        "status", "chart_number", "company_source_id", "primary_provider_source_id",
        "created_at", "updated_at",
    ),
    "insurance": (
        "source_id", "patient_source_id", "carrier_name", "plan_type", "member_id",
        "group_number", "copay", "currency", "is_primary", "effective_from", "effective_to",
    ),
    "insurance_verification": (
        "source_id", "patient_source_id", "insurance_source_id", "status", "verified_at",
        "payer_response",
    ),
    "appointment": (
        "source_id", "patient_source_id", "provider_source_id", "company_source_id", "starts_at",
        "ends_at", "appointment_type", "location", "status", "notes", "created_at",
    ),
    "clinical_note": (
        "source_id", "patient_source_id", "author_source_id", "appointment_source_id", "title",
        "body", "created_at",
    ),
    "allergy_condition": (
        "source_id", "patient_source_id", "kind", "name", "code", "code_system",
        "clinical_status", "recorded_at",
    ),
    "provider": (
        "source_id", "first_name", "last_name", "email", "phone", "role", "specialty",
        "credentials", "license_number", "npi", "company_source_id", "active",
    ),
    "billing": (
        "source_id", "patient_source_id", "outstanding_balance", "currency", "last_payment_date",
        "last_payment_amount", "payment_plan", "billing_status",
    ),
    "company": (
        "source_id", "name", "parent_source_id", "address_line1", "address_line2", "city",
        "state", "postal_code", "country", "phone", "email", "website", "industry",
    ),
    "referral": (
        "source_id", "patient_source_id", "referral_type", "referrer_name",
        "referrer_provider_source_id", "referrer_company_source_id", "referred_at", "notes",
        "referrer_email", "referrer_phone",
    ),
    "lead": (
        "source_id", "first_name", "last_name", "email", "phone", "referral_type", "interest",
        "status", "company_source_id", "created_at", "phone_mobile", "phone_home", "phone_work",
    ),
    "communication": (
        "source_id", "patient_source_id", "staff_source_id", "channel", "direction",
        "occurred_at", "duration_minutes", "subject", "body",
    ),
    "document": (
        "source_id", "patient_source_id", "filename", "content_type", "size_bytes", "sha256",
        "description", "category", "path", "created_at", "phi_review", "lead_source_id",
    ),
}

KINDS: tuple[str, ...] = tuple(KIND_FIELDS)

# Enumerations: (kind, field) -> allowed lowercase words. Unknown source values are kept raw
# and reported, never silently coerced.
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("patient", "sex"): ("female", "male", "other", "unknown"),
    ("patient", "contact_preference"): ("email", "sms", "phone", "mail", "none"),
    ("patient", "status"): ("active", "inactive", "deceased"),
    ("insurance_verification", "status"): ("verified", "pending", "denied", "expired"),
    ("appointment", "status"): ("booked", "arrived", "completed", "cancelled", "no_show"),
    ("allergy_condition", "kind"): ("allergy", "condition"),
    ("allergy_condition", "clinical_status"): ("active", "inactive", "resolved"),
    ("provider", "role"): ("provider", "nurse", "front_desk", "billing", "admin", "other"),
    ("billing", "billing_status"): ("current", "overdue", "collections", "paid"),
    ("referral", "referral_type"): ("physician", "self", "patient", "marketing", "insurer", "other"),
    ("lead", "referral_type"): ("physician", "self", "patient", "marketing", "insurer", "other"),
    ("lead", "status"): ("inquiry", "scheduled", "no_show", "converted", "lost"),
    ("communication", "channel"): ("call", "email", "sms", "letter", "meeting"),
    ("communication", "direction"): ("inbound", "outbound"),
    ("document", "category"): ("consent", "id_scan", "lab", "imaging", "letter", "other"),
    ("document", "phi_review"): ("required", "cleared"),
}

# Reference fields: (kind, field) -> the kind the source id points at.
REFERENCES: dict[tuple[str, str], str] = {
    (kind, field): target
    for kind, fields in KIND_FIELDS.items()
    for field in fields
    for target in [
        {
            "patient_source_id": "patient",
            "provider_source_id": "provider",
            "primary_provider_source_id": "provider",
            "author_source_id": "provider",
            "staff_source_id": "provider",
            "referrer_provider_source_id": "provider",
            "company_source_id": "company",
            "parent_source_id": "company",
            "referrer_company_source_id": "company",
            "appointment_source_id": "appointment",
            "insurance_source_id": "insurance",
            "lead_source_id": "lead",
        }.get(field, "")
    ]
    if target
}

# Fields that hold clinical content: they move only when the operator opts in.
CLINICAL_KINDS: frozenset[str] = frozenset({"clinical_note", "allergy_condition", "document"})

# Fields whose values identify a person (names, contact details, dates of birth, free text).
# Everything in a record is treated as PHI in logs; this list drives hashing in audit output.
PHI_FIELDS: frozenset[str] = frozenset({
    "first_name", "middle_name", "last_name", "preferred_name", "date_of_birth", "email",
    "phone_mobile", "phone_home", "phone_work", "phone", "address_line1", "address_line2",
    "city", "postal_code", "member_id", "group_number", "payer_response", "notes", "title",
    "body", "subject", "referrer_name", "filename", "path", "description", "chart_number",
    "name", "interest", "referrer_email", "referrer_phone",
})


def qualified(kind: str, field: str) -> str:
    """`patient.date_of_birth`: the spelling used by mapping files and reports."""
    return f"{kind}.{field}"


def all_qualified_fields() -> list[str]:
    return [qualified(k, f) for k, fs in KIND_FIELDS.items() for f in fs]


# What became of a visit, read from the words of a status or its reason in the clinic's
# language ("Cancelled by patient", "Broken - no show", "Did Not Attend", "Non presentato",
# "Disdetto", "Nicht erschienen"), the first status whose words are found winning: a visit said
# both missed and cancelled ("Cancelled - DNA", "Broken: failed to show") was missed, one said
# broken and cancelled ("Broken - patient cancelled") was cancelled; broken alone was missed.
OUTCOME_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (status, re.compile(r"(?<![\w])(?:" + "|".join(words) + r")", re.I)) for status, words in (
        ("no_show", (r"no[ _-]?show", r"dna\b", r"did not (?:attend|arrive|show|come)",
                     r"failed to (?:attend|arrive|show|come)", r"not arrived", r"not seen", r"missed",
                     r"non presentat", r"non si (?:è|e) presentat", r"assente",
                     r"nicht erschienen", r"no (?:asisti|se present|present|compareci)",
                     r"faltou", r"n[ãa]o compareceu", r"niet verschenen", r"pas venu",
                     r"absent")),
        ("cancelled", (r"cancel", r"disdett", r"annull", r"annul", r"storn", r"abgesagt",
                       r"geannuleerd", r"afgezegd", r"desmarc", r"rescheduled")),
        ("no_show", (r"broken",)),
        ("completed", (r"complet", r"eseguit", r"effettuat", r"erledigt", r"realizad",
                       r"atendid", r"conclu[ií]d", r"termin[ée]", r"afgerond", r"voltooid",
                       r"attended", r"seen\b", r"show(?:ed)?\b")),
        ("arrived", (r"arrived", r"checked in", r"sala d.attesa", r"waiting room",
                     r"angekommen", r"wartezimmer", r"en sala", r"chegou", r"aanwezig",
                     r"arriv[ée]")),
        ("booked", (r"confermat", r"prenotat", r"bestätigt", r"geplant", r"confirmad",
                    r"agendad", r"programad", r"confirm[ée]", r"bevestigd", r"gepland",
                    r"confirmed", r"scheduled", r"booked")),
    ))


def visit_outcome(text: str) -> str | None:
    """The appointment status a free status or reason says, or None."""
    return next((status for status, words in OUTCOME_WORDS if words.search(text)), None)


def point_at(kind: str, raw: dict[str, Any], primary: str, fields: Mapping[str, Any]) -> None:
    """A record carried on another record's row points at it (insurance on a patient row); one
    that cannot point at that kind (an allergy on an intake form's note) points where the row's
    record points: the note's patient is the allergy's."""
    direct = next((name for (k, name), target in REFERENCES.items()
                   if k == kind and target == primary and name != "source_id"), None)
    if direct is not None:
        raw.setdefault(direct, fields["source_id"])
        return
    for (k, name), target in REFERENCES.items():
        if k != kind or name in raw:
            continue
        held = next((fields[f] for (pk, f), t in REFERENCES.items()
                     if pk == primary and t == target and fields.get(f)), None)
        if held is not None:
            raw[name] = held
