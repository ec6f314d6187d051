"""Fixtures of the delta window's durability and change-capture tests: a Tansu broker that keeps
its state across restarts (on an S3 bucket of its own, see tests/kafka/durable.py) and a
MariaDB database of the test's own on the server at 127.0.0.1:3306 (binlog on, row-based)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.kafka.broker import BrokerUnavailable
from tests.kafka.durable import DurableTansuBroker, ObjectStore, start_durable_broker
from tests.services import require_service

MARIADB = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}


@pytest.fixture(scope="session")
def object_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ObjectStore]:
    store = ObjectStore(tmp_path_factory.mktemp("s3"))
    try:
        store.start()
    except BrokerUnavailable as exc:
        require_service(f"S3 server for the durable broker unavailable: {exc}")
    try:
        yield store
    finally:
        store.stop()


@pytest.fixture
def durable_tansu_broker(object_store: ObjectStore, tmp_path: Path) -> Iterator[DurableTansuBroker]:
    """A broker of the test's own whose topics and offsets survive `restart()`."""
    try:
        broker = start_durable_broker(object_store, log_dir=tmp_path)
    except BrokerUnavailable as exc:
        require_service(f"durable Kafka broker unavailable: {exc}")
        raise
    try:
        yield broker
    finally:
        broker.stop()


def mariadb_problem() -> str | None:
    """None when MariaDB answers with a row-based binlog, else what is wrong."""
    try:
        import pymysql

        conn = pymysql.connect(connect_timeout=5, **MARIADB)  # type: ignore[arg-type]
    except Exception as exc:  # any failure to connect is reported the same way
        return f"MariaDB at 127.0.0.1:3306 unavailable: {type(exc).__name__}"
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, "
                        "@@binlog_row_metadata")
            log_bin, fmt, image, metadata = cur.fetchone()  # type: ignore[misc]
    finally:
        conn.close()
    if not log_bin or fmt != "ROW" or image != "FULL" or metadata != "FULL":
        return (f"MariaDB binlog not usable for change capture (log_bin={log_bin}, "
                f"binlog_format={fmt}, binlog_row_image={image}, "
                f"binlog_row_metadata={metadata}); .ci/run turns it on")
    return None


@pytest.fixture
def mariadb_database() -> Iterator[str]:
    """The name of a fresh database, dropped afterwards."""
    require_service(mariadb_problem())
    import pymysql

    name = f"c2n_cdc_{uuid.uuid4().hex[:10]}"
    conn = pymysql.connect(autocommit=True, **MARIADB)  # type: ignore[arg-type]
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        yield name
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    finally:
        conn.close()
