"""schemathesis, driven by Nutshell's OpenAPI document (cleaned copy, served routes only),
against the live sandbox: no 5xx and no response outside the document's schemas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import orjson
import pytest

from .conftest import create, define
from .openapi_clean import cleaned

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def _seed(c: httpx.Client) -> dict[str, list[str]]:
    define(c, "contacts", "Clinic Patient ID")
    ids: dict[str, list[str]] = {}
    account = create(c, "accounts", {"name": "Acme"})
    ids["accounts"] = [account["id"], create(c, "accounts", {"name": "Beta"})["id"]]
    ids["contacts"] = [create(c, "contacts", {
        "name": f"P{n}", "customFields": {"Clinic Patient ID": f"K{n}"},
        "links": {"accounts": [account["id"]]}})["id"] for n in range(3)]
    ids["leads"] = [create(c, "leads", {"description": f"L{n}"})["id"] for n in range(2)]
    ids["activities"] = [create(c, "activities", {"name": "Visit"})["id"]]
    ids["notes"] = [c.post("/notes", json={"data": {"body": "n", "links": {
        "parent": ids["contacts"][0]}}}).json()["notes"][0]["id"] for _ in range(2)]
    ids["tasks"] = [c.post("/tasks", json={"title": "t"}).json()["tasks"][0]["id"]]
    ids["sources"] = [create(c, "sources", {"name": "Web"})["id"]]
    ids["tags"] = [create(c, "tags", {"name": "VIP", "tagType": "2"})["id"]]
    ids["users"] = ["1-users", "2-users", "1"]
    return {key: [*values, f"999-{key}"] for key, values in ids.items()}


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_schema_violation(sandbox, client, tmp_path):
    spec = tmp_path / "nutshell-served.json"
    spec.write_bytes(orjson.dumps(cleaned(sandbox.url, _seed(client))))
    run = subprocess.run(
        [str(SCHEMATHESIS), "run", str(spec), "--url", sandbox.url,
         "--auth", f"{sandbox.admin_user}:{sandbox.admin_key}",
         "--checks", "not_a_server_error,response_schema_conformance",
         "--max-examples", "3", "--seed", "20261124", "--generation-database", "none",
         # coverage (boundary values, every method on every path) and fuzzing; examples and
         # stateful add little here and would push the run past its time budget
         "--phases", "coverage,fuzzing", "--workers", "2",
         "--request-timeout", "10", "--no-color"],
        check=False, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    tail = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, tail
    assert "53 selected" in run.stdout, tail
    assert " passed" in run.stdout and "failures" not in run.stdout.split("SUMMARY")[-1], tail
