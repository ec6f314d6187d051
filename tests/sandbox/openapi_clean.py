"""A cleaned copy of Nutshell's OpenAPI document for schemathesis, restricted to the routes
the sandbox serves. What is cleaned (the published document is kept unchanged beside it):

- the request media-type key `json` on POST /accounts and POST /tags becomes
  `application/json` (as published it names no real media type);
- operations the sandbox does not serve are dropped, and so are paths left empty;
- `servers` points at the live sandbox;
- with `ids` given, each `{id}` path parameter is narrowed to those ids of seeded records,
  so generated requests reach real records rather than only 404s;
- OpenAPI `links` are added from each create to the operations on the created record, so
  schemathesis's stateful phase reaches real records instead of only 404s.
"""

from __future__ import annotations

import copy
from typing import Any

from .openapi_doc import SERVED, document


def cleaned(base_url: str, ids: dict[str, list[str]] | None = None) -> dict[str, Any]:
    doc = copy.deepcopy(document())
    served: dict[str, set[str]] = {}
    for method, path in SERVED:
        served.setdefault(path, set()).add(method.lower())
    paths = {}
    for path, item in doc["paths"].items():
        keep = {m: op for m, op in item.items() if m in served.get(path, set())}
        for op in keep.values():
            content = (op.get("requestBody") or {}).get("content") or {}
            if "json" in content:
                content["application/json"] = content.pop("json")
        if keep:
            paths[path] = keep
    doc["paths"] = paths
    doc["servers"] = [{"url": base_url}]
    _add_links(paths)
    for path, item in paths.items():
        entity = path.strip("/").split("/")[0]
        if ids and entity in ids and "{id}" in path:
            for op in item.values():
                for param in op.get("parameters", []):
                    if param["name"] == "id" and param["in"] == "path":
                        param["schema"] = {"type": "string", "enum": ids[entity]}
    return doc


def _add_links(paths: dict[str, Any]) -> None:
    for path, item in paths.items():
        create = item.get("post")
        if create is None or "{" in path:
            continue
        entity = path.strip("/")
        status = next(iter(create["responses"]))
        links = {}
        for target, target_item in paths.items():
            if not target.startswith(f"{path}/{{id}}"):
                continue
            for method, op in target_item.items():
                links[f"{method}{target}".replace("/", "_").replace("{", "").replace("}", "")] = {
                    "operationId": op["operationId"],
                    "parameters": {"id": f"$response.body#/{entity}/0/id"}}
        if links:
            create["responses"][status]["links"] = links
