"""Helpers every command shares: settings from options, JSON output, the stderr console."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson
from rich.console import Console

from consumers.bootstrap import Engine, Settings

# Human text, progress bars and warnings go to stderr; stdout is kept for --json documents.
console = Console(stderr=True, highlight=False)


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(home=getattr(args, "home", None))


def open_engine(args: argparse.Namespace) -> Engine:
    return Engine(settings_from(args))


def emit_json(document: Any) -> None:
    sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
                                  | orjson.OPT_NON_STR_KEYS).decode() + "\n")
    sys.stdout.flush()


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
