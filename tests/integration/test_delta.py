"""The delta window end to end: a real broker (Tansu), the sandbox over HTTP, the event log.

Publish what changed in a newer export, consume, apply; a staff edit produces a conflict
instead of being overwritten; a consumer killed between saving and committing loses and
duplicates nothing; two consumers share one group; the broker restarts mid-window."""

from __future__ import annotations

import csv
import shutil
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from adapters.bus.kafka import KafkaChangeBus
from adapters.samples import sample_path
from adapters.stores.mapping_file import load_mapping
from consumers.delta.apply import DeltaApplier, open_conflicts, resolve
from consumers.delta.loop import DeltaConsumer
from consumers.delta.publish import export_changes
from domain.delta import to_message
from tests.integration.migrate import STAFF_USER, Premigrated, environment
from tests.kafka.drained import stop_when_drained

pytestmark = [pytest.mark.kafka, pytest.mark.usefixtures("tolerate_kafka_socket_leaks")]


def newer_export(tmp_path: Path) -> Path:
    """The clinic's export a day later: a phone and a city changed, an insurance member id
    changed, a new patient, a patient removed."""
    target = tmp_path / "newer"
    shutil.copytree(sample_path("cliniko"), target)
    edit(target / "patients.csv", "ID", {
        "1000000": {"Home Phone": "555-000-1111", "City": "Worcester"},
        "1000002": {"City": "Quincy"}}, drop={"1000004"},
        add={"ID": "1000999", "First Name": "Newly", "Last Name": "Registered",
             "Date of Birth": "1990-05-06", "Sex": "Female", "Status": "Active",
             "Business ID": "1008000", "Practitioner ID": "1006000"})
    edit(target / "health_funds.csv", "ID", {"1001000": {"Member Number": "999000000"}})
    return target


def edit(path: Path, key: str, changes: dict[str, dict[str, str]], drop: set[str] = frozenset(),  # type: ignore[assignment]
         add: dict[str, str] | None = None) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames or [])
        rows = [r for r in reader if r[key] not in drop]
    for row in rows:
        row.update(changes.get(row[key], {}))
    if add:
        rows.append({h: add.get(h, "") for h in header})
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def publish(engine: Any, bootstrap: str, topic: str, export: Path) -> Counter[str]:
    doc = load_mapping(engine.settings.mapping_path)
    changes = list(export_changes(engine, doc, [export]))
    bus = KafkaChangeBus(bootstrap, topic, group_id=None)
    try:
        bus.publish([to_message(c) for c in changes])
    finally:
        bus.close()
    return Counter(c.op for c in changes)


def consume(engine: Any, api: Any, bootstrap: str, topic: str, *, group: str = "c2n-test",
            max_idle: float = 8.0, bus: Any = None, expected: int | None = None,
            peers: list[Any] | None = None) -> Any:
    """Consumes until idle; with `expected`, stops as soon as that many changes were received
    (with `peers`, the group's other members' statuses) and nothing is left (lag 0)."""
    doc = load_mapping(engine.settings.mapping_path)
    bus = bus or KafkaChangeBus(bootstrap, topic, group_id=group)
    stop = threading.Event()
    loop = DeltaConsumer(bus, DeltaApplier(engine, api, doc), page_size=50, should_stop=stop,
                         max_idle_s=max_idle, until=time.monotonic() + 60)
    if expected is not None:
        if peers is not None:
            peers.append(loop.status)
        loop.on_status = stop_when_drained(stop, expected, peers or ())
    try:
        return loop.run()
    finally:
        bus.close()


def staff_patch(srv: Any, entity: str, api_id: str, path: str, value: Any) -> None:
    with httpx.Client(base_url=srv.url, auth=(STAFF_USER["email"], STAFF_USER["api_key"])) as http:
        r = http.patch(f"/{entity}/{api_id}", content=orjson.dumps(
            [{"op": "replace", "path": path, "value": value}]),
            headers={"Content-Type": "application/json-patch+json"})
        assert r.status_code == 204, r.text


def revisions(engine: Any) -> Counter[str]:
    engine.catch_up()
    return Counter(a["record"] for a in engine.audit() if a["event"] == "ClinicRecord.Revised")


