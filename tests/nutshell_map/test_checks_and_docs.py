"""Owners, plan limits, time estimate, rollback residue and the post-migration documents."""

from __future__ import annotations

from typing import Any

import pytest

from domain.mapping import KindTarget, MappingDocument, Settings
from domain.nutshell.map import (
    custom_field_checklist,
    custom_field_specs,
    estimate_seconds,
    operations_guide,
    phi_review_list,
    plan_limits,
    request_count,
    residue,
    resolve_owners,
    workflow_rebuild_inventory,
)

USERS: list[dict[str, Any]] = [
    {"id": "1-users", "name": "Admin", "emails": ["Admin@Clinic.example"]},
    {"id": "2-users", "name": "Grace", "emails": ["grace@clinic.example", "gh@alt.example"]},
    {"id": "3-users", "name": "Gone", "emails": ["gone@clinic.example"], "isEnabled": False},
    {"id": "4-users", "name": "Dup", "emails": ["grace@clinic.example"]},
]


def test_owners_matched_case_insensitively() -> None:
    got = resolve_owners([("S1", "GRACE@clinic.example"), ("S2", "gh@ALT.example"),
                          ("S3", "admin@clinic.example"), ("S4", None),
                          ("S5", "gone@clinic.example"), ("S6", "nobody@x.org")], USERS)
    assert got.matched == {"S1": "2-users", "S2": "2-users", "S3": "1-users"}
    assert got.unmatched == ["S4", "S5", "S6"]
    assert got.seats_missing == 3


def test_owners_all_matched() -> None:
    got = resolve_owners([("S1", "admin@clinic.example")], USERS)
    assert (got.unmatched, got.seats_missing) == ([], 0)


def test_foundation_open_leads_cap() -> None:
    findings = plan_limits("Foundation", {"lead": 101, "patient": 5000}, 3, 3, 0)
    errors = [f for f in findings if f.level == "error"]
    assert [f.code for f in errors] == ["plan.open_leads"]
    assert "101" in errors[0].message and "100" in errors[0].message
    # converted/lost leads do not count when the caller says how many stay open
    assert not [f for f in plan_limits("foundation", {"lead": 500, "leads_open": 100}, 1, 1, 0)
                if f.level == "error"]
    assert not [f for f in plan_limits("Growth", {"lead": 5000}, 1, 1, 0) if f.level == "error"]


def test_seats_and_custom_fields_and_unknown_plan() -> None:
    codes = {f.code: f for f in plan_limits("Pro", {}, staff_needing_access=7, users=4,
                                            custom_fields=30)}
    assert codes["plan.seats"].level == "warning" and "3 more" in codes["plan.seats"].message
    assert codes["plan.custom_fields"].level == "warning"
    enterprise = {f.code for f in plan_limits("Enterprise", {}, 1, 1, 30)}
    assert "plan.custom_fields" not in enterprise
    [bad] = plan_limits("Platinum", {}, 1, 1, 1)
    assert (bad.level, bad.code) == ("error", "plan.unknown")


def test_estimate_seconds() -> None:
    # rate-bound: 8 in flight at 150 ms carry 53/s, the rate limit of 20/s binds
    assert estimate_seconds(2000, 20.0, 0.15, 8) == pytest.approx(100.15)
    # latency-bound: one at a time at 150 ms is 6.67/s
    assert estimate_seconds(200, 20.0, 0.15, 1) == pytest.approx(30.15)
    assert estimate_seconds(0, 20.0, 0.15, 1) == 0.0
    assert estimate_seconds(10, 5.0, 0.0, 1) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        estimate_seconds(10, 0.0, 0.1, 1)


def test_residue_names_what_cannot_be_undone() -> None:
    got = residue(["patient", "appointment"], ["Sex", "Date of Birth"])
    text = "\n".join(got)
    assert "2 custom-field definitions" in text and "Date of Birth, Sex" in text
    assert "creation timestamps" in text
    assert "deleteActivity" in text
    assert residue([], []) == []
    assert not any("deleteActivity" in r for r in residue(["patient"], []))


def test_custom_field_checklist_lists_every_spec() -> None:
    specs = custom_field_specs(MappingDocument(), ["patient", "company", "lead"])
    md = custom_field_checklist(specs)
    for s in specs:
        assert f"| {s.name} | {s.type} |" in md
    assert "## People (contacts)" in md and "## Companies (accounts)" in md
    assert "female, male, other, unknown" in md
    assert "No custom fields" in custom_field_checklist([])


def test_workflow_inventory_counts_and_disabled_kinds() -> None:
    doc = MappingDocument(nutshell={"billing": KindTarget(enabled=False)})
    md = workflow_rebuild_inventory(doc, {"appointment": 40, "billing": 3,
                                          "clinical_note": 9, "lead": 0})
    assert "| appointment | 40 | appointment reminders" in md
    assert "recurring appointment series" in md
    assert "| billing | 3 | records not moved (disabled in the mapping)" in md
    assert "| clinical_note | 9 | records not moved (clinical content not opted in)" in md
    assert "| lead |" not in md


def test_operations_guide_uses_the_confirmed_names() -> None:
    doc = MappingDocument(settings=Settings(clinical_content=True),
                          nutshell={"insurance": KindTarget(field_names={
                              "carrier_name": "Payer"})})
    md = operations_guide(doc)
    assert "'Payer'" in md and "'Insurance Carrier'" not in md
    assert "'Clinic Patient ID'" in md
    assert "clinical notes and document records are Notes" in md
    assert "not opted in" in operations_guide(MappingDocument())


def test_phi_review_list_has_ids_and_hashes_only() -> None:
    md = phi_review_list([
        {"kind": "document", "source_id": "D2", "reason": "phi_review required",
         "file": "docs.csv", "row": 4, "hash": "h:abc", "status": "held"},
        {"kind": "clinical_note", "source_id": "N1", "reason": "clinical content",
         "file": "notes.csv", "row": 2, "hash": "h:def", "status": "held",
         "body": "secret text"},
    ])
    lines = [line for line in md.splitlines() if line.startswith("| clinical_note") or
             line.startswith("| document")]
    assert lines[0].startswith("| clinical_note | N1 | clinical content | notes.csv | 2 |")
    assert lines[1].startswith("| document | D2 |")
    assert "secret" not in md
    assert "Nothing to review." in phi_review_list([])


def test_request_count() -> None:
    counts = {"patient": 100, "insurance": 90, "lead": 10, "leads_closed": 4, "document": 5,
              "appointment": 50}
    assert request_count(counts, ["patient", "insurance", "lead", "appointment"], 30) == (
        100 + 0 + 20 + 4 + 50 + 30)
    assert request_count(counts, [], 0) == 0
