"""References by name to a large patient file: time, peak memory and references resolved.

    python bench/name_references.py [--patients 20000] [--appointments 20000] [--referred 4000]
                                    [--root DIR]

Builds an export in a temporary directory: a patient file with ids of its own and first and
last names, and an appointment file naming the client only by name ("Lee, Ann" or "Ann Lee",
alternately). Runs `extract` and `map propose` (each in its own process, from `--root`, this
checkout by default, so an older checkout can be measured the same way) and `map check`, and
prints the wall time and peak memory (max RSS) of the proposal, the size of the value map the
proposal wrote on the client column, and the appointments whose patient resolves.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "we", "yu", "ba", "de", "fi",
             "go", "hu", "ja")


def _name(i: int, parts: int) -> str:
    out = ""
    for _ in range(parts):
        out += SYLLABLES[i % len(SYLLABLES)]
        i //= len(SYLLABLES)
    return out.capitalize()


def build(folder: Path, patients: int, appointments: int, referred: int) -> None:
    people = [(str(100000 + i), _name(i, 2), _name(i // 256, 3) + "son")
              for i in range(patients)]
    with (folder / "patients.csv").open("w", encoding="utf-8") as out:
        out.write("Patient ID,First Name,Last Name,DOB\n")
        for ident, first, last in people:
            out.write(f"{ident},{first},{last},1980-01-02\n")
    with (folder / "appointments.csv").open("w", encoding="utf-8") as out:
        out.write("Appointment ID,Client,Start,Duration\n")
        for j in range(appointments):
            _, first, last = people[(j * 7919) % referred]
            name = f"{last}, {first}" if j % 2 else f"{first} {last}"
            out.write(f'A{j},"{name}",2024-03-{1 + j % 28:02d} 09:00,30\n')


def _cli(root: Path, env: dict[str, str], *argv: str) -> tuple[float, int, str]:
    """(seconds, peak RSS of the process in MiB, stdout)."""
    code = (f"import resource, sys, runpy; sys.argv = ['c2n', *{list(argv)!r}];\n"
            "try:\n runpy.run_module('consumers.cli', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "file=sys.stderr)")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True,
                          text=True, check=False)
    seconds = time.perf_counter() - started
    if "MAXRSS" not in proc.stderr or "Traceback" in proc.stderr:
        raise SystemExit(f"c2n {' '.join(argv)} failed:\n{proc.stderr[-2000:]}")
    rss = next((int(line.split()[1]) // 1024 for line in proc.stderr.splitlines()
                if line.startswith("MAXRSS")), -1)
    return seconds, rss, proc.stdout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=20_000)
    parser.add_argument("--appointments", type=int, default=20_000)
    parser.add_argument("--referred", type=int, default=4_000)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="c2n-names-") as tmp:
        folder = Path(tmp) / "export"
        folder.mkdir()
        build(folder, args.patients, args.appointments, args.referred)
        env = {k: v for k, v in os.environ.items()
               if k not in ("C2N_DATABASE_URL", "C2N_CIPHER_KEY")}
        env["C2N_HOME"] = str(Path(tmp) / "home")
        env["PYTHONPATH"] = str(args.root.resolve())
        _cli(args.root, env, "extract", str(folder))
        seconds, rss, _ = _cli(args.root, env, "map", "propose")
        doc = yaml.safe_load((Path(tmp) / "home" / "mapping.yaml").read_text(encoding="utf-8"))
        client = doc["files"]["appointments.csv"]["columns"]["Client"]
        _, _, out = _cli(args.root, env, "map", "check", "--json")
        landing = json.loads(out[out.index("{"):])["landing"]["appointment"]
    resolved = landing["records"] - landing["unresolved_references"]
    print(json.dumps({"patients": args.patients, "appointments": args.appointments,
                      "referred": args.referred, "propose_seconds": round(seconds, 1),
                      "propose_max_rss_mib": rss, "value_map": len(client.get("values") or {}),
                      "appointment_records": landing["records"], "resolved": resolved,
                      "peak_rss_note": "max RSS of the whole `map propose` process"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
