"""`c2n`: the operator's command line (design/operator-interface.md is the contract).

Each command group lives in its own module of this package exposing `register(subparsers)`;
this module only assembles them and maps the error tree to exit codes:
0 done, 1 the command ran and found a problem, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from domain.errors import C2NError, TerminalError, TransientError

COMMAND_MODULES = (
    "consumers.cli.sandbox",
    "consumers.cli.status",
    "consumers.cli.extract",
    "consumers.cli.map",
    "consumers.cli.migrate",
    "consumers.cli.rollback",
    "consumers.cli.demo",
    "consumers.cli.delta",
    "consumers.cli.forget",
    "consumers.cli.review",
    "consumers.cli.console",
    "consumers.cli.quarantine",
)

# The top-level commands each module registers, in its order (tests/delta/test_cli_startup.py
# holds this to what the modules register). A command line naming one imports only its module:
# the others' imports (the sandbox server, the proposal, the oracle) cost every `c2n` process
# most of a second of start-up; their commands stay in the usage line as bare names.
COMMANDS = {
    "consumers.cli.sandbox": ("sandbox",),
    "consumers.cli.status": ("status", "replay", "audit"),
    "consumers.cli.extract": ("extract",),
    "consumers.cli.map": ("map",),
    "consumers.cli.migrate": ("plan", "sample", "approve", "run", "verify"),
    "consumers.cli.rollback": ("rollback",),
    "consumers.cli.demo": ("demo",),
    "consumers.cli.delta": ("delta",),
    "consumers.cli.forget": ("forget",),
    "consumers.cli.review": ("review",),
    "consumers.cli.console": ("console",),
    "consumers.cli.quarantine": ("quarantine",),
}

EXIT_OK, EXIT_PROBLEM, EXIT_CANNOT_RUN = 0, 1, 2


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the command line, with only the module of the command it names
    imported (none named, or one unknown: every module, for the full help or the error)."""
    parser = argparse.ArgumentParser(prog="c2n", description="Clinic data into Nutshell CRM.")
    parser.add_argument("--home", default=None, help="working folder (default $C2N_HOME or ./.c2n)")
    sub = parser.add_subparsers(dest="command", required=True)
    named = _command_module(argv)
    for name in COMMAND_MODULES:
        if named is None or name == named:
            importlib.import_module(name).register(sub)
        else:
            for command in COMMANDS[name]:
                sub.add_parser(command)
    return parser


def _command_module(argv: Sequence[str] | None) -> str | None:
    """The module of the command the command line names, or None."""
    words = list(argv or ())
    while words and words[0].startswith("-"):
        option = words.pop(0)
        if option == "--home" and words:
            words.pop(0)  # its value
        elif option != "--home" and not option.startswith("--home="):
            return None  # --help, or an option the parser will refuse
    if not words:
        return None
    return next((m for m, commands in COMMANDS.items() if words[0] in commands), None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        code = int(args.func(args))
    except (TerminalError, TransientError) as exc:
        print(f"c2n: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except C2NError as exc:
        print(f"c2n: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        print("c2n: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if _is_write_conflict(exc):
            # Two commands wrote the same stream at once (two `c2n forget` on one file): the
            # second save was refused whole, so the log holds the first writer's events only.
            print("c2n: another c2n command wrote the same records at the same time; nothing "
                  "of this command's last write was saved: run it again", file=sys.stderr)
            return EXIT_CANNOT_RUN
        if not isinstance(exc, _database_errors()):
            raise
        # e.g. PostgreSQL restarted mid-command. Every saved event is intact and the commands
        # resume from the log; the driver's message is left out (it may quote row values).
        print(f"c2n: lost the connection to the event store's database ({type(exc).__name__}); "
              "nothing saved is lost: run the command again", file=sys.stderr)
        return EXIT_CANNOT_RUN
    return code


def _is_write_conflict(exc: BaseException) -> bool:
    from eventsourcing.persistence import IntegrityError

    return isinstance(exc, IntegrityError)


def _database_errors() -> tuple[type[BaseException], ...]:
    from eventsourcing.persistence import InterfaceError, OperationalError

    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        import psycopg
    except ImportError:  # SQLite only
        return tuple(errors)
    return (*errors, psycopg.OperationalError, psycopg.InterfaceError)

