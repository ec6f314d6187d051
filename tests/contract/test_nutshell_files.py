"""The NutshellAPI port's files and lead status, per Nutshell's "Working with files" page and
its OpenAPI document, run against every implementation that serves them.

`FilesContract` holds the tests; a subclass supplies `port` (a client against a fresh
Nutshell with a per-file limit of `LIMIT` bytes). No live wire sample covers files or lead
outcomes (the captured live answers have accounts and events only), so there
is no recorded-answer subclass here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from adapters.nutshell.client import NutshellClient
from domain.errors import FileTooLarge, NotFound, TerminalError

LIMIT = 64 * 1024


@dataclass
class FilesPort:
    api: NutshellClient
    user: str
    key: str


def _activity(api: NutshellClient, logged: bool = True) -> str:
    person = api.create("contacts", {"name": "File Holder"})
    made = api.create("activities", {"name": "Document: scan.pdf", "isLogged": logged,
                                     "startTime": 1_700_000_000, "endTime": 1_700_000_000,
                                     "links": {"participants": [person["id"]]}})
    return str(made["id"])


class FilesContract:
    @pytest.fixture
    def port(self) -> Iterator[FilesPort]:
        raise NotImplementedError

    def test_two_step_upload_then_download_whole_and_by_range(self, port: FilesPort) -> None:
        data = bytes(range(256)) * 40  # 10 240 bytes, every byte value
        activity = _activity(port.api)
        got = port.api.attach_file("activities", activity, name="scan.pdf",
                                   mime="application/pdf", size=len(data),
                                   chunks=iter([data[:4000], data[4000:]]))
        assert got["entityType"] == "Files" and got["size"] == len(data)
        assert got["name"] == "scan.pdf" and got["mime"] == "application/pdf"
        assert got["rev"] == hashlib.sha1(data).hexdigest()
        [listed] = port.api.files_of("activities", activity)
        assert listed["id"] == got["id"] and listed["uri"] == got["uri"]
        assert b"".join(port.api.read_file(str(got["uri"]))) == data
        assert b"".join(port.api.read_file(str(got["uri"]), start=100, end=199)) == data[100:200]
        assert b"".join(port.api.read_file(str(got["uri"]), start=10_000)) == data[10_000:]
        # the same credentials are needed to read it
        anonymous = httpx.get(str(got["uri"]))
        assert anonymous.status_code == 401

    def test_attaching_again_finds_the_file_instead_of_adding_one(self, port: FilesPort) -> None:
        activity = _activity(port.api)
        first = port.api.attach_file("activities", activity, name="a.txt", mime="text/plain",
                                     size=3, chunks=[b"abc"])
        again = port.api.attach_file("activities", activity, name="a.txt", mime="text/plain",
                                     size=3, chunks=[b"abc"])
        assert again["id"] == first["id"]
        assert len(port.api.files_of("activities", activity)) == 1

    def test_a_file_over_the_limit_is_refused_whole(self, port: FilesPort) -> None:
        activity = _activity(port.api)
        with pytest.raises(FileTooLarge) as caught:
            port.api.attach_file("activities", activity, name="big.bin",
                                 mime="application/octet-stream", size=LIMIT + 1,
                                 chunks=[b"x" * (LIMIT + 1)])
        assert caught.value.limit == LIMIT
        [pending] = port.api.files_of("activities", activity)
        assert not pending["rev"] and pending["size"] == 0  # no byte of it was kept

    def test_only_logged_activities_and_leads_take_files(self, port: FilesPort) -> None:
        scheduled = _activity(port.api, logged=False)
        with pytest.raises(TerminalError):
            port.api.attach_file("activities", scheduled, name="a.txt", mime="text/plain",
                                 size=1, chunks=[b"a"])
        person = port.api.create("contacts", {"name": "No Files Here"})
        with pytest.raises(TerminalError):
            port.api.attach_file("contacts", str(person["id"]), name="a.txt",
                                 mime="text/plain", size=1, chunks=[b"a"])
        lead = port.api.create("leads", {"description": "Inquiry",
                                         "links": {"contacts": [person["id"]]}})
        got = port.api.attach_file("leads", str(lead["id"]), name="letter.txt",
                                   mime="text/plain", size=5, chunks=[b"hello"])
        assert b"".join(port.api.read_file(str(got["uri"]))) == b"hello"

    def test_removed_files_and_files_of_deleted_activities_are_gone(self, port: FilesPort) -> None:
        activity = _activity(port.api)
        got = port.api.attach_file("activities", activity, name="a.txt", mime="text/plain",
                                   size=2, chunks=[b"hi"])
        assert port.api.remove_files("activities", activity) == [str(got["id"])]
        assert port.api.files_of("activities", activity) == []
        with pytest.raises(NotFound):
            b"".join(port.api.read_file(str(got["uri"])))
        other = _activity(port.api)
        kept = port.api.attach_file("activities", other, name="b.txt", mime="text/plain",
                                    size=2, chunks=[b"yo"])
        port.api.delete("activities", other)
        with pytest.raises(NotFound):
            b"".join(port.api.read_file(str(kept["uri"])))

    def test_one_file_of_a_lead_removed_the_others_kept(self, port: FilesPort) -> None:
        lead = str(port.api.create("leads", {"description": "Enquiry"})["id"])
        first = port.api.attach_file("leads", lead, name="letter.pdf", mime="application/pdf",
                                     size=3, chunks=[b"one"])
        second = port.api.attach_file("leads", lead, name="form.pdf", mime="application/pdf",
                                      size=3, chunks=[b"two"])
        assert port.api.remove_file("leads", lead, str(first["id"])) is True
        assert [f["name"] for f in port.api.files_of("leads", lead)] == ["form.pdf"]
        with pytest.raises(NotFound):
            b"".join(port.api.read_file(str(first["uri"])))
        assert b"".join(port.api.read_file(str(second["uri"]))) == b"two"
        assert port.api.remove_file("leads", lead, str(first["id"])) is False  # gone already


class TestFilesOverSandbox(FilesContract):
    @pytest.fixture
    def port(self) -> Iterator[FilesPort]:
        from adapters.nutshell_sandbox import SandboxServer

        with SandboxServer(max_file_bytes=LIMIT) as server:
            url = server.start()
            with NutshellClient(url, server.admin_user, server.admin_key, timeout=10.0,
                                backoff_base=0.01) as api:
                yield FilesPort(api, server.admin_user, server.admin_key)


class LeadStatusContract:
    """A lead closed and reopened through `POST /leads/{id}/status` (outcomes from
    `GET /outcomes`); the port's JSON Patch of `status` takes the same way."""

    @pytest.fixture
    def port(self) -> Iterator[FilesPort]:
        raise NotImplementedError

    def test_status_through_the_endpoint_and_through_the_ports_patch(self, port: FilesPort) -> None:
        person = port.api.create("contacts", {"name": "Lead Person"})
        lead = str(port.api.create("leads", {"description": "Inquiry",
                                             "links": {"contacts": [person["id"]]}})["id"])

        def status() -> str:
            got = port.api.get("leads", lead)
            assert got is not None
            return str(got["status"])

        assert status() == "open"
        port.api.set_lead_status(lead, "won")
        assert status() == "won"
        port.api.patch("leads", lead, [{"op": "replace", "path": "/leads/0/status",
                                        "value": "lost"},
                                       {"op": "replace", "path": "/leads/0/description",
                                        "value": "Lost to a competitor"}])
        assert status() == "lost"
        assert (port.api.get("leads", lead) or {})["description"] == "Lost to a competitor"
        port.api.patch("leads", lead, [{"op": "remove", "path": "/leads/0/status"}])
        assert status() == "open"
        with pytest.raises(TerminalError):
            port.api.set_lead_status(lead, "postponed")  # no such outcome


class TestLeadStatusOverSandbox(LeadStatusContract):
    @pytest.fixture
    def port(self) -> Iterator[FilesPort]:
        from adapters.nutshell_sandbox import SandboxServer

        with SandboxServer() as server:
            url = server.start()
            with NutshellClient(url, server.admin_user, server.admin_key, timeout=10.0,
                                backoff_base=0.01) as api:
                yield FilesPort(api, server.admin_user, server.admin_key)
