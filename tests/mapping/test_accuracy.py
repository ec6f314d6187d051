"""The accuracy proof: the proposal on the bundled vendor exports, judged against the vendor
profiles (adapters/profiles/*.yaml, written independently as ground truth; the proposal never
reads them). One row per vendor: columns judged, correct, wrong, flagged for review.

The table is written to `<tmp>/c2n-mapping-accuracy.md` (and pytest's tmp_path) and is part of
every assertion message, so it is visible with or without `-s`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.mapping.bundled import VENDORS, VendorScore, score_vendor

THRESHOLD = 0.95


def accuracy_table(scores: list[VendorScore]) -> str:
    lines = ["| vendor | files | columns | correct | wrong | flagged | kinds wrong | accuracy |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    total = VendorScore("all")
    for s in scores:
        lines.append(f"| {s.vendor} | {s.files} | {s.columns} | {s.correct} | {s.wrong} | "
                     f"{s.flagged} | {s.kinds_wrong} | {s.accuracy:.1%} |")
        total.files += s.files
        total.columns += s.columns
        total.correct += s.correct
        total.wrong += s.wrong
        total.flagged += s.flagged
        total.kinds_wrong += s.kinds_wrong
    lines.append(f"| **all** | {total.files} | {total.columns} | {total.correct} | {total.wrong} | "
                 f"{total.flagged} | {total.kinds_wrong} | {total.accuracy:.1%} |")
    mistakes = [m for s in scores for m in s.mistakes]
    if mistakes:
        lines += ["", "Wrong proposals:"] + [f"- {s.vendor}: {m}" for s in scores
                                             for m in s.mistakes]
    return "\n".join(lines) + "\n"


def test_accuracy_on_the_bundled_vendor_exports(tmp_path: Path) -> None:
    scores = [score_vendor(v) for v in VENDORS]
    table = accuracy_table(scores)
    for target in (tmp_path / "accuracy.md", Path(tempfile.gettempdir()) / "c2n-mapping-accuracy.md"):
        target.write_text(table, encoding="utf-8")
    print("\n" + table)
    assert all(s.columns >= 100 for s in scores), table  # every vendor really judged
    assert not [f for s in scores for f in s.unjudged], table  # and every one of its files
    assert all(s.kinds_wrong == 0 for s in scores), table
    assert all(s.accuracy >= THRESHOLD for s in scores), table
    overall = sum(s.correct for s in scores) / sum(s.columns for s in scores)
    assert overall >= THRESHOLD, table


def other_spelling(spec: dict, spellings: dict[str, list[str]], header: str) -> str:
    target = spec["columns"].get(header)
    if not isinstance(target, str):
        return header
    return next((s for s in spellings[target] if s != header), header)


def test_the_profiles_other_spellings_are_understood_too() -> None:
    """Front-desk systems differ: the profile lists several spellings of a column, the samples
    use the first. Renaming each sample column to its other spellings must not matter."""
    import yaml

    from domain.proposal.propose import ColumnProfiler, propose_file
    from tests.mapping.bundled import PROFILES, SAMPLES, read_table, truth_for

    profile = yaml.safe_load((PROFILES / "frontdesk.yaml").read_text(encoding="utf-8"))
    assert profile["files"]
    judged, wrong = 0, []
    for path in sorted((SAMPLES / "frontdesk").glob("*.csv")):
        headers, rows = read_table(path)
        spec = truth_for("frontdesk", path.name, headers)
        assert spec is not None, path.name
        spellings: dict[str, list[str]] = {}
        for header, target in spec["columns"].items():
            if isinstance(target, str):
                spellings.setdefault(target, []).append(header)
        renamed = {h: other_spelling(spec, spellings, h) for h in headers}
        if all(new == old for old, new in renamed.items()):
            continue
        new_headers = [renamed[h] for h in headers]
        profiler = ColumnProfiler(new_headers)
        for row in rows:
            profiler.add({renamed[h]: v for h, v in row.items()})
        fm = propose_file(path.name, new_headers, profiler.profile())
        for old, new in renamed.items():
            if new != old:
                judged += 1
                if fm.columns[new].target != spec["columns"][old]:
                    wrong.append(f"{path.name}: {new!r} -> {fm.columns[new].target}")
    assert judged >= 15
    assert (judged - len(wrong)) / judged >= THRESHOLD, wrong


def test_the_proposal_is_the_same_in_every_process() -> None:
    """The confirmation binds the mapping's content hash: string hashing (PYTHONHASHSEED) or
    set order must not change a single byte of the proposal."""
    import os
    import subprocess
    import sys

    from tests.mapping.bundled import ROOT

    script = ("from domain.mapping import MappingDocument\n"
              "from tests.mapping.bundled import propose_path, sample_files\n"
              "doc = MappingDocument(files={p.name: propose_path(p) "
              "for v in ('cliniko', 'opendental') for p in sample_files(v)})\n"
              "print(doc.content_hash())\n")
    hashes = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120, check=True)
        hashes.add(done.stdout.strip())
    assert len(hashes) == 1 and len(next(iter(hashes))) == 64, hashes
