"""The patient roll-up, the custom-field definitions and the run order."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.mapping import ColumnMapping, FileMapping, KindTarget, MappingDocument, Settings
from domain.nutshell.map import (
    CARRIED_BY_PATIENT,
    RUN_ORDER,
    custom_field_specs,
    order_key,
    patient_rollup,
)
from domain.records.canonical import ENUMS, KINDS

OPT_IN = MappingDocument(settings=Settings(clinical_content=True))


def test_primary_insurance_only_secondary_as_text() -> None:
    kids: dict[str, list[dict[str, Any]]] = {"insurance": [
        {"source_id": "I2", "carrier_name": "Blue Cross", "plan_type": "PPO", "member_id": "B7",
         "group_number": "G2", "is_primary": "false"},
        {"source_id": "I1", "carrier_name": "Aetna", "plan_type": "HMO", "member_id": "A1",
         "group_number": "G1", "copay": "12.5", "is_primary": "TRUE"},
        {"source_id": "I3", "carrier_name": "Cigna", "is_primary": False},
    ]}
    got = patient_rollup({}, kids)
    assert got == {
        "Insurance Carrier": "Aetna", "Insurance Plan Type": "HMO",
        "Insurance Member ID": "A1", "Insurance Group Number": "G1",
        "Insurance Copay": "12.50",
        "Secondary Insurance": "Blue Cross (PPO), member B7, group G2; Cigna",
    }


def test_without_a_primary_flag_the_latest_policy_wins() -> None:
    kids: dict[str, list[dict[str, Any]]] = {"insurance": [
        {"source_id": "I1", "carrier_name": "Old", "effective_from": "2019-01-01"},
        {"source_id": "I2", "carrier_name": "New", "effective_from": "2023-06-01"}]}
    assert patient_rollup({}, kids)["Insurance Carrier"] == "New"


def test_verification_of_the_primary_policy_newest_first() -> None:
    kids: dict[str, list[dict[str, Any]]] = {
        "insurance": [{"source_id": "I1", "carrier_name": "Aetna", "is_primary": True}],
        "insurance_verification": [
            {"source_id": "V1", "insurance_source_id": "I1", "status": "Pending",
             "verified_at": "2024-01-01T10:00:00Z"},
            {"source_id": "V2", "insurance_source_id": "I1", "status": "verified",
             "verified_at": "2024-03-01T10:00:00-05:00", "payer_response": "eligible"},
            {"source_id": "V3", "insurance_source_id": "I9", "status": "denied",
             "verified_at": "2025-01-01"},
        ]}
    got = patient_rollup({}, kids)
    assert (got["Insurance Verification"], got["Insurance Verified At"],
            got["Payer Response"]) == ("verified", "2024-03-01", "eligible")


def test_allergies_and_conditions_active_sorted_deduplicated_only_with_opt_in() -> None:
    items: list[dict[str, Any]] = [
        {"source_id": "1", "kind": "allergy", "name": "Penicillin", "clinical_status": "active"},
        {"source_id": "2", "kind": "allergy", "name": "latex", "clinical_status": ""},
        {"source_id": "3", "kind": "allergy", "name": "Peanuts", "clinical_status": "resolved"},
        {"source_id": "4", "kind": "allergy", "name": "penicillin", "clinical_status": "active"},
        {"source_id": "5", "kind": "condition", "name": "Asthma", "clinical_status": "active"},
    ]
    assert patient_rollup({}, {"allergy_condition": items}) == {}
    got = patient_rollup({}, {"allergy_condition": list(reversed(items))}, OPT_IN)
    assert got == {"Allergies": "latex, Penicillin", "Conditions": "Asthma"}


def test_billing_and_referral() -> None:
    kids: dict[str, list[dict[str, Any]]] = {
        "billing": [{"source_id": "B1", "outstanding_balance": "1,200.5", "currency": "USD",
                     "last_payment_date": "2024-04-02", "last_payment_amount": "50",
                     "payment_plan": "monthly", "billing_status": "Overdue"}],
        "referral": [
            {"source_id": "R2", "referral_type": "self", "referred_at": "2022-01-01"},
            {"source_id": "R1", "referral_type": "Physician", "referrer_name": "Dr. Who",
             "referred_at": "2020-05-05"}],
    }
    got = patient_rollup({}, kids)
    assert got == {
        "Outstanding Balance": "1200.50", "Last Payment Date": "2024-04-02",
        "Last Payment Amount": "50.00", "Payment Plan": "monthly", "Billing Status": "overdue",
        "Referral Type": "physician", "Referred By": "Dr. Who", "Referral Date": "2020-05-05",
    }


def test_rollup_honours_disabled_kinds_and_renamed_fields() -> None:
    doc = MappingDocument(nutshell={
        "billing": KindTarget(enabled=False),
        "insurance": KindTarget(field_names={"carrier_name": "Payer"})})
    kids: dict[str, list[dict[str, Any]]] = {"billing": [{"source_id": "B1", "outstanding_balance": "5"}],
            "insurance": [{"source_id": "I1", "carrier_name": "Aetna"}]}
    assert patient_rollup({}, kids, doc) == {"Payer": "Aetna"}


def test_specs_names_types_and_choices() -> None:
    specs = custom_field_specs(MappingDocument(), ["patient", "company", "lead", "provider",
                                                   "insurance", "billing"])
    by = {(s.entity, s.name): s for s in specs}
    assert len(by) == len(specs)
    assert by[("contacts", "Clinic Patient ID")].type == "Text"
    assert by[("contacts", "Date of Birth")].type == "Date"
    assert by[("contacts", "Sex")].choices == ENUMS[("patient", "sex")]
    assert by[("contacts", "Clinic Staff ID")].type == "Text"
    assert by[("contacts", "Clinic Role")].choices == ENUMS[("provider", "role")]
    assert by[("accounts", "Clinic Company ID")].type == "Text"
    assert by[("leads", "Clinic Lead ID")].type == "Text"
    assert ("contacts", "Clinic Lead ID") in by  # the prospect Person's external key
    assert by[("contacts", "Outstanding Balance")].type == "Currency"
    assert all(s.choices == () for s in specs if s.type != "Decision")
    assert all(s.choices for s in specs if s.type == "Decision")
    assert ("contacts", "Allergies") not in by and ("contacts", "Referral Type") not in by


def test_specs_clinical_only_with_opt_in_and_columns_proposed() -> None:
    doc = MappingDocument(
        settings=Settings(clinical_content=True),
        files={"pat.csv": FileMapping(kind="patient", columns={
            "Hobby": ColumnMapping(custom_field="Hobby"),
            "Tier": ColumnMapping(custom_field="Tier", custom_field_type="Decision"),
            "Visits": ColumnMapping(custom_field="Visits", custom_field_type="Number")}),
            "appt.csv": FileMapping(kind="appointment", columns={
                "Room": ColumnMapping(custom_field="Room")})},
        nutshell={"patient": KindTarget(field_names={"sex": "Gender"},
                                        choices={"sex": ["F", "M"], "Tier": ["gold"]})})
    specs = custom_field_specs(doc, ["patient", "allergy_condition", "appointment"])
    by = {(s.entity, s.name): s for s in specs}
    assert ("contacts", "Allergies") in by
    assert by[("contacts", "Gender")].choices == ("F", "M")
    assert ("contacts", "Sex") not in by
    assert (by[("contacts", "Hobby")].type, by[("contacts", "Visits")].type) == ("Text",
                                                                              "Number")
    assert by[("contacts", "Tier")].choices == ("gold",)
    assert not any(s.name == "Room" for s in specs)  # activities hold no custom fields


def test_run_order_and_order_key() -> None:
    assert set(RUN_ORDER) == set(KINDS)
    assert CARRIED_BY_PATIENT <= set(RUN_ORDER)
    pos = RUN_ORDER.index
    assert pos("company") < pos("provider") < pos("patient") < pos("lead") < \
        pos("appointment") < pos("communication") < pos("clinical_note") < pos("document")
    records = [("document", {"source_id": "D"}), ("company", {"source_id": "B",
                                                             "parent_source_id": "A"}),
               ("patient", {"source_id": "P"}), ("company", {"source_id": "Z"})]
    ordered = sorted(records, key=lambda r: order_key(r[0], r[1]))
    assert [r[1]["source_id"] for r in ordered] == ["Z", "B", "P", "D"]


_ITEM = st.fixed_dictionaries({
    "source_id": st.text("abc123", min_size=1, max_size=4),
    "kind": st.sampled_from(["allergy", "condition"]),
    "name": st.sampled_from(["Latex", "latex", "Penicillin", "Asthma", "Gout"]),
    "clinical_status": st.sampled_from(["active", "", "resolved", "inactive"]),
})
_POLICY = st.fixed_dictionaries({
    "source_id": st.text("abc123", min_size=1, max_size=4),
    "carrier_name": st.sampled_from(["Aetna", "Cigna", "Humana"]),
    "is_primary": st.sampled_from([True, False, "yes", ""]),
    "effective_from": st.sampled_from(["", "2020-01-01", "2023-05-06"]),
})


@settings(max_examples=60, deadline=None)
@given(items=st.lists(_ITEM, max_size=6, unique_by=lambda r: r["source_id"]),
       policies=st.lists(_POLICY, max_size=4, unique_by=lambda r: r["source_id"]),
       data=st.data())
def test_rollup_does_not_depend_on_record_order(items: list[dict[str, Any]],
                                                policies: list[dict[str, Any]],
                                                data: st.DataObject) -> None:
    kids = {"allergy_condition": items, "insurance": policies}
    shuffled = {k: data.draw(st.permutations(v)) for k, v in kids.items()}
    assert patient_rollup({}, kids, OPT_IN) == patient_rollup({}, shuffled, OPT_IN)


def test_vendor_columns_follow_rows_routed_to_another_kind() -> None:
    from domain.mapping import ColumnMapping, FileMapping, MappingDocument, Route
    from domain.nutshell.fields import column_custom_fields, custom_field_specs

    doc = MappingDocument(files={"patient.csv": FileMapping(
        kind="patient", route=Route(column="PatStatus", values={"6": "lead"}),
        columns={"PatNum": ColumnMapping(target="patient.source_id"),
                 "SSN": ColumnMapping(custom_field="SSN")})})
    assert column_custom_fields(doc, "lead") == [("SSN", "SSN", "Text")]
    assert column_custom_fields(doc, "patient") == [("SSN", "SSN", "Text")]
    assert column_custom_fields(doc, "company") == []
    leads = {s.name for s in custom_field_specs(doc, ["patient", "lead"]) if s.entity == "leads"}
    assert "SSN" in leads
