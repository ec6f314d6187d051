"""plan_record for every kind: create payloads valid against Nutshell's request schemas,
Blocked and Skipped rules, updates of records already in Nutshell, placeholder binding."""

from __future__ import annotations

import pytest

from domain.mapping import ColumnMapping, FileMapping, KindTarget, MappingDocument, Settings
from domain.nutshell.activities import FILELESS, NO_FILE, upload_metas
from domain.nutshell.map import Blocked, Skipped, Step, bind, plan_record
from tests.nutshell_map.conftest import NOW, Ctx, assert_valid_create

PATIENT = {
    "first_name": "Ada", "middle_name": "K", "last_name": "Byron", "preferred_name": "Addie",
    "date_of_birth": "1984-02-29", "sex": "Female", "email": "Ada.Byron@Example.org",
    "phone_mobile": "+16175550123", "phone_home": "(617) 555-0199", "address_line1": "1 Main St",
    "city": "Boston", "state": "MA", "postal_code": "02108", "country": "US",
    "contact_preference": "sms", "status": "active", "chart_number": "CH-1",
    "company_source_id": "C1", "primary_provider_source_id": "S1",
    "created_at": "2019-03-04T05:06:07-05:00",
}
OPT_IN = MappingDocument(settings=Settings(clinical_content=True))


def only_steps(plan: object) -> list[Step]:
    assert isinstance(plan, list), plan
    return plan


def test_patient_create_payload(ctx: Ctx) -> None:
    ctx.kids["P2"] = {"insurance": [{"source_id": "I1", "carrier_name": "Aetna",
                                     "is_primary": True, "copay": "25"}]}
    [step] = only_steps(plan_record("patient", "P2", PATIENT, ctx, MappingDocument()))
    assert (step.action, step.entity, step.external_key) == (
        "create", "contacts", ("Clinic Patient ID", "P2"))
    rec = step.payload
    assert isinstance(rec, dict)
    assert_valid_create("contacts", rec)
    assert rec["name"] == "Ada K Byron"  # the middle name where the clinic wrote it
    assert rec["emails"] == [{"name": "email", "isPrimary": True,
                              "value": "ada.byron@example.org"}]
    assert [(p["name"], p["isPrimary"]) for p in rec["phones"]] == [("mobile", True),
                                                                    ("home", False)]
    assert rec["addresses"][0]["value"]["postalCode"] == "02108"
    assert rec["links"] == {"accounts": ["3-accounts"], "owner": "2-users"}
    cfs = rec["customFields"]
    assert cfs["Clinic Patient ID"] == "P2"
    assert cfs["Date of Birth"] == "1984-02-29"
    assert cfs["Sex"] == "female"
    assert cfs["Preferred Name"] == "Addie"
    assert cfs["Original Created"] == "2019-03-04T05:06:07-05:00"  # with its time of day
    assert cfs["Insurance Carrier"] == "Aetna"
    assert cfs["Insurance Copay"] == "25.00"
    assert all(isinstance(v, str) for v in cfs.values())


def test_patient_blocked_until_its_company_has_an_id(ctx: Ctx) -> None:
    ctx.records[("company", "C9")] = {"name": "Branch"}
    plan = plan_record("patient", "P2", {**PATIENT, "company_source_id": "C9"}, ctx,
                       MappingDocument())
    assert plan == Blocked("clinic company has no Nutshell id yet", [("company", "C9")])


def test_patient_with_a_company_the_run_never_saw_moves_without_the_link(ctx: Ctx) -> None:
    [step] = only_steps(plan_record("patient", "P2", {**PATIENT, "company_source_id": "ZZ"},
                                    ctx, MappingDocument()))
    assert isinstance(step.payload, dict)
    assert "accounts" not in step.payload["links"]


