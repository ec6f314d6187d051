"""Reads the bundled vendor exports and their profiles (the ground truth) for the accuracy
table. Plain stdlib csv and PyYAML: the proposal is judged, never fed, by the profiles."""

from __future__ import annotations

import csv
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from domain.mapping import FileMapping
from domain.proposal.propose import ColumnProfiler, propose_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "adapters" / "samples"
PROFILES = ROOT / "adapters" / "profiles"
VENDORS = ("cliniko", "opendental", "frontdesk")


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    delimiter = "\t" if path.suffix == ".txt" else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    headers = next(reader)
    rows = [dict(zip(headers, r, strict=False)) for r in reader]
    return headers, rows


def truth_for(vendor: str, file_name: str, headers: list[str] | None = None) -> dict | None:
    """The profile's entry for a file: the one whose columns cover most of its headers (the
    profiles' own choice works that way too), else the one whose file-name glob matches."""
    profile = yaml.safe_load((PROFILES / f"{vendor}.yaml").read_text(encoding="utf-8"))
    specs = list(profile["files"].values())
    if headers:
        wanted = {h.casefold() for h in headers}

        def cover(spec: dict) -> int:
            return len(wanted & {str(k).casefold() for k in spec.get("columns", {})})

        best = max(specs, key=cover)
        if cover(best) >= 0.6 * len(wanted):
            return best
    for spec in specs:
        if any(fnmatch.fnmatch(file_name.lower(), g.lower()) for g in spec.get("match", [])):
            return spec
    return None


def expected_target(spec: dict, section: str, header: str) -> tuple[bool, str | None]:
    """(known, target): a column the profile lists, and its canonical target or None."""
    table = {str(k).casefold(): v for k, v in (spec.get(section) or {}).items()}
    if header.casefold() not in table:
        return False, None
    value = table[header.casefold()]
    return True, value if isinstance(value, str) else None


@dataclass
class VendorScore:
    vendor: str
    columns: int = 0
    correct: int = 0
    wrong: int = 0
    flagged: int = 0
    kinds_wrong: int = 0
    files: int = 0
    mistakes: list[str] = field(default_factory=list)
    unjudged: list[str] = field(default_factory=list)  # files no profile entry describes

    @property
    def accuracy(self) -> float:
        return self.correct / self.columns if self.columns else 0.0


def propose_path(path: Path) -> FileMapping:
    headers, rows = read_table(path)
    profiler = ColumnProfiler(headers)
    for row in rows:
        profiler.add(row)
    return propose_file(path.name, headers, profiler.profile())


def sample_files(vendor: str) -> list[Path]:
    return sorted(p for p in (SAMPLES / vendor).iterdir() if p.suffix in (".csv", ".txt"))


def score_vendor(vendor: str) -> VendorScore:
    score = VendorScore(vendor)
    for path in sample_files(vendor):
        spec = truth_for(vendor, path.name, read_table(path)[0])
        if spec is None:
            score.unjudged.append(path.name)
            continue
        score.files += 1
        mapping = propose_path(path)
        if mapping.kind != spec["kind"]:
            score.kinds_wrong += 1
            score.mistakes.append(f"{path.name}: kind {mapping.kind} (truth {spec['kind']})")
        for section, proposed in (("columns", mapping.columns), ("key_values", mapping.key_values)):
            for header, column in proposed.items():
                known, target = expected_target(spec, section, header)
                if not known:
                    continue
                score.columns += 1
                score.flagged += column.flagged
                if column.target == target:
                    score.correct += 1
                else:
                    score.wrong += 1
                    score.mistakes.append(f"{path.name}: {section} {header!r} -> {column.target} "
                                          f"(truth {target}; confidence {column.confidence})")
    return score
