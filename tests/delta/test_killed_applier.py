"""The delta applier stopped at an exact step (a kill, a transient failure) and run again, as
the consumer runs it after a restart or a page retry: every change reaches Nutshell.

A kill is a BaseException raised from the Nutshell client at the step named; the next applier
is a fresh engine on the same HOME, as the restarted `c2n delta consume` is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.bootstrap import Engine
from consumers.delta.apply import DeltaApplier
from consumers.delta.publish import export_changes
from domain.delta import Change
from domain.errors import TransientError
from tests.integration.migrate import Premigrated, environment
from tests.integration.test_delta import newer_export, revisions


class Killed(BaseException):
    """The consumer process dying at this exact step."""


class Stopping:
    """The client, with `when(method, args)` deciding which request dies (raising `error`)
    before it reaches Nutshell."""

    def __init__(self, api: Any, when: Callable[[str, tuple[Any, ...]], bool],
                 error: BaseException) -> None:
        self.api, self.when, self.error, self.fired = api, when, error, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)

    def patch(self, *args: Any) -> Any:
        self._maybe("patch", args)
        return self.api.patch(*args)

    def delete(self, *args: Any) -> Any:
        self._maybe("delete", args)
        return self.api.delete(*args)

    def _maybe(self, method: str, args: tuple[Any, ...]) -> None:
        if not self.fired and self.when(method, args):
            self.fired += 1
            raise self.error


def custom_fields_only(method: str, args: tuple[Any, ...]) -> bool:
    """The patch of a carried kind's change: only its patient's custom fields."""
    return method == "patch" and all(str(op.get("path", "")).startswith("/contacts/0/customFields") for op in args[2])


def the_changes(engine: Engine, tmp_path: Path) -> dict[str, Change]:
    doc = load_mapping(engine.settings.mapping_path)
    changes = {c.key: c for c in export_changes(engine, doc, [newer_export(tmp_path)])}
    return changes


def contact_of(engine: Engine, api: Any, source_id: str) -> str:
    record = engine.app.record("default", "patient", source_id)
    assert record is not None and record.nutshell_id
    return orjson.dumps(api.get("contacts", record.nutshell_id)).decode()


def test_a_change_after_a_killed_carried_write_still_reaches_nutshell(
        tmp_path: Path, premigrated: Premigrated) -> None:
    """Killed after the insurance change's patch of its patient was requested, before it was
    sent: the restarted consumer gets the patient's own change first (another partition), and
    the insurance change again. Both reach Nutshell; each is revised once."""
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, _srv):
        changes = the_changes(engine, tmp_path)
        patient = changes["patient:1000000"]
        carried = next(c for k, c in changes.items() if not k.startswith("patient:"))
        doc = load_mapping(engine.settings.mapping_path)
        killing = Stopping(api, custom_fields_only, Killed())
        with pytest.raises(Killed):
            DeltaApplier(engine, killing, doc)([carried])  # type: ignore[arg-type]
        assert killing.fired == 1
        with Engine(engine.settings) as restarted:
            applier = DeltaApplier(restarted, api, doc)
            applier([patient])
            applier([carried])  # redelivered: its offsets were never committed
            assert "Worcester" in contact_of(restarted, api, "1000000")
            assert '"999000000"' in contact_of(restarted, api, "1000000")
            applied = revisions(restarted)
            assert applied["patient:1000000"] == 1 and applied[carried.key] == 1, applied


def test_a_change_whose_patch_failed_for_a_while_is_sent_when_its_page_comes_again(
        tmp_path: Path, premigrated: Premigrated) -> None:
    """A transient failure stops the page; the consumer applies the same page again."""
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, _srv):
        patient = the_changes(engine, tmp_path)["patient:1000000"]
        doc = load_mapping(engine.settings.mapping_path)
        failing = Stopping(api, lambda _m, _a: True, TransientError("503 for a while"))
        applier = DeltaApplier(engine, failing, doc)  # type: ignore[arg-type]
        with pytest.raises(TransientError):
            applier([patient])
        result = applier([patient])
        assert result.errors == 0
        assert "Worcester" in contact_of(engine, api, "1000000")
        assert revisions(engine)["patient:1000000"] == 1
        record = engine.app.record("default", "patient", "1000000")
        assert record is not None and record.state == "pushed"


def test_a_delete_killed_before_it_was_sent_is_sent_when_redelivered(
        tmp_path: Path, premigrated: Premigrated) -> None:
    """Deletes propagated: killed after the delete was requested, before Nutshell had it."""
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, _srv):
        gone = the_changes(engine, tmp_path)["patient:1000004"]
        doc = load_mapping(engine.settings.mapping_path)
        doc.settings.propagate_deletes = True
        killing = Stopping(api, lambda method, _a: method == "delete", Killed())
        with pytest.raises(Killed):
            DeltaApplier(engine, killing, doc)([gone])  # type: ignore[arg-type]
        record = engine.app.record("default", "patient", "1000004")
        assert record is not None and record.nutshell_id
        assert api.get("contacts", record.nutshell_id) is not None  # not sent
        with Engine(engine.settings) as restarted:
            DeltaApplier(restarted, api, doc)([gone])
            DeltaApplier(restarted, api, doc)([gone])  # once more: nothing further
            assert api.get("contacts", record.nutshell_id) is None
            again = restarted.app.record("default", "patient", "1000004")
            assert again is not None and again.pending is None
            assert [op["action"] for op in again.operations].count("delete") == 1
            assert revisions(restarted)["patient:1000004"] == 1