def test_company_parent_before_branch(ctx: Ctx) -> None:
    ctx.records[("company", "C2")] = {"name": "HQ"}
    branch = {"name": "Branch", "parent_source_id": "C2", "phone": "617-555-0100",
              "website": "https://clinic.example", "industry": "Dental", "city": "Salem"}
    assert plan_record("company", "C3", branch, ctx, MappingDocument()) == Blocked(
        "parent company has no Nutshell id yet", [("company", "C2")])
    ctx.ids[("company", "C2")] = "4-accounts"
    [step] = only_steps(plan_record("company", "C3", branch, ctx, MappingDocument()))
    assert isinstance(step.payload, dict)
    assert_valid_create("accounts", step.payload)
    assert step.external_key == ("Clinic Company ID", "C3")
    # no parent link in the API: the parent's name and Nutshell id, not the clinic's own id
    assert step.payload["customFields"] == {"Clinic Company ID": "C3",
                                            "Parent Company": "HQ [4-accounts]",
                                            "Industry": "Dental"}
    assert step.payload["phones"][0]["value"] == "617-555-0100"  # accounts: a plain string


def test_provider_person_with_role_marker(ctx: Ctx) -> None:
    f = {"first_name": "Grace", "last_name": "Hopper", "email": "GH@clinic.example",
         "role": "Provider", "npi": "1234567890", "company_source_id": "C1"}
    [step] = only_steps(plan_record("provider", "S1X", f, ctx, MappingDocument()))
    assert isinstance(step.payload, dict)
    assert_valid_create("contacts", step.payload)
    assert step.external_key == ("Clinic Staff ID", "S1X")
    assert step.payload["customFields"]["Clinic Role"] == "provider"
    assert step.payload["customFields"]["NPI"] == "1234567890"


@pytest.mark.parametrize(("status", "final"), [("inquiry", None), ("scheduled", None),
                                               ("converted", "won"), ("lost", "lost")])
def test_lead_creates_prospect_then_lead(ctx: Ctx, status: str, final: str | None) -> None:
    f = {"first_name": "Bo", "last_name": "Diddley", "email": "bo@example.org",
         "phone": "+14155550100", "interest": "Implants", "status": status,
         "referral_type": "marketing", "company_source_id": "C1"}
    steps = only_steps(plan_record("lead", "L1", f, ctx, MappingDocument()))
    person, lead = steps[0], steps[1]
    assert isinstance(person.payload, dict) and isinstance(lead.payload, dict)
    assert_valid_create("contacts", person.payload)
    assert_valid_create("leads", lead.payload)
    assert person.external_key == lead.external_key == ("Clinic Lead ID", "L1")
    assert lead.uses_result_of == 0
    assert lead.payload["description"] == "Bo Diddley: Implants"
    assert lead.payload["links"]["contacts"] == ["$step:0"]
    bound = bind(lead, ["11-contacts"])
    assert isinstance(bound, dict) and bound["links"]["contacts"] == ["11-contacts"]
    assert (lead.payload["customFields"].get("Lead Stage") == "scheduled") == (
        status == "scheduled")
    if final is None:
        assert len(steps) == 2
    else:
        status_step = steps[2]
        assert (status_step.action, status_step.uses_result_of, status_step.target) == (
            "status", 1, None)  # POST /leads/{id}/status: `status` is read-only to PATCH
        assert status_step.payload == {"status": final}


def test_bind_refuses_a_missing_result(ctx: Ctx) -> None:
    steps = only_steps(plan_record("lead", "L1", {"first_name": "Bo"}, ctx, MappingDocument()))
    with pytest.raises(ValueError, match="step 0"):
        bind(steps[1], [None])


APPT = {"patient_source_id": "P1", "provider_source_id": "S1", "starts_at":
        "2025-01-10T14:00:00+00:00", "ends_at": "2025-01-10T14:30:00+00:00",
        "appointment_type": "Cleaning", "location": "Room 2", "status": "completed",
        "notes": "bleeding gums"}


def test_past_appointment_is_a_logged_activity(ctx: Ctx) -> None:
    [step] = only_steps(plan_record("appointment", "A1", APPT, ctx, MappingDocument()))
    rec = step.payload
    assert isinstance(rec, dict)
    assert_valid_create("activities", rec)
    assert (rec["startTime"], rec["endTime"]) == (1736517600, 1736519400)
    assert rec["isLogged"] is True
    assert rec["name"] == "Cleaning: Ada Byron"
    assert rec["links"] == {"participants": ["7-contacts", "2-users"]}
    assert rec["activityType"] == "5-activityTypes"
    assert step.acting_user == "2-users"
    assert "Provider: Grace Hopper" in rec["description"]
    assert "bleeding" not in rec["description"]  # clinical text needs the opt-in
    [opted] = only_steps(plan_record("appointment", "A1", APPT, ctx, OPT_IN))
    assert isinstance(opted.payload, dict)
    assert "Notes: bleeding gums" in opted.payload["description"]


