"""Two commands writing the same stream at once: the second save is refused whole by the event
store, and the CLI says so in one line (exit 2), never with a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from consumers.bootstrap import Engine, Settings
from consumers.cli import main
from tests.core.helpers import derived


def test_a_concurrent_write_is_refused_whole_and_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("C2N_HOME", str(home))
    monkeypatch.delenv("C2N_CIPHER_KEY", raising=False)
    monkeypatch.delenv("C2N_DATABASE_URL", raising=False)
    with Engine(Settings.from_env(env={"C2N_HOME": str(home)})) as engine:
        engine.app.save(derived("default", "p1"))

    def racing_command(engine: Engine, patient: str, by: str) -> Any:
        # Both "commands" read version 1 of the stream; the other one saves first.
        mine = engine.app.record("default", "patient", "p1")
        with Engine(Settings.from_env(env={"C2N_HOME": str(home)})) as other:
            theirs = other.app.record("default", "patient", "p1")
            assert theirs is not None
            theirs.request_push(op_key="theirs", action="create", steps=[], mode="run")
            other.app.save(theirs)
        assert mine is not None
        mine.request_push(op_key="mine", action="create", steps=[], mode="run")
        engine.app.save(mine)

    monkeypatch.setattr("consumers.cli.forget.forget_patient", racing_command)
    assert main(["forget", "--patient", "p1", "--by", "dpo"]) == 2
    err = capsys.readouterr().err
    assert "another c2n command wrote the same records" in err and "Traceback" not in err
    with Engine(Settings.from_env(env={"C2N_HOME": str(home)})) as engine:
        record = engine.app.record("default", "patient", "p1")
        assert record is not None and record.pending and record.pending["op_key"] == "theirs"
