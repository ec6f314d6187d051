"""Expectations, reading Nutshell's records back, normalised comparison, three-way deltas."""

from __future__ import annotations

from typing import Any

import pytest

from domain.mapping import MappingDocument, Settings
from domain.nutshell.map import (
    actual_values,
    bind,
    compare,
    equivalent,
    expectations,
    plan_record,
    three_way,
)
from tests.nutshell_map.conftest import Ctx, echo
from tests.nutshell_map.test_plan import APPT, PATIENT

OPT_IN = MappingDocument(settings=Settings(clinical_content=True))

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("patient", "P2", PATIENT),
    ("company", "C7", {"name": "North Clinic", "phone": "+16175550100", "email": "a@b.org",
                       "website": "https://n.example", "address_line1": "2 Elm St",
                       "city": "Salem", "industry": "Dental"}),
    ("provider", "S7", {"first_name": "Grace", "last_name": "Hopper", "phone": "617-555-0111",
                        "role": "nurse", "company_source_id": "C1"}),
    ("lead", "L7", {"first_name": "Bo", "last_name": "D", "interest": "Whitening",
                    "status": "converted", "referral_type": "self"}),
    ("appointment", "A7", APPT),
    ("communication", "M7", {"patient_source_id": "P1", "staff_source_id": "S1",
                             "channel": "call", "occurred_at": "2024-05-01T09:00:00-04:00",
                             "subject": "Follow-up"}),
    ("clinical_note", "N7", {"patient_source_id": "P1", "body": "ok",
                             "created_at": "2024-01-01"}),
    ("document", "D7", {"patient_source_id": "P1", "filename": "a.pdf", "path": "docs/a.pdf",
                        "phi_review": "cleared"}),
]


def _nutshell_after_write(kind: str, sid: str, fields: dict[str, Any], ctx: Ctx) -> tuple[
        str, dict[str, Any]]:
    """Runs the plan against a dictionary 'Nutshell' echoing like the live API."""
    steps = plan_record(kind, sid, fields, ctx, OPT_IN)
    assert isinstance(steps, list)
    created: list[dict[str, Any]] = []
    for i, step in enumerate(steps):
        if step.action == "create":
            payload = bind(step, [c["id"] for c in created])
            assert isinstance(payload, dict)
            created.append(echo(step.entity, payload, f"{50 + i}-{step.entity}"))
        elif step.action == "status":  # the lead closed through its status endpoint
            assert isinstance(step.payload, dict) and step.uses_result_of is not None
            created[step.uses_result_of]["status"] = step.payload["status"]
        else:  # a file attached to the record made before: not a field of it
            assert step.action == "upload" and step.uses_result_of is not None
    return steps[-1].entity, created[-1]


@pytest.mark.parametrize(("kind", "sid", "fields"), CASES, ids=[c[0] for c in CASES])
def test_round_trip_matches(ctx: Ctx, kind: str, sid: str, fields: dict[str, Any]) -> None:
    expected = expectations(kind, sid, fields, ctx, OPT_IN)
    assert expected, "every pushed kind has expectations"
    entity, record = _nutshell_after_write(kind, sid, fields, ctx)
    actual = actual_values(entity, record, expected)
    result = compare(expected, actual)
    assert [(c.path, c.status) for c in result if c.status != "matched"] == []
    assert len(result) == len(expected)


def test_expectation_paths_are_stable_names(ctx: Ctx) -> None:
    exp = expectations("patient", "P2", PATIENT, ctx, MappingDocument())
    assert exp["contacts.name"] == "Ada K Byron"  # the middle name where the clinic wrote it
    assert exp["contacts.emails"] == ["ada.byron@example.org"]
    assert exp["contacts.phones"] == {"mobile": "+16175550123", "home": "(617) 555-0199"}
    assert exp["contacts.customFields.Date of Birth"] == "1984-02-29"
    assert exp["contacts.links.accounts"] == ["3-accounts"]
    appt = expectations("appointment", "A1", APPT, ctx, MappingDocument())
    assert appt["activities.startTime"] == 1736517600
    assert appt["activities.links.participants"] == ["7-contacts", "2-users"]
    lead = expectations("lead", "L1", {"status": "lost"}, ctx, MappingDocument())
    assert lead["leads.status"] == "lost"
    assert not any("$step" in repr(v) for v in lead.values())
    assert expectations("insurance", "I1", {"patient_source_id": "P1"}, ctx,
                        MappingDocument()) == {}


