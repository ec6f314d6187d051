"""Landing on exports never seen: the whole path on every zoo export, no hand edits.

    python bench/landing.py [--half tuning|tuning2|holdout|holdout2|holdout3|holdout4|holdout5|holdout6|
                                   holdout7|holdout8|holdout9|all]
                            [--export NAME ...] [--out FILE]
                            [--embedding]

`all` is both tuning halves and the first hold-out; each later hold-out is measured once, by naming it.

Per export, in its own process, home and in-process Nutshell sandbox, exactly what a new user
does (tests/integration/migrate.py is the same path): extract every file -> map propose ->
clinical content opted in -> map confirm (records derived) -> plan --apply -> PHI review cleared
and signed off -> sample -> approve -> run -> verify. Nothing in the proposed mapping is edited.

Scored against the export's answer key (tests/fixtures/zoo/<half>/<export>/answer_key.yaml,
written before any proposer ran on it):
- landed: per kind, records `verify` found in Nutshell / records the key expects (capped at
  the expected count; records beyond it are reported as `extra`), and overall;
- columns: a column is right when the proposal's canonical target (its column target, or the
  target of a combination it is part of) equals the key's; `custom` and `drop` in the key both
  mean "no canonical target". Twin files (read once) are judged on being recognised, not by
  column. A file the key calls `none` is right when the proposal gives it no canonical kind;
- no patient twice: no two live Nutshell contacts carry the same name (names are unique per
  export by construction, so two equal names are one person twice); a second contact of one
  person is not counted as a landed patient;
- patient values right (reported, not a target): each patient's name, e-mail and phones in
  Nutshell against the export's cells, by code that shares nothing with the engine
  (bench/landing_values.py).
A step that raises ends that export: the step and the error class are reported.

`--embedding` runs every chosen export twice, without and with the optional embedding signal
(adapters.signals.wordllama, the `embedding` extra, injected into map propose), and prints the
two side by side with the columns whose proposal it changed.

Results: a table per half on stdout and bench/results/landing.json (other halves' earlier
results are kept).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.landing_tables import side_by_side, table  # noqa: E402
from tests.zoo.keys import HALVES, exports, truth  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "landing.json"
TIMEOUT_S = 900  # per export: a hang is reported, never waited out


def score_columns(doc: Any, key: dict[str, Any]) -> dict[str, Any]:
    """Column accuracy and file kinds of the proposed mapping against the key."""
    from domain.records.canonical import KINDS

    right = total = 0
    mistakes: list[str] = []
    files: dict[str, Any] = {}
    for name, spec in key["files"].items():
        # a workbook of one sheet is one file to the engine: the key may still name its sheet
        fm = doc.files.get(name) or doc.files.get(name.partition("#")[0])
        if fm is None:
            files[name] = "not in the proposal"
            if not spec.get("twin_of"):
                total += len(spec["columns"])
                mistakes.append(f"{name}: not in the proposal")
            continue
        if spec.get("twin_of"):
            # a workbook of one sheet is one file: the key may name the sheet it was read from
            twin = spec["twin_of"]
            files[name] = "twin recognised" if fm.twin_of in (twin, twin.partition("#")[0]) else \
                f"twin not recognised (read as {fm.kind})"
            continue
        want_kind = spec["kind"]
        kind_ok = (fm.kind not in KINDS) if want_kind == "none" else fm.kind == want_kind
        files[name] = "kind right" if kind_ok else f"kind {fm.kind} (key {want_kind})"
        # a column may feed several combinations (a date with the start time, and with the end
        # time): it is right when one of them is the key's target
        combined: dict[str, list[str]] = {}
        for item in fm.combine:
            for c in item.columns:
                combined.setdefault(c, []).append(item.target)
        for column, value in spec["columns"].items():
            want, _ = truth(value)
            col = fm.columns.get(column)
            fed = combined.get(column, [])
            own = col.target if col is not None else None
            got = want if want in (*fed, own) else (fed[0] if fed else own)
            if want_kind == "none":
                want = None
                got = got if fm.kind in KINDS else None
            total += 1
            if got == want:
                right += 1
            else:
                mistakes.append(f"{name}: {column!r} -> {got} (key {value})")
    return {"right": right, "total": total, "accuracy": right / total if total else 0.0,
            "files": files, "mistakes": mistakes}


def contacts_twice(snapshot: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Names held by more than one live contact (a person landed twice)."""
    seen: dict[str, int] = {}
    for contact in snapshot.get("contacts", []):
        if contact.get("deletedTime"):
            continue
        name = contact.get("name")
        if isinstance(name, dict):
            name = name.get("displayName") or " ".join(
                str(name.get(p) or "") for p in ("givenName", "familyName"))
        norm = " ".join(sorted(str(name or "").replace(",", " ").casefold().split()))
        if norm:
            seen[norm] = seen.get(norm, 0) + 1
    return sorted(f"{n} x{c}" for n, c in seen.items() if c > 1)


def run_export(half: str, name: str, embedding: bool = False) -> dict[str, Any]:
    """The whole path on one zoo export, in this process. Never raises: a failure is reported."""
    export = next(e for e in exports(half) if e.name == name)
    return run_folder(export.folder, export.key, name, half, embedding)


