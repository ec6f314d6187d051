"""Which Nutshell custom fields the default map uses, and the order a run pushes kinds in.

The catalogue below is design/nutshell-mapping.md in table form: one row per canonical field that
lands in a Nutshell custom field. Names can be overridden per kind in the mapping document
(`doc.nutshell[kind].field_names`, `.custom_field_types`, `.choices`); every payload builder asks
`cf_name` so an override changes the definition and the values together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.mapping import MappingDocument
from domain.ports import CustomFieldSpec
from domain.records.canonical import CLINICAL_KINDS, ENUMS

# Kinds in the order a run pushes them. Custom-field definitions are created before any of
# these (they are not a canonical kind). Carried kinds produce no writes of their own; they sit
# right after the patient so a delta on them is planned after the patient exists.
RUN_ORDER: tuple[str, ...] = (
    "company", "provider", "patient",
    "insurance", "insurance_verification", "allergy_condition", "billing", "referral",
    "lead", "appointment", "communication", "clinical_note", "document",
)

# Kinds that travel as custom fields on the patient's Person.
CARRIED_BY_PATIENT: frozenset[str] = frozenset(
    {"insurance", "insurance_verification", "allergy_condition", "billing", "referral"}
)

# The Nutshell collection each kind writes to (carried kinds write through the patient).
ENTITY_OF: dict[str, str] = {
    "company": "accounts", "provider": "contacts", "patient": "contacts", "lead": "leads",
    "appointment": "activities", "communication": "activities", "clinical_note": "notes",
    "document": "notes",
    **{k: "contacts" for k in CARRIED_BY_PATIENT},
}


@dataclass(frozen=True)
class CFDef:
    kind: str
    field: str  # canonical field, or a "_"-prefixed pseudo field for derived values
    entity: str
    name: str
    type: str = "Text"
    choices: tuple[str, ...] = ()


def _enum(kind: str, field: str) -> tuple[str, ...]:
    return ENUMS[(kind, field)]


CATALOGUE: tuple[CFDef, ...] = (
    # patient
    CFDef("patient", "source_id", "contacts", "Clinic Patient ID"),
    CFDef("patient", "preferred_name", "contacts", "Preferred Name"),
    CFDef("patient", "middle_name", "contacts", "Middle Name"),
    CFDef("patient", "date_of_birth", "contacts", "Date of Birth", "Date"),
    CFDef("patient", "sex", "contacts", "Sex", "Decision", _enum("patient", "sex")),
    CFDef("patient", "chart_number", "contacts", "Chart Number"),
    CFDef("patient", "contact_preference", "contacts", "Contact Preference", "Decision",
          _enum("patient", "contact_preference")),
    CFDef("patient", "status", "contacts", "Patient Status", "Decision",
          _enum("patient", "status")),
    # Text, not Date: an ISO 8601 moment keeps the time of day (createdTime is not writable)
    CFDef("patient", "created_at", "contacts", "Original Created"),
    # insurance (primary policy; the others as text)
    CFDef("insurance", "carrier_name", "contacts", "Insurance Carrier"),
    CFDef("insurance", "plan_type", "contacts", "Insurance Plan Type"),
    CFDef("insurance", "member_id", "contacts", "Insurance Member ID"),
    CFDef("insurance", "group_number", "contacts", "Insurance Group Number"),
    CFDef("insurance", "copay", "contacts", "Insurance Copay", "Currency"),
    CFDef("insurance", "_secondary", "contacts", "Secondary Insurance"),
    # insurance_verification
    CFDef("insurance_verification", "status", "contacts", "Insurance Verification", "Decision",
          _enum("insurance_verification", "status")),
    CFDef("insurance_verification", "verified_at", "contacts", "Insurance Verified At", "Date"),
    CFDef("insurance_verification", "payer_response", "contacts", "Payer Response"),
    # allergy_condition
    CFDef("allergy_condition", "_allergies", "contacts", "Allergies"),
    CFDef("allergy_condition", "_conditions", "contacts", "Conditions"),
    # provider
    CFDef("provider", "source_id", "contacts", "Clinic Staff ID"),
    CFDef("provider", "role", "contacts", "Clinic Role", "Decision", _enum("provider", "role")),
    CFDef("provider", "specialty", "contacts", "Specialty"),
    CFDef("provider", "credentials", "contacts", "Credentials"),
    CFDef("provider", "license_number", "contacts", "License Number"),
    CFDef("provider", "npi", "contacts", "NPI"),
    # billing
    CFDef("billing", "outstanding_balance", "contacts", "Outstanding Balance", "Currency"),
    CFDef("billing", "last_payment_date", "contacts", "Last Payment Date", "Date"),
    CFDef("billing", "last_payment_amount", "contacts", "Last Payment Amount", "Currency"),
    CFDef("billing", "payment_plan", "contacts", "Payment Plan"),
    CFDef("billing", "billing_status", "contacts", "Billing Status", "Decision",
          _enum("billing", "billing_status")),
    # company
    CFDef("company", "source_id", "accounts", "Clinic Company ID"),
    CFDef("company", "parent_source_id", "accounts", "Parent Company"),
    CFDef("company", "industry", "accounts", "Industry"),
    # referral
    CFDef("referral", "referral_type", "contacts", "Referral Type", "Decision",
          _enum("referral", "referral_type")),
    CFDef("referral", "referrer_name", "contacts", "Referred By"),
    CFDef("referral", "referred_at", "contacts", "Referral Date", "Date"),
    # lead: the lead itself and the Person created for the prospect share the external key
    CFDef("lead", "source_id", "leads", "Clinic Lead ID"),
    CFDef("lead", "_prospect_key", "contacts", "Clinic Lead ID"),
    CFDef("lead", "status", "leads", "Lead Stage", "Decision", ("scheduled", "no_show")),
    CFDef("lead", "referral_type", "leads", "Referral Type", "Decision",
          _enum("lead", "referral_type")),
    CFDef("lead", "created_at", "leads", "Original Created"),
)

_BY_KEY: dict[tuple[str, str], CFDef] = {(d.kind, d.field): d for d in CATALOGUE}

# Entities that can hold custom fields (activities and notes cannot).
CF_ENTITIES: frozenset[str] = frozenset({"contacts", "accounts", "leads"})

# The external key each kind is found by after an ambiguous create: (kind, field) in CATALOGUE.
EXTERNAL_KEY_FIELD: dict[str, str] = {
    "patient": "source_id", "provider": "source_id", "company": "source_id", "lead": "source_id",
}


def kind_enabled(doc: MappingDocument, kind: str) -> bool:
    target = doc.nutshell.get(kind)
    if target is not None and not target.enabled:
        return False
    return kind not in CLINICAL_KINDS or doc.settings.clinical_content


def cf_def(doc: MappingDocument, kind: str, field: str) -> CFDef:
    """The catalogue row with the mapping document's overrides applied."""
    base = _BY_KEY[(kind, field)]
    target = doc.nutshell.get(kind)
    if target is None:
        return base
    choices = target.choices.get(field)
    return CFDef(
        kind, field, base.entity,
        target.field_names.get(field, base.name),
        target.custom_field_types.get(field, base.type),
        tuple(choices) if choices is not None else base.choices,
    )


