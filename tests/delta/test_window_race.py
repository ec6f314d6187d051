"""Two `c2n delta consume` members started together both open the run's delta window: the
second save is refused by the log, and the member joins the window the first one opened
instead of dying (seen in CI as a group of two with one member missing)."""

from __future__ import annotations

import time
from pathlib import Path

from consumers.bootstrap import Engine, Settings
from consumers.cli.delta import _open_window


def test_a_member_that_loses_the_race_to_open_the_window_joins_it(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    with Engine(settings) as first, Engine(settings) as second:
        first.app.save(first.run())  # the run exists, as after extraction
        mine, theirs = first.run(), second.run()  # both read the window closed
        assert not (mine.delta and mine.delta.get("open"))
        closes_at = time.time() + 3600
        _open_window(first, mine, "c2n-delta", closes_at)
        _open_window(second, theirs, "c2n-delta", closes_at)  # stale: its save is refused
        current = second.run()
        assert current.delta and current.delta.get("open")
        assert current.delta.get("topic") == "c2n-delta"
