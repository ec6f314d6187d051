"""`c2n plan`, `c2n sample`, `c2n approve`, `c2n run`, `c2n verify`."""

from __future__ import annotations

import argparse

from adapters.stores.mapping_file import load_mapping
from consumers.cli.common import add_json, console, emit_json, open_existing_engine
from consumers.nutshell import migration as svc
from consumers.nutshell.plan import make_plan
from consumers.nutshell_wiring import nutshell_client
from consumers.services.quarantine import skip_reasons
from consumers.views.output import EXIT_CANNOT_RUN, Outcome, plain, print_table, progress_step
from domain.nutshell.activities import FILELESS


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


def plan(args: argparse.Namespace) -> int:
    with open_existing_engine(args) as engine, nutshell_client(engine.settings) as api:
        doc = svc.current_mapping(engine)
        result = make_plan(engine, api, doc, apply=args.apply,
                           fallback_owner_email=args.fallback_owner,
                           rate=api.measured_rate() or 10.0)
        engine.catch_up()
    outcome = Outcome().note("errors", sum(1 for f in result.findings if f["level"] == "error"))
    if args.json:
        emit_json(result.to_json())
    else:
        print_table(console, ["entity", "custom field", "type", "choices", "exists"],
                    ([cf["entity"], cf["name"], cf["type"], cf["choices"], cf["exists"]]
                     for cf in result.custom_fields),
                    title=f"custom fields: {len(result.custom_fields)} "
                          f"({sum(1 for c in result.custom_fields if c['exists'])} exist already)")
        owners = result.owners
        console.print(f"owners: {owners['matched']} staff matched to Nutshell users, "
                      f"{len(owners['unmatched'])} unmatched"
                      + (f" (their records go to the fallback owner, user "
                         f"{owners['fallback_owner']})" if owners["fallback_owner"] else "")
                      + (f"; {owners['seats_missing']} seats missing"
                         if owners.get("seats_missing") else ""))
        for finding in result.findings:
            console.print(f"{finding['level']}: {finding['message']}")
        named = result.referrers
        if named.get("people") or named.get("companies"):
            console.print(f"referrers named only by free text: {named['people']} people, "
                          f"{named['companies']} companies (found by email or exact name, "
                          "else created, at --apply)"
                          + (f"; {named['found']} found, {named['created']} created"
                             if "found" in named else ""))
        console.print(f"run order: {' -> '.join(result.run_order)}")
        console.print(f"about {result.requests} requests, ~{result.estimate_seconds:.0f} s")
        console.print("applied" if result.applied else "nothing changed (use --apply)")
    return outcome.finish(console)


def sample(args: argparse.Namespace) -> int:
    if not 1 <= args.size <= 500:
        console.print("c2n: --size must be between 1 and 500 (100-500 recommended)")
        return EXIT_CANNOT_RUN
    with open_existing_engine(args) as engine, nutshell_client(engine.settings) as api, \
            progress_step(console, "sample", args.size) as tick:
        result = svc.run_sample(engine, api, args.size, fallback_owner=args.fallback_owner,
                                tick=tick)
    oracle = result.oracle.to_json() if result.oracle is not None else None
    document = {"from_source": oracle, "coverage": result.sample.coverage(),
                "push": result.push.to_json(),
                "diff": result.report.summary(), "diff_hash": result.diff_hash,
                "reports": {"html": str(result.html), "json": str(result.json)}}
    outcome = Outcome().note("failed", sum(result.push.failed.values()))
    outcome.note("different", result.report.differing)
    outcome.note("missing", len(result.report.missing_records))
    if result.oracle is not None:
        outcome.note("different", len(result.oracle.differences))
        outcome.note("values_kept_as_written", len(result.oracle.kept_as_written))
    if not result.ok and not outcome.found:
        outcome.note("different", 1)  # the verdict of the checks is the last word
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
        console.print(f"pushed: {plain(result.push.pushed)}; failed: "
                      f"{plain(result.push.failed)}; skipped: {plain(result.push.skipped)}")
        if result.push.without_file:
            console.print(f"landed as notes without their files ({FILELESS}): "
                          f"{plain(result.push.without_file)}")
        console.print(f"diff: {result.report.records} records compared, "
                      f"{result.report.records_ok} identical, {result.report.differing} field "
                      f"differences; report {result.html}")
    return outcome.finish(console)


def approve(args: argparse.Namespace) -> int:
    with open_existing_engine(args) as engine:
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
    return Outcome().note("failed", len(removed["failed"]) if removed else 0).finish(console)


