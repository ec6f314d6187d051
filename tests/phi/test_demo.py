"""`c2n demo` with a cipher key: owner-only HOME (the embedded sandbox's data included) and no
plaintext sample values outside the sandbox (Nutshell's side) and the value reports."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.phi.conftest import InProcessOperator, new_key, operator_env
from tests.phi.sentinels import found_in, is_value_report

# Values of the bundled Cliniko sample's first patient (synthetic, Synthea-generated).
SAMPLE_VALUES = ("brekke496", "aaron697.brekke496@example.com", "894 brakus bypass")


def test_the_demo_keeps_home_owner_only_and_encrypted(tmp_path: Path) -> None:
    home = tmp_path / "home"
    op = InProcessOperator(env=operator_env(home, None, new_key()), cwd=tmp_path)
    summary = op.json("demo", "--size", "40")
    assert summary["verified"]
    rolled = summary["rollback"]  # the run rolled back, proven, and reversed
    assert rolled["ok"] and rolled["done"]["delete"] > 0 and rolled["reversed"]["recreate"] > 0
    sandbox = home / "demo" / "sandbox"
    paths = [home, *home.rglob("*")]
    assert sandbox in paths
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.relative_to(home)}: {oct(mode)}"
    moved = b"".join(p.read_bytes() for p in sandbox.rglob("*") if p.is_file())
    assert found_in(moved, SAMPLE_VALUES), "the values never reached the sandbox: vacuous"
    for path in home.rglob("*"):
        if path.is_file() and sandbox not in path.parents and not is_value_report(path, home):
            assert found_in(path.read_bytes(), SAMPLE_VALUES) == set(), path.name
    for command, text in op.outputs:
        assert found_in(text.encode(), SAMPLE_VALUES) == set(), command
