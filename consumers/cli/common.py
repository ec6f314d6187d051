"""Helpers every command shares: settings from options, JSON output, the stderr console."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson
from rich.console import Console

from consumers.bootstrap import Engine, Settings
from domain.errors import PreconditionFailed
from domain.mapping import MappingDocument

# Human text, progress bars and warnings go to stderr; stdout is kept for --json documents.
console = Console(stderr=True, highlight=False)
# Piped or logged, a line is one line: no wrapping at rich's default 80 columns.
console.soft_wrap = not console.is_terminal
if not console.is_terminal:
    # and a table is as wide as its content: cells are never cut to 80 columns
    console.width = 1000


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(home=getattr(args, "home", None))


def open_engine(args: argparse.Namespace) -> Engine:
    return Engine(settings_from(args))


def open_existing_engine(args: argparse.Namespace) -> Engine:
    """For commands that read a migration: a HOME that does not exist is a wrong path (exit
    2), not a new migration to create."""
    settings = settings_from(args)
    if not settings.home.is_dir():
        raise PreconditionFailed(f"no migration in {settings.home} (C2N_HOME / --home): "
                                 "check the path, or start with `c2n extract SOURCE...`")
    return Engine(settings)


def current_mapping_or_none(engine: Engine) -> MappingDocument | None:
    """HOME/mapping.yaml when there is one (confirmed or not)."""
    from adapters.stores.mapping_file import load_mapping

    path = engine.settings.mapping_path
    return load_mapping(path) if path.exists() else None


def emit_json(document: Any) -> None:
    sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
                                  | orjson.OPT_NON_STR_KEYS).decode() + "\n")
    sys.stdout.flush()


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
