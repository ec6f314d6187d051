"""`c2n delta publish|watch|consume|conflicts|resolve|close`: the delta window during cutover."""

from __future__ import annotations

import argparse
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from consumers.cli.common import add_json, console, emit_json, open_engine
from consumers.delta.apply import DeltaApplier, open_conflicts, resolve
from consumers.delta.loop import DeltaConsumer, DeltaStatus
from consumers.delta.publish import debezium_changes, export_changes
from consumers.nutshell.migration import current_mapping
from consumers.nutshell_wiring import nutshell_client
from consumers.services.delta_feeds import CONSUMER_FILE, WATCH_FILE, open_feed
from consumers.views.output import Outcome, plain
from domain.delta import to_message
from domain.errors import PreconditionFailed

if TYPE_CHECKING:
    from adapters.bus.kafka import KafkaChangeBus

PUBLISH_PAGE = 500


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("delta", help="the delta window: changes made in the clinic during cutover")
    dsub = p.add_subparsers(dest="delta_command", required=True)
    q = dsub.add_parser("publish", help="publish what changed since the extraction")
    q.add_argument("sources", nargs="+", help="a newer export, or Debezium envelopes (.jsonl)")
    q.add_argument("--topic", default=None)
    add_json(q)
    q.set_defaults(func=publish)
    q = dsub.add_parser("watch", help="publish the clinic database's changes as they are "
                                      "committed (its row-based binlog)")
    q.add_argument("database", help="mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or the "
                                    "password in C2N_MYSQL_PASSWORD)")
    q.add_argument("--for", dest="duration", default=None, help="e.g. 48h, 30m, 90s")
    q.add_argument("--max-idle", type=float, default=None, help="stop after SECONDS without a change")
    q.add_argument("--topic", default=None)
    add_json(q)
    q.set_defaults(func=watch)
    q = dsub.add_parser("consume", help="apply changes until the window closes")
    q.add_argument("--for", dest="duration", default=None, help="e.g. 48h, 30m, 90s")
    q.add_argument("--max-idle", type=float, default=None, help="stop after SECONDS without a message")
    q.add_argument("--topic", default=None)
    q.add_argument("--group", default=None, help="consumer group (default: c2n-<run>)")
    add_json(q)
    q.set_defaults(func=consume)
    q = dsub.add_parser("conflicts", help="fields changed both in the clinic and in Nutshell")
    add_json(q)
    q.set_defaults(func=conflicts)
    q = dsub.add_parser("resolve", help="resolve one record's conflicts")
    q.add_argument("record", help="KIND:SOURCE_ID")
    q.add_argument("--take", choices=("source", "nutshell"), required=True)
    q.add_argument("--by", default="operator")
    add_json(q)
    q.set_defaults(func=resolve_cmd)
    q = dsub.add_parser("close", help="close the delta window (running consumers stop)")
    q.set_defaults(func=close)


def duration_seconds(text: str | None) -> float | None:
    if not text:
        return None
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    unit = text[-1].lower()
    if unit in units:
        return float(text[:-1]) * units[unit]
    return float(text)


def _topic(args: argparse.Namespace, run_name: str) -> str:
    return args.topic or f"c2n.{run_name}.changes"


def _bootstrap(settings: Any) -> str:
    if not settings.kafka_bootstrap:
        raise PreconditionFailed("set C2N_KAFKA_BOOTSTRAP to the Kafka bootstrap servers")
    return str(settings.kafka_bootstrap)


def _change_bus(bootstrap: str, topic: str, **options: Any) -> KafkaChangeBus:
    # kafka-python is a large share of every `c2n` start-up and only the delta commands talk
    # to the broker, so it is imported when one does.
    from adapters.bus.kafka import KafkaChangeBus

    return KafkaChangeBus(bootstrap, topic, **options)


