"""FHIR resources -> canonical records, by the standard (R4, and the STU3 shapes that differ).

`derive_resource(resource, full_url)` returns `(kind, raw fields)` pairs using the canonical
field names verbatim; values stay text/primitives (domain.records.validation normalises them). Extra
facts with no canonical home go under `"extra"`.

Which resource makes which kind (source_id in brackets), and the choices made where FHIR is
not one-to-one:
- Patient -> patient [id]; `active: false` and not deceased -> lead, status inquiry [id].
- Practitioner -> provider [id]: role "provider", "nurse" when a qualification says so.
- PractitionerRole -> provider with `"_partial": True` [the practitioner's id]: only the
  fields the role adds (role, specialty, company, contact); a role naming no practitioner
  stands alone [`PractitionerRole/<id>`], not partial.
- Organization -> company [id]; partOf -> parent_source_id.
- Location -> company, a branch of its managingOrganization [`Location/<id>`]; appointments
  and encounters at a Location point their company_source_id at that branch.
- Appointment -> appointment [id]; Encounter -> appointment, a visit that happened
  [`Encounter/<id>`].
- Coverage -> insurance [id].
- DocumentReference -> document, one per `content` item [id, then `<id>#2`...]: metadata
  only; inline data is hashed (sha256, size), never interpreted; phi_review "required".
- AllergyIntolerance -> allergy_condition, kind allergy [id]; Condition -> kind condition
  [`Condition/<id>`].
- ServiceRequest (and STU3 ReferralRequest [`ReferralRequest/<id>`]) -> referral [id], when it
  is one (below).
- RelatedPerson -> lead [`RelatedPerson/<id>`]: a person known to the clinic through a
  patient, referral_type patient (the patient is in extra). Chosen over referral because a
  relative is a contact to win, not a source of the patient.
- QuestionnaireResponse -> lead [`QuestionnaireResponse/<id>`]: an intake form; name, email,
  phone and interest are read from answers whose question says so.
- Account -> billing [id]: balance from STU3 `balance` or an R5-style `balance[]`.
- ExplanationOfBenefit -> billing [`ExplanationOfBenefit/<id>`]: the last payment; totals go
  to extra, no balance is invented.
- Communication -> communication [id].

A `Type/` prefix is used where one kind is fed by two resource types whose ids may collide.
A ServiceRequest is a referral when a category or its code says so (SNOMED 3457005 "patient
referral", 410606002 "social service procedure", or the word "referral"); lab, imaging and
other orders are ignored by design. AllergyIntolerance/Condition marked entered-in-error are
ignored by design.

Every other resource type, and the cases above, return `[(IGNORED, {"resource_type": ...,
"reason": ...})]`: ignored by design, as opposed to `UnmappableResource` (a failure).

The per-resource translations live in domain/fhir/people.py and domain/fhir/care.py; the
datatype readers they share in domain/fhir/values.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.fhir import care as fhir_care
from domain.fhir import people as fhir_people
from domain.fhir.values import (
    IGNORED,
    PARTIAL,
    URN_UUID,
    Derived,
    ignored,
    reference_id,
    text,
)

__all__ = ["IGNORED", "PARTIAL", "UnmappableResource", "derive_resource",
           "kinds_for_resource_type", "resource_source_id"]

_KINDS: dict[str, tuple[str, ...]] = {
    "Patient": ("patient", "lead"),
    "Practitioner": ("provider",),
    "PractitionerRole": ("provider",),
    "Organization": ("company",),
    "Location": ("company",),
    "Appointment": ("appointment",),
    "Encounter": ("appointment",),
    "Coverage": ("insurance",),
    "DocumentReference": ("document",),
    "AllergyIntolerance": ("allergy_condition",),
    "Condition": ("allergy_condition",),
    "ServiceRequest": ("referral",),
    "ReferralRequest": ("referral",),
    "RelatedPerson": ("lead",),
    "QuestionnaireResponse": ("lead",),
    "Account": ("billing",),
    "ExplanationOfBenefit": ("billing",),
    "Communication": ("communication",),
}


class UnmappableResource(ValueError):
    """The resource cannot make a record (no identity, not an object). Names the resource type
    and the element at fault, never a value."""


def kinds_for_resource_type(resource_type: str) -> list[str]:
    """The canonical kinds a resource type can produce ([] when it is ignored by design)."""
    return list(_KINDS.get(resource_type, ()))


def resource_source_id(resource: dict[str, Any], full_url: str | None) -> str | None:
    """The resource's own id, else the uuid of a urn:uuid fullUrl, else the id at the end of
    an absolute fullUrl."""
    own = text(resource.get("id"))
    if own:
        return own
    url = text(full_url)
    if url and (url.startswith(URN_UUID) or "/" in url):
        return reference_id(url)
    return None


def derive_resource(resource: dict[str, Any] | None, full_url: str | None = None) -> Derived:
    """(canonical kind, raw fields) pairs of one resource; see the module doc.

    A Bundle entry (`{"fullUrl": ..., "resource": {...}}`, the shape FHIR sources yield as
    row values) is accepted too and unwrapped.
    """
    if not isinstance(resource, dict):
        raise UnmappableResource("FHIR resource is not a JSON object")
    if "resourceType" not in resource and isinstance(resource.get("resource"), dict):
        full_url = full_url or text(resource.get("fullUrl"))
        resource = resource["resource"]
    resource_type = text(resource.get("resourceType"))
    if resource_type is None:
        raise UnmappableResource("FHIR resource has no resourceType")
    handler = _HANDLERS.get(resource_type)
    if handler is None:
        return ignored(resource_type, "resource type not migrated")
    sid = resource_source_id(resource, full_url)
    if sid is None:
        raise UnmappableResource(f"{resource_type} has neither an id nor a fullUrl to name it")
    return handler(resource, sid)


_HANDLERS: dict[str, Callable[[dict[str, Any], str], Derived]] = {
    **fhir_people.HANDLERS, **fhir_care.HANDLERS}

assert set(_HANDLERS) == set(_KINDS)  # the two tables name the same types
