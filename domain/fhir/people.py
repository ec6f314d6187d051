"""FHIR people and organisations -> canonical records: Patient, Practitioner, PractitionerRole,
RelatedPerson, Organization, Location, and the leads (inactive Patient, RelatedPerson,
QuestionnaireResponse). The choices are listed in domain/fhir/resources.py's module doc.
"""

from __future__ import annotations

from typing import Any

from domain.fhir.values import (
    PARTIAL,
    Derived,
    address,
    all_identifiers,
    concept_code,
    concept_text,
    concept_words,
    contact_points,
    email,
    first,
    human_name,
    identifier,
    identifier_by_system,
    items,
    obj,
    phone,
    record,
    ref,
    text,
    typed_refs,
    website,
)

_PATIENT = ("Patient",)


def _last_updated(resource: dict[str, Any]) -> str | None:
    return text(obj(resource.get("meta")).get("lastUpdated"))


def _patient(r: dict[str, Any], sid: str) -> Derived:
    name = human_name(r.get("name"))
    telecom = r.get("telecom")
    deceased = r.get("deceasedBoolean") is True or text(r.get("deceasedDateTime")) is not None
    company = ref(r.get("managingOrganization"), "Organization")
    if r.get("active") is False and not deceased:
        return [("lead", record(
            source_id=sid, first_name=name["first_name"], last_name=name["last_name"],
            email=email(telecom), phone=phone(telecom, "mobile", "home", "work"),
            status="inquiry", company_source_id=company,
            extra={"fhir_active": False, "date_of_birth": text(r.get("birthDate"))},
        ))]
    phones = _patient_phones(telecom)
    provider = next((rid for kind, rid, _ in typed_refs(r.get("generalPractitioner"))
                     if kind in (None, "Practitioner")), None)
    if company is None:
        company = next((rid for kind, rid, _ in typed_refs(r.get("generalPractitioner"))
                        if kind == "Organization"), None)
    return [("patient", record(
        source_id=sid, first_name=name["first_name"], middle_name=name["middle_name"],
        last_name=name["last_name"], preferred_name=name["preferred_name"],
        date_of_birth=text(r.get("birthDate")), sex=text(r.get("gender")),
        email=email(telecom), **phones, **address(r.get("address")),
        contact_preference=_contact_preference(telecom),
        status="deceased" if deceased else "active",
        chart_number=identifier(r.get("identifier"), "MR"),
        company_source_id=company, primary_provider_source_id=provider,
        updated_at=_last_updated(r),
        extra={"identifiers": all_identifiers(r.get("identifier")),
               "language": _preferred_language(r.get("communication")),
               "marital_status": concept_text(r.get("maritalStatus")),
               "deceased_at": text(r.get("deceasedDateTime"))},
    ))]


def _patient_phones(telecom: Any) -> dict[str, str | None]:
    slots: dict[str, str | None] = {"phone_mobile": None, "phone_home": None, "phone_work": None}
    unlabelled = []
    for system, use, value in contact_points(telecom):
        if system == "sms" or (system == "phone" and use == "mobile"):
            slots["phone_mobile"] = slots["phone_mobile"] or value
        elif system == "phone" and use in ("home", "work"):
            key = f"phone_{use}"
            slots[key] = slots[key] or value
        elif system == "phone":
            unlabelled.append(value)
    for value in unlabelled:  # a number with no use fills the first free slot
        free = next((k for k in ("phone_home", "phone_mobile", "phone_work") if not slots[k]),
                    None)
        if free:
            slots[free] = value
    return slots


def _contact_preference(telecom: Any) -> str | None:
    """FHIR has no contact preference; the ContactPoint ranked 1 is the patient's preferred."""
    for point in items(telecom):
        if point.get("rank") == 1:
            return {"email": "email", "phone": "phone", "sms": "sms"}.get(
                text(point.get("system")) or "")
    return None


def _preferred_language(communication: Any) -> str | None:
    entries = items(communication)
    chosen = next((c for c in entries if c.get("preferred") is True),
                  entries[0] if entries else {})
    return concept_code(chosen.get("language")) if chosen else None


_NURSE_WORDS = ("nurse", " rn ", " lpn ", " lvn ")


def _practitioner(r: dict[str, Any], sid: str) -> Derived:
    name = human_name(r.get("name"))
    qualifications = items(r.get("qualification"))
    credentials = name["suffix"] or ", ".join(
        c for c in (concept_code(q.get("code")) for q in qualifications) if c) or None
    words = f" {concept_words(*(q.get('code') for q in qualifications))} {credentials or ''} "
    words = words.lower().replace(",", " ")
    license_number = next((text(i.get("value")) for q in qualifications
                           for i in items(q.get("identifier")) if text(i.get("value"))), None)
    active = r.get("active")
    return [("provider", record(
        source_id=sid, first_name=name["first_name"], last_name=name["last_name"],
        email=email(r.get("telecom")), phone=phone(r.get("telecom"), "work", "mobile"),
        role="nurse" if any(w in words for w in _NURSE_WORDS) else "provider",
        credentials=credentials,
        license_number=license_number or identifier(r.get("identifier"), "LN"),
        npi=identifier_by_system(r.get("identifier"), "us-npi"),
        active=active if isinstance(active, bool) else None,
        extra={"identifiers": all_identifiers(r.get("identifier"))},
    ))]


_ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("nurse", "nurse"), ("front desk", "front_desk"), ("reception", "front_desk"),
    ("billing", "billing"), ("admin", "admin"), ("ict", "admin"), ("doctor", "provider"),
    ("physician", "provider"), ("pcp", "provider"), ("dentist", "provider"),
    ("therapist", "provider"),
)


