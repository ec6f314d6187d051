"""The exit rule on the PHI review commands: the list as it stands decides (pending or held
items, or no valid sign-off: 1; every item cleared and the list signed off: 0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consumers.cli import main
from tests.integration.migrate import Premigrated


def test_review_commands_end_by_the_list_as_it_stands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str],
                                                       premigrated: Premigrated) -> None:
    for name in ("C2N_HOME", "C2N_RUN", "C2N_DATABASE_URL", "C2N_CIPHER_KEY"):
        monkeypatch.delenv(name, raising=False)
    premigrated.prepared_into(tmp_path, signed_off=False)
    home = str(tmp_path / "home")
    capsys.readouterr()
    assert main(["--home", home, "review", "list", "--json"]) == 1
    listed = json.loads(capsys.readouterr().out)
    assert listed["to_look_at"]["pending_review"] == len(listed["items"]) > 0
    first = listed["items"][0]["item"]
    assert main(["--home", home, "review", "hold", first, "--reason", "consent unclear",
                 "--by", "Rita Reviewer"]) == 1
    assert "done, to look at:" in capsys.readouterr().err
    assert main(["--home", home, "review", "clear", "--all", "--reason", "checked",
                 "--by", "Rita Reviewer"]) == 1  # all cleared, not yet signed off
    assert main(["--home", home, "review", "sign-off", "--by", "Olive Officer"]) == 0
    assert main(["--home", home, "review", "list"]) == 0
    assert "done: nothing to look at" in capsys.readouterr().err
