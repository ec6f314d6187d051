"""domain.fhir.resources: every mapped resource type and references (edges: test_fhir_derive_edges.py)."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest

from domain.fhir.resources import (
    IGNORED,
    PARTIAL,
    derive_resource,
    resource_source_id,
)
from domain.fhir.values import reference_id, reference_type
from tests.sources.fhir.fhir_helpers import SAMPLES, assert_canonical, only, synthetic, us_core

# --- references ------------------------------------------------------------------------------

@pytest.mark.parametrize(("reference", "expected_id", "expected_type"), [
    ("Patient/123", "123", "Patient"),
    ("urn:uuid:adccf2c3-9dc4-4067-ba23-98982c4875da", "adccf2c3-9dc4-4067-ba23-98982c4875da",
     None),
    ("http://fhir-server/fhir/Condition/cond-id-1", "cond-id-1", "Condition"),
    ("Patient/7/_history/3", "7", "Patient"),
    ("#contained", None, None),
    ("", None, None),
])
def test_references_name_the_target_id(reference: str, expected_id: str | None,
                                       expected_type: str | None) -> None:
    assert reference_id(reference) == expected_id
    assert reference_type(reference) == expected_type


def test_source_id_is_the_id_else_the_urn_uuid_of_the_full_url() -> None:
    assert resource_source_id({"id": "abc"}, "urn:uuid:zzz") == "abc"
    assert resource_source_id({}, "urn:uuid:1f0c") == "1f0c"
    assert resource_source_id({}, "http://x/fhir/Patient/9") == "9"
    assert resource_source_id({}, None) is None


def test_urn_uuid_references_resolve_in_a_transaction_bundle() -> None:
    bundle = json.loads((SAMPLES / "synthea" / "cfhir-trimmed.json").read_text("utf-8"))
    entries = {e["resource"]["resourceType"]: e for e in bundle["entry"]}
    encounter = entries["Encounter"]
    kind, fields = only(encounter["resource"], encounter["fullUrl"])
    patient_id = entries["Patient"]["resource"]["id"]
    assert kind == "appointment"
    assert fields["patient_source_id"] == patient_id
    assert fields["provider_source_id"] in {
        e["resource"]["id"] for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Practitioner"}
    assert fields["source_id"] == f"Encounter/{encounter['resource']['id']}"


def test_a_resource_without_id_takes_its_urn_uuid() -> None:
    kind, fields = only({"resourceType": "Patient", "name": [{"family": "Doe"}]},
                        "urn:uuid:0b7e5e1a-1111-4222-8333-944445555666")
    assert (kind, fields["source_id"]) == ("patient", "0b7e5e1a-1111-4222-8333-944445555666")


# --- every resource type --------------------------------------------------------------------

def test_patient() -> None:
    kind, fields = only(us_core("patient-example"))
    assert kind == "patient"
    assert_canonical(kind, fields)
    assert fields["source_id"] == "example"
    assert (fields["first_name"], fields["middle_name"]) == ("Amy", "V.")
    assert fields["last_name"] == "Baxter"  # the current (usual) name, not the old one
    assert fields["date_of_birth"] == "1987-02-20"
    assert fields["status"] == "active"
    assert fields["chart_number"] == "1032702"
    assert fields["city"] == "MOUNDS"


def test_deceased_patient_stays_a_patient() -> None:
    kind, fields = only(us_core("patient-deceased-example"))
    assert (kind, fields["status"]) == ("patient", "deceased")


def test_inactive_patient_is_a_lead() -> None:
    kind, fields = only(synthetic("synthetic-prospect"))
    assert kind == "lead"
    assert_canonical(kind, fields)
    assert fields["status"] == "inquiry"
    assert fields["email"] == "sarah.vanputten@example.com"
    assert fields["company_source_id"] == "holy-healthcare"


def test_patient_phones_by_use_and_contact_preference_by_rank() -> None:
    _, fields = only({"resourceType": "Patient", "id": "p", "telecom": [
        {"system": "phone", "value": "555-0100", "use": "work"},
        {"system": "phone", "value": "555-0101", "use": "mobile", "rank": 1},
        {"system": "phone", "value": "555-0102"},
        {"system": "email", "value": "old@example.com", "use": "old"},
    ]})
    assert (fields["phone_mobile"], fields["phone_work"], fields["phone_home"]) == (
        "555-0101", "555-0100", "555-0102")
    assert fields["contact_preference"] == "phone"
    assert "email" not in fields


def test_practitioner() -> None:
    kind, fields = only(us_core("practitioner-3"))
    assert kind == "provider"
    assert_canonical(kind, fields)
    assert (fields["role"], fields["credentials"], fields["npi"]) == ("nurse", "RN",
                                                                      "1245319599")


def test_practitioner_role_merges_into_its_practitioner() -> None:
    bundle = json.loads((SAMPLES / "us-core" /
                         "PractitionerRole_Practitioner_Endpoint_Bundle_Example.json").read_text())
    role_entry, practitioner_entry, endpoint_entry = bundle["entry"]
    kind, role = only(role_entry["resource"], role_entry["fullUrl"])
    _, practitioner = only(practitioner_entry["resource"], practitioner_entry["fullUrl"])
    assert kind == "provider"
    assert_canonical(kind, role)
    assert role[PARTIAL] is True
    assert role["source_id"] == practitioner["source_id"] == "Practitioner-1011"
    assert role["specialty"] == "General Practice Physician"
    assert role["company_source_id"] == "acme-lab"
    assert "first_name" not in role  # only what the role adds
    assert PARTIAL not in practitioner
    assert practitioner["license_number"] == "LARA-1011"
    assert derive_resource(endpoint_entry["resource"]) == [
        (IGNORED, {"resource_type": "Endpoint", "reason": "resource type not migrated"})]


def test_practitioner_role_without_practitioner_stands_alone() -> None:
    kind, fields = only({"resourceType": "PractitionerRole", "id": "r1",
                         "code": [{"text": "Front desk"}]})
    assert (kind, fields["source_id"], fields["role"]) == ("provider", "PractitionerRole/r1",
                                                           "front_desk")
    assert PARTIAL not in fields


def test_organization_with_part_of() -> None:
    kind, fields = only({"resourceType": "Organization", "id": "branch", "name": "North Clinic",
                         "partOf": {"reference": "Organization/holy-healthcare"},
                         "telecom": [{"system": "url", "value": "https://clinic.example.org"}]})
    assert kind == "company"
    assert fields["parent_source_id"] == "holy-healthcare"
    assert fields["website"] == "https://clinic.example.org"


def test_location_is_a_branch_company_of_its_managing_organization() -> None:
    kind, fields = only(us_core("location-hospital"))
    assert kind == "company"
    assert_canonical(kind, fields)
    assert fields["source_id"] == "Location/hospital"
    assert fields["parent_source_id"] == "holy-healthcare"
    assert fields["name"] == "Holy Family Hospital"
    assert fields["postal_code"] == "01844"


def test_appointment() -> None:
    kind, fields = only(synthetic("synthetic-appt-booked"))
    assert kind == "appointment"
    assert_canonical(kind, fields)
    assert fields["patient_source_id"] == "example"
    assert fields["provider_source_id"] == "practitioner-1"
    assert fields["company_source_id"] == "Location/hospital"  # the Location's company
    assert fields["location"] == "Holy Family Hospital"
    assert (fields["starts_at"], fields["status"]) == ("2026-12-15T09:00:00-05:00", "booked")
    assert fields["appointment_type"] == "Routine check-up"


@pytest.mark.parametrize(("resource_id", "status"), [
    ("synthetic-appt-fulfilled", "completed"), ("synthetic-appt-noshow", "no_show"),
    ("synthetic-appt-cancelled", "cancelled")])
def test_appointment_status_words(resource_id: str, status: str) -> None:
    assert only(synthetic(resource_id))[1]["status"] == status


def test_unknown_status_is_kept_raw() -> None:
    _, fields = only({"resourceType": "Appointment", "id": "a", "status": "entered-in-error"})
    assert fields["status"] == "entered-in-error"


def test_encounter() -> None:
    kind, fields = only(us_core("encounter-example-1"))
    assert kind == "appointment"
    assert_canonical(kind, fields)
    assert fields["source_id"] == "Encounter/example-1"
    assert (fields["status"], fields["appointment_type"]) == ("completed", "Office Visit")
    assert fields["starts_at"] == "2015-11-01T17:00:14-05:00"


def test_coverage() -> None:
    kind, fields = only(us_core("coverage-example"))
    assert kind == "insurance"
    assert_canonical(kind, fields)
    assert fields["patient_source_id"] == "example"
    assert fields["carrier_name"] == "Acme Health Plan"
    assert (fields["member_id"], fields["group_number"]) == ("888009335", "xyz")
    assert fields["plan_type"] == "Acme Gold Plan"
    assert fields["effective_from"] == "2020-01-01"


def test_coverage_copay_and_order() -> None:
    _, fields = only({"resourceType": "Coverage", "id": "c", "order": 2, "costToBeneficiary": [
        {"type": {"coding": [{"code": "copay"}]}, "valueMoney": {"value": 25, "currency": "USD"}}
    ]})
    assert (fields["copay"], fields["currency"], fields["is_primary"]) == ("25", "USD", False)


def test_document_reference_metadata_and_inline_hash() -> None:
    resource = us_core("documentreference-discharge-summary")
    kind, fields = only(resource)
    raw = base64.b64decode(resource["content"][0]["attachment"]["data"])
    assert kind == "document"
    assert_canonical(kind, fields)
    assert fields["sha256"] == hashlib.sha256(raw).hexdigest()
    assert fields["size_bytes"] == len(raw)
    assert (fields["content_type"], fields["category"]) == ("text/plain", "letter")
    assert fields["phi_review"] == "required"
    assert "data" not in json.dumps(fields)


def test_document_reference_with_two_contents_makes_two_documents() -> None:
    derived = derive_resource({"resourceType": "DocumentReference", "id": "d", "content": [
        {"attachment": {"url": "Binary/1", "contentType": "application/pdf"}},
        {"attachment": {"url": "Binary/2", "contentType": "text/plain"}}]})
    assert [f["source_id"] for _, f in derived] == ["d", "d#2"]


def test_allergy_and_condition() -> None:
    kind, allergy = only(us_core("allergyintolerance-example"))
    assert (kind, allergy["kind"], allergy["clinical_status"]) == (
        "allergy_condition", "allergy", "active")
    assert allergy["name"] == "sulfonamide antibacterial"
    _, condition = only(us_core("condition-duodenal-ulcer"))
    assert condition["kind"] == "condition"
    assert condition["source_id"] == "Condition/condition-duodenal-ulcer"
    assert condition["code_system"] == "http://snomed.info/sct"
    assert_canonical("allergy_condition", condition)


def test_entered_in_error_is_ignored_by_design() -> None:
    derived = derive_resource({"resourceType": "Condition", "id": "c", "verificationStatus": {
        "coding": [{"code": "entered-in-error"}]}})
    assert derived == [(IGNORED, {"resource_type": "Condition", "reason": "entered-in-error"})]


def test_service_request_referrals_and_orders() -> None:
    kind, fields = only(us_core("servicerequest-foodpantry-referral"))
    assert kind == "referral"
    assert_canonical(kind, fields)
    assert (fields["referral_type"], fields["referrer_provider_source_id"]) == (
        "physician", "practitioner-1")
    assert fields["notes"] == "Food Pantry Referral"
    assert only(us_core("servicerequest-rehab"))[0] == "referral"
    kind, marker = only(us_core("servicerequest-bmp"))  # a lab order
    assert (kind, marker["resource_type"]) == (IGNORED, "ServiceRequest")


def test_related_person_is_a_lead_referred_through_its_patient() -> None:
    kind, fields = only(us_core("relatedperson-shaw-niece"))
    assert kind == "lead"
    assert_canonical(kind, fields)
    assert fields["source_id"] == "RelatedPerson/shaw-niece"
    assert (fields["referral_type"], fields["extra"]["patient_source_id"]) == ("patient",
                                                                              "example")


def test_questionnaire_response_is_a_lead() -> None:
    kind, fields = only(synthetic("synthetic-intake"))
    assert kind == "lead"
    assert_canonical(kind, fields)
    assert (fields["first_name"], fields["last_name"]) == ("Sarah", "van Putten")
    assert fields["interest"] == "General Practice"
    kind, screening = only(us_core("QuestionnaireResponse-hunger-vital-sign-example"))
    assert kind == "lead"
    assert screening["extra"]["patient_source_id"] == "example"


def test_account_and_explanation_of_benefit_are_billing() -> None:
    kind, account = only(synthetic("synthetic-account"))
    assert (kind, account["patient_source_id"]) == ("billing", "example")
    assert "outstanding_balance" not in account  # R4 Account has no balance: none invented
    bundle = json.loads((SAMPLES / "synthea" / "cfhir-trimmed.json").read_text("utf-8"))
    eob = next(e for e in bundle["entry"]
               if e["resource"]["resourceType"] == "ExplanationOfBenefit")
    kind, fields = only(eob["resource"], eob["fullUrl"])
    assert kind == "billing"
    assert_canonical(kind, fields)
    assert fields["source_id"].startswith("ExplanationOfBenefit/")
    assert (fields["last_payment_amount"], fields["currency"]) == ("0.0", "USD")
    assert fields["extra"]["total_submitted"] == "129.16"


def test_communication() -> None:
    kind, call = only(synthetic("synthetic-comm-call"))
    assert kind == "communication"
    assert_canonical(kind, call)
    assert (call["channel"], call["direction"], call["staff_source_id"]) == (
        "call", "outbound", "practitioner-1")
    _, email = only(synthetic("synthetic-comm-email"))
    assert (email["channel"], email["direction"]) == ("email", "inbound")