def _role(concepts: Any) -> str | None:
    words = concept_words(concepts)
    if not words:
        return None
    padded = f" {words} "
    for word, role in _ROLE_WORDS:
        if f" {word}" in padded:
            return role
    return concept_code(items(concepts)[0]) if items(concepts) else None


def _practitioner_role(r: dict[str, Any], sid: str) -> Derived:
    practitioner = ref(r.get("practitioner"), "Practitioner")
    active = r.get("active")
    fields = record(
        source_id=practitioner or f"PractitionerRole/{sid}",
        email=email(r.get("telecom")), phone=phone(r.get("telecom"), "work", "mobile"),
        role=_role(r.get("code")),
        specialty=next((concept_text(s) for s in items(r.get("specialty"))), None),
        company_source_id=ref(r.get("organization"), "Organization"),
        active=active if isinstance(active, bool) else None,
        extra={"role_source_id": sid,
               "location_source_ids": ", ".join(
                   f"Location/{rid}" for _, rid, _ in typed_refs(r.get("location"))) or None},
    )
    if practitioner:
        fields[PARTIAL] = True
    return [("provider", fields)]


def _related_person(r: dict[str, Any], sid: str) -> Derived:
    name = human_name(r.get("name"))
    relationship = next((concept_text(c) for c in items(r.get("relationship"))), None)
    return [("lead", record(
        source_id=f"RelatedPerson/{sid}", first_name=name["first_name"],
        last_name=name["last_name"], email=email(r.get("telecom")),
        phone=phone(r.get("telecom"), "mobile", "home", "work"), referral_type="patient",
        status="inquiry",
        extra={"patient_source_id": ref(r.get("patient"), *_PATIENT),
               "relationship": relationship},
    ))]


# --- organisations --------------------------------------------------------------------------

def _organization(r: dict[str, Any], sid: str) -> Derived:
    telecom = r.get("telecom")
    return [("company", record(
        source_id=sid, name=text(r.get("name")),
        parent_source_id=ref(r.get("partOf"), "Organization"), **address(r.get("address")),
        phone=phone(telecom, "work"), email=email(telecom), website=website(telecom),
        industry=next((concept_text(t) for t in items(r.get("type"))), None),
        extra={"npi": identifier_by_system(r.get("identifier"), "us-npi"),
               "active": r.get("active") if r.get("active") is False else None},
    ))]


def _location(r: dict[str, Any], sid: str) -> Derived:
    telecom = r.get("telecom")
    return [("company", record(
        source_id=f"Location/{sid}", name=text(r.get("name")),
        parent_source_id=ref(r.get("managingOrganization"), "Organization"),
        **address(r.get("address")), phone=phone(telecom, "work"), email=email(telecom),
        website=website(telecom),
        industry=next((concept_text(t) for t in items(r.get("type"))), None),
        extra={"location_status": text(r.get("status"))},
    ))]


_ANSWER_KEYS = ("valueString", "valueCoding", "valueInteger", "valueDecimal", "valueDate",
                "valueDateTime", "valueBoolean", "valueUri")
_LEAD_QUESTIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("first name", "given name", "firstname"), "first_name"),
    (("last name", "family name", "surname", "lastname"), "last_name"),
    (("e-mail", "email"), "email"),
    (("phone", "mobile", "telephone"), "phone"),
    (("interested in", "area of interest", "service of interest", "service requested",
      "reason for visit", "reason for inquiry"), "interest"),
)
_MAX_ITEM_DEPTH = 32


def _answers(item_list: Any, depth: int = 0) -> list[tuple[str, str]]:
    """(question words, first answer as text) of every answered item, nested ones included."""
    found: list[tuple[str, str]] = []
    if depth > _MAX_ITEM_DEPTH:
        return found
    for item in items(item_list):
        question = f"{text(item.get('text')) or ''} {text(item.get('linkId')) or ''}".lower()
        for answer in items(item.get("answer")):
            value = next((answer[k] for k in _ANSWER_KEYS if k in answer), None)
            shown = (first(obj(value).get("display"), obj(value).get("code"))
                     if isinstance(value, dict) else text(value))
            if shown:
                found.append((question, shown))
            found += _answers(answer.get("item"), depth + 1)
        found += _answers(item.get("item"), depth + 1)
    return found


def _questionnaire_response(r: dict[str, Any], sid: str) -> Derived:
    fields: dict[str, str] = {}
    for question, answer in _answers(r.get("item")):
        for keys, name in _LEAD_QUESTIONS:
            if name not in fields and any(k in question for k in keys):
                fields[name] = answer
                break
    questionnaire = r.get("questionnaire")  # R4: a canonical URL; STU3: a Reference
    form = text(questionnaire) or text(obj(questionnaire).get("reference"))
    form_name = form.rstrip("/").rsplit("/", 1)[-1].split("|")[0] if form else None
    return [("lead", record(
        source_id=f"QuestionnaireResponse/{sid}", first_name=fields.get("first_name"),
        last_name=fields.get("last_name"), email=fields.get("email"),
        phone=fields.get("phone"), interest=fields.get("interest") or form_name,
        status="inquiry", created_at=text(r.get("authored")),
        extra={"patient_source_id": ref(r.get("subject"), *_PATIENT),
               "questionnaire": form, "form_status": text(r.get("status"))},
    ))]


HANDLERS = {
    "Patient": _patient,
    "Practitioner": _practitioner,
    "PractitionerRole": _practitioner_role,
    "RelatedPerson": _related_person,
    "Organization": _organization,
    "Location": _location,
    "QuestionnaireResponse": _questionnaire_response,
}
