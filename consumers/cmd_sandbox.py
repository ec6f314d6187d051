"""`c2n sandbox serve` (placeholder until the sandbox lands)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sandbox", help="a local Nutshell-compatible API server")
    p.set_defaults(func=lambda args: 2)