def run_folder(folder: Path, key: dict[str, Any], name: str, half: str,
               embedding: bool = False) -> dict[str, Any]:
    """The whole path on the export in `folder`, scored against `key` (a zoo export, or a
    variant the mutation harness wrote); `embedding`: map propose is given the embedding
    signal. Never raises: a failure is reported."""
    from adapters.nutshell.client import NutshellClient
    from adapters.nutshell_sandbox import SandboxServer
    from adapters.sources import open_sources
    from adapters.stores.mapping_file import save_mapping
    from bench.landing_values import patient_values
    from consumers.bootstrap import Engine, Settings
    from consumers.nutshell import migration as svc
    from consumers.nutshell.plan import make_plan
    from consumers.services import review
    from consumers.services.derive import confirm_and_derive
    from consumers.services.extract import extract_source
    from consumers.services.profile_choice import ProfileChooser
    from consumers.services.proposal import propose_mapping

    out: dict[str, Any] = {"export": name, "half": half, "vendor": key["vendor"],
                           "expected": key["expected"], "steps": {}, "embedding": embedding}
    step = "start"
    started = time.monotonic()

    def mark(next_step: str) -> None:
        nonlocal step, started
        out["steps"][step] = round(time.monotonic() - started, 2)
        step, started = next_step, time.monotonic()

    users = [{"email": "admin@sandbox.test", "name": "Ada Admin", "api_key": "admin-key",
              "is_admin": True}]
    with tempfile.TemporaryDirectory(prefix=f"c2n-landing-{name}-") as tmp:
        base = Path(tmp)
        try:
            with SandboxServer(data_dir=base / "sandbox", users=users) as srv:
                url = srv.start()
                settings = Settings(home=base / "home", database_url=None, nutshell_url=url,
                                    nutshell_user=srv.admin_user, nutshell_api_key=srv.admin_key,
                                    run_name="landing")
                with Engine(settings) as engine, NutshellClient(
                        url, srv.admin_user, srv.admin_key, backoff_base=0.05) as api:
                    run = settings.run_name
                    mark("extract")
                    chooser = ProfileChooser("auto")
                    for source in open_sources([folder]):
                        extract_source(engine.app, run, source, chooser.choose(source))
                    mark("propose")
                    signal = None
                    if embedding:
                        from adapters.signals.wordllama import WordLlamaSimilarity
                        signal = WordLlamaSimilarity()
                    doc = propose_mapping(engine.app, run, signal=signal)
                    doc.settings.clinical_content = True  # the opt-in, not an edit
                    out["columns"] = score_columns(doc, key)
                    out["check"] = _check(engine, run, doc)
                    save_mapping(doc, settings.mapping_path)
                    mark("confirm")
                    derived = confirm_and_derive(engine.app, run, doc, "bench",
                                                 scratch=settings.home)
                    engine.catch_up()
                    out["derived"] = {n: b.to_json() for n, b in derived.balance.items()}
                    mark("plan")
                    make_plan(engine, api, doc, apply=True,
                              fallback_owner_email="admin@sandbox.test", rate=200)
                    mark("review")
                    review.clear_all(engine, by="Bench Reviewer", reason="landing bench")
                    review.sign_off(engine, by="Bench Officer")
                    mark("sample")
                    svc.run_sample(engine, api, 40)
                    svc.approve(engine, "bench")
                    mark("run")
                    out["blocked"] = _blocked(svc.run_full(engine, api).blocked)
                    mark("verify")
                    report, verified = svc.verify(engine, api)
                    out["verify"] = {"counts": verified["counts"],
                                     "differing": report.differing,
                                     "missing": len(report.missing_records)}
                    out["states"] = engine.store.counts()
                    out["push_failures"] = _failures(engine)
                    snapshot = srv.snapshot()
                    out["twice"] = contacts_twice(snapshot)
                    out["values"] = patient_values(folder, key, snapshot)
                    mark("done")
        except Exception as exc:  # noqa: BLE001 - the bench reports a crash, it never hides it
            out["failed_at"] = step
            out["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
            out["trace"] = traceback.format_exc(limit=6)[-1500:]
    return score_landing(out)


def _check(engine: Any, run: str, doc: Any) -> dict[str, Any]:
    """`map check`'s top quarantine reasons per file (column, masked example): why rows would
    not land. Reported, never acted on."""
    try:
        from consumers.services.check import check_mapping
    except ImportError:  # an engine without `map check`
        return {}
    report = check_mapping(engine.app, run, doc).to_json()
    return {name: {k: f[k] for k in ("kind", "read", "derived", "quarantined", "dropped",
                                     "top_reasons")}
            for name, f in report["files"].items()}


def _failures(engine: Any) -> list[dict[str, Any]]:
    """Records that failed at push, grouped by kind, stage, field and reason (no values)."""
    groups: dict[tuple[Any, ...], int] = {}
    for f in engine.store.failures():
        if f["stage"] == "quarantine" or f["status"] == "quarantined":
            continue  # map check already reports these, with the column
        reason = re.sub(r"\(request [0-9a-f]+\)", "(request ...)", str(f["reason"]))[:200]
        key = (f["kind"], f["stage"], f["field"], reason)
        groups[key] = groups.get(key, 0) + 1
    return [{"kind": k, "stage": st, "field": fd, "reason": rs, "records": n}
            for (k, st, fd, rs), n in sorted(groups.items(), key=lambda i: -i[1])][:12]


def _blocked(blocked: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Records the run did not send, grouped by kind and reason (the record's id cut off)."""
    groups: dict[tuple[str, str], int] = {}
    for kind, reason in ((k, r.partition(": ")[2]) for k, rs in blocked.items() for r in rs):
        key = (kind, re.sub(r"\b(\w+ )[^ ]+( is )", r"\1...\2", reason))
        groups[key] = groups.get(key, 0) + 1
    return [{"kind": k, "reason": r, "records": n}
            for (k, r), n in sorted(groups.items(), key=lambda i: -i[1])][:12]


def score_landing(out: dict[str, Any]) -> dict[str, Any]:
    counts = (out.get("verify") or {}).get("counts", {})
    per_kind: dict[str, Any] = {}
    landed = expected_total = extra = 0
    # A person landed twice is found twice: the second contact is not a landed patient.
    twice = sum(int(t.rsplit(" x", 1)[1]) - 1 for t in out.get("twice", []))
    for kind in sorted(set(out["expected"]) | set(counts)):
        want = out["expected"].get(kind, 0)
        found = (counts.get(kind) or {}).get("found_in_nutshell") or 0
        if kind == "patient":
            found = max(0, found - twice)
        per_kind[kind] = {"expected": want, "found": found}
        landed += min(found, want)
        expected_total += want
        extra += max(0, found - want)
    out["landed"] = {"per_kind": per_kind, "landed": landed, "expected": expected_total,
                     "extra": extra, "ratio": landed / expected_total if expected_total else 0.0}
    return out


def run_in_worker(half: str, name: str, folder: Path | None = None,
                  embedding: bool = False) -> dict[str, Any]:
    """`run_export` (or `run_folder` on `folder`) in a fresh process, bounded."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", half, name,
           *(["--embedding"] if embedding else [])]
    if folder is not None:
        cmd += ["--folder", str(folder)]
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=TIMEOUT_S, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"export": name, "half": half, "failed_at": "timeout",
                "error": f"no result within {TIMEOUT_S} s", "landed": {"ratio": 0.0}}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"export": name, "half": half, "failed_at": "worker",
                "error": proc.stderr.strip()[-800:], "landed": {"ratio": 0.0}}
    return dict(json.loads(lines[-1]))


def chosen_halves(half: str) -> tuple[str, ...]:
    """`all` leaves the later hold-outs out: each is measured once, by naming it."""
    return tuple(h for h in HALVES if h in ("tuning", "tuning2", "holdout")) if half == "all" \
        else (half,)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=(*HALVES, "all"), default="tuning")
    parser.add_argument("--export", action="append", default=[])
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--embedding", action="store_true",
                        help="run each export without and with the embedding signal, side by side")
    parser.add_argument("--worker", nargs=2, metavar=("HALF", "EXPORT"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker and args.folder:
        key = yaml.safe_load((args.folder / "answer_key.yaml").read_text(encoding="utf-8"))
        print(json.dumps(run_folder(args.folder, key, args.worker[1], args.worker[0],
                                    args.embedding), default=str))
        return 0
    if args.worker:
        print(json.dumps(run_export(*args.worker, embedding=args.embedding), default=str))
        return 0
    halves = chosen_halves(args.half)
    saved = json.loads(args.out.read_text()) if args.out.exists() else {}
    for half in halves:
        chosen = [e for e in exports(half) if not args.export or e.name in args.export]
        results, with_signal = [], []
        for e in chosen:
            for embedding, into in ((False, results), (True, with_signal))[:2 if args.embedding else 1]:
                t0 = time.monotonic()
                result = run_in_worker(half, e.name, embedding=embedding)
                result["seconds"] = round(time.monotonic() - t0, 1)
                into.append(result)
                print(f"{half}/{e.name}{' +embedding' if embedding else ''}: landed "
                      f"{result['landed'].get('ratio', 0):.1%}, columns "
                      f"{(result.get('columns') or {}).get('accuracy', 0):.1%}"
                      + (f", failed at {result['failed_at']}: {result.get('error')}"
                         if result.get("failed_at") else ""), flush=True)
        markdown = table(half, results)
        if args.embedding:
            table(f"{half} + embedding", with_signal)
            saved[f"{half}+embedding"] = {
                "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "exports": with_signal, "table": side_by_side(half, results, with_signal)}
        previous = {r["export"]: r for r in saved.get(half, {}).get("exports", [])}
        previous.update({r["export"]: r for r in results})
        saved[half] = {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                       "command": " ".join(["python bench/landing.py", *(argv or sys.argv[1:])]),
                       "exports": sorted(previous.values(), key=lambda r: r["export"]),
                       "table": markdown}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(saved, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
