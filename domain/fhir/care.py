"""FHIR care and business resources -> canonical records: Appointment, Encounter, Coverage,
Account, ExplanationOfBenefit, AllergyIntolerance, Condition, DocumentReference,
ServiceRequest/ReferralRequest, Communication. The choices are listed in domain/fhir/resources.py's
module doc.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from typing import Any

from domain.fhir.values import (
    Derived,
    codings,
    concept_code,
    concept_text,
    concept_words,
    first,
    has_code,
    identifier,
    ignored,
    items,
    money,
    obj,
    record,
    ref,
    text,
    typed_refs,
)

_PATIENT = ("Patient",)


# --- scheduling -----------------------------------------------------------------------------

_APPOINTMENT_STATUS = {
    "proposed": "booked", "pending": "booked", "booked": "booked", "waitlist": "booked",
    "arrived": "arrived", "checked-in": "arrived", "fulfilled": "completed",
    "cancelled": "cancelled", "noshow": "no_show",
}
_ENCOUNTER_STATUS = {
    "planned": "booked", "arrived": "arrived", "triaged": "arrived", "in-progress": "arrived",
    "onleave": "arrived", "finished": "completed", "cancelled": "cancelled",
}


def _mapped_status(value: Any, table: dict[str, str]) -> str | None:
    raw = text(value)
    return table.get(raw, raw) if raw else None  # unknown values stay raw, validation reports


def _appointment(r: dict[str, Any], sid: str) -> Derived:
    patient = provider = company = location = role = None
    for participant in items(r.get("participant")):
        actor = obj(participant.get("actor"))
        for kind, rid, reference in typed_refs([actor]):
            if kind == "Patient":
                patient = patient or rid
            elif kind == "Practitioner":
                provider = provider or rid
            elif kind == "PractitionerRole":
                role = role or rid
            elif kind == "Location":
                company = company or f"Location/{rid}"
                location = location or text(reference.get("display"))
    notes = "\n".join(t for t in (text(r.get("description")), text(r.get("comment"))) if t)
    return [("appointment", record(
        source_id=sid, patient_source_id=patient, provider_source_id=provider,
        company_source_id=company, starts_at=text(r.get("start")), ends_at=text(r.get("end")),
        appointment_type=concept_text(r.get("appointmentType"))
        or next((concept_text(s) for s in items(r.get("serviceType"))), None),
        location=location, status=_mapped_status(r.get("status"), _APPOINTMENT_STATUS),
        notes=notes or None, created_at=text(r.get("created")),
        extra={"provider_role_source_id": role},
    ))]


def _encounter(r: dict[str, Any], sid: str) -> Derived:
    period = obj(r.get("period"))
    provider = role = None
    for participant in items(r.get("participant")):
        for kind, rid, _ in typed_refs([obj(participant.get("individual"))]):
            if kind in (None, "Practitioner"):
                provider = provider or rid
            elif kind == "PractitionerRole":
                role = role or rid
    places = [obj(p.get("location")) for p in items(r.get("location"))]
    location = next((text(p.get("display")) for p in places if text(p.get("display"))), None)
    company = ref(r.get("serviceProvider"), "Organization")
    if company is None:
        company = next((f"Location/{rid}" for _, rid, _ in typed_refs(places)), None)
    encounter_class = r.get("class")
    appointments = typed_refs(r.get("appointment"))
    return [("appointment", record(
        source_id=f"Encounter/{sid}",
        patient_source_id=ref(r.get("subject"), *_PATIENT) or ref(r.get("patient"), *_PATIENT),
        provider_source_id=provider, company_source_id=company,
        starts_at=text(period.get("start")), ends_at=text(period.get("end")),
        appointment_type=next((concept_text(t) for t in items(r.get("type"))), None)
        or first(obj(encounter_class).get("display"), obj(encounter_class).get("code")),
        location=location, status=_mapped_status(r.get("status"), _ENCOUNTER_STATUS),
        extra={"encounter_class": text(obj(encounter_class).get("code")),
               "appointment_source_id": appointments[0][1] if appointments else None,
               "provider_role_source_id": role},
    ))]


# --- insurance and billing ------------------------------------------------------------------

def _coverage(r: dict[str, Any], sid: str) -> Derived:
    classes = {concept_code(c.get("type")): c for c in items(r.get("class"))}
    grouping = obj(r.get("grouping"))  # STU3
    plan = classes.get("plan", {})
    copay = amount_currency = None
    for cost in items(r.get("costToBeneficiary")):
        if "copay" in concept_words(cost.get("type")):
            copay, amount_currency = money(cost.get("valueMoney"))
            break
    order = r.get("order")
    payors = items(r.get("payor"))
    return [("insurance", record(
        source_id=sid, patient_source_id=ref(r.get("beneficiary"), *_PATIENT),
        carrier_name=next((text(p.get("display")) for p in payors if text(p.get("display"))),
                          None),
        plan_type=first(plan.get("name"), plan.get("value"), grouping.get("planDisplay"),
                        grouping.get("plan")) or concept_text(r.get("type")),
        member_id=text(r.get("subscriberId")) or identifier(r.get("identifier"), "MB"),
        group_number=first(classes.get("group", {}).get("value"), grouping.get("group")),
        copay=copay, currency=amount_currency,
        is_primary=(order == 1) if isinstance(order, int) and not isinstance(order, bool)
        else None,
        effective_from=text(obj(r.get("period")).get("start")),
        effective_to=text(obj(r.get("period")).get("end")),
        extra={"carrier_source_id": next((rid for _, rid, _ in typed_refs(payors)), None),
               "coverage_status": text(r.get("status"))},
    ))]


def _account(r: dict[str, Any], sid: str) -> Derived:
    subjects = r.get("subject")
    patient = next((rid for kind, rid, _ in typed_refs(subjects if isinstance(subjects, list)
                                                        else [subjects])
                    if kind in (None, "Patient")), None)
    balance = r.get("balance")
    if isinstance(balance, list):  # the R5 shape, met in R4 exports that backport it
        balance = next((b.get("amount") for b in items(balance)), None)
    amount, currency = money(balance)
    return [("billing", record(
        source_id=sid, patient_source_id=patient, outstanding_balance=amount,
        currency=currency,
        extra={"account_status": text(r.get("status")),
               "account_type": concept_text(r.get("type")), "name": text(r.get("name"))},
    ))]


def _explanation_of_benefit(r: dict[str, Any], sid: str) -> Derived:
    payment = obj(r.get("payment"))
    amount, currency = money(payment.get("amount"))
    extra: dict[str, Any] = {"insurer": text(obj(r.get("insurer")).get("display")),
                             "created": text(r.get("created"))}
    for total in items(r.get("total")):  # R4; STU3 spells the submitted total totalCost
        value, total_currency = money(total.get("amount"))
        code = concept_code(total.get("category"))
        if code and value:
            extra[f"total_{code}"] = value
            currency = currency or total_currency
    stu3_total, stu3_currency = money(r.get("totalCost"))
    if stu3_total:
        extra["total_submitted"] = stu3_total
        currency = currency or stu3_currency
    return [("billing", record(
        source_id=f"ExplanationOfBenefit/{sid}", patient_source_id=ref(r.get("patient"),
                                                                       *_PATIENT),
        last_payment_date=text(payment.get("date")), last_payment_amount=amount,
        currency=currency, extra=extra,
    ))]


# --- clinical -------------------------------------------------------------------------------

_CLINICAL_STATUS = {"active": "active", "recurrence": "active", "relapse": "active",
                    "inactive": "inactive", "remission": "inactive", "resolved": "resolved"}


def _allergy_or_condition(kind: str, prefix: str) -> Callable[[dict[str, Any], str], Derived]:
    def derive(r: dict[str, Any], sid: str) -> Derived:
        resource_type = prefix or "AllergyIntolerance"
        if concept_code(r.get("verificationStatus")) == "entered-in-error":
            return ignored(resource_type, "entered-in-error")
        code = r.get("code") if isinstance(r.get("code"), dict) else r.get("substance")
        coding = next(iter(codings(code)), {})
        patient = ref(r.get("patient"), *_PATIENT) or ref(r.get("subject"), *_PATIENT)
        return [("allergy_condition", record(
            source_id=f"{prefix}/{sid}" if prefix else sid, patient_source_id=patient,
            kind=kind, name=concept_text(code), code=text(coding.get("code")),
            code_system=text(coding.get("system")),
            clinical_status=_mapped_status(concept_code(r.get("clinicalStatus")),
                                           _CLINICAL_STATUS),
            recorded_at=first(r.get("recordedDate"), r.get("assertedDate"),
                              r.get("onsetDateTime"), obj(r.get("onsetPeriod")).get("start")),
            extra={"verification_status": concept_code(r.get("verificationStatus"))},
        ))]
    return derive


_DOCUMENT_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("consent", "advance directive", "living will", "power of attorney", "59284-0"),
     "consent"),
    (("identification", "id card", "insurance card", "driver", "passport"), "id_scan"),
    (("laboratory", "lab report", "lab result", "pathology"), "lab"),
    (("imaging", "radiology", "x-ray", "xray", "ultrasound", "mri", " ct "), "imaging"),
    (("letter", "correspondence", "discharge summary", "referral note"), "letter"),
)


def _document_category(r: dict[str, Any]) -> str:
    words = f" {concept_words(r.get('type'), r.get('category'), r.get('class'))} "
    for keys, category in _DOCUMENT_WORDS:
        if any(k in words for k in keys):
            return category
    return "other"


def _inline_digest(data: Any) -> tuple[str | None, int | None]:
    """sha256 and size of inline base64 data: hashed, never interpreted."""
    if not isinstance(data, str):
        return None, None
    try:
        raw = base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None, None
    return hashlib.sha256(raw).hexdigest(), len(raw)


def _document(r: dict[str, Any], sid: str) -> Derived:
    contents = items(r.get("content")) or [{}]
    records: Derived = []
    for number, content in enumerate(contents, start=1):
        attachment = obj(content.get("attachment"))
        digest, decoded_size = _inline_digest(attachment.get("data"))
        size = attachment.get("size")
        records.append(("document", record(
            source_id=sid if number == 1 else f"{sid}#{number}",
            patient_source_id=ref(r.get("subject"), *_PATIENT),
            filename=text(attachment.get("title")),
            content_type=text(attachment.get("contentType")),
            size_bytes=size if isinstance(size, int) and not isinstance(size, bool)
            else decoded_size,
            sha256=digest, description=text(r.get("description"))
            or concept_text(r.get("type")),
            category=_document_category(r), path=text(attachment.get("url")),
            created_at=first(r.get("date"), r.get("indexed"), r.get("created"),
                             attachment.get("creation")),
            phi_review="required",
            extra={"document_status": text(r.get("status")),
                   "content_count": len(contents) if len(contents) > 1 else None},
        )))
    return records


# --- referrals, leads, communications -------------------------------------------------------

_REFERRAL_CODES = ("3457005", "410606002")


def _referral(r: dict[str, Any], sid: str) -> Derived:
    resource_type = text(r.get("resourceType")) or "ServiceRequest"
    concepts = [r.get("category"), r.get("code"), r.get("type"), r.get("serviceRequested")]
    is_referral = resource_type == "ReferralRequest" or has_code(
        [c for concept in concepts for c in items(concept)], *_REFERRAL_CODES) or (
        "referral" in concept_words(*concepts))
    if not is_referral:
        return ignored(resource_type, "an order, not a referral")
    requester = obj(r.get("requester"))
    if "agent" in requester:  # STU3: requester is a backbone element around the agent
        requester = obj(requester.get("agent"))
    requester_type, requester_id = next(
        ((kind, rid) for kind, rid, _ in typed_refs([requester])), (None, None))
    referral_type = {"Practitioner": "physician", "PractitionerRole": "physician",
                     "Organization": "other", "Patient": "self",
                     "RelatedPerson": "patient"}.get(requester_type or "")
    notes = [concept_text(r.get("code")) or concept_text(r.get("type"))]
    notes += [text(n.get("text")) for n in items(r.get("note"))]
    return [("referral", record(
        source_id=sid if resource_type == "ServiceRequest" else f"{resource_type}/{sid}",
        patient_source_id=ref(r.get("subject"), *_PATIENT), referral_type=referral_type,
        referrer_name=text(requester.get("display")),
        referrer_provider_source_id=requester_id if requester_type == "Practitioner" else None,
        referrer_company_source_id=requester_id if requester_type == "Organization" else None,
        referred_at=first(r.get("authoredOn"), r.get("occurrenceDateTime")),
        notes="\n".join(n for n in notes if n) or None,
        extra={"referral_status": text(r.get("status")),
               "referred_to": next((text(p.get("display")) for p in items(r.get("performer"))
                                    if text(p.get("display"))), None)},
    ))]


_MEDIUM_CHANNEL = {"PHONE": "call", "EMAILWRIT": "email", "MAILWRIT": "letter",
                   "WRITTEN": "letter", "HANDWRIT": "letter", "TYPEWRIT": "letter",
                   "FAXWRIT": "letter", "FACE": "meeting", "VIDEOCONF": "meeting",
                   "SMSWRIT": "sms"}
_SENDERS_INBOUND = ("Patient", "RelatedPerson")
_SENDERS_OUTBOUND = ("Practitioner", "PractitionerRole", "Organization", "CareTeam", "Device")


def _channel(media: Any) -> str | None:
    for medium in items(media):
        code = concept_code(medium)
        if code and code.upper() in _MEDIUM_CHANNEL:
            return _MEDIUM_CHANNEL[code.upper()]
        words = concept_words(medium)
        for word, channel in (("sms", "sms"), ("text message", "sms"), ("email", "email"),
                              ("phone", "call"), ("letter", "letter"), ("mail", "letter")):
            if word in words:
                return channel
        return concept_text(medium)
    return None


def _communication(r: dict[str, Any], sid: str) -> Derived:
    sender_kind, sender_id = next(((k, i) for k, i, _ in typed_refs([r.get("sender")])),
                                  (None, None))
    direction = ("inbound" if sender_kind in _SENDERS_INBOUND
                 else "outbound" if sender_kind in _SENDERS_OUTBOUND else None)
    staff = sender_id if sender_kind == "Practitioner" else next(
        (rid for kind, rid, _ in typed_refs(r.get("recipient")) if kind == "Practitioner"),
        None)
    body = "\n".join(t for t in (text(p.get("contentString")) for p in items(r.get("payload")))
                     if t)
    return [("communication", record(
        source_id=sid, patient_source_id=ref(r.get("subject"), *_PATIENT),
        staff_source_id=staff, channel=_channel(r.get("medium")), direction=direction,
        occurred_at=first(r.get("sent"), r.get("received")),
        subject=concept_text(r.get("topic"))
        or next((concept_text(c) for c in items(r.get("category"))), None),
        body=body or None,
        extra={"communication_status": text(r.get("status")),
               "attachments": sum(1 for p in items(r.get("payload"))
                                  if "contentAttachment" in p) or None},
    ))]


HANDLERS: dict[str, Callable[[dict[str, Any], str], Derived]] = {
    "Appointment": _appointment,
    "Encounter": _encounter,
    "Coverage": _coverage,
    "Account": _account,
    "ExplanationOfBenefit": _explanation_of_benefit,
    "AllergyIntolerance": _allergy_or_condition("allergy", ""),
    "Condition": _allergy_or_condition("condition", "Condition"),
    "DocumentReference": _document,
    "ServiceRequest": _referral,
    "ReferralRequest": _referral,
    "Communication": _communication,
}