def test_cancelled_and_future_appointments(ctx: Ctx) -> None:
    future = {**APPT, "starts_at": "2026-01-10T14:00:00Z", "ends_at": "", "status": "booked"}
    [step] = only_steps(plan_record("appointment", "A2", future, ctx, MappingDocument()))
    assert isinstance(step.payload, dict)
    assert step.payload["isLogged"] is False
    assert step.payload["endTime"] == step.payload["startTime"]
    doc = MappingDocument(settings=Settings(future_appointments_as_tasks=True))
    [task] = only_steps(plan_record("appointment", "A2", future, ctx, doc))
    assert task.entity == "tasks" and isinstance(task.payload, dict)
    assert_valid_create("tasks", task.payload)
    assert task.payload["dueTime"] == str(1768053600)
    assert task.payload["links"] == {"relatedEntity": "7-contacts", "assignee": "2-users"}
    [cancelled] = only_steps(plan_record("appointment", "A3", {**APPT, "status": "no_show"},
                                         ctx, MappingDocument()))
    assert isinstance(cancelled.payload, dict)
    assert cancelled.payload["name"].endswith("(no-show)")
    assert "Status: no-show" in cancelled.payload["description"]
    assert cancelled.payload["isCancelled"] is True and cancelled.payload["isLogged"] is False


def test_a_prospective_clients_booking_is_the_leads_activity(ctx: Ctx) -> None:
    # a patient row routed to a lead (SimplePractice's Prospective) keeps its appointments
    ctx.ids[("lead", "P7")] = "12-leads"
    ctx.records[("lead", "P7")] = {"first_name": "Pat", "last_name": "Prospect"}
    [step] = only_steps(plan_record("appointment", "A7", {**APPT, "patient_source_id": "P7"},
                                    ctx, MappingDocument()))
    assert isinstance(step.payload, dict)
    assert_valid_create("activities", step.payload)
    assert step.payload["links"] == {"participants": ["12-leads", "2-users"]}
    assert step.payload["name"] == "Cleaning: Pat Prospect"


def test_activity_blocked_without_patient_or_owner(ctx: Ctx) -> None:
    assert plan_record("appointment", "A1", {**APPT, "patient_source_id": "P5"}, ctx,
                       MappingDocument()) == Blocked("patient has no Nutshell id yet",
                                                     [("patient", "P5")])
    ctx.owners.clear()
    assert plan_record("appointment", "A1", APPT, ctx, MappingDocument()) == Blocked(
        "no resolved owner for the activity", [("provider", "S1")])


def test_communication_is_logged_at_its_time(ctx: Ctx) -> None:
    f = {"patient_source_id": "P1", "staff_source_id": "S1", "channel": "sms",
         "direction": "outbound", "occurred_at": "2024-05-01T09:00:00Z",
         "duration_minutes": "5", "subject": "Reminder", "body": "see you tomorrow"}
    [step] = only_steps(plan_record("communication", "M1", f, ctx, MappingDocument()))
    rec = step.payload
    assert isinstance(rec, dict)
    assert_valid_create("activities", rec)
    assert (rec["startTime"], rec["endTime"], rec["isLogged"]) == (1714554000, 1714554300, True)
    assert rec["activityType"] == "3-activityTypes"
    assert rec["name"] == "Reminder" and "see you" not in rec["description"]
    [opted] = only_steps(plan_record("communication", "M1", f, ctx, OPT_IN))
    assert isinstance(opted.payload, dict)
    assert "see you tomorrow" in opted.payload["description"]


def test_clinical_note_needs_opt_in(ctx: Ctx) -> None:
    f = {"patient_source_id": "P1", "author_source_id": "S1", "title": "Visit",
         "body": "Patient reports pain.", "created_at": "2024-02-03T10:00:00Z"}
    assert plan_record("clinical_note", "N1", f, ctx, MappingDocument()) == Skipped(
        "clinical content not opted in")
    [step] = only_steps(plan_record("clinical_note", "N1", f, ctx, OPT_IN))
    assert step.entity == "notes" and isinstance(step.payload, dict)
    assert_valid_create("notes", step.payload)
    assert step.payload["body"] == "[2024-02-03 10:00, Grace Hopper]\nVisit\n\nPatient reports pain."
    assert step.payload["links"] == {"parent": "7-contacts"}


