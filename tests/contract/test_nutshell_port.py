"""The contract of the NutshellAPI port, run against every implementation.

`NutshellPortContract` holds the tests and is not collected by itself (no `Test` prefix);
each subclass supplies a `port` fixture: a `PortUnderTest` with a fresh, empty Nutshell whose
contacts already have the external-key custom field "Clinic Patient ID".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from adapters.nutshell.client import NutshellClient
from domain.errors import AuthenticationFailed, TerminalError
from domain.ports import CustomFieldSpec, NutshellAPI
from tests.fakes.fake_nutshell import API_KEY, USER, FakeNutshell

KEY_FIELD = "Clinic Patient ID"


@dataclass
class PortUnderTest:
    api: NutshellAPI
    admin_email: str
    inject: Callable[[list[dict[str, Any]]], None]  # faults, in the sandbox's spec format
    stored: Callable[[str], list[dict[str, Any]]]  # every record incl. deleted (server's view)
    client_with: Callable[[str, str], NutshellClient]  # another client: (user, api key)


def person(name: str, patient_id: str, email: str | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"name": name, "customFields": {KEY_FIELD: patient_id}}
    if email:
        record["emails"] = [{"name": "personal", "value": email, "isPrimary": True}]
    return record


class NutshellPortContract:
    @pytest.fixture
    def port(self) -> Iterator[PortUnderTest]:
        raise NotImplementedError

    def test_create_returns_the_record_with_its_api_id(self, port: PortUnderTest) -> None:
        made = port.api.create("contacts", person("Ada Patient", "P-1"))
        assert re.fullmatch(r"\d+-contacts", str(made["id"]))
        assert made["name"] == "Ada Patient"
        fetched = port.api.get("contacts", str(made["id"]))
        assert fetched is not None and fetched["id"] == made["id"]
        assert fetched["customFields"] == {KEY_FIELD: "P-1"}

    def test_find_by_name_takes_only_an_exact_name(self, port: PortUnderTest) -> None:
        made = port.api.create("accounts", {"name": "Harbour Medical"})
        port.api.create("accounts", {"name": "Harbour Medical Centre"})  # a loose match only
        found = port.api.find_by_name("accounts", "harbour  MEDICAL")
        assert [r["id"] for r in found] == [made["id"]]
        assert port.api.find_by_name("accounts", "Harbour") == []

    def test_created_since_finds_records_by_creation_time(self, port: PortUnderTest) -> None:
        import time as _time

        before = int(_time.time()) - 2
        made = port.api.create("contacts", person("Recent Person", "P-since"))
        found = [r["id"] for r in port.api.created_since("contacts", before)]
        assert made["id"] in found
        assert made["id"] not in [r["id"] for r in
                                  port.api.created_since("contacts", int(_time.time()) + 3600)]

    def test_get_of_an_unknown_record_is_none(self, port: PortUnderTest) -> None:
        assert port.api.get("contacts", "9999-contacts") is None

    def test_patch_changes_fields_and_custom_fields(self, port: PortUnderTest) -> None:
        made = port.api.create("contacts", person("Old Name", "P-2"))
        port.api.patch("contacts", str(made["id"]), [
            {"op": "replace", "path": "/contacts/0/name", "value": "New Name"},
            {"op": "replace", "path": f"/contacts/0/customFields/{KEY_FIELD}", "value": "P-2b"},
        ])
        fetched = port.api.get("contacts", str(made["id"]))
        assert fetched is not None and fetched["name"] == "New Name"
        assert port.api.find_by_custom_field("contacts", KEY_FIELD, "P-2b") is not None
        assert port.api.find_by_custom_field("contacts", KEY_FIELD, "P-2") is None

    def test_soft_delete_hides_and_undelete_restores(self, port: PortUnderTest) -> None:
        made = port.api.create("contacts", person("Gone Soon", "P-3"))
        api_id = str(made["id"])
        port.api.delete("contacts", api_id)
        assert port.api.get("contacts", api_id) is None
        assert port.api.find_by_custom_field("contacts", KEY_FIELD, "P-3") is None
        assert [r["id"] for r in port.api.list_all("contacts")] == []
        assert [r["id"] for r in port.stored("contacts")] == [api_id]  # soft, not gone
        port.api.undelete("contacts", api_id)
        restored = port.api.get("contacts", api_id)
        assert restored is not None and restored["name"] == "Gone Soon"

    def test_find_by_custom_field_matches_the_exact_value(self, port: PortUnderTest) -> None:
        first = port.api.create("contacts", person("One", "P-10"))
        port.api.create("contacts", person("Two", "P-100"))
        found = port.api.find_by_custom_field("contacts", KEY_FIELD, "P-10")
        assert found is not None and found["id"] == first["id"]
        assert port.api.find_by_custom_field("contacts", KEY_FIELD, "P-1") is None

    def test_find_by_email_ignores_case(self, port: PortUnderTest) -> None:
        made = port.api.create("contacts", person("Mail Person", "P-4", "Mail.Person@Example.org"))
        port.api.create("contacts", person("Other", "P-5", "other@example.org"))
        found = port.api.find_by_email("contacts", "mail.person@example.ORG")
        assert [r["id"] for r in found] == [made["id"]]
        assert port.api.find_by_email("contacts", "nobody@example.org") == []

    def test_list_all_reads_every_page_once(self, port: PortUnderTest) -> None:
        made = [port.api.create("contacts", person(f"Person {i}", f"P-L{i}"))["id"]
                for i in range(5)]
        port.api.delete("contacts", str(made[2]))
        listed = [r["id"] for r in port.api.list_all("contacts", page_size=2)]
        assert sorted(listed, key=str) == sorted(made[:2] + made[3:], key=str)

    def test_users_lists_the_account_users(self, port: PortUnderTest) -> None:
        emails = {str(e).casefold() for u in port.api.users() for e in u.get("emails") or []}
        assert port.admin_email.casefold() in emails

    def test_custom_field_definitions_are_created_and_listed(self, port: PortUnderTest) -> None:
        spec = CustomFieldSpec("contacts", "Insurance Verification", "Decision",
                               choices=("verified", "pending", "denied"))
        made = port.api.create_custom_field(spec)
        assert made["name"] == "Insurance Verification"
        listed = {d["name"]: d for d in port.api.custom_fields("contacts")}
        assert set(listed) == {KEY_FIELD, "Insurance Verification"}
        assert listed["Insurance Verification"]["type"] == "Decision"
        assert list(listed["Insurance Verification"]["choices"]) == ["verified", "pending", "denied"]

    def test_unknown_custom_field_is_terminal_and_names_no_value(self, port: PortUnderTest) -> None:
        record = {"name": "Secret Name", "customFields": {"No Such Field": "secret-value-123"}}
        with pytest.raises(TerminalError) as caught:
            port.api.create("contacts", record)
        assert caught.value.status == 400
        assert "secret-value-123" not in str(caught.value)
        assert "Secret Name" not in str(caught.value)

    def test_activities_update_by_put_and_delete_by_rpc(self, port: PortUnderTest) -> None:
        contact = port.api.create("contacts", person("Visit Patient", "P-6"))
        activity = port.api.create("activities", {
            "name": "Checkup", "startTime": 1_700_000_000, "endTime": 1_700_001_800,
            "isLogged": True, "links": {"participants": [contact["id"]]}})
        api_id = str(activity["id"])
        assert api_id.endswith("-activities")
        port.api.patch("activities", api_id,
                       [{"op": "replace", "path": "/activities/0/name", "value": "Annual checkup"}])
        fetched = port.api.get("activities", api_id)
        assert fetched is not None and fetched["name"] == "Annual checkup"
        port.api.delete("activities", api_id)
        assert port.api.get("activities", api_id) is None

    def test_notes_attach_to_a_person(self, port: PortUnderTest) -> None:
        contact = port.api.create("contacts", person("Noted Patient", "P-7"))
        note = port.api.create("notes", {"body": "[2024-01-02, Dr. A] seen",
                                         "links": {"parent": contact["id"]}})
        assert str(note["id"]).endswith("-notes")
        fetched = port.api.get("notes", str(note["id"]))
        assert fetched is not None and fetched["id"] == note["id"]

    def test_wrong_credentials_are_authentication_failed(self, port: PortUnderTest) -> None:
        with port.client_with(port.admin_email, "not-the-key") as other:
            with pytest.raises(AuthenticationFailed) as caught:
                other.list_all("contacts").__next__()
        assert caught.value.status == 401
        assert "not-the-key" not in str(caught.value)

    def test_a_reset_after_a_committed_create_makes_no_duplicate(
            self, port: PortUnderTest) -> None:
        port.inject([{"kind": "reset_after_commit", "count": 1, "match": "POST /contacts"}])
        made = port.api.create("contacts", person("Once Only", "P-8"),
                               external_key=(KEY_FIELD, "P-8"))
        assert re.fullmatch(r"\d+-contacts", str(made["id"]))
        stored = port.stored("contacts")
        assert [r["id"] for r in stored] == [made["id"]]

    def test_server_errors_are_retried_transparently(self, port: PortUnderTest) -> None:
        made = port.api.create("contacts", person("Retry Me", "P-9"))
        port.inject([{"kind": "500", "count": 2}])
        fetched = port.api.get("contacts", str(made["id"]))
        assert fetched is not None and fetched["name"] == "Retry Me"


# --- implementations ----------------------------------------------------------------------------

def _fast_client(url: str, user: str, key: str, **options: Any) -> NutshellClient:
    # Tiny backoff: retries are what is tested, not the waiting.
    return NutshellClient(url, user, key, backoff_base=0.001, backoff_cap=0.01, **options)


class TestClientOverFakeNutshell(NutshellPortContract):
    @pytest.fixture
    def port(self) -> Iterator[PortUnderTest]:
        fake = FakeNutshell()
        url = "https://nutshell.test/rest"

        def client_with(user: str, key: str) -> NutshellClient:
            return _fast_client(url, user, key, transport=fake.transport())

        with client_with(USER, API_KEY) as api:
            api.create_custom_field(CustomFieldSpec("contacts", KEY_FIELD, "Text"))
            yield PortUnderTest(
                api=api, admin_email=USER, inject=fake.faults.extend,
                stored=lambda entity: [fake.records[entity][k]
                                       for k in sorted(fake.records[entity])],
                client_with=client_with)


class TestClientOverSandbox(NutshellPortContract):
    """The same contract over real sockets against the local Nutshell sandbox."""

    @pytest.fixture
    def port(self) -> Iterator[PortUnderTest]:
        from adapters.nutshell_sandbox import SandboxServer

        server = SandboxServer()
        url = server.start()

        def client_with(user: str, key: str) -> NutshellClient:
            return _fast_client(url, user, key, timeout=10.0)

        def stored(entity: str) -> list[dict[str, Any]]:
            return list(server.snapshot()[entity])

        try:
            with client_with(server.admin_user, server.admin_key) as api:
                api.create_custom_field(CustomFieldSpec("contacts", KEY_FIELD, "Text"))
                yield PortUnderTest(api=api, admin_email=server.admin_user,
                                    inject=lambda faults: server.set_faults([*faults]), stored=stored,
                                    client_with=client_with)
        finally:
            server.stop()
