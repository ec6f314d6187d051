"""`c2n plan`, `c2n sample`, `c2n approve`, `c2n run`, `c2n verify`."""

from __future__ import annotations

import argparse

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from adapters.stores.mapping_file import load_mapping
from consumers.cli.common import add_json, console, emit_json, open_engine
from consumers.nutshell import migration as svc
from consumers.nutshell.plan import make_plan
from consumers.nutshell_wiring import nutshell_client


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="custom fields, staff to users, plan limits, time estimate")
    p.add_argument("--apply", action="store_true", help="create the custom fields")
    p.add_argument("--fallback-owner", help="Nutshell user (email) owning unmatched staff's records")
    add_json(p)
    p.set_defaults(func=plan)

    p = sub.add_parser("sample", help="push a representative sample and diff it field by field")
    p.add_argument("--size", type=int, default=200, help="100-500 (default 200)")
    p.add_argument("--fallback-owner")
    add_json(p)
    p.set_defaults(func=sample)

    p = sub.add_parser("approve", help="approve the sample, bound to the confirmed mapping")
    p.add_argument("--by", required=True)
    p.add_argument("--discard-sample", action="store_true",
                   help="remove the sample's records from Nutshell instead of adopting them")
    add_json(p)
    p.set_defaults(func=approve)

    p = sub.add_parser("run", help="the full migration (needs an approval)")
    p.add_argument("--retry-failed", action="store_true")
    p.add_argument("--fallback-owner")
    add_json(p)
    p.set_defaults(func=run)

    p = sub.add_parser("verify", help="read Nutshell back: counts and field values")
    p.add_argument("--sample", type=int, default=None, help="compare N records only")
    p.add_argument("--rollback", action="store_true",
                   help="prove the state before the migration is back (after a rollback)")
    p.add_argument("--reveal", action="store_true",
                   help="show source and Nutshell values in the reports (needs the cipher key, "
                        "C2N_CIPHER_KEY); masked otherwise")
    add_json(p)
    p.set_defaults(func=verify)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True)


def plan(args: argparse.Namespace) -> int:
    with open_engine(args) as engine, nutshell_client(engine.settings) as api:
        doc = svc.current_mapping(engine)
        result = make_plan(engine, api, doc, apply=args.apply,
                           fallback_owner_email=args.fallback_owner,
                           rate=api.measured_rate() or 10.0)
        engine.catch_up()
    if args.json:
        emit_json(result.to_json())
    else:
        console.print(f"custom fields: {len(result.custom_fields)} "
                      f"({sum(1 for c in result.custom_fields if c['exists'])} exist already)")
        for cf in result.custom_fields:
            console.print(f"  {cf['entity']:9} {cf['name']:28} {cf['type']:9} "
                          f"{', '.join(cf['choices'])}")
        console.print(f"owners: {result.owners}")
        for finding in result.findings:
            console.print(f"[{finding['level']}] {finding['message']}")
        console.print(f"run order: {' -> '.join(result.run_order)}")
        console.print(f"about {result.requests} requests, ~{result.estimate_seconds:.0f} s")
        console.print("applied" if result.applied else "nothing changed (use --apply)")
    return 1 if any(f["level"] == "error" for f in result.findings) else 0


def sample(args: argparse.Namespace) -> int:
    if not 1 <= args.size <= 500:
        console.print("c2n: --size must be between 1 and 500 (100-500 recommended)")
        return 2
    with open_engine(args) as engine, nutshell_client(engine.settings) as api, _progress() as bar:
        task = bar.add_task("sample", total=None)
        result = svc.run_sample(engine, api, args.size, fallback_owner=args.fallback_owner,
                                tick=lambda kind: bar.advance(task))
    oracle = result.oracle.to_json() if result.oracle is not None else None
    document = {"from_source": oracle, "coverage": result.sample.coverage(),
                "push": result.push.to_json(),
                "diff": result.report.summary(), "diff_hash": result.report.digest(),
                "reports": {"html": str(result.html), "json": str(result.json)}}
    if args.json:
        emit_json(document)
    else:
        cov = result.sample.coverage()
        if result.oracle is not None:
            console.print(f"from the source: {result.oracle.headline()}")
            for d in result.oracle.differences[:20]:
                console.print(f"  {d.kind}:{d.source_id} {d.reason} {d.place or '(record)'} "
                              f"[{d.file} row {d.row} {d.column or ''}]")
        console.print(f"sample: {cov['records']} records; coverage {cov['features_covered']}/"
                      f"{cov['features_total']} fields and values")
        console.print(f"pushed {result.push.pushed}; failed {result.push.failed}; "
                      f"skipped {result.push.skipped}")
        console.print(f"diff: {result.report.records} records compared, "
                      f"{result.report.records_ok} identical, {result.report.differing} field "
                      f"differences; report {result.html}")
    return 0 if result.ok and not result.push.failed else 1


