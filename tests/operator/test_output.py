"""Output for people and for pipes: plain words, tables that never cut a cell, progress that
is silent when piped, and no Python repr anywhere."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from adapters.nutshell_sandbox import SandboxServer
from consumers.views.output import Outcome, plain, print_table, progress_bar
from tests.operator.conftest import CLEAN, Cli, patients_csv

# A dict, list or tuple of strings, a UUID object: what print() of a Python value looks like.
REPR = re.compile(r"\{'|\['|': |', '|UUID\(|\{\"|defaultdict\(|Counter\(")
LONG = "ClinicRecord.Quarantined-" + "x" * 150


def test_plain_words_for_values() -> None:
    assert plain({"pushed": 3, "failed": 0}) == "pushed 3, failed 0"
    assert plain(["a", "b"]) == "a, b" and plain([]) == "none" and plain(None) == "-"
    assert plain({"open": True, "lag": {"p0": 2}}) == "open yes, lag p0 2"
    assert not REPR.search(plain({"ids": ["1f0e", "2a1b"], "by": {"k": ("x", "y")}}))


def test_outcome_is_the_exit_rule() -> None:
    assert Outcome().code == 0
    found = Outcome().note("quarantined", 3).note("skipped", 0).note("orphaned", True)
    assert found.code == 1 and found.found == {"quarantined": 3, "orphaned": 1}
    assert found.summary() == "done, to look at: 3 quarantined, 1 orphaned"


def test_tables_are_tsv_when_piped_and_fold_on_a_terminal() -> None:
    piped = Console(file=io.StringIO(), width=80)
    assert not piped.is_terminal
    print_table(piped, ["event", "n"], [[LONG, 1]], title="t")
    text = piped.file.getvalue()  # type: ignore[attr-defined]
    assert text.splitlines() == ["# t", "event\tn", f"{LONG}\t1"]
    terminal = Console(file=io.StringIO(), width=60, force_terminal=True, color_system=None)
    print_table(terminal, ["event", "n"], [[LONG, 1]])
    shown = terminal.file.getvalue()  # type: ignore[attr-defined]
    assert "…" not in shown
    assert shown.count("x") == 150  # folded over lines, every character kept


def test_progress_is_silent_when_piped() -> None:
    assert progress_bar(Console(file=io.StringIO())).disable is True
    bar = progress_bar(Console(file=io.StringIO(), force_terminal=True))
    assert bar.disable is False
    names = [type(c).__name__ for c in bar.columns]
    assert "RateColumn" in names and "TimeRemainingColumn" in names


def test_no_python_repr_in_any_command(cli: Cli, tmp_path: Path, sandbox: SandboxServer) -> None:
    export = patients_csv(tmp_path / "export" / "patients.csv", CLEAN).parent
    for step in [("extract", str(export)), ("map", "propose"), ("map", "confirm", "--by", "d"),
                 ("plan", "--apply", "--fallback-owner", sandbox.admin_user),
                 ("sample", "--size", "3"), ("approve", "--by", "d"), ("run",), ("verify",),
                 ("status",), ("quarantine",), ("rollback", "--dry-run"), ("rollback",),
                 ("verify", "--rollback"), ("audit",), ("replay",)]:
        done = cli(*step, expect=0)
        assert not REPR.search(done.err), f"c2n {' '.join(step)}:\n{done.err}"
        assert not REPR.search(done.out), f"c2n {' '.join(step)}:\n{done.out}"


def test_piped_rich_tables_are_never_cut(cli: Cli, tmp_path: Path) -> None:
    header = "Patient's preferred pharmacy for repeat prescriptions and after-hours deliveries"
    export = tmp_path / "export"
    export.mkdir()
    (export / "patients.csv").write_text(
        f"Patient ID,First Name,Last Name,{header}\n1,Ann,Lee,Main St Pharmacy\n")
    cli("extract", str(export), expect=0)
    shown = cli("map", "propose", expect=0).err  # the mapping tables, piped
    assert header in shown and "…" not in shown