def publish(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        doc = current_mapping(engine)
        engine.catch_up()
        bus = _change_bus(_bootstrap(engine.settings), _topic(args, engine.settings.run_name),
                             group_id=None)
        counts: dict[str, int] = {}
        page = []
        try:
            for path in (Path(s) for s in args.sources):
                envelopes = path.suffix in {".jsonl", ".ndjson"} and "debezium" in path.name.lower()
                changes = debezium_changes(doc, path) if envelopes else \
                    export_changes(engine, doc, [path])
                published = 0
                for change in changes:
                    counts[change.op] = counts.get(change.op, 0) + 1
                    published += 1
                    page.append(to_message(change))
                    if len(page) >= PUBLISH_PAGE:
                        bus.publish(page)
                        page = []
                bus.publish(page)
                page = []
                # the window's source and how far it was published, for `c2n status`
                kind = "envelopes" if envelopes else "export-diff"
                feed = open_feed(engine, kind=kind, source=f"{kind}:{path.name}", topic=bus.topic,
                                 position=lambda: "")
                feed.advance(position=path.name, published=published, transactions=0)
                engine.app.save(feed)
        finally:
            bus.close()
    if args.json:
        emit_json({"published": counts})
    else:
        console.print(f"published {sum(counts.values())} changes: {plain(counts)}")
    return Outcome().finish(console)


def watch(args: argparse.Namespace) -> int:
    from adapters.sources.binlog import BinlogReader, MySQLTarget
    from consumers.delta.watch import BinlogWatcher

    seconds = duration_seconds(args.duration)
    target = MySQLTarget.parse(args.database)
    with open_engine(args) as engine:
        doc = current_mapping(engine)
        topic = _topic(args, engine.settings.run_name)
        reader = BinlogReader(target, BinlogWatcher.watched_tables(doc))
        bus = _change_bus(_bootstrap(engine.settings), topic, group_id=None)
        status_file = Path(engine.settings.home) / WATCH_FILE

        def on_status(current: Any) -> None:
            status_file.write_bytes(orjson.dumps(current.to_json()))

        try:
            watcher = BinlogWatcher(engine, doc, reader, bus, topic)
            status = watcher.run(until=time.monotonic() + seconds if seconds else None,
                                 max_idle_s=args.max_idle, on_status=on_status)
        finally:
            bus.close()
    if args.json:
        emit_json(status.to_json())
    else:
        console.print(f"delta watch stopped ({status.stopped_because}) at {status.position}: "
                      f"published {status.published} changes {status.ops}")
    return Outcome().finish(console)


def _status_path(engine: Any) -> Path:
    return Path(engine.settings.home) / CONSUMER_FILE


def _open_window(engine: Any, run: Any, topic: str, closes_at: float) -> None:
    """Opens the run's delta window unless it is open. Consumers of one group are started
    together: when another member opened it between our read and our save, the log refuses
    our event, and the window it opened is the one we join."""
    from eventsourcing.persistence import IntegrityError

    if run.delta and run.delta.get("open"):
        return
    run.open_delta_window(topic=topic, closes_at=closes_at)
    try:
        engine.app.save(run)
    except IntegrityError:
        current = engine.run()
        if not (current.delta and current.delta.get("open")):
            raise


def consume(args: argparse.Namespace) -> int:
    seconds = duration_seconds(args.duration)
    with open_engine(args) as engine, nutshell_client(engine.settings) as api:
        doc = current_mapping(engine)
        run = engine.run()
        topic = _topic(args, engine.settings.run_name)
        closes_at = time.time() + seconds if seconds else time.time() + 48 * 3600
        _open_window(engine, run, topic, closes_at)
        status_file = _status_path(engine)
        stop = threading.Event()
        checked = [0.0]

        def on_status(status: DeltaStatus) -> None:
            status_file.write_bytes(orjson.dumps({**status.to_json(), "topic": topic,
                                                  "member": member}))
            if time.monotonic() - checked[0] > 2.0:  # `c2n delta close` from another shell
                checked[0] = time.monotonic()
                current = engine.app.find_run(engine.settings.run_name)
                if current and current.delta and not current.delta.get("open"):
                    stop.set()

        member = uuid.uuid4().hex[:8]
        bus = _change_bus(_bootstrap(engine.settings), topic,
                             group_id=args.group or f"c2n-{engine.settings.run_name}",
                             client_id=f"c2n-{member}")
        consumer = DeltaConsumer(bus, DeltaApplier(engine, api, doc),
                                 until=time.monotonic() + seconds if seconds else None,
                                 max_idle_s=args.max_idle, should_stop=stop,
                                 on_status=on_status)
        try:
            status = consumer.run()
        finally:
            bus.close()
        engine.catch_up()
    if args.json:
        emit_json(status.to_json())
    else:
        console.print(f"delta consumer stopped ({status.stopped_because}): applied "
                      f"{status.applied}, duplicates {status.duplicates}, conflicts "
                      f"{status.conflicts}, errors {status.errors}")
    outcome = Outcome().note("conflicting", status.conflicts).note("errors", status.errors)
    return outcome.code if args.json else outcome.finish(console)


def conflicts(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        found = open_conflicts(engine)
    if args.json:
        emit_json({"conflicts": found})
    else:
        for c in found:
            console.print(f"{c['record']}: {', '.join(c['paths'])}")
        console.print(f"{len(found)} records with open conflicts")
    outcome = Outcome().note("conflicting", len(found))
    return outcome.code if args.json else outcome.finish(console)


def resolve_cmd(args: argparse.Namespace) -> int:
    with open_engine(args) as engine, nutshell_client(engine.settings) as api:
        doc = current_mapping(engine)
        result = resolve(engine, api, doc, args.record, args.take, args.by)
    if args.json:
        emit_json(result)
    else:
        console.print(f"{args.record}: {len(result['resolved'])} fields resolved ({args.take})")
    return Outcome().finish(console)


def close(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        run = engine.run()
        run.close_delta_window({"closed_by": "operator"})
        engine.app.save(run)
        engine.catch_up()
    console.print("delta window closed")
    return Outcome().finish(console)
