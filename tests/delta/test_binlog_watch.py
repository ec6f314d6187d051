"""Change data capture from the clinic's own database: an Open Dental-like schema in MariaDB
holding the rows of the Open Dental sample export that was migrated; rows edited during the
window reach the sandbox through `c2n delta watch`'s binlog reader and the change topic, exactly
those and nothing else, and a staff edit in Nutshell on one of them is reported as a conflict.
The reader resumes from the position it recorded: a second watcher publishes nothing twice."""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pymysql
import pytest

from adapters.bus.kafka import KafkaChangeBus
from adapters.samples import sample_path
from adapters.sources.binlog import BinlogReader, MySQLTarget, export_text
from adapters.stores.mapping_file import load_mapping
from consumers.delta.apply import open_conflicts
from consumers.delta.watch import BinlogWatcher
from domain.delta import from_message
from tests.delta.conftest import MARIADB
from tests.integration.migrate import Premigrated, environment
from tests.integration.test_delta import consume, revisions, staff_patch

pytestmark = [pytest.mark.kafka, pytest.mark.slow,
              pytest.mark.usefixtures("tolerate_kafka_socket_leaks")]

# Open Dental's column types for the columns the sample export carries.
TYPES = {"PatNum": "BIGINT", "AptNum": "BIGINT", "ProvNum": "BIGINT", "ClinicNum": "BIGINT",
         "PriProv": "BIGINT", "Birthdate": "DATE", "DateFirstVisit": "DATE",
         "AptDateTime": "DATETIME", "DateTimeDismissed": "DATETIME", "SecDateTEntry": "DATETIME",
         "SecDateEntry": "DATE", "DateTStamp": "DATETIME", "Note": "TEXT"}
KEYS = {"patient": "PatNum", "appointment": "AptNum"}


def sample_rows(table: str) -> tuple[list[str], list[dict[str, str]]]:
    with (sample_path("opendental") / f"{table}.txt").open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t")
        return list(reader.fieldnames or []), list(reader)


def storable(row: dict[str, str]) -> bool:
    """False for a row a typed column refuses (the sample's impossible dates and missing
    keys, which the migration quarantined): such a row cannot be in the database."""
    if not all(row.get(key) for key in KEYS.values() if key in row):
        return False
    for column, value in row.items():
        kind = TYPES.get(column)
        if value and kind == "BIGINT" and not value.isdigit():
            return False
        try:
            if value and kind == "DATE":
                dt.date.fromisoformat(value)
            elif value and kind == "DATETIME":
                dt.datetime.fromisoformat(value)
        except ValueError:
            return False
    return True


def load_tables(conn: Any) -> None:
    """The clinic database as the migrated export had it."""
    with conn.cursor() as cur:
        for table, key in KEYS.items():
            header, rows = sample_rows(table)
            columns = ", ".join(f"`{c}` {TYPES.get(c, 'VARCHAR(255)')} NULL" for c in header)
            cur.execute(f"CREATE TABLE `{table}` ({columns}, PRIMARY KEY (`{key}`)) ENGINE=InnoDB")
            cur.executemany(
                f"INSERT INTO `{table}` VALUES ({', '.join(['%s'] * len(header))})",
                [[row[c] or None for c in header] for row in rows if storable(row)])
        cur.execute("CREATE TABLE securitylog (SecurityLogNum BIGINT PRIMARY KEY, LogText TEXT)")
    conn.commit()


@pytest.fixture
def clinic_db(mariadb_database: str) -> Iterator[Any]:
    conn = pymysql.connect(database=mariadb_database, **MARIADB)  # type: ignore[arg-type]
    try:
        load_tables(conn)
        yield conn
    finally:
        conn.close()


def edit_during_window(conn: Any) -> None:
    with conn.cursor() as cur:
        cur.execute("UPDATE patient SET City='Worcester', HmPhone='(555) 000-1111' WHERE PatNum=1")
        cur.execute("UPDATE patient SET City='Quincy' WHERE PatNum=2")
        cur.execute("INSERT INTO patient (PatNum, LName, FName, Birthdate, Gender, PatStatus, "
                    "ClinicNum, PriProv) VALUES (999, 'Registered', 'Newly', '1990-05-06', "
                    "'Female', 'Patient', 1, 1)")
        cur.execute("INSERT INTO securitylog VALUES (1, 'not a mapped table')")
    conn.commit()  # one transaction of three changes and an unmapped row
    with conn.cursor() as cur:
        cur.execute("UPDATE appointment SET AptStatus='Broken' WHERE AptNum=1")
    conn.commit()
    with conn.cursor() as cur:
        cur.execute("DELETE FROM appointment WHERE AptNum=2")
    conn.commit()


def test_export_text_matches_the_export() -> None:
    assert export_text(dt.date(1945, 12, 10)) == "1945-12-10"
    assert export_text(dt.datetime(1965, 11, 15, 11, 22, 41)) == "1965-11-15 11:22:41"
    assert export_text(None) == "" and export_text(7) == "7" and export_text(b"x") == "x"


