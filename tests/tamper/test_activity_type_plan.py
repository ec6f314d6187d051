"""Nutshell's API cannot create activity types: `plan` says, before the run, which appointment
or channel finds no type in the instance, and an operator's choice in the mapping settles it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from adapters.samples import sample_path
from adapters.sources import open_sources
from consumers.bootstrap import Engine, Settings
from consumers.nutshell.plan import make_plan
from consumers.services.derive import confirm_and_derive
from consumers.services.extract import extract_source
from consumers.services.profile_choice import ProfileChooser
from consumers.services.proposal import propose_mapping
from domain.mapping import KindTarget


class OnlyCalls:
    """The real client, on an instance whose only activity type is Phone Call."""

    def __init__(self, api: NutshellClient) -> None:
        self.api = api

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)

    def activity_types(self) -> list[dict[str, Any]]:
        return [t for t in self.api.activity_types() if t["name"] == "Phone Call"]


def test_plan_names_channels_without_an_activity_type(tmp_path: Path) -> None:
    with SandboxServer(data_dir=tmp_path / "sandbox") as sandbox:
        url = sandbox.start()
        settings = Settings(home=tmp_path / "home", database_url=None, cipher_key=None,
                            nutshell_url=url, nutshell_user=sandbox.admin_user,
                            nutshell_api_key=sandbox.admin_key, run_name="types")
        with Engine(settings) as engine, NutshellClient(url, sandbox.admin_user,
                                                        sandbox.admin_key) as client:
            chooser = ProfileChooser("auto")
            for source in open_sources([sample_path("cliniko")]):
                extract_source(engine.app, "types", source, chooser.choose(source))
            doc = propose_mapping(engine.app, "types")
            confirm_and_derive(engine.app, "types", doc, "tester")
            engine.catch_up()
            api: Any = OnlyCalls(client)

            def warned() -> set[str]:
                plan = make_plan(engine, api, doc, apply=False, fallback_owner_email=None,
                                 rate=50.0)
                return {f["message"].split("'")[1] for f in plan.findings
                        if "activity type" in f["message"]}

            assert warned() == {"appointment", "email", "sms", "letter", "meeting"}
            assert all(f["level"] == "warning" for f in make_plan(
                engine, api, doc, apply=False, fallback_owner_email=None, rate=50.0).findings
                if "activity type" in f["message"])
            doc.nutshell["appointment"] = KindTarget(activity_types={"appointment": "Phone Call"})
            assert "appointment" not in warned()
            # the full instance has a type for every channel
            assert not [f for f in make_plan(engine, client, doc, apply=False,
                                             fallback_owner_email=None, rate=50.0).findings
                        if "activity type" in f["message"]]
