"""The README's operator path, run as written: its marked code block, line by line in one shell,
from a folder laid out like a clone (the bundled samples where the README says), with `c2n`
on PATH. No command may fail to run (exit 2); the ones whose outcome the README states are held
to it. The README must send a clone to docs/ in the repo, never to the sibling design folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MARKER = "<!-- operator-path: run verbatim by tests/operator/test_readme.py -->"
TIMEOUT = 600.0  # the whole path on the bundled export; a hang fails instead of blocking


def operator_block(readme: str) -> list[str]:
    after = readme.split(MARKER, 1)[1]
    block = re.search(r"```sh\n(.*?)```", after, re.S)
    assert block is not None, "the marked block must be a ```sh block"
    return [line for line in block[1].splitlines() if line.strip() and not line.startswith("#")]


def test_the_readme_sends_a_clone_to_docs_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    for path in re.findall(r"`(docs/[\w./-]+)`", readme):
        assert (ROOT / path).is_file(), path
    assert "admin@sandbox.test" in readme  # the fallback owner is a user of the sandbox


@pytest.mark.slow
def test_the_readme_operator_path_runs_as_written(tmp_path: Path) -> None:
    lines = operator_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert lines[0].startswith("c2n sandbox serve") and lines[-1].startswith("kill")
    (tmp_path / "adapters").symlink_to(ROOT / "adapters")  # the clone's layout
    rc_file = tmp_path / "exit-codes"
    script = ["set -u"]
    for n, line in enumerate(lines):
        script.append(line)
        script.append(f'echo "{n} $?" >> {rc_file}')
    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp_path, env=env, text=True,
                          capture_output=True, timeout=TIMEOUT, check=False)
    codes = {}
    for entry in rc_file.read_text().splitlines():
        n, code = entry.split()
        codes[lines[int(n)].split("#")[0].strip()] = int(code)
    shown = f"{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    assert len(codes) == len(lines), shown
    assert "Traceback" not in done.stderr, shown
    cannot_run = {cmd: code for cmd, code in codes.items() if code not in (0, 1)}
    assert not cannot_run, f"{cannot_run}\n{shown}"
    stated = {"c2n extract adapters/samples/cliniko/": 0, "c2n map propose": 0,
              "c2n plan --apply --fallback-owner admin@sandbox.test": 0,
              "c2n map confirm --by \"Dana (practice manager)\"": 1,  # the export's bad rows
              "c2n quarantine": 1, "c2n rollback --dry-run": 0, "c2n verify --rollback": 0}
    assert {cmd: codes[cmd] for cmd in stated} == stated, shown
    assert re.search(r"^patients\.csv: \d+ held back; top reasons: ", done.stderr, re.M)
    assert (tmp_path / "migration" / "mapping.yaml").is_file()
    assert not (tmp_path / "sandbox" / "sandbox.env").exists()  # the sandbox was stopped


def test_sandbox_env_refuses_when_no_sandbox_serves_the_folder(tmp_path: Path) -> None:
    (tmp_path / "sandbox").mkdir()
    # a file left by a sandbox that is gone: its address no longer answers
    (tmp_path / "sandbox" / "sandbox.env").write_text(
        "export C2N_NUTSHELL_URL=http://127.0.0.1:9/rest\n")
    done = subprocess.run([sys.executable, "-m", "consumers.cli", "sandbox", "env", "--data",
                           str(tmp_path / "sandbox"), "--wait", "0.5"], cwd=tmp_path, text=True,
                          capture_output=True, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and done.stdout == ""
    assert "no sandbox is serving" in done.stderr