def test_rows_edited_in_mariadb_reach_the_sandbox(tmp_path: Path, tansu_broker: Any,
                                                  topic_name: str, clinic_db: Any,
                                                  mariadb_database: str,
                                                  premigrated: Premigrated) -> None:
    target = MySQLTarget.parse(f"mysql://root@127.0.0.1:3306/{mariadb_database}")
    premigrated.into(tmp_path, "opendental")
    with environment(tmp_path) as (engine, api, srv):
        doc = load_mapping(engine.settings.mapping_path)
        tables = BinlogWatcher.watched_tables(doc)
        assert {"patient", "appointment"} <= tables and "securitylog" not in tables

        def watcher() -> tuple[BinlogWatcher, KafkaChangeBus]:
            bus = KafkaChangeBus(tansu_broker.bootstrap, topic_name, group_id=None)
            return BinlogWatcher(engine, doc, BinlogReader(target, tables), bus, topic_name), bus

        first, bus = watcher()
        started = first.feed().position  # capture begins here, before the edits
        patient2 = engine.app.record("default", "patient", "2")
        assert patient2 is not None and patient2.nutshell_id
        contact = api.get("contacts", patient2.nutshell_id) or {}
        addresses = contact["addresses"]
        item = addresses[0]  # type: ignore[index]
        (item["value"] if "value" in item else item)["city"] = "Salem"
        staff_patch(srv, "contacts", patient2.nutshell_id, "/contacts/0/addresses", addresses)

        edit_during_window(clinic_db)
        try:
            assert first.step() == 5
        finally:
            bus.close()
        assert first.status.transactions >= 3 and first.feed().position != started

        # A watcher started again resumes from the recorded position: nothing twice.
        second, bus = watcher()
        try:
            assert second.feed().position == first.feed().position
            assert second.step() == 0
            # A service manager's stop (SIGTERM) ends the watcher between batches, cleanly.
            # The test's own handler catches the signal if the watcher installed none, so a
            # watcher that ignores it runs on to its idle limit and the assertion fails.
            missed: list[int] = []
            previous = signal.signal(signal.SIGTERM, lambda signum, _f: missed.append(signum))
            try:
                stopped = second.run(max_idle_s=20.0, poll_s=0.05, on_status=lambda _s: (
                    None if _s.stopped_because else os.kill(os.getpid(), signal.SIGTERM)))
            finally:
                signal.signal(signal.SIGTERM, previous)
            assert (stopped.stopped_because, missed) == ("stop requested", [])
        finally:
            bus.close()

        reader = KafkaChangeBus(tansu_broker.bootstrap, topic_name, group_id="peek")
        try:
            messages = [from_message(m) for m in reader.poll(100, 10.0)]
        finally:
            reader.close()
        published = {(c.key, c.op) for c in messages}
        assert published == {("patient:1", "update"), ("patient:2", "update"),
                             ("patient:999", "create"), ("appointment:1", "update"),
                             ("appointment:2", "delete")}
        assert all(c.origin == "binlog" for c in messages)
        updated = {c.key: c.fields for c in messages if c.op == "update"}
        assert set(updated["patient:1"]) == {"city", "phone_home"}
        assert updated["patient:2"] == {"city": "Quincy"}

        status = consume(engine, api, tansu_broker.bootstrap, topic_name, group="c2n-cdc",
                         max_idle=5.0, expected=5)
        assert status.applied == 5 and status.errors == 0 and status.conflicts == 1
        assert set(revisions(engine)) == {"patient:1", "patient:2", "patient:999",
                                          "appointment:1", "appointment:2"}
        assert all(n == 1 for n in revisions(engine).values())
        patient1 = engine.app.record("default", "patient", "1")
        assert patient1 is not None
        assert "Worcester" in orjson.dumps(api.get("contacts", patient1.nutshell_id)).decode()  # type: ignore[arg-type]
        new = engine.app.record("default", "patient", "999")
        assert new is not None and new.state == "pushed"
        assert [c["record"] for c in open_conflicts(engine)] == ["patient:2"]
        kept = api.get("contacts", patient2.nutshell_id)
        assert kept is not None and "Salem" in orjson.dumps(kept).decode()


def test_c2n_delta_watch_resumes_where_it_stopped(tmp_path: Path, tansu_broker: Any,
                                                  topic_name: str, clinic_db: Any,
                                                  mariadb_database: str,
                                                  premigrated: Premigrated) -> None:
    from tests.faults.harness import operator, served

    premigrated.into(tmp_path, "opendental")
    with served(tmp_path) as (_srv, settings):
        op = operator(settings, tmp_path, C2N_KAFKA_BOOTSTRAP=tansu_broker.bootstrap)
        url = f"mysql://root@127.0.0.1:3306/{mariadb_database}"
        watch = ("delta", "watch", url, "--topic", topic_name, "--max-idle", "1", "--json")
        first = orjson.loads(op.run(*watch).stdout)
        assert first["published"] == 0  # capture starts at the binlog's end
        with clinic_db.cursor() as cur:
            cur.execute("UPDATE patient SET City='Worcester' WHERE PatNum=1")
            cur.execute("UPDATE appointment SET AptStatus='Broken' WHERE AptNum=1")
        clinic_db.commit()
        second = orjson.loads(op.run(*watch).stdout)
        assert second["published"] == 2 and second["ops"] == {"update": 2}
        assert second["position"] != first["position"]
        third = orjson.loads(op.run(*watch).stdout)
        assert third["published"] == 0 and third["position"] == second["position"]
        status = orjson.loads(op.run("status", "--json", expect=(0, 1)).stdout)
        [source] = status["delta"]["sources"]
        assert source["kind"] == "binlog" and source["source"] == f"mysql://127.0.0.1:3306/{mariadb_database}"
        assert source["position"] == second["position"] and source["published"] == 2
        assert status["delta"]["watch"]["position"] == second["position"]
        assert "root" not in orjson.dumps(status).decode()  # no user, no password