def approve(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        svc.approve(engine, args.by, keep_sample=not args.discard_sample)
        removed = None
        if args.discard_sample:
            from consumers.nutshell.rollback import rollback

            with nutshell_client(engine.settings) as api:
                removed = rollback(engine, api, scope="sample", by=args.by).to_json()
    if args.json:
        emit_json({"approved": True, "by": args.by, "sample_removed": removed})
    else:
        console.print(f"approved by {args.by}"
                      f"{'; sample removed from Nutshell' if removed else '; sample kept'}")
    return 0


def run(args: argparse.Namespace) -> int:
    with open_engine(args) as engine, nutshell_client(engine.settings) as api, _progress() as bar:
        task = bar.add_task("migrating", total=len(svc.pending_keys(engine, retry_failed=args.retry_failed)))
        summary = svc.run_full(engine, api, retry_failed=args.retry_failed,
                               fallback_owner=args.fallback_owner,
                               tick=lambda kind: bar.advance(task))
        failures = [f for f in engine.store.failures() if f["stage"] == "push"]
        counts = engine.store.counts()
    if args.json:
        emit_json({"push": summary.to_json(), "counts": counts, "failures": failures})
    else:
        for kind, values in counts.items():
            console.print(f"{kind:24} {values}")
        for f in failures:
            console.print(f"failed {f['kind']}:{f['source_id']}: {f['reason']}")
        for kind, reasons in summary.blocked.items():
            for reason in reasons:
                console.print(f"not sent {kind}:{reason}")
        if failures:
            console.print("retry them with `c2n run --retry-failed`")
    return 1 if failures or summary.blocked else 0


def verify(args: argparse.Namespace) -> int:
    if args.rollback:
        from consumers.nutshell.rollback import verify_rollback

        with open_engine(args) as engine, nutshell_client(engine.settings) as api:
            result = verify_rollback(engine, api)
        emit_json(result) if args.json else console.print(result)
        return 0 if result["ok"] else 1
    with open_engine(args) as engine, nutshell_client(engine.settings) as api:
        if args.reveal and not engine.settings.cipher_key:
            console.print("c2n: --reveal needs the cipher key (C2N_CIPHER_KEY); values stay "
                          "masked without it")
            return 2
        load_mapping(engine.settings.mapping_path)
        report, counts = svc.verify(engine, api, args.sample, reveal=args.reveal)
    document = {**counts, "diff": report.summary()}
    if args.json:
        emit_json(document)
    else:
        source = counts["from_source"]
        console.print(f"from the source: {source['headline']}")
        for d in source["differences"][:50]:
            console.print(f"  {d['record']} {d['reason']} {d['nutshell_field'] or '(record)'} "
                          f"[{d['file']} row {d['row']} {d['column'] or ''}] "
                          f"expected {d['expected']} found {d['actual']}")
        for line in source["ledger"]:
            if line["status"] == "unaccounted":
                console.print(f"  unaccounted column {line['file']}:{line['column']}: "
                              f"{line['detail']}")
        for kind, values in counts["counts"].items():
            console.print(f"{kind:24} {values}")
        console.print(f"{report.records} records compared, {report.differing} differences, "
                      f"{len(report.missing_records)} missing: "
                      f"{'OK' if counts['ok'] else 'PROBLEMS FOUND'}")
    return 0 if counts["ok"] else 1
