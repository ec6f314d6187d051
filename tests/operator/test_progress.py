"""Progress on the steps that can take long: extract, verify and rollback know how many items
they will go through (a source's rows, the records pushed, the records with operations to
compensate), so the bar shows a count out of a total, a rate and the time left; piped, it
shows nothing.

The services are driven as the commands drive them, with rich's clock stepped one second per
call instead of sleeping; each call's bar is rendered as a terminal would show it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from adapters.sources import open_file
from consumers.bootstrap import Engine, Settings
from consumers.nutshell import migration as svc
from consumers.nutshell.rollback import rollback
from consumers.nutshell.undo import undo
from consumers.nutshell_wiring import nutshell_client
from consumers.services.extract import extract_source
from consumers.views.output import Ticker, progress_step
from tests.badinput.builders import patient, patients_sheet, write_xlsx
from tests.operator.conftest import Cli, patients_csv

TIME_LEFT = re.compile(r"\b\d+:\d\d:\d\d\b")
PEOPLE = [[str(n), f"Given{n}", f"Family{n}", f"p{n}@example.com", f"+1 415 555 01{n:02d}",
           "1980-02-03"] for n in range(1, 7)]


class Clock:
    """rich's `get_time`, moved by the test."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=200, color_system=None)


def shown(ticker: Ticker) -> str:
    """The bar's line as a terminal shows it."""
    out = terminal()
    out.print(ticker.bar.make_tasks_table([ticker.task]))
    return out.file.getvalue()  # type: ignore[attr-defined,no-any-return]


class Watch:
    """The callbacks a service is given (`tick`, `on_total`): each tick one second later,
    and the line shown after it."""

    def __init__(self, ticker: Ticker, clock: Clock) -> None:
        self.ticker, self.clock = ticker, clock
        self.lines: list[str] = []

    def __call__(self, n: object = 1, *rest: object) -> None:
        self.clock.now += 1.0
        self.ticker(n, *rest)
        self.lines.append(shown(self.ticker))

    def total(self, n: int) -> None:
        self.ticker.total(n)


def watched(description: str, total: int | None = None):  # type: ignore[no-untyped-def]
    clock = Clock()
    return progress_step(terminal(), description, total, clock=clock), clock


def assert_count_rate_and_time_left(watch: Watch, total: int) -> None:
    task = watch.ticker.task
    assert task.total == total and task.completed == total
    # after the second call the rate is known: the time left is the rest at that rate
    second = watch.lines[1]
    assert f"/{total}" in second and "/s" in second, second
    assert TIME_LEFT.search(second) and "-:--:--" not in second, second


def _csv_rows(path: Path, n: int) -> Path:
    return patients_csv(path, [[str(i), "Ann", f"Lee{i}", f"a{i}@example.com", "", "1980-01-02"]
                               for i in range(1, n + 1)])


def _bundle(path: Path, n: int) -> Path:
    entries = [{"fullUrl": f"urn:uuid:p{i}", "resource": {"resourceType": "Patient", "id": f"p{i}"}}
               for i in range(n)]
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}))
    return path


def _ndjson(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"resourceType": "Patient", "id": f"p{i}"}) + "\n"
                            for i in range(n)))
    return path


def _openpyxl(path: Path, n: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Patient ID", "Last Name"])
    for i in range(n):
        sheet.append([str(i), f"Lee{i}"])
    book.save(path)
    return path


def _no_dimension(path: Path, n: int) -> Path:  # a writer that gives no <dimension>
    return write_xlsx(path, patients_sheet(patient(i) for i in range(n)))


@pytest.mark.parametrize(("build", "name"), [
    (_csv_rows, "patients.csv"), (_bundle, "bundle.json"), (_ndjson, "Patient.ndjson"),
    (_openpyxl, "patients.xlsx"), (_no_dimension, "bare.xlsx")])
def test_every_kind_of_source_knows_its_rows_before_reading_them(
        build, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for n in (1, 2, 37):
        [source] = list(open_file(build(tmp_path / f"{n}-{name}", n)))
        assert source.expected_rows() == n, (name, n)
        assert sum(1 for _ in source.rows()) == n


def test_extract_shows_rows_out_of_the_files_rows_and_the_time_left(tmp_path: Path) -> None:
    [source] = list(open_file(_csv_rows(tmp_path / "patients.csv", 1200)))
    step, clock = watched("extracting patients.csv", source.expected_rows())
    with Engine(Settings(home=tmp_path / "home")) as engine, step as ticker:
        watch = Watch(ticker, clock)
        extract_source(engine.app, engine.settings.run_name, source, None, watch)
    assert_count_rate_and_time_left(watch, 1200)  # pages of 500: 1000/1200 after the second


def test_verify_and_rollback_give_their_totals_and_stay_quiet_when_piped(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = patients_csv(tmp_path / "export" / "patients.csv", PEOPLE).parent
    steps: list[tuple[str, ...]] = [
        ("extract", str(export)), ("map", "propose"), ("map", "confirm", "--by", "d"),
        ("plan", "--apply", "--fallback-owner", "admin@sandbox.test"),
        ("sample", "--size", "2"), ("approve", "--by", "d"), ("run",), ("verify",), ("rollback", "--dry-run")]
    for step in steps:
        err = cli(*step, expect=0).err
        # piped (not a terminal): no bar, no rate, no time left
        assert "/s " not in err and not TIME_LEFT.search(err), err
        assert not any(word in err for word in ("extracting", "deriving", "migrating",
                                                "verifying", "planning")), err
    with Engine(Settings.from_env()) as engine, nutshell_client(engine.settings) as api:
        pushed = sum(v.get("pushed", 0) for v in engine.store.counts().values())
        assert pushed == len(PEOPLE)
        step, clock = watched("verifying")
        with step as ticker:
            watch = Watch(ticker, clock)
            report, _ = svc.verify(engine, api, None, watch, on_total=watch.total)
        assert report.records == pushed
        assert_count_rate_and_time_left(watch, pushed)
        for dry_run in (True, False):  # the blast radius, then the rollback itself
            step, clock = watched("rolling back")
            with step as ticker:
                watch = Watch(ticker, clock)
                result = rollback(engine, api, by="t", dry_run=dry_run, tick=watch,
                                  on_total=watch.total)
            assert sum(1 for i in result.items if i.action == "delete") == pushed
            assert_count_rate_and_time_left(watch, pushed)
        step, clock = watched("undoing the rollback")
        with step as ticker:
            watch = Watch(ticker, clock)
            undo(engine, api, by="t", tick=watch, on_total=watch.total)
        assert_count_rate_and_time_left(watch, pushed)
    err = cli("rollback", expect=0).err  # what undo brought back is rolled back again
    assert "rolling back" not in err and not TIME_LEFT.search(err), err
