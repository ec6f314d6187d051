"""`c2n`: the operator's command line (design/operator-interface.md is the contract).

Each command lives in its own `consumers/cmd_*.py` module exposing `register(subparsers)`;
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
    "consumers.cmd_sandbox",
    "consumers.cmd_status",
    "consumers.cmd_extract",
    "consumers.cmd_map",
    "consumers.cmd_migrate",
    "consumers.cmd_rollback",
    "consumers.cmd_demo",
    "consumers.cmd_delta",
    "consumers.cmd_forget",
)

EXIT_OK, EXIT_PROBLEM, EXIT_CANNOT_RUN = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="c2n", description="Clinic data into Nutshell CRM.")
    parser.add_argument("--home", default=None, help="working folder (default $C2N_HOME or ./.c2n)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
    return code


if __name__ == "__main__":
    sys.exit(main())
