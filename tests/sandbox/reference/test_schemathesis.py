"""schemathesis on the WHOLE of Nutshell's OpenAPI document (all 112 operations, not a copy
cut down to what the sandbox serves), valid requests only, against a seeded sandbox:

- no answer is a server error;
- an operation the sandbox does not emulate answers as Nutshell's unknown route (404 HTML page),
  and only the README's listed ones may (test_documented checks that list);
- every refusal of a valid request is explained by a rule listed here, with where it comes from.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from ..conftest import REFERENCE, create, define

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")

# (title pattern of the errors[] answer, the rule, where the rule comes from)
RULES: list[tuple[str, str, str]] = [
    (r"^You may only create one \w+ resource per request\.$", "one record per create",
     "wire-samples/write/err-create-account.json"),
    (r"^Invalid filter$", "a page number, limit or filter Nutshell cannot read is refused",
     "wire-samples/read/err-page-size.json (Invalid page number: -1)"),
    (r"^Request body must contain a non-empty '\w+' array$",
     "a create names its record in the entity-keyed array", "document: create bodies"),
    (r"^Each \w+ item must be an object$", "a record is an object", "document: create bodies"),
    (r"^Invalid link for \w+$", "links name existing records of the linked type",
     "document: ids are {integer}-{entityType}; sandbox: the record must exist"),
    (r"^Unknown custom field '.*'$", "a custom field is defined before it is given a value",
     "unknown: a sandbox setting (unknown_custom_field=refuse by default)"),
    (r"^(Custom field name is required|Invalid custom field type|"
     r"Decision fields need a list of distinct choices|choices apply to Decision fields only|"
     r"\w+ custom fields apply to leads only|isMultiple must be a boolean|"
     r"Request body must be an object)$",
     "a custom field has a name and one of Nutshell's types", "Nutshell's custom-field types"),
    (r"^A custom field with this name already exists$", "custom-field names are unique",
     "unknown: a sandbox setting (duplicate_custom_field=refuse by default)"),
    (r"^At least one of name, phone, email, address or url is required$",
     "a person or company has a name or a contact detail", "sandbox assumption (README)"),
    (r"^\w+ is required$", "a source and a tag have a name, a tag its tagType",
     "sandbox assumption (README)"),
    (r"^A note needs a body$", "a note has text", "sandbox assumption (README)"),
    (r"^(An activity needs a name|endTime is before startTime|Invalid activityType)$",
     "an activity has a name, an existing type, and ends after it starts",
     "sandbox assumption (README)"),
    (r"^Invalid outcome$", "a lead is closed with an existing outcome", "GET /outcomes"),
    (r"^(name may not be empty)$", "a name, when given, is not empty",
     "sandbox assumption (README)"),
    (r"^Invalid value for (dueTime|startTime|endTime)$", "a time is Unix seconds",
     "document: 'Formatted as a Unix timestamp'"),
    (r"^(No patches sent|Invalid patch op|Each patch must be an object|"
     r"Each patch needs a string path|A value is required for add and replace|"
     r"Invalid patch path; expected /\w+/0/<field>|Unknown field in patch path: .*|"
     r"Unknown link in patch path: .*|Invalid links path|Invalid custom field path|"
     r"Invalid \w+ index in patch path)$",
     "a JSON Patch names an op, a path of the document's grammar, and a value to set",
     "document: patchInput and its JSON Patch guide (RFC 6902)"),
]


def _seed(c: httpx.Client) -> None:
    for entity in ("contacts", "accounts", "leads"):
        define(c, entity, "Favorite Number", "Number")
    for n in range(3):
        create(c, "contacts", {"name": f"P{n}"})
        create(c, "accounts", {"name": f"C{n}"})
        create(c, "leads", {"description": f"L{n}"})
        create(c, "activities", {"name": f"A{n}"})
    create(c, "sources", {"name": "Web"})
    create(c, "tags", {"name": "VIP", "tagType": "leads"})
    c.post("/notes", json={"data": {"body": "n", "links": {"parent": "1-contacts"}}})


def _explained(entry: dict[str, Any]) -> str | None:
    body = entry["response"]["content"].get("text") or ""
    if body == '"application/json-patch+json is required, see http://jsonapi.org"':
        return "JSON Patch media type (wire-samples/write/err-media-type.txt)"
    try:
        errors = orjson.loads(body).get("errors") or []
    except (orjson.JSONDecodeError, AttributeError):
        return None
    titles = [str(e.get("title")) for e in errors if isinstance(e, dict)]
    for pattern, rule, _source in RULES:
        if titles and all(re.match(pattern, t) for t in titles):
            return rule
    return None


@pytest.mark.slow
def test_schemathesis_on_the_whole_document(sandbox, client, tmp_path):
    _seed(client)
    har = tmp_path / "run.har"
    run = subprocess.run(
        [str(SCHEMATHESIS), "run", str(REFERENCE / "openapi.json"), "--url", sandbox.url,
         "--auth", f"{sandbox.admin_user}:{sandbox.admin_key}",
         "--checks", "not_a_server_error", "--mode", "positive",
         "--phases", "examples,fuzzing", "--max-examples", "6", "--seed", "20261206",
         "--generation-database", "none", "--continue-on-failure", "--workers", "2",
         "--request-timeout", "10", "--no-color", "--report", "har",
         "--report-har-path", str(har)],
        check=False, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    tail = run.stdout[-4000:] + run.stderr[-2000:]
    assert "Selected: 112/112" in run.stdout, tail
    entries = orjson.loads(har.read_bytes())["log"]["entries"]
    assert len(entries) > 200, tail
    statuses = Counter(e["response"]["status"] for e in entries)
    assert not [s for s in statuses if s >= 500], (statuses, tail)
    unexplained, rules = [], Counter()
    for e in entries:
        status = e["response"]["status"]
        html = "html" in e["response"]["content"].get("mimeType", "")
        if status < 400 or (status == 404 and html):
            continue  # answered, or Nutshell's not-found page (no such record or route)
        rule = _explained(e) if status == 400 else None
        if rule is None:
            unexplained.append((e["request"]["method"], e["request"]["url"][:120], status,
                                (e["response"]["content"].get("text") or "")[:300]))
        else:
            rules[rule] += 1
    assert unexplained == [], "\n".join(map(repr, unexplained))
    assert sum(1 for e in entries if e["response"]["status"] < 300) > 100, statuses
