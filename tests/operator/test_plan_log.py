"""Nothing in Nutshell that the log does not know: each custom field is asked for on the log
before it is created, a refused `plan --apply` writes nothing, and a command that dies between
the request and its answer leaves an intent that a retry and rollback's residue both cover."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adapters.nutshell.client import NutshellClient
from adapters.samples import sample_path
from adapters.sources import open_sources
from adapters.stores.mapping_file import save_mapping
from consumers.bootstrap import Engine
from consumers.nutshell.plan import make_plan
from consumers.nutshell.rollback import rollback
from consumers.services.derive import confirm_and_derive
from consumers.services.extract import extract_source
from consumers.services.profile_choice import ProfileChooser
from consumers.services.proposal import propose_mapping
from domain.errors import PreconditionFailed, TransientError
from domain.ports import CustomFieldSpec
from tests.integration.migrate import environment


class DiesAfterCreating:
    """The real client, except that the command dies right after Nutshell created the n-th
    custom field (the answer never reaches the engine)."""

    def __init__(self, api: NutshellClient, nth: int) -> None:
        self.api, self.nth, self.created = api, nth, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)

    def create_custom_field(self, spec: CustomFieldSpec) -> dict[str, Any]:
        made = self.api.create_custom_field(spec)
        self.created += 1
        if self.created == self.nth:
            raise TransientError("connection lost after the create")
        return made


def confirmed(engine: Engine) -> Any:
    run = engine.settings.run_name
    chooser = ProfileChooser("auto")
    for source in open_sources([sample_path("cliniko")]):
        extract_source(engine.app, run, source, chooser.choose(source))
    doc = propose_mapping(engine.app, run)
    save_mapping(doc, engine.settings.mapping_path)
    confirm_and_derive(engine.app, run, doc, "tester")
    engine.catch_up()
    return doc


def all_fields(api: NutshellClient) -> set[tuple[str, str]]:
    return {(entity, str(cf["name"])) for entity in ("contacts", "accounts", "leads")
            for cf in api.custom_fields(entity)}


def test_a_refused_apply_creates_nothing(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, _):
        doc = confirmed(engine)
        before = all_fields(api)
        with pytest.raises(PreconditionFailed, match="not a Nutshell user"):
            make_plan(engine, api, doc, apply=True, fallback_owner_email="nobody@clinic.example",
                      rate=50)
        assert all_fields(api) == before
        run = engine.run()
        assert run.custom_fields == {} and run.custom_fields_requested == {}
        # without a fallback owner, unmatched staff refuse --apply before any write too
        with pytest.raises(PreconditionFailed, match="no Nutshell user"):
            make_plan(engine, api, doc, apply=True, fallback_owner_email=None, rate=50)
        assert all_fields(api) == before


def test_a_command_dying_mid_apply_leaves_an_intent_that_retry_and_rollback_cover(
        tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, _):
        doc = confirmed(engine)
        before = all_fields(api)
        with pytest.raises(TransientError):
            make_plan(engine, DiesAfterCreating(api, nth=2), doc, apply=True,  # type: ignore[arg-type]
                      fallback_owner_email="admin@sandbox.test", rate=50)
        created = all_fields(api) - before
        assert len(created) == 2
        run = engine.run()
        # one answered and recorded, one asked for and unanswered: both on the log
        assert len(run.custom_fields) == 1
        (pending,) = run.custom_fields_requested.values()
        assert (pending["entity"], pending["name"]) in created
        residue = rollback(engine, api, scope="run", by="tester", dry_run=True).residue
        listed = residue[0]
        for key in [*run.custom_fields, *run.custom_fields_requested]:
            assert key in listed
        # the retry finds the field the dead command made and knows it is ours, not reused
        make_plan(engine, api, doc, apply=True, fallback_owner_email="admin@sandbox.test",
                  rate=50)
        run = engine.run()
        assert run.custom_fields_requested == {}
        key = f"{pending['entity']}/{pending['name']}"
        assert run.custom_fields[key]["reused"] is False
        assert all(not v["reused"] for v in run.custom_fields.values())
        assert len(all_fields(api) - before) == len(run.custom_fields)