def test_document_rules(ctx: Ctx) -> None:
    f = {"patient_source_id": "P1", "filename": "xray.png", "size_bytes": 1234,
         "sha256": "ab" * 32, "path": "docs/xray.png", "category": "imaging",
         "phi_review": "cleared"}
    assert isinstance(plan_record("document", "D1", f, ctx, MappingDocument()), Skipped)
    ctx.held[("document", "D1")] = "held for PHI review (pending)"
    held = plan_record("document", "D1", {**f, "phi_review": "required"}, ctx, OPT_IN)
    assert held == Blocked("held for PHI review (pending)")  # not skipped: moves once cleared
    del ctx.held[("document", "D1")]
    activity, upload = only_steps(plan_record("document", "D1", f, ctx, OPT_IN))
    assert isinstance(activity.payload, dict)
    assert_valid_create("activities", activity.payload)
    assert activity.payload["isLogged"] is True  # only logged activities take files
    assert activity.payload["links"] == {"participants": ["7-contacts", "1-users"]}
    assert "SHA-256: " + "ab" * 32 in activity.payload["description"]
    assert (upload.action, upload.uses_result_of) == ("upload", 0)
    assert upload.payload == {"path": "docs/xray.png", "name": "xray.png",
                              "mime": "application/octet-stream", "size": 1234,
                              "sha256": "ab" * 32}
    # listed without its file: a note on the patient saying what the export says of it
    (note,) = only_steps(plan_record("document", "D1", {**f, "path": ""}, ctx, OPT_IN))
    assert isinstance(note.payload, dict) and note.entity == "notes"
    assert_valid_create("notes", note.payload)
    assert note.payload["links"] == {"parent": "7-contacts"}
    assert "xray.png (its file is not in the export)" in str(note.payload["body"])
    assert upload_metas("document", "D1", {**f, NO_FILE: FILELESS}) == []


@pytest.mark.parametrize("kind", ["insurance", "insurance_verification", "billing",
                                  "referral", "allergy_condition"])
def test_carried_kinds_write_nothing_of_their_own(ctx: Ctx, kind: str) -> None:
    plan = plan_record(kind, "X1", {"patient_source_id": "P1"}, ctx, OPT_IN)
    assert plan == Skipped("carried by the patient's Person (custom fields)")


def test_disabled_kind_is_skipped(ctx: Ctx) -> None:
    doc = MappingDocument(nutshell={"company": KindTarget(enabled=False)})
    assert plan_record("company", "C5", {"name": "X"}, ctx, doc) == Skipped(
        "kind disabled in the mapping")


def test_existing_person_is_patched_in_place(ctx: Ctx) -> None:
    ctx.ids[("patient", "P2")] = "8-contacts"
    [step] = only_steps(plan_record("patient", "P2", PATIENT, ctx, MappingDocument()))
    assert (step.action, step.entity, step.target) == ("patch", "contacts", ("patient", "P2"))
    assert isinstance(step.payload, list)
    ops = {op["path"]: op for op in step.payload}
    assert ops["/contacts/0/name"]["value"] == "Ada K Byron"
    assert ops["/contacts/0/customFields/Date of Birth"]["value"] == "1984-02-29"
    assert ops["/contacts/0/links/accounts/-"] == {"op": "add",
                                                   "path": "/contacts/0/links/accounts/-",
                                                   "value": "3-accounts"}
    assert ops["/contacts/0/phones"]["value"][0]["name"] == "mobile"


def test_existing_activity_is_put_and_existing_note_left_alone(ctx: Ctx) -> None:
    ctx.ids[("appointment", "A1")] = "5-activities"
    [step] = only_steps(plan_record("appointment", "A1", APPT, ctx, MappingDocument()))
    assert (step.action, step.target) == ("put", ("appointment", "A1"))
    ctx.ids[("clinical_note", "N1")] = "4-notes"
    plan = plan_record("clinical_note", "N1", {"patient_source_id": "P1", "body": "x"}, ctx,
                       OPT_IN)
    assert isinstance(plan, Skipped) and "cannot be changed" in plan.reason


