"""The whole operator path on a small export a test builds: CSV writing and `c2n ... --json` run
in this process (the isolated home is the `home` fixture of this folder's conftest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consumers.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    """`c2n <argv> --json`: its document (exit 0 or 1; 2 fails the test)."""
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return json.loads(out) if out.strip() else {}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_export(home: Path, capsys: pytest.CaptureFixture[str],
                 files: dict[str, str]) -> dict[str, object]:
    """The export `files` written beside `home` (the `home` fixture), extracted and proposed;
    `c2n map check --json`'s document."""
    source = home.parent / "export"
    source.mkdir()
    for name, text in files.items():
        (source / name).write_text(text, encoding="utf-8")
    for argv in (["extract", str(source)], ["map", "propose"]):
        assert main(argv) == 0, capsys.readouterr()
    capsys.readouterr()
    main(["map", "check", "--json"])
    out = capsys.readouterr().out
    report: dict[str, object] = json.loads(out[out.index("{"):])
    return report
