"""Nutshell's OpenAPI document as JSON Schema validators for response bodies.

OpenAPI 3.0 schemas are (nearly) JSON Schema draft 4; the only 3.0-only keyword used in the
response schemas we check is `nullable`, translated here. `$ref`s resolve against the
document's own `components`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jsonschema_rs
import orjson

from ..conftest import REFERENCE

SERVED = [
    *[(m, f"/{e}{p}") for e in ("contacts", "accounts", "leads") for m, p in [
        ("GET", ""), ("POST", ""), ("GET", "/{id}"), ("DELETE", "/{id}"), ("PATCH", "/{id}"),
        ("GET", "/{id}/customfields"), ("GET", "/customfields/attributes"),
        ("POST", "/customfield"), ("POST", "/{id}/undelete")]],
    ("GET", "/activities"), ("POST", "/activities"), ("GET", "/activities/{id}"),
    ("PUT", "/activities/{id}"), ("GET", "/activitytypes"),
    ("GET", "/notes"), ("POST", "/notes"), ("GET", "/notes/{id}"), ("DELETE", "/notes/{id}"),
    ("POST", "/notes/{id}/undelete"),
    ("GET", "/tasks"), ("POST", "/tasks"), ("GET", "/tasks/{id}"), ("PATCH", "/tasks/{id}"),
    ("DELETE", "/tasks/{id}"),
    ("GET", "/sources"), ("POST", "/sources"), ("DELETE", "/sources/{id}"),
    ("POST", "/sources/{id}/undelete"),
    ("GET", "/tags"), ("POST", "/tags"), ("DELETE", "/tags/{id}"), ("POST", "/tags/{id}/undelete"),
    ("GET", "/users"), ("GET", "/users/{id}"), ("GET", "/events"),
    ("GET", "/outcomes"), ("GET", "/outcomes/{id}"), ("POST", "/leads/{id}/status"),
]


@cache
def document() -> dict[str, Any]:
    return orjson.loads((REFERENCE / "openapi.json").read_bytes())


def _draft4(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _draft4(v) for k, v in node.items() if k != "nullable"}
        if node.get("nullable") is True:
            return {"anyOf": [out, {"type": "null"}]}
        return out
    if isinstance(node, list):
        return [_draft4(v) for v in node]
    return node


def doc_path(path: str) -> str | None:
    """The document's path template for a concrete REST path (relative to /rest)."""
    for method_path in {p for _, p in SERVED}:
        regex = "^" + re.sub(r"\\\{id\\\}", "[^/]+", re.escape(method_path)) + "$"
        if re.match(regex, path) and not (
                "{id}" in method_path and path.split("/")[2:3] in (["customfields"],
                                                                  ["customfield"])):
            return method_path
    return None


@cache
def validator(method: str, template: str, status: int) -> Any:
    """A validator for that response, or None when the document declares no body schema."""
    op = document()["paths"][template][method.lower()]
    response = op["responses"].get(str(status))
    if response is None:
        return None
    schema = (response.get("content") or {}).get("application/json", {}).get("schema")
    if schema is None:
        return None
    root = {"allOf": [_draft4(schema)], "components": _draft4(document()["components"])}
    return jsonschema_rs.Draft4Validator(root)


def example(schema: dict[str, Any], depth: int = 0) -> Any:
    """A body built from the document's own `example` values, as a reader of the document (or
    schemathesis's examples phase) would compose it."""
    if depth > 12:
        return None
    schemas = document()["components"]["schemas"]
    if "$ref" in schema:
        return example(schemas[schema["$ref"].rsplit("/", 1)[1]], depth + 1)
    if "example" in schema:
        return schema["example"]
    if "allOf" in schema:
        out: dict[str, Any] = {}
        for part in schema["allOf"]:
            got = example(part, depth + 1)
            if isinstance(got, dict):
                out.update(got)
        return out
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return example(schema[key][0], depth + 1)
    if schema.get("type") == "object" or "properties" in schema:
        found = {k: example(v, depth + 1) for k, v in (schema.get("properties") or {}).items()}
        return {k: v for k, v in found.items() if v is not None}
    if schema.get("type") == "array":
        item = example(schema.get("items") or {}, depth + 1)
        return [] if item is None else [item]
    return None


def request_example(method: str, template: str) -> Any:
    content = document()["paths"][template][method.lower()]["requestBody"]["content"]
    return example(next(iter(content.values()))["schema"])


def operations() -> list[tuple[str, str]]:
    """Every (METHOD, path template) of the document."""
    return [(m.upper(), p) for p, item in document()["paths"].items() for m in item
            if m in ("get", "post", "put", "patch", "delete")]
