"""A log written before the aggregates moved into sub-packages (its events name their classes
under the old modules) still loads, replays to the same counts and rolls back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from eventsourcing.utils import get_topic

from consumers.cli import main
from domain.topics import MOVED, former_topics, topics_of
from tests.integration.migrate import Premigrated, environment

NEW_TO_OLD = {get_topic(cls).split(":")[0]: old for cls, old in MOVED.items()}


def _status(home: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    main(["--home", home, "status", "--json"])
    return dict(json.loads(capsys.readouterr().out))


def test_a_log_from_before_the_layout_loads_replays_and_rolls_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        premigrated: Premigrated) -> None:
    for name in ("C2N_HOME", "C2N_RUN", "C2N_DATABASE_URL", "C2N_CIPHER_KEY"):
        monkeypatch.delenv(name, raising=False)
    premigrated.into(tmp_path)  # the cliniko sample migrated, clinical content left out
    with environment(tmp_path) as (engine, api, srv):
        home = str(engine.settings.home)
        url, user, key = srv.url, srv.admin_user, srv.admin_key
        before = _status(home, capsys)["counts"]
        with sqlite3.connect(Path(home) / "events.sqlite") as db:
            for new, old in NEW_TO_OLD.items():
                db.execute("UPDATE stored_events SET topic = replace(topic, ?, ?) "
                           "WHERE topic LIKE ?", (f"{new}:", f"{old}:", f"{new}:%"))
            stored = {row[0].split(":")[0] for row in db.execute("SELECT topic FROM stored_events")}
        assert stored <= set(NEW_TO_OLD.values()), stored  # every event as an old log holds it
        assert main(["--home", home, "replay"]) == 0
        assert _status(home, capsys)["counts"] == before
        monkeypatch.setenv("C2N_NUTSHELL_URL", url)
        monkeypatch.setenv("C2N_NUTSHELL_USER", user)
        monkeypatch.setenv("C2N_NUTSHELL_API_KEY", key)
        assert main(["--home", home, "rollback", "--by", "tester"]) in (0, 1)
        assert main(["--home", home, "verify", "--rollback"]) == 0


def test_every_moved_class_keeps_its_former_topic() -> None:
    from domain.records.aggregate import ClinicRecord
    from domain.run.aggregate import MigrationRun

    assert former_topics(ClinicRecord.Derived) == {"domain.records:ClinicRecord.Derived"}
    assert topics_of(MigrationRun.Started) == {"domain.run:MigrationRun.Started",
                                               "domain.run.aggregate:MigrationRun.Started"}
