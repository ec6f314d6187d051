"""One exit rule for every command (docs/exit-status.md): 0 done and nothing to look at, 1 the
command ran and found something the operator must look at, 2 it could not run."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from tests.operator.conftest import CLEAN, Cli, patients_csv


def test_a_clean_export_exits_0_at_every_step(cli: Cli, tmp_path: Path,
                                              sandbox: SandboxServer) -> None:
    export = patients_csv(tmp_path / "export" / "patients.csv", CLEAN).parent
    steps = [("extract", str(export)), ("map", "propose"), ("map", "show"),
             ("map", "confirm", "--by", "dana"), ("status",), ("quarantine",),
             ("plan", "--apply", "--fallback-owner", sandbox.admin_user),
             ("sample", "--size", "3"), ("approve", "--by", "dana"), ("run",), ("verify",),
             ("audit",), ("replay",), ("rollback", "--dry-run"), ("rollback",),
             ("verify", "--rollback")]
    for step in steps:
        done = cli(*step)
        assert done.code == 0, f"c2n {' '.join(step)} exited {done.code}\n{done.err}"
        assert "nothing to look at" in done.err or step[0] in {"audit", "replay"}, step


def test_something_to_look_at_exits_1_at_each_step_that_finds_it(cli: Cli, tmp_path: Path,
                                                                 sandbox: SandboxServer) -> None:
    # a second person under a taken id is held back (a bad email or date alone would lose only
    # that field; a blank id is now made from the name and birth date)
    bad = [*CLEAN, ["2", "Dee", "Bad", "dee@example.com", "+1 415 555 0103", "1980-02-03"]]
    export = patients_csv(tmp_path / "export" / "patients.csv", bad).parent
    (export / "empty.json").write_bytes(b"")
    extracted = cli("extract", str(export), "--json", expect=1)
    assert extracted.json()["unreadable"] == [{"name": "empty.json",
                                               "reason": "empty file (0 bytes)"}]
    assert "1 unreadable" in extracted.err
    cli("map", "propose", expect=0)  # a proposal is reviewed anyway: flags are listed
    confirmed = cli("map", "confirm", "--by", "dana", "--json", expect=1)
    assert confirmed.json()["to_look_at"] == {"quarantined": 1}
    assert cli("status", expect=1).code == 1
    assert cli("quarantine", expect=1).code == 1
    cli("plan", "--apply", "--fallback-owner", sandbox.admin_user, expect=0)
    cli("sample", "--size", "3", expect=0)
    cli("approve", "--by", "dana", expect=0)
    ran = cli("run", "--json", expect=1)  # the quarantined row did not move
    assert ran.json()["to_look_at"] == {"quarantined": 1}
    cli("verify", expect=0)  # what moved is in Nutshell as it was sent


def test_verify_exits_1_when_nutshell_differs(cli: Cli, tmp_path: Path,
                                              sandbox: SandboxServer) -> None:
    export = patients_csv(tmp_path / "export" / "patients.csv", CLEAN).parent
    for step in [("extract", str(export)), ("map", "propose"), ("map", "confirm", "--by", "d"),
                 ("plan", "--apply"), ("sample", "--size", "3"), ("approve", "--by", "d"),
                 ("run",)]:
        cli(*step, expect=0)
    contact = next(c for c in sandbox.snapshot()["contacts"] if not c.get("deletedTime"))
    with NutshellClient(sandbox.url, sandbox.admin_user, sandbox.admin_key) as staff:
        staff.delete("contacts", str(contact["id"]))  # someone deletes a migrated patient
    verified = cli("verify", "--json", expect=1)
    assert verified.json()["diff"]["missing_records"] == 1
    assert "1 missing" in verified.err


def test_could_not_run_exits_2_and_a_wrong_path_creates_nothing(cli: Cli,
                                                                tmp_path: Path) -> None:
    done = cli("extract", str(tmp_path / "no-such-export"), expect=2)
    assert "no such file or folder" in done.err
    assert not cli.home.exists(), "a wrong path must not create HOME"
    for step in [("status",), ("map", "show"), ("quarantine",), ("audit",), ("replay",),
                 ("run",), ("verify",), ("rollback", "--dry-run")]:
        done = cli(*step, expect=2)
        assert f"no migration in {cli.home}" in done.err, step
    assert not cli.home.exists()
    with pytest.raises(SystemExit) as refused:
        cli("extract")  # bad arguments: argparse's own exit 2
    assert refused.value.code == 2


def test_plan_refuses_an_unknown_fallback_owner_with_2(cli: Cli, tmp_path: Path) -> None:
    export = patients_csv(tmp_path / "export" / "patients.csv", CLEAN).parent
    for step in [("extract", str(export)), ("map", "propose"), ("map", "confirm", "--by", "d")]:
        cli(*step, expect=0)
    done = cli("plan", "--apply", "--fallback-owner", "nobody@clinic.example", expect=2)
    assert "not a Nutshell user" in done.err and "admin@sandbox.test" in done.err