def test_publish_consume_apply_with_a_conflict(tmp_path: Path, tansu_broker: Any,
                                               topic_name: str, premigrated: Premigrated) -> None:
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        patient2 = engine.app.record("default", "patient", "1000002")
        assert patient2 is not None and patient2.nutshell_id
        # Staff change the city of patient 1000002 in Nutshell; the clinic changes it too.
        addresses = (api.get("contacts", patient2.nutshell_id) or {})["addresses"]
        first = addresses[0]  # type: ignore[index]
        (first["value"] if "value" in first else first)["city"] = "Salem"
        staff_patch(srv, "contacts", patient2.nutshell_id, "/contacts/0/addresses", addresses)
        ops = publish(engine, tansu_broker.bootstrap, topic_name, newer_export(tmp_path))
        assert ops == {"update": 3, "create": 1, "delete": 1}
        status = consume(engine, api, tansu_broker.bootstrap, topic_name, expected=5)
        assert status.applied == 5 and status.errors == 0
        assert status.conflicts == 1
        patient0 = engine.app.record("default", "patient", "1000000")
        assert patient0 is not None
        contact = api.get("contacts", patient0.nutshell_id)  # type: ignore[arg-type]
        assert contact is not None
        assert "Worcester" in orjson.dumps(contact).decode()
        assert contact["customFields"]["Insurance Member ID"] == "999000000"
        new = engine.app.record("default", "patient", "1000999")
        assert new is not None and new.state == "pushed" and api.get("contacts", new.nutshell_id)  # type: ignore[arg-type]
        gone = engine.app.record("default", "patient", "1000004")
        assert gone is not None and getattr(gone, "deleted_in_source", False)
        assert api.get("contacts", gone.nutshell_id) is not None  # deletes are not propagated
        kept = api.get("contacts", patient2.nutshell_id)
        assert kept is not None and "Salem" in orjson.dumps(kept).decode()
        found = open_conflicts(engine)
        assert [c["record"] for c in found] == ["patient:1000002"]
        assert "Quincy" not in orjson.dumps(found).decode()  # hashes, not values
        doc = load_mapping(engine.settings.mapping_path)
        resolve(engine, api, doc, "patient:1000002", "source", "carol")
        resolved = api.get("contacts", patient2.nutshell_id)
        assert resolved is not None and "Quincy" in orjson.dumps(resolved).decode()
        assert open_conflicts(engine) == []


class Crash(BaseException):
    """The consumer process dying after saving a page and before committing its offsets."""


class CommitCrash:
    def __init__(self, bus: KafkaChangeBus) -> None:
        self.bus = bus

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bus, name)

    def commit(self) -> None:
        raise Crash()


def test_a_consumer_killed_between_saving_and_committing(tmp_path: Path, tansu_broker: Any,
                                                         topic_name: str,
                                                         premigrated: Premigrated) -> None:
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        publish(engine, tansu_broker.bootstrap, topic_name, newer_export(tmp_path))
        crashing = CommitCrash(KafkaChangeBus(tansu_broker.bootstrap, topic_name,
                                              group_id="c2n-crash"))
        with pytest.raises(Crash):
            consume(engine, api, tansu_broker.bootstrap, topic_name, group="c2n-crash",
                    bus=crashing)
        first = revisions(engine)
        assert sum(first.values()) >= 1
        status = consume(engine, api, tansu_broker.bootstrap, topic_name, group="c2n-crash",
                         expected=5)  # all five again: the offsets never moved
        assert status.received >= sum(first.values())  # redelivered: the offsets never moved
        after = revisions(engine)
        assert sum(after.values()) == 5, after  # every change once: none lost, none twice
        assert all(n == 1 for n in after.values())


def test_two_consumers_in_one_group_share_the_work(tmp_path: Path, tansu_broker: Any,
                                                   topic_name: str,
                                                   premigrated: Premigrated) -> None:
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        publish(engine, tansu_broker.bootstrap, topic_name, newer_export(tmp_path))
        results: list[Any] = []
        statuses: list[Any] = []  # the members' live statuses: the five are received between them

        def member() -> None:
            results.append(consume(engine, api, tansu_broker.bootstrap, topic_name,
                                   group="c2n-pair", max_idle=10.0, expected=5, peers=statuses))

        threads = [threading.Thread(target=member) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=90)
        assert len(results) == 2
        assert sum(r.applied for r in results) == 5
        assert all(n == 1 for n in revisions(engine).values())


def test_the_consumer_recovers_from_a_broker_restart(tmp_path: Path,
                                                     private_tansu_broker: Any,
                                                     topic_name: str,
                                                     premigrated: Premigrated) -> None:
    broker = private_tansu_broker
    premigrated.into(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        export = newer_export(tmp_path)
        results: list[Any] = []
        worker = threading.Thread(target=lambda: results.append(consume(
            engine, api, broker.bootstrap, topic_name, group="c2n-restart", max_idle=25.0,
            expected=5)))
        worker.start()
        time.sleep(0.5)  # let the consumer start polling (it joins whatever comes after)
        broker.restart()
        publish(engine, broker.bootstrap, topic_name, export)  # published after the restart
        worker.join(timeout=120)
        assert results, "the consumer did not stop by itself"
        assert results[0].applied == 5
        assert all(n == 1 for n in revisions(engine).values())
