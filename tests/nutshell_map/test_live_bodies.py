"""The engine's readers on the bodies captured from the live Nutshell (the sandbox's
reference/wire-samples), not on the sandbox's echo: the read-back behind verify and the sample
diff, rollback's "changed by someone else" check and the delta's three-way decision.

Each expectation is built the way the engine builds its payloads (domain/nutshell/payloads.py,
activities.py), filled with the capture's own values, so a reader that misreads Nutshell's
shape (nested addresses, `agenda`, participants split by type, `dueTime` objects) fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from domain.nutshell.compare import compare, three_way
from domain.nutshell.paths import actual_values, read_paths, read_value

WIRE = Path(__file__).resolve().parents[2] / "adapters" / "nutshell_sandbox" / "reference" \
    / "wire-samples"
CAPTURE = orjson.loads((WIRE / "read/events/1-first-page.json").read_bytes())
LIVE = {p["id"]: p for p in CAPTURE["payloads"]}


def _flat_address(live: dict[str, Any]) -> dict[str, Any]:
    value = live["addresses"][0]["value"]
    return {k: v for k, v in value.items() if isinstance(v, str) and k != "locationAccuracy"}


def _sent(entity: str, live: dict[str, Any]) -> dict[str, Any]:
    """What the engine would have sent to end with this record."""
    if entity in ("contacts", "accounts"):
        sent: dict[str, Any] = {
            "name": live["name"], "description": live["description"],
            "emails": [{"name": "email", "isPrimary": True, "value": e["value"]}
                       for e in live["emails"]],
            "urls": [{"name": "url", "isPrimary": True, "value": u["value"]}
                     for u in live["urls"]],
            "addresses": [{"name": "address", "isPrimary": True,
                           "value": _flat_address(live)}],
        }
        other = "accounts" if entity == "contacts" else "contacts"
        sent["links"] = {other: list(live["links"][other])}
        return sent
    if entity == "leads":
        return {"description": live["description"], "status": live["status"],
                "dueTime": live["dueTime"]["timestamp"],
                "links": {"contacts": live["links"]["contacts"],
                          "accounts": live["links"]["accounts"]}}
    if entity == "activities":
        return {"name": live["name"], "description": live["agenda"],
                "activityType": live["links"]["activityType"],
                "startTime": live["startTime"], "endTime": live["endTime"],
                "isLogged": live["isLogged"],
                "links": {"participants": live["links"]["contacts"] + live["links"]["users"]}}
    return {"body": live["body"], "links": {"parent": live["links"]["parent"]}}


CASES = [("accounts", "3-accounts"), ("contacts", "3-contacts"), ("leads", "1003-leads"),
         ("activities", "3-activities"), ("notes", "3-notes")]


@pytest.mark.parametrize(("entity", "live_id"), CASES)
def test_read_back_of_a_live_body_matches_what_was_sent(entity, live_id):
    live = LIVE[live_id]
    expected = read_paths(entity, _sent(entity, live))
    assert len(expected) >= 2
    actual = actual_values(entity, live, expected.keys())
    problems = [(c.path, c.status) for c in compare(expected, actual) if c.status != "matched"]
    assert problems == []


def test_the_live_shapes_are_read_where_nutshell_puts_them():
    contact, activity, lead = LIVE["3-contacts"], LIVE["3-activities"], LIVE["1003-leads"]
    address = read_value("contacts", contact, "contacts.address")
    assert address["address_1"] == contact["addresses"][0]["value"]["address_1"]
    assert address["city"] == contact["addresses"][0]["value"]["city"]
    assert read_value("activities", activity, "activities.links.participants") == \
        activity["links"]["contacts"]
    assert read_value("activities", activity, "activities.description") == activity["agenda"]
    assert read_value("activities", activity, "activities.activityType") == \
        activity["links"]["activityType"]
    assert read_value("leads", lead, "leads.dueTime") == lead["dueTime"]["timestamp"]


@pytest.mark.parametrize(("entity", "live_id"), CASES)
def test_rollback_sees_a_staff_change_on_a_live_body(entity, live_id):
    """rollback.plan_compensations: what we wrote vs what Nutshell holds now."""
    live = LIVE[live_id]
    written = read_paths(entity, _sent(entity, live))
    path = sorted(p for p in written if not p.split(".")[1] == "links")[0]
    changed = dict(written, **{path: _other(written[path])})
    now = actual_values(entity, live, changed.keys())
    differing = [c.path for c in compare(changed, now) if c.status != "matched"]
    assert differing == [path]


def test_delta_decides_on_a_live_body():
    """delta: the source moved; Nutshell still holds what we wrote -> apply; staff changed it
    -> conflict."""
    contact = LIVE["3-contacts"]
    written = read_paths("contacts", _sent("contacts", contact))
    now = actual_values("contacts", contact, written.keys())
    source = dict(written, **{"contacts.description": "moved on"})
    assert three_way(source, written, now)["contacts.description"] == "apply"
    earlier = dict(written, **{"contacts.description": "what we once wrote"})
    assert three_way(source, earlier, now)["contacts.description"] == "conflict"
    assert set(three_way(written, written, now).values()) == {"unchanged"}


def _other(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 86_400
    if isinstance(value, list):
        return [*value, "someone-else@example.test"]
    if isinstance(value, dict):
        return {**value, "city": "Elsewhere"}
    return f"{value} (edited)"