def test_existing_lead_gets_its_status_set_on_its_own_id(ctx: Ctx) -> None:
    ctx.ids[("lead", "L1")] = "12-leads"
    steps = only_steps(plan_record("lead", "L1", {"first_name": "Bo", "status": "lost"}, ctx,
                                   MappingDocument()))
    assert [(s.action, s.entity, s.target) for s in steps] == [
        ("patch", "leads", ("lead", "L1")), ("status", "leads", ("lead", "L1"))]
    assert steps[1].payload == {"status": "lost"}
    assert isinstance(steps[0].payload, list)
    assert all("$step" not in repr(op) for op in steps[0].payload)


def test_unmapped_columns_ride_as_proposed_custom_fields(ctx: Ctx) -> None:
    doc = MappingDocument(files={"patients.csv": FileMapping(kind="patient", columns={
        "Favourite Hygienist": ColumnMapping(custom_field="Favourite Hygienist"),
        "LastName": ColumnMapping(target="patient.last_name")})})
    f = {**PATIENT, "extra": {"Favourite Hygienist": "  Sam  ", "Other": "x"}}
    [step] = only_steps(plan_record("patient", "P2", f, ctx, doc))
    assert isinstance(step.payload, dict)
    assert step.payload["customFields"]["Favourite Hygienist"] == "Sam"
    assert "Other" not in step.payload["customFields"]


def test_field_name_overrides_change_payload_and_key(ctx: Ctx) -> None:
    doc = MappingDocument(nutshell={"patient": KindTarget(field_names={
        "date_of_birth": "DOB", "source_id": "Legacy Patient #"})})
    [step] = only_steps(plan_record("patient", "P2", PATIENT, ctx, doc))
    assert isinstance(step.payload, dict)
    assert step.payload["customFields"]["DOB"] == "1984-02-29"
    assert step.external_key == ("Legacy Patient #", "P2")


def test_clock_decides_logged(ctx: Ctx) -> None:
    ctx.clock = 1736517600 - 1  # one second before the appointment
    [step] = only_steps(plan_record("appointment", "A1", APPT, ctx, MappingDocument()))
    assert isinstance(step.payload, dict)
    assert step.payload["isLogged"] is False
    assert NOW > 1736517600


def test_steps_survive_json(ctx: Ctx) -> None:
    import json

    steps = only_steps(plan_record("lead", "L1", {"first_name": "Bo", "status": "lost"}, ctx,
                                   MappingDocument()))
    again = [Step.from_json(json.loads(json.dumps(s.to_json()))) for s in steps]
    assert again == steps


def test_pick_list_values_follow_renamed_choices(ctx: Ctx) -> None:
    doc = MappingDocument(nutshell={"patient": KindTarget(choices={
        "sex": ["Female", "Male", "Other", "Unknown"]})})
    [step] = only_steps(plan_record("patient", "P2", PATIENT, ctx, doc))
    assert isinstance(step.payload, dict)
    assert step.payload["customFields"]["Sex"] == "Female"
    assert step.payload["customFields"]["Contact Preference"] == "sms"


def test_lead_links_its_source_and_patient_names_its_referrer(ctx: Ctx) -> None:
    lead = {"first_name": "Bo", "referral_type": "Physician"}
    steps = only_steps(plan_record("lead", "L1", lead, ctx, MappingDocument()))
    assert "sources" not in steps[1].payload["links"]  # no Source ensured yet
    ctx.sources["physician"] = "3-sources"
    steps = only_steps(plan_record("lead", "L1", lead, ctx, MappingDocument()))
    assert steps[1].payload["links"]["sources"] == ["3-sources"]
    assert_valid_create("leads", steps[1].payload)

    ctx.kids["P9"] = {"referral": [
        {"source_id": "R2", "referral_type": "self", "referred_at": "2022-01-01"},
        {"source_id": "R1", "referral_type": "physician", "referrer_name": "Dr Who",
         "referrer_provider_source_id": "S1", "referred_at": "2021-01-01"}]}
    [step] = only_steps(plan_record("patient", "P9", {**PATIENT, "source_id": "P9"}, ctx,
                                    MappingDocument()))
    # the earliest referral; its referrer is the provider's Person in Nutshell
    assert step.payload["customFields"]["Referred By"] == "Dr Who [9-contacts]"
    assert step.payload["customFields"]["Referral Type"] == "physician"
