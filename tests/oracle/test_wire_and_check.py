"""Nutshell read as the live API sends it (the wire samples kept in the repository), and each
kind of difference given its reason class."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from domain.mapping import KindTarget, MappingDocument, Settings
from domain.oracle.check import check_record, matches
from domain.oracle.expect import Expector, Resolutions
from domain.oracle.source import Cell, SourceRecord
from domain.oracle.wire import MISSING, owner, read

SAMPLES = (Path(__file__).resolve().parents[2] / "adapters" / "nutshell_sandbox" / "reference"
           / "wire-samples")


def _payload(kind: str) -> dict[str, Any]:
    page = json.loads((SAMPLES / "read" / "events" / "1-first-page.json").read_text())
    return next(p for p in page["payloads"] if p["type"] == kind)


def test_live_shapes_are_read() -> None:
    activity = _payload("activities")
    assert read("activities", activity, "activityType") == "1-activityTypes"
    assert read("activities", activity, "participants") == ["3-contacts"]
    assert read("activities", activity, "isLogged") is True
    assert read("activities", activity, "location") is MISSING
    contact = _payload("contacts")
    assert read("contacts", contact, "address.city") == "Ann Arbor"
    assert read("contacts", contact, "emails") == ["andy@nutshell.com"]
    assert read("contacts", contact, "accounts") == ["3-accounts"]
    note = _payload("notes")
    assert read("notes", note, "parent") == ["3-contacts"]
    lead = _payload("leads")
    assert read("leads", lead, "createdTime") == 1755113219
    assert owner("leads", lead) == "1-users"
    # an activity's owner: who logged it, else the user an impersonated create names
    assert owner("activities", {"links": {"logger": None, "creator": "23-origins"}}) is None
    assert owner("activities", {"links": {"logger": "4-users"}}) == "4-users"
    phones = {"phones": [{"name": "mobile", "value": {"E164": "+16175550123"}},
                         {"name": "work", "value": "617-555-0100"}]}
    assert read("contacts", phones, "phones.mobile") == ["+16175550123"]
    assert read("accounts", phones, "phones.work") == ["617-555-0100"]


@pytest.mark.parametrize(("how", "expected", "actual", "result"), [
    ("date", "1984-02-29", "1984-02-29", (True, "wrong value")),
    ("date", "1984-02-29", "1984-03-01", (False, "wrong value")),
    ("date", "1984-02-29", "someday", (False, "wrong type")),
    ("instant", "2024-01-02T10:30:00-05:00", 1704209400, (True, "wrong value")),
    ("instant", "2024-01-02T10:30:00-05:00", "2024-01-02", (False, "wrong value")),
    ("money", "25.00", "25", (True, "wrong value")),
    ("money", "25.00", "n/a", (False, "wrong type")),
    ("money", "460.00800000000004", "460.01", (True, "wrong value")),
    ("money", "460.004", "460.01", (False, "wrong value")),
    ("phone", "+16175550123", ["617-555-0123"], (True, "wrong value")),
    ("enum", "no_show", "No-Show", (True, "wrong value")),
    ("bool", True, "true", (False, "wrong type")),
    ("id", "2-users", "1-users", (False, "wrong owner")),
    ("has_id", "7-contacts", ["8-contacts"], (False, "wrong link")),
    ("activity_type", "Meeting", "SMS", (False, "wrong activity type")),
    ("contains", "Ada", "Ada  Byron", (True, "wrong value")),
    ("line", "Status: no-show", "Appointment type: X\nStatus: no-show", (True, "wrong value")),
    ("one_of:text", ("Aetna", "Cigna"), "Cigna", (True, "wrong value")),
])
def test_matches(how: str, expected: Any, actual: Any, result: tuple[bool, str]) -> None:
    assert matches(how, expected, actual) == result


def _appointment(status: str, kind: str = "Initial consult") -> SourceRecord:
    rec = SourceRecord("appointment", "A1", {
        "source_id": "A1", "patient_source_id": "P1", "provider_source_id": "S1",
        "starts_at": "2020-01-02T10:00:00+00:00", "ends_at": "2020-01-02T10:30:00+00:00",
        "appointment_type": kind, "location": "Room 2", "status": status}, file="a.csv", row=3)
    rec.cells = {f: Cell("a.csv", 3, f.title()) for f in rec.values}
    return rec


TYPES = [{"id": "1-activityTypes", "name": "Phone Call"},
         {"id": "3-activityTypes", "name": "Meeting"},
         {"id": "5-activityTypes", "name": "Appointment"},
         {"id": "6-activityTypes", "name": "Initial consult"}]


def _expector(doc: MappingDocument | None = None) -> tuple[Expector, dict[str, str]]:
    records = {("patient", "P1"): SourceRecord("patient", "P1", {"source_id": "P1"})}
    res = Resolutions(users={"S1": "4-users"}, fallback_user="1-users",
                      ids={("patient", "P1"): "7-contacts"}, activity_types=TYPES, now=2**31)
    return (Expector(doc or MappingDocument(), records, res),
            {str(t["id"]): str(t["name"]) for t in TYPES})


def test_an_appointment_as_nutshell_must_hold_it() -> None:
    expector, names = _expector()
    good = {"name": "x", "startTime": 1577959200, "endTime": 1577961000, "location": "Room 2",
            "isCancelled": True, "isLogged": False, "agenda": "Status: no-show",
            "links": {"activityType": "6-activityTypes", "contacts": ["7-contacts"],
                      "users": ["4-users"], "logger": "4-users"}}
    wanted = expector.for_record(_appointment("no_show"))
    assert check_record("activities", good, wanted, names, lambda e, i: None) == []
    bad = {**good, "isCancelled": False, "location": "Room 9",
           "links": {**good["links"], "activityType": "1-activityTypes", "logger": "1-users"}}
    found = {(d.place, d.reason, d.column) for d in
             check_record("activities", bad, wanted, names, lambda e, i: None)}
    assert found == {("isCancelled", "wrong value", "Status"),
                     ("location", "wrong value", "Location"),
                     ("activityType", "wrong activity type", "Appointment_Type"),
                     ("owner", "wrong owner", "Provider_Source_Id")}


def test_activity_type_by_name_default_and_operator_choice() -> None:
    expector, _ = _expector()
    assert expector.res.type_name("Initial consult", "appointment") == "Initial consult"
    assert expector.res.type_name("Follow-up", "appointment") == "Appointment"
    assert expector.res.type_name("letter", "letter") is None  # no type fits: reported
    doc = MappingDocument(settings=Settings(),
                          nutshell={"appointment": KindTarget(
                              activity_types={"Follow-up": "Meeting"})})
    chosen, _ = _expector(doc)
    chosen.res.type_overrides = doc.nutshell["appointment"].activity_types
    assert chosen.res.type_name("Follow-up", "appointment") == "Meeting"


def test_carried_values_with_several_records_accept_any_of_them() -> None:
    expector, _ = _expector()
    bills = [SourceRecord("billing", f"B{i}", {"source_id": f"B{i}", "patient_source_id": "P1",
                                                "payment_plan": plan})
             for i, plan in enumerate(("monthly", "none"))]
    [want] = expector.carried("P1", bills)
    assert want.place == "customFields.Payment Plan" and want.how == "one_of:text"
    person = {"customFields": {"Payment Plan": "none"}}
    assert check_record("contacts", person, [want], {}, lambda e, i: None) == []
    person = {"customFields": {"Payment Plan": "weekly"}}
    [diff] = check_record("contacts", person, [want], {}, lambda e, i: None)
    assert diff.reason == "wrong value" and diff.to_json()["expected"] != ["monthly", "none"]


def test_a_record_changed_by_the_delta_window_is_checked_against_the_change() -> None:
    from domain.oracle.report import LogView, verify_records

    patient = SourceRecord("patient", "P1", {"source_id": "P1", "email": "old@x.org"},
                           {"email": Cell("p.csv", 2, "Email")}, "p.csv", 2)
    records = {("patient", "P1"): patient}
    res = Resolutions(fallback_user="1-users", ids={("patient", "P1"): "7-contacts"})
    expector = Expector(MappingDocument(), records, res)
    person = {"id": "7-contacts", "emails": [{"value": "new@x.org"}],
              "customFields": {"Clinic Patient ID": "P1"}, "links": {"owner": "1-users"}}

    def run(revised: dict[str, Any] | None) -> list[Any]:
        log = LogView(state=lambda k, s: "pushed", nutshell_id=lambda k, s: "7-contacts",
                      revised=lambda k, s: revised)
        return verify_records(records, [("patient", "P1")], expector, log,
                              lambda e, i: person, {}).differences

    [stale] = run(None)  # the export's value, before the change
    assert (stale.place, stale.reason, stale.column) == ("emails", "wrong value", "Email")
    assert run({"source_id": "P1", "email": "new@x.org"}) == []
    person["emails"] = [{"value": "other@x.org"}]
    [wrong] = run({"source_id": "P1", "email": "new@x.org"})
    assert (wrong.file, wrong.column) == ("(delta window)", "email")


def test_a_rich_text_note_is_expected_as_its_text() -> None:
    expector, _ = _expector(MappingDocument(settings=Settings(clinical_content=True)))
    note = SourceRecord("clinical_note", "N1", {
        "source_id": "N1", "patient_source_id": "P1",
        "body": "<p>S: reviewed.</p><p>Pain <b>4/10</b> &amp; improving</p>",
        "created_at": "2024-01-10T08:15:00+00:00"})
    [body] = [e for e in expector.for_record(note) if e.field == "body"]
    assert "<p>" not in body.value and "&amp;" not in body.value and "improving" in body.value
    stored = {"body": f"[2024-01-10 08:15, Dr A]\n\n{body.value}", "links": {"parent": "7-contacts"}}
    wanted = [e for e in expector.for_record(note) if e.field in {"body", "created_at"}]
    assert check_record("notes", stored, wanted, {}, lambda e, i: None) == []


def test_secondary_policies_are_in_their_text_field() -> None:
    expector, _ = _expector()
    policies = [SourceRecord("insurance", f"I{i}", {
        "source_id": f"I{i}", "patient_source_id": "P1", "carrier_name": carrier,
        "member_id": f"M{i}", "is_primary": i == 0}) for i, carrier in
        enumerate(("Aetna", "Cigna", "Humana"))]
    wanted = expector.carried("P1", policies)
    secondary = [e for e in wanted if e.place == "customFields.Secondary Insurance"]
    assert sorted(e.value for e in secondary) == ["Cigna", "Humana", "M1", "M2"]
    person = {"customFields": {"Insurance Carrier": "Aetna", "Insurance Member ID": "M0",
                               "Secondary Insurance": "Cigna, member M1; Humana, member M2"}}
    assert check_record("contacts", person, wanted, {}, lambda e, i: None) == []
    person["customFields"]["Secondary Insurance"] = "Cigna, member M1"
    lost = check_record("contacts", person, wanted, {}, lambda e, i: None)
    assert {(d.source_id, d.field, d.reason) for d in lost} == {
        ("I2", "carrier_name", "wrong value"), ("I2", "member_id", "wrong value")}
    # none flagged primary: which one the builder shows first is its choice, not checked
    for p in policies:
        p.values["is_primary"] = None
    assert not [e for e in expector.carried("P1", policies)
                if e.place == "customFields.Secondary Insurance"]


def test_an_unreadable_value_absent_from_nutshell_is_a_difference_unless_it_was_reported() -> None:
    from domain.oracle.report import LogView, verify_records
    from domain.oracle.source import Unreadable

    patient = SourceRecord("patient", "P1", {"source_id": "P1", "email": Unreadable("ann@")},
                           {"email": Cell("p.csv", 2, "Email")}, "p.csv", 2)
    records = {("patient", "P1"): patient}
    expector = Expector(MappingDocument(), records,
                        Resolutions(fallback_user="1-users", ids={("patient", "P1"): "7-contacts"}))
    person: dict[str, Any] = {"id": "7-contacts", "emails": [],
                              "customFields": {"Clinic Patient ID": "P1"},
                              "links": {"owner": "1-users"}}

    def run(kept: set[str]) -> Any:
        log = LogView(state=lambda k, s: "pushed", nutshell_id=lambda k, s: "7-contacts",
                      kept=lambda k, s: kept)
        return verify_records(records, [("patient", "P1")], expector, log,
                              lambda e, i: person, {})

    silent = run(set())  # the engine dropped it without a word: a difference
    assert [(d.field, d.reason) for d in silent.differences] == [
        ("email", "unreadable source value")]
    assert not silent.kept_as_written and not silent.ok
    reported = run({"email"})  # left out and kept as written, as map confirm reported
    assert reported.differences == [] and reported.ok
    assert [d.field for d in reported.kept_as_written] == ["email"]
    assert "values kept as written, not sent: 1" in reported.headline()
    person["emails"] = [{"value": "someone@else.org"}]  # something else sent: still wrong
    assert [d.field for d in run({"email"}).differences] == ["email"]
