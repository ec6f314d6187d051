"""Shared pieces for the default-map tests: a PushContext double, Nutshell's request schemas,
and an echo of a created record in the shape Nutshell's live API returns it."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

OPENAPI = Path(__file__).parent.parent / "fixtures" / "nutshell" / "openapi.json"
NOW = 1_750_000_000  # 2025-06-15T15:06:40Z


@dataclass
class Ctx:
    """The executor's side of planning, as plain dictionaries."""

    ids: dict[tuple[str, str], str] = field(default_factory=dict)
    owners: dict[str | None, str] = field(default_factory=dict)
    kids: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    records: dict[tuple[str, str], dict] = field(default_factory=dict)
    held: dict[tuple[str, str], str] = field(default_factory=dict)  # the PHI review's holds
    sources: dict[str, str] = field(default_factory=dict)  # referral type -> N-sources
    referrers: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, id)
    types: dict[str, str | None] = field(default_factory=lambda: {
        "appointment": "5-activityTypes", "call": "1-activityTypes",
        "email": "2-activityTypes", "sms": "3-activityTypes", "meeting": "4-activityTypes"})
    clock: int = NOW

    def nutshell_id(self, kind: str, source_id: str) -> str | None:
        return self.ids.get((kind, source_id))

    def owner_for(self, staff_source_id: str | None) -> str | None:
        return self.owners.get(staff_source_id, self.owners.get("*"))

    def children(self, patient_source_id: str) -> Mapping[str, Sequence[dict]]:
        return self.kids.get(patient_source_id, {})

    def activity_type(self, channel_or_kind: str) -> str | None:
        return self.types.get(channel_or_kind)

    def now(self) -> int:
        return self.clock

    def record(self, kind: str, source_id: str) -> Mapping[str, Any] | None:
        return self.records.get((kind, source_id))

    def source_id(self, referral_type: str) -> str | None:
        return self.sources.get(referral_type.lower())

    def referrer(self, key: str) -> tuple[str, str] | None:
        return self.referrers.get(key)

    def review_hold(self, kind: str, source_id: str) -> str | None:
        return self.held.get((kind, source_id))


@pytest.fixture
def ctx() -> Ctx:
    return Ctx(
        ids={("company", "C1"): "3-accounts", ("patient", "P1"): "7-contacts",
             ("provider", "S1"): "9-contacts"},
        owners={"S1": "2-users", "*": "1-users"},
        records={("company", "C1"): {"name": "Main St Clinic"},
                 ("patient", "P1"): {"first_name": "Ada", "last_name": "Byron"},
                 ("provider", "S1"): {"first_name": "Grace", "last_name": "Hopper"}},
    )


@cache
def openapi() -> dict[str, Any]:
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


def request_schema(method: str, path: str) -> dict[str, Any]:
    content = openapi()["paths"][path][method]["requestBody"]["content"]
    # POST /accounts publishes its body under the media-type key "json" (sic).
    body = (content.get("application/json") or content.get("json"))["schema"]
    return {**body, "components": openapi()["components"]}


def assert_valid_create(entity: str, record: dict[str, Any]) -> None:
    """The record wrapped the way the client sends it must satisfy the document's schema."""
    # notes are wrapped in "data", a task is the body itself, the rest are entity-keyed arrays
    body = {"notes": {"data": record}, "tasks": record}.get(entity, {entity: [record]})
    schema = request_schema("post", f"/{entity}")
    errors = [e.message for e in jsonschema_rs.validator_for(schema).iter_errors(body)]
    assert errors == [], errors


def _phone_object(raw: Any) -> dict[str, str]:
    if isinstance(raw, dict):
        raw = raw.get("E164") or raw.get("numberFormatted") or raw.get("number")
    digits = re.sub(r"\D", "", str(raw))
    if len(digits) == 10:
        digits = "1" + digits
    national = digits[1:] if digits.startswith("1") and len(digits) == 11 else digits
    formatted = f"{national[:3]}-{national[3:6]}-{national[6:]}"
    return {"countryCode": "1", "number": national, "numberFormatted": formatted,
            "E164": "+" + digits, "countryCodeAndNumber": "+1 " + formatted}


def echo(entity: str, record: dict[str, Any], new_id: str) -> dict[str, Any]:
    """A created record as Nutshell's live API returns it (wire-samples shapes): phones as
    value objects in national format, addresses nested with location, activities' description
    as `agenda` and participants split by type, Currency without trailing zeros."""
    rec = copy.deepcopy(record)
    rec["id"], rec["type"] = new_id, entity
    if "phones" in rec:
        rec["phones"] = [{**p, "value": _phone_object(p["value"])} for p in rec["phones"]]
    if "addresses" in rec:
        rec["addresses"] = [{**a, "value": {
            "location": {"longitude": -83.7, "latitude": 42.2}, "locationAccuracy": "8",
            "address_1": None, "address_2": None, "address_3": None, "timezone": None,
            **a["value"]}} for a in rec["addresses"]]
    for cf, value in list((rec.get("customFields") or {}).items()):
        if isinstance(value, str) and re.fullmatch(r"\d+\.\d0", value):
            rec["customFields"][cf] = value.rstrip("0")
    links = rec.setdefault("links", {})
    if entity == "activities":
        rec["agenda"] = rec.pop("description", "")
        parts = links.pop("participants", [])
        links["contacts"] = [p for p in parts if p.endswith("-contacts")]
        links["users"] = [p for p in parts if p.endswith("-users")]
        links["activityType"] = rec.pop("activityType", None)
        rec["deletedTime"] = None
    if entity == "leads":
        rec.setdefault("status", "open")
        rec["createdTime"] = {"timestamp": NOW, "value": "Today"}
    if entity == "notes":
        rec["parentType"] = "contacts"
    if entity in {"contacts", "accounts"}:
        links.setdefault("owner", None)
        links.setdefault("tags", [])
    return rec
