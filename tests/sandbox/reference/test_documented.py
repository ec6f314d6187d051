"""What Nutshell's own document says is accepted: its example request bodies, every method it
lists on a path (and a 405 naming exactly those for any other), and the README's list of the
operations the sandbox does not emulate, which must be exactly the document's others."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from adapters.nutshell_sandbox import SandboxServer
from adapters.nutshell_sandbox.rpc import METHODS

from ..conftest import TLS, create, define
from .openapi_doc import document, operations, request_example

README = Path(__file__).resolve().parents[3] / "README.md"


def _seed(client: httpx.Client) -> None:
    """The ids the document's examples name (1-accounts, 3-contacts, 1-sources, 1-tags ...)
    and its example custom field, so that an example is judged on its shape alone."""
    for entity in ("contacts", "accounts", "leads"):
        define(client, entity, "Favorite Number", "Number")
    for n in range(3):
        create(client, "contacts", {"name": f"Person {n}"})
        create(client, "accounts", {"name": f"Company {n}"})
    create(client, "sources", {"name": "Web"})
    create(client, "tags", {"name": "VIP", "tagType": "leads"})
    create(client, "leads", {"description": "Seed"})
    create(client, "activities", {"name": "Seed"})


@pytest.mark.parametrize(("method", "template", "path"), [
    ("POST", "/accounts", "/accounts"), ("POST", "/contacts", "/contacts"),
    ("POST", "/leads", "/leads"), ("POST", "/activities", "/activities"),
    ("POST", "/notes", "/notes"), ("POST", "/tasks", "/tasks"),
    ("PUT", "/activities/{id}", "/activities/1-activities"),
    ("POST", "/leads/{id}/status", "/leads/1-leads/status"),
])
def test_the_documents_example_bodies_are_accepted(client, method, template, path):
    _seed(client)
    body = request_example(method, template)
    r = client.request(method, path, json=body)
    assert r.status_code < 300, (body, r.text)


def test_the_documents_example_records_read_back_as_sent(client):
    _seed(client)
    body = request_example("POST", "/contacts")["contacts"][0]
    made = client.post("/contacts", json={"contacts": [body]}).json()["contacts"][0]
    address = made["addresses"][0]["value"]
    assert address["address_1"] == body["addresses"][0]["address_1"]
    assert made["phones"][0]["value"]["numberFormatted"] == \
        body["phones"][0]["value"]["numberFormatted"]
    lead = request_example("POST", "/leads")["leads"][0]
    got = client.post("/leads", json={"leads": [lead]}).json()["leads"][0]
    assert got["dueTime"]["timestamp"] == int(lead["dueTime"]["timestamp"])


def _concrete(template: str) -> str:
    return re.sub(r"\{[^}]+\}", "1-x", template)


def test_a_known_route_with_another_method_is_405_naming_the_documents_methods(sandbox):
    documented: dict[str, set[str]] = {}
    for method, template in operations():
        documented.setdefault(template, set()).add(method)
    checked = 0
    auth = (sandbox.admin_user, sandbox.admin_key)
    for template, methods in documented.items():
        served = sandbox.router.methods(_concrete(template))
        if not served:
            continue  # not emulated (the next test)
        assert served == methods, template
        wrong = next(m for m in ("PUT", "PATCH", "DELETE", "POST", "GET") if m not in methods)
        r = httpx.request(wrong, sandbox.url + _concrete(template), auth=auth, verify=TLS)
        assert r.status_code == 405, (wrong, template)
        assert set(r.headers["Allow"].split(", ")) == methods, template
        checked += 1
    assert checked >= 40


def test_the_readme_lists_exactly_the_operations_not_emulated(sandbox):
    text = README.read_text(encoding="utf-8")
    section = text.split("Not emulated (these answer the unknown-route page):", 1)[1]
    section = section.split("\n\n", 1)[0]
    listed = set(re.findall(r"`((?:GET|POST|PUT|PATCH|DELETE) /[^`]+)`", section))
    missing = {f"{m} {t}" for m, t in operations()
               if m not in sandbox.router.methods(_concrete(t))}
    assert listed == missing
    assert len(operations()) == 112 and len(missing) < 50
    auth = (sandbox.admin_user, sandbox.admin_key)
    for op in sorted(missing)[:10]:
        method, template = op.split(" ", 1)
        r = httpx.request(method, sandbox.url + _concrete(template), auth=auth, verify=TLS)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), op


def test_the_readme_names_every_json_rpc_method():
    text = README.read_text(encoding="utf-8")
    assert [name for name in METHODS if f"`{name}`" not in text and name not in text] == []


def test_the_document_is_the_whole_one():
    assert len(document()["paths"]) == 87 and len(operations()) == 112


def test_no_undocumented_rest_route_is_served():
    srv = SandboxServer()
    documented = {t for _, t in operations()}
    for route in srv.router.routes:
        if route.method:
            assert route.pattern in documented, route.pattern
