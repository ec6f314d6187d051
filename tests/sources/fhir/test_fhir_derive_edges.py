"""domain.fhir.resources at its edges: STU3 shapes, ignored vs failed, random shapes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.fhir.resources import IGNORED, UnmappableResource, derive_resource, kinds_for_resource_type
from tests.sources.fhir.fhir_helpers import assert_canonical, only, stu3

# --- STU3 shapes ----------------------------------------------------------------------------

def test_stu3_shapes_map_like_r4() -> None:
    assert only(stu3("stu3-account"))[1]["outstanding_balance"] == "125.5"
    eob = only(stu3("stu3-eob"))[1]
    assert (eob["last_payment_date"], eob["extra"]["total_submitted"]) == ("2019-03-02",
                                                                          "240.0")
    kind, referral = only(stu3("stu3-referral"))
    assert (kind, referral["source_id"]) == ("referral", "ReferralRequest/stu3-referral")
    assert referral["referrer_provider_source_id"] == "stu3-doctor"
    coverage = only(stu3("stu3-coverage"))[1]
    assert (coverage["group_number"], coverage["plan_type"], coverage["is_primary"]) == (
        "GRP-7", "Humana Gold", True)
    document = only(stu3("stu3-document"))[1]
    assert (document["created_at"], document["category"]) == ("2019-01-05T10:00:00Z",
                                                              "consent")
    lead = only(stu3("stu3-intake"))[1]
    assert lead["interest"] == "new-patient-intake"
    assert only(stu3("stu3-allergy"))[1]["clinical_status"] == "resolved"
    assert only(stu3("stu3-condition"))[1]["clinical_status"] == "inactive"
    assert only(stu3("stu3-communication"))[1]["channel"] == "letter"


# --- ignored vs failed ----------------------------------------------------------------------

@pytest.mark.parametrize("resource_type", ["Procedure", "Device", "Observation", "Bundle"])
def test_unhandled_types_are_ignored_by_design(resource_type: str) -> None:
    assert derive_resource({"resourceType": resource_type, "id": "x"}) == [
        (IGNORED, {"resource_type": resource_type, "reason": "resource type not migrated"})]
    assert kinds_for_resource_type(resource_type) == []


def test_a_resource_that_cannot_make_a_record_is_a_failure() -> None:
    with pytest.raises(UnmappableResource, match="Patient has neither an id"):
        derive_resource({"resourceType": "Patient", "name": [{"family": "Secret"}]})
    with pytest.raises(UnmappableResource, match="no resourceType"):
        derive_resource({"id": "x"})


def test_kinds_for_resource_type() -> None:
    assert kinds_for_resource_type("Patient") == ["patient", "lead"]
    assert kinds_for_resource_type("Location") == ["company"]
    assert kinds_for_resource_type("ExplanationOfBenefit") == ["billing"]
    assert kinds_for_resource_type("QuestionnaireResponse") == ["lead"]


def test_a_bundle_entry_is_unwrapped() -> None:
    entry = {"fullUrl": "urn:uuid:9", "resource": {"resourceType": "Organization", "name": "X"}}
    assert derive_resource(entry) == [("company", {"source_id": "9", "name": "X"})]


# --- random shapes --------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["reference", "coding", "code", "text", "value",
                                       "system", "display", "use", "given", "family", "start",
                                       "item", "answer", "valueString", "amount", "agent"]),
                      children, max_size=4),
    max_leaves=12)
_types = st.sampled_from(sorted({"Patient", "Practitioner", "PractitionerRole", "Organization",
                                 "Location", "Appointment", "Encounter", "Coverage",
                                 "DocumentReference", "AllergyIntolerance", "Condition",
                                 "ServiceRequest", "ReferralRequest", "RelatedPerson",
                                 "QuestionnaireResponse", "Account", "ExplanationOfBenefit",
                                 "Communication", "Procedure"}))
_elements = st.sampled_from(["id", "name", "telecom", "address", "subject", "patient",
                             "participant", "status", "code", "clinicalStatus", "content",
                             "requester", "category", "item", "balance", "payment", "total",
                             "period", "class", "beneficiary", "payor", "medium", "sender",
                             "practitioner", "partOf", "active", "birthDate", "deceasedBoolean",
                             "verificationStatus", "questionnaire", "grouping", "type"])


@settings(max_examples=300, deadline=None)
@given(_types, st.dictionaries(_elements, _json, max_size=6))
def test_random_shapes_never_crash(resource_type: str, elements: dict[str, Any]) -> None:
    resource = {"resourceType": resource_type, **elements}
    try:
        derived = derive_resource(resource, "urn:uuid:r")
    except UnmappableResource as exc:
        assert resource_type in str(exc)
        return
    assert derived
    for kind, fields in derived:
        if kind == IGNORED:
            assert fields["resource_type"] == resource_type
            continue
        assert kind in kinds_for_resource_type(resource_type)
        assert_canonical(kind, fields)
        assert isinstance(fields["source_id"], str) and fields["source_id"]
        json.dumps(fields)  # JSON-friendly primitives only
