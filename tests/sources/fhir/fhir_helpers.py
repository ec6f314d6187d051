"""Helpers shared by the FHIR derivation tests: sample resources and canonical-shape checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from domain.fhir.resources import PARTIAL, derive_resource
from domain.records.canonical import KIND_FIELDS

SAMPLES = Path(__file__).resolve().parents[3] / "adapters" / "samples" / "fhir"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fhir"


def us_core(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / "us-core" / f"{name}.json").read_text("utf-8"))


def only(resource: dict[str, Any], full_url: str | None = None) -> tuple[str, dict[str, Any]]:
    derived = derive_resource(resource, full_url)
    assert len(derived) == 1
    return derived[0]


def synthetic(resource_id: str) -> dict[str, Any]:
    bundle = json.loads((SAMPLES / "synthetic" / "clinic-r4-collection.json").read_text("utf-8"))
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["id"] == resource_id)


def stu3(resource_id: str) -> dict[str, Any]:
    for line in (FIXTURES / "stu3-shapes.ndjson").read_text("utf-8").splitlines():
        resource = json.loads(line)
        if resource["id"] == resource_id:
            return resource
    raise KeyError(resource_id)


def assert_canonical(kind: str, fields: dict[str, Any]) -> None:
    allowed = set(KIND_FIELDS[kind]) | {"extra", PARTIAL}
    assert set(fields) <= allowed, set(fields) - allowed