def cf_name(doc: MappingDocument, kind: str, field: str) -> str:
    return cf_def(doc, kind, field).name


def cf_value(doc: MappingDocument, kind: str, field: str, value: str) -> str:
    """A pick-list value in the spelling of the field's choices (an operator may have renamed
    "female" to "Female"). A value matching no choice is sent as it is: Nutshell refuses it
    loudly rather than the migration dropping it quietly."""
    d = cf_def(doc, kind, field)
    if d.type != "Decision":
        return value
    return next((c for c in d.choices if c.casefold() == value.casefold()), value)


def external_key_name(doc: MappingDocument, kind: str) -> str:
    return cf_name(doc, kind, EXTERNAL_KEY_FIELD[kind])


def column_custom_fields(doc: MappingDocument, kind: str) -> list[tuple[str, str, str]]:
    """(source column, custom field name, type) the mapping proposes for unmapped columns of
    files of this kind, and of files whose route sends rows to this kind (a patient file's
    prospective rows are leads: their vendor columns go with them); key/value tables
    included."""
    out: list[tuple[str, str, str]] = []
    for fname in sorted(doc.files):
        fm = doc.files[fname]
        routed = fm.route is not None and kind in fm.route.values.values()
        if fm.kind != kind and not routed:
            continue
        for col, cm in [*sorted(fm.columns.items()), *sorted(fm.key_values.items())]:
            if cm.target is None and cm.custom_field:
                out.append((col, cm.custom_field, cm.custom_field_type or "Text"))
    return out


def custom_field_specs(doc: MappingDocument, kinds_present: Iterable[str]) -> list[CustomFieldSpec]:
    """Every custom-field definition the run needs, de-duplicated by (entity, name) with names
    compared as Nutshell compares them (case-insensitively: a second spelling would be refused),
    in a stable order (catalogue order, then proposed columns)."""
    present = [k for k in RUN_ORDER if k in set(kinds_present) and kind_enabled(doc, k)]
    specs: dict[tuple[str, str], CustomFieldSpec] = {}
    for kind in present:
        for base in CATALOGUE:
            if base.kind != kind:
                continue
            d = cf_def(doc, kind, base.field)
            specs.setdefault((d.entity, d.name.casefold()), CustomFieldSpec(
                d.entity, d.name, d.type, d.choices if d.type == "Decision" else ()))
        entity = ENTITY_OF[kind]
        if entity not in CF_ENTITIES:
            continue
        for _col, name, proposed in column_custom_fields(doc, kind):
            target = doc.nutshell.get(kind)
            choices = tuple(target.choices.get(name, ())) if target is not None else ()
            # A pick-list needs its choices (Nutshell rejects one without): text until given.
            cf_type = "Text" if proposed == "Decision" and not choices else proposed
            specs.setdefault((entity, name.casefold()), CustomFieldSpec(
                entity, name, cf_type, choices if cf_type == "Decision" else ()))
    return list(specs.values())


def cf_types(specs: Iterable[CustomFieldSpec]) -> dict[str, str]:
    """Expectation path -> custom-field type, the hint `compare` uses to normalise values."""
    return {f"{s.entity}.customFields.{s.name}": s.type for s in specs}


def default_cf_types(doc: MappingDocument | None = None) -> dict[str, str]:
    doc = doc or MappingDocument()
    out: dict[str, str] = {}
    for base in CATALOGUE:
        d = cf_def(doc, base.kind, base.field)
        out[f"{d.entity}.customFields.{d.name}"] = d.type
    return out


def order_key(kind: str, fields: Mapping[str, object]) -> tuple[int, int, str]:
    """Sort key for a run: kinds in RUN_ORDER, top-level companies before branches. Deeper
    hierarchies are settled by Blocked plans being retried once the parent has an id."""
    rank = RUN_ORDER.index(kind) if kind in RUN_ORDER else len(RUN_ORDER)
    depth = 1 if kind == "company" and fields.get("parent_source_id") else 0
    return (rank, depth, str(fields.get("source_id", "")))
