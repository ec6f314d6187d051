"""The console's test world: the demo's clinic (bundled cliniko export) migrated through the
services into a sandbox over HTTP, a patient named `<script>`, a delta conflict left open, the
console's people, and the console itself served by uvicorn on a loopback port."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from adapters.samples import sample_path
from adapters.stores.mapping_file import load_mapping
from consumers.bootstrap import Engine, Settings
from consumers.console.serve import ConsoleServer
from consumers.console.users import UserStore
from consumers.delta.apply import DeltaApplier
from consumers.delta.publish import export_changes
from tests.integration.migrate import migrate
from tests.integration.test_delta import edit, newer_export, staff_patch

XSS_NAME = "<script>alert(1)</script>"
PASSWORD = "correct horse battery"
PEOPLE = {"olga": "operator", "max": "manager", "hana": "hipaa-officer", "aude": "auditor"}
CLINIC = "Brekke Family Clinic"
CONFLICTED = "patient:1000002"


@dataclass
class World:
    url: str
    home: Path
    settings: Settings
    sandbox: SandboxServer


def _export(tmp: Path) -> Path:
    """The bundled export with the first patient's first name a script tag."""
    folder = tmp / "export"
    shutil.copytree(sample_path("cliniko"), folder)
    edit(folder / "patients.csv", "ID", {"1000000": {"First Name": XSS_NAME}})
    return folder


def _open_conflict(engine: Engine, api: NutshellClient, srv: SandboxServer, tmp: Path) -> None:
    """Staff change a patient's city in Nutshell while the clinic changes it too: the delta
    applier (the service `c2n delta consume` runs) records a conflict."""
    patient = engine.app.record("default", "patient", "1000002")
    assert patient is not None and patient.nutshell_id
    addresses = (api.get("contacts", patient.nutshell_id) or {})["addresses"]
    first = addresses[0]  # type: ignore[index]
    (first["value"] if "value" in first else first)["city"] = "Salem"
    staff_patch(srv, "contacts", patient.nutshell_id, "/contacts/0/addresses", addresses)
    doc = load_mapping(engine.settings.mapping_path)
    changes = list(export_changes(engine, doc, [newer_export(tmp)]))
    result = DeltaApplier(engine, api, doc)(changes)
    assert result.conflicts == 1, result


def _users() -> list[dict[str, object]]:
    from tests.integration.migrate import STAFF_USER

    return [{"email": "admin@sandbox.test", "name": "Ada Admin", "api_key": "admin-key",
             "is_admin": True}, STAFF_USER]


def build_world(tmp: Path) -> None:
    """The migrated clinic with its open conflict and the console's people, left in
    `tmp/sandbox` and `tmp/home` (servers stopped): `serve_world` serves it, and a copy of the
    folder is a world of its own."""
    with SandboxServer(data_dir=tmp / "sandbox", users=_users()) as srv:
        url = srv.start()
        settings = Settings(home=tmp / "home", nutshell_url=url, nutshell_user=srv.admin_user,
                            nutshell_api_key=srv.admin_key)
        with Engine(settings) as engine, NutshellClient(url, srv.admin_user, srv.admin_key,
                                                        backoff_base=0.05) as api:
            migrate(engine, api, _export(tmp), clinical=True, sample=40)
            _open_conflict(engine, api, srv, tmp)
    store = UserStore(settings.home)
    for name, role in PEOPLE.items():
        store.add(name, role, PASSWORD)
    store.close()


@contextmanager
def serve_world(tmp: Path) -> Iterator[World]:
    """The sandbox and the console, on loopback ports, over a world `build_world` left."""
    with ExitStack() as stack:
        srv = stack.enter_context(SandboxServer(data_dir=tmp / "sandbox", users=_users()))
        url = srv.start()
        settings = Settings(home=tmp / "home", nutshell_url=url, nutshell_user=srv.admin_user,
                            nutshell_api_key=srv.admin_key)
        console_url = stack.enter_context(ConsoleServer(settings, clinic=CLINIC))
        yield World(console_url, settings.home, settings, srv)


@contextmanager
def sign_in(url: str, name: str, password: str = PASSWORD) -> Iterator[httpx.Client]:
    """An HTTP client signed in through the login form (as a script would)."""
    with httpx.Client(base_url=url, follow_redirects=False, timeout=60) as client:
        form = client.get("/login")
        token = csrf_of(form.text)
        answer = client.post("/login", data={"username": name, "password": password,
                                             "csrf": token})
        assert answer.status_code == 303, answer.text
        yield client


def csrf_of(html: str, name: str = "csrf") -> str:
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]