def run(args: argparse.Namespace) -> int:
    with open_existing_engine(args) as engine, nutshell_client(engine.settings) as api:
        total = len(svc.pending_keys(engine, retry_failed=args.retry_failed))
        with progress_step(console, "migrating", total) as tick:
            summary = svc.run_full(engine, api, retry_failed=args.retry_failed,
                                   fallback_owner=args.fallback_owner, tick=tick)
        failures = [f for f in engine.store.failures() if f["stage"] == "push"]
        counts = engine.store.counts()
        skipped = skip_reasons(svc.current_mapping(engine),
                               [k for k, v in counts.items() if v.get("extracted")])
    counts = {k: v for k, v in counts.items() if not k.startswith("_")}
    outcome = Outcome().note("failed", len(failures))
    outcome.note("blocked", sum(len(v) for v in summary.blocked.values()))
    outcome.note("quarantined", sum(v.get("quarantined", 0) for v in counts.values()))
    outcome.note("skipped", len(skipped))
    if args.json:
        emit_json({"push": summary.to_json(), "counts": counts, "failures": failures,
                   "skipped_kinds": skipped, "to_look_at": outcome.found})
    else:
        metrics = sorted({m for v in counts.values() for m in v})
        print_table(console, ["kind", *metrics],
                    ([kind, *(values.get(m, 0) for m in metrics)]
                     for kind, values in sorted(counts.items())))
        for f in failures:
            console.print(f"failed {f['kind']}:{f['source_id']}: {f['reason']}")
        for kind, reasons in summary.blocked.items():
            for reason in reasons:
                console.print(f"not sent {kind}: {reason}")
        for kind, why in skipped.items():
            console.print(f"{kind}: not sent: {why}")
        for kind, n in summary.without_file.items():  # landed, but the operator must know
            console.print(f"{kind}: {n} landed as notes without their files ({FILELESS})")
        if failures:
            console.print("retry them with `c2n run --retry-failed`")
    return outcome.finish(console)


def verify(args: argparse.Namespace) -> int:
    if args.rollback:
        return _verify_rollback(args)
    with open_existing_engine(args) as engine, nutshell_client(engine.settings) as api:
        if args.reveal and not engine.settings.cipher_key:
            console.print("c2n: --reveal needs the cipher key (C2N_CIPHER_KEY); values stay "
                          "masked without it")
            return EXIT_CANNOT_RUN
        load_mapping(engine.settings.mapping_path)
        with progress_step(console, "verifying") as tick:
            report, counts = svc.verify(engine, api, args.sample, tick, reveal=args.reveal,
                                        on_total=tick.total)
    document = {**counts, "diff": report.summary()}
    # two checks (values read back, and the source restated by the oracle): the larger count
    outcome = Outcome().note("different", max(report.differing,
                                              len(counts["from_source"]["differences"])))
    outcome.note("missing", len(report.missing_records))
    outcome.note("failed", sum(v.get("not_pushed", 0) for v in counts["counts"].values()))
    # reported at map confirm and by status, and listed here: still the operator's to look at
    outcome.note("values_kept_as_written", len(counts["from_source"].get("kept_as_written", [])))
    if args.json:
        emit_json(document)
    else:
        source = counts["from_source"]
        console.print(f"from the source: {source['headline']}")
        for g in source["by_column"][:20]:
            console.print(f"  {g['records']:5} x {g['reason']}: {g['file']} column "
                          f"{g['column'] or '(record)'} -> {g['nutshell_field'] or '(record)'}")
        for d in source["differences"][:20]:
            console.print(f"  {d['record']} {d['reason']} {d['nutshell_field'] or '(record)'} "
                          f"[{d['file']} row {d['row']} {d['column'] or ''}] "
                          f"expected {d['expected']} found {d['actual']}")
        for line in source["ledger"]:
            if line["status"] == "unaccounted":
                console.print(f"  unaccounted column {line['file']}:{line['column']}: "
                              f"{line['detail']}")
        metrics = ["source", "pushed", "not_pushed", "found_in_nutshell"]
        print_table(console, ["kind", *metrics],
                    ([kind, *(values.get(m) for m in metrics)]
                     for kind, values in counts["counts"].items()))
        console.print(f"{report.records} records compared, {report.differing} differences, "
                      f"{len(report.missing_records)} missing: "
                      f"{'OK' if counts['ok'] else 'PROBLEMS FOUND'}")
    if not counts["ok"] and not outcome.found:
        outcome.note("different", 1)  # the service's verdict is the last word
    return outcome.finish(console)


def _verify_rollback(args: argparse.Namespace) -> int:
    from consumers.nutshell.rollback import verify_rollback

    with open_existing_engine(args) as engine, nutshell_client(engine.settings) as api:
        result = verify_rollback(engine, api)
    outcome = Outcome().note("different", len(result["problems"]))
    if args.json:
        emit_json(result)
    else:
        console.print(f"{result['checked']} compensated operations checked: "
                      f"{'the state before the migration is back' if result['ok'] else 'PROBLEMS FOUND'}")
        for problem in result["problems"]:
            paths = f" ({', '.join(problem['paths'])})" if problem.get("paths") else ""
            console.print(f"  {problem['record']}: {problem['problem']}{paths}")
    if not result["ok"] and not outcome.found:
        outcome.note("different", 1)
    return outcome.finish(console)
