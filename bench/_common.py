"""Shared by the bench scripts: peak RSS, subprocess workers, table printing."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_worker(script: str, args: Sequence[str]) -> dict[str, Any]:
    """Each measurement in a fresh process, so peak RSS is its own."""
    out = subprocess.run([sys.executable, script, "--worker", *args], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    widths = [max(len(str(h)), *(len(_fmt(r[i])) for r in rows)) for i, h in enumerate(headers)]
    lines = [f"### {title}", "",
             "| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(_fmt(v).ljust(w) for v, w in zip(row, widths, strict=True)) + " |")
    text = "\n".join(lines)
    print(text)
    return text


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def fresh_pg_schema(prefix: str) -> str:
    import uuid

    return f"{PG_URL}?schema={prefix}_{uuid.uuid4().hex[:8]}"


def drop_pg_schema(url: str) -> None:
    import psycopg

    schema = url.split("schema=")[1]
    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test",
                         autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