def test_differences_and_missing_are_reported(ctx: Ctx) -> None:
    expected = expectations("patient", "P2", PATIENT, ctx, MappingDocument())
    _, record = _nutshell_after_write("patient", "P2", PATIENT, ctx)
    record["customFields"]["Date of Birth"] = "1984-03-01"
    del record["customFields"]["Chart Number"]
    record["phones"][1]["value"] = {"E164": "+16175550000"}
    result = {c.path: c for c in compare(expected, actual_values("contacts", record, expected))}
    assert result["contacts.customFields.Date of Birth"].status == "differing"
    assert result["contacts.customFields.Chart Number"].status == "missing"
    assert result["contacts.phones"].status == "differing"
    assert result["contacts.phones"].note == "phone labels differing: home"
    assert result["contacts.name"].status == "matched"
    # notes name how values were compared, never the values themselves
    assert "617" not in result["contacts.phones"].note


@pytest.mark.parametrize(("path", "a", "b"), [
    ("contacts.phones", {"mobile": "+16175550123"}, {"mobile": "617-555-0123"}),
    ("contacts.phones", {"mobile": "+442071234567"}, {"mobile": "020 7123 4567"}),
    ("contacts.customFields.Date of Birth", "1984-02-29", 446860800),
    ("contacts.customFields.Date of Birth", "1984-02-29", "1984-02-29T00:00:00Z"),
    ("contacts.customFields.Proposed", "2020-01-02", "2020-01-02T10:00:00+02:00"),
    ("activities.startTime", 1736517600, "2025-01-10T14:00:00Z"),
    ("activities.startTime", 1736517600, "2025-01-10T09:00:00-05:00"),
    ("contacts.customFields.Insurance Copay", "12.5", "12.50"),
    ("contacts.emails", ["A@B.org", "c@d.org"], ["c@d.org", "a@b.org"]),
    ("contacts.name", "Ada  Byron ", "Ada Byron"),
    ("activities.links.participants", ["7-contacts", "2-users"], ["2-users", "7-contacts"]),
    ("activities.isLogged", True, "true"),
])
def test_equivalent_encodings(path: str, a: Any, b: Any) -> None:
    assert equivalent(path, a, b)


@pytest.mark.parametrize(("path", "a", "b"), [
    ("contacts.phones", {"mobile": "+16175550123"}, {"mobile": "617-555-0124"}),
    ("contacts.phones", {"mobile": "+16175550123"}, {"home": "+16175550123"}),
    ("contacts.customFields.Clinic Patient ID", "0012", "12"),
    ("contacts.customFields.Date of Birth", "1984-02-29", "1984-02-28"),
    ("activities.startTime", 1736517600, 1736517601),
    ("contacts.customFields.Insurance Copay", "12.5", "12.05"),
    ("contacts.name", "Ada Byron", "ada byron"),
    ("contacts.emails", ["a@b.org"], ["a@b.org", "x@y.org"]),
])
def test_different_values(path: str, a: Any, b: Any) -> None:
    assert not equivalent(path, a, b)


def test_currency_typing_can_come_from_the_specs() -> None:
    path = "contacts.customFields.Deposit"
    assert not equivalent(path, "5", "5.00")
    assert equivalent(path, "5", "5.00", {path: "Currency"})


def test_three_way() -> None:
    p = "contacts.customFields.Insurance Carrier"
    q = "contacts.name"
    r = "contacts.customFields.Payer Response"
    s = "contacts.customFields.Chart Number"
    t = "contacts.customFields.Sex"
    last = {p: "Aetna", q: "Ada Byron", r: "ok", s: "C1", t: "female"}
    source = {p: "Cigna", q: "Ada Byron", r: "denied", s: "C2", t: "female"}
    nutshell = {p: "Aetna", q: "Ada Lovelace", r: "escalated", s: "C2", t: "other"}
    assert three_way(source, last, nutshell) == {
        p: "apply",  # source changed, Nutshell still holds our value
        q: "unchanged",  # staff edited, source did not change: keep the staff edit
        r: "conflict",  # both changed, differently
        s: "unchanged",  # both sides already agree
        t: "unchanged",
    }
    # a field newly present in the source and never written applies when Nutshell is empty
    assert three_way({p: "Aetna"}, {}, {}) == {p: "apply"}
    assert three_way({p: "Aetna"}, {}, {p: "Cigna"}) == {p: "conflict"}
