"""How every command talks to people and to pipes, and the one exit rule (docs/exit-status.md).

- Text for people goes to stderr through `console`; stdout carries `--json` documents and
  the TSV of `--csv`-less listings only.
- On a terminal, tables are rich tables that fold long cells; anywhere else (a pipe, a file, a
  CI log) they are plain tab-separated lines, header first, so nothing is cut at 80 columns.
- Progress bars show count, rate and time left, and are silent when stderr is not a terminal.
- `Outcome` is the exit rule: 0 done and nothing to look at, 1 the command ran and found
  something the operator must look at, 2 (raised, mapped in `main`) it could not run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

EXIT_OK, EXIT_LOOK, EXIT_CANNOT_RUN = 0, 1, 2

# What makes a command end with 1: each is a count the command found and printed.
LOOK_AT = ("quarantined", "unreadable", "reader_problems", "orphaned", "skipped", "not_migrated", "different",
           "missing", "conflicting", "failed", "merge_candidates", "blocked", "residue",
           "errors", "unbalanced", "stalled", "values_kept_as_written", "pending_review", "held",
           "not_signed_off")


class Outcome:
    """What a command found that the operator must look at; decides the exit status."""

    def __init__(self) -> None:
        self.found: dict[str, int] = {}

    def note(self, what: str, count: int | bool) -> Outcome:
        if what not in LOOK_AT:
            raise ValueError(f"not a finding of the exit rule: {what}")
        if int(count) > 0:
            self.found[what] = self.found.get(what, 0) + int(count)
        return self

    @property
    def code(self) -> int:
        return EXIT_LOOK if self.found else EXIT_OK

    def summary(self) -> str:
        if not self.found:
            return "done: nothing to look at"
        listed = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in self.found.items())
        return f"done, to look at: {listed}"

    def finish(self, console: Console) -> int:
        console.print(Text(self.summary(), style="bold yellow" if self.found else "green"))
        return self.code


def plain(value: Any) -> str:
    """A value as a person reads it: `a 1, b 2` for mappings, `x, y` for lists; never a repr."""
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {plain(v)}" for k, v in value.items()) or "none"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(plain(v) for v in value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _cell(value: Any) -> str:
    text = plain(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def print_table(console: Console, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                title: str | None = None) -> None:
    """A rich table on a terminal (long cells fold, never cut); TSV lines elsewhere."""
    if not console.is_terminal:
        # written as is: rich would expand the tabs into spaces
        lines = [f"# {title}"] if title else []
        lines.append("\t".join(headers))
        lines += ["\t".join(_cell(c) for c in row) for row in rows]
        console.file.write("\n".join(lines) + "\n")
        console.file.flush()
        return
    table = Table(title=Text(title) if title else None, title_justify="left")
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(c) for c in row))
    console.print(table)


class RateColumn(ProgressColumn):
    """Items per second, from rich's own speed estimate."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None:
            return Text("-/s", style="progress.data.speed")
        return Text(f"{speed:,.0f}/s" if speed >= 10 else f"{speed:.1f}/s",
                    style="progress.data.speed")


def progress_bar(console: Console, clock: Callable[[], float] | None = None) -> Progress:
    """Count, rate and time left; silent when stderr is not a terminal (piped, CI).
    `clock` is rich's `get_time` (tests step it instead of sleeping)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    RateColumn(), TimeRemainingColumn(), console=console, transient=True,
                    disable=not console.is_terminal, get_time=clock)


class Ticker:
    """What a service calls as it goes: `tick(k)` for k items done (or `tick(kind)`, one item),
    `tick.total(n)` once it knows how many there are (time left needs it)."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        self.bar = bar
        self.task_id = task

    def __call__(self, n: object = 1, *_: object) -> None:
        # services tick with a count, or with the kind just done (one item)
        self.bar.advance(self.task_id, n if isinstance(n, int) and not isinstance(n, bool) else 1)

    def total(self, n: int) -> None:
        self.bar.update(self.task_id, total=n)

    @property
    def task(self) -> Task:
        return self.bar.tasks[self.task_id]


@contextmanager
def progress_step(console: Console, description: str, total: int | None = None,
                  clock: Callable[[], float] | None = None) -> Iterator[Ticker]:
    """`with progress_step(console, "verifying", n) as tick: ... tick(k)`; a service that
    learns its total as it starts is given `tick.total`."""
    with progress_bar(console, clock) as bar:
        yield Ticker(bar, bar.add_task(description, total=total))
