"""Row changes read from a MySQL or MariaDB server's row-based binlog (mysql-replication).

Each committed transaction becomes a list of Debezium-style envelopes ({op, before, after,
source, ts_ms}), one per changed row of the watched tables, and the binlog position just after
its commit: the position to resume from once those envelopes are published. Row values are
turned into the text a table export of the same rows holds (dates as YYYY-MM-DD, date-times
as YYYY-MM-DD HH:MM:SS, NULL as empty), so they go through the same source profile.

Log lines and errors carry the host, database, table names and positions, never row values.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import unquote, urlsplit

from domain.errors import PreconditionFailed, TransientError

log = logging.getLogger(__name__)

PASSWORD_ENV = "C2N_MYSQL_PASSWORD"  # noqa: S105 - the variable's name, not a secret


@dataclass(frozen=True)
class BinlogPosition:
    file: str
    pos: int

    def __str__(self) -> str:
        return f"{self.file}:{self.pos}"

    @classmethod
    def parse(cls, text: str) -> BinlogPosition:
        file, sep, pos = text.rpartition(":")
        if not sep or not file or not pos.isdigit():
            raise ValueError(f"not a binlog position: {text!r}")
        return cls(file, int(pos))


@dataclass(frozen=True)
class MySQLTarget:
    host: str
    port: int
    user: str
    password: str
    database: str

    @property
    def name(self) -> str:
        """How the source is named in events and status: no user, no password."""
        return f"mysql://{self.host}:{self.port}/{self.database}"

    def connection(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "user": self.user,
                "password": self.password}

    @classmethod
    def parse(cls, url: str) -> MySQLTarget:
        """mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE; a password not in the URL comes from
        C2N_MYSQL_PASSWORD (or is empty)."""
        parts = urlsplit(url)
        if parts.scheme not in {"mysql", "mariadb"} or not parts.hostname:
            raise PreconditionFailed("the clinic database is given as mysql://user@host/db")
        database = parts.path.lstrip("/")
        if not database or "/" in database:
            raise PreconditionFailed("name the clinic's database: mysql://user@host/DATABASE")
        password = unquote(parts.password) if parts.password else os.environ.get(PASSWORD_ENV, "")
        return cls(host=parts.hostname, port=parts.port or 3306,
                   user=unquote(parts.username or "root"), password=password, database=database)


def export_text(value: Any) -> str:
    """A column value as a text export of the table writes it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="microseconds" if value.microsecond else "seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # a TIME column
        seconds = int(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, Decimal | float | int | bool):
        return str(int(value)) if isinstance(value, bool) else str(value)
    return str(value)


def _row(values: dict[str, Any]) -> dict[str, str]:
    return {str(name): export_text(value) for name, value in values.items()}


class BinlogReader:
    """Reads the binlog of one database from a position; only the given tables' rows."""

    def __init__(self, target: MySQLTarget, tables: set[str], *, server_id: int | None = None) -> None:
        self.target = target
        self.tables = {t.lower() for t in tables}
        # A replica id of our own, stable per database: two readers with one id would
        # disconnect each other.
        self.server_id = server_id or 100_000 + zlib.crc32(target.name.encode()) % 1_000_000

    @property
    def source_name(self) -> str:
        return self.target.name

    def current_position(self) -> str:
        """The end of the binlog now (FILE:POS): changes after it are the ones to capture."""
        import pymysql

        try:
            conn = pymysql.connect(connect_timeout=10, **self.target.connection())
        except pymysql.MySQLError as exc:
            raise TransientError(f"{self.target.name}: {type(exc).__name__}") from exc
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, "
                            "@@binlog_row_metadata")
                settings = [str(v).upper() for v in cur.fetchone() or ()]
                if settings[:1] == ["0"] or settings[1:] != ["ROW", "FULL", "FULL"]:
                    raise PreconditionFailed(
                        f"{self.target.name}: the server's binlog must be on and row-based, "
                        "with whole rows and column names (log_bin, binlog_format=ROW, "
                        "binlog_row_image=FULL, binlog_row_metadata=FULL)")
                cur.execute("SHOW MASTER STATUS")
                row = cur.fetchone()
        finally:
            conn.close()
        if not row:
            raise PreconditionFailed(f"{self.target.name}: SHOW MASTER STATUS returned nothing")
        return str(BinlogPosition(str(row[0]), int(row[1])))

    def read(self, start: str) -> Iterator[tuple[list[dict[str, Any]], str]]:
        """(envelopes, position after it) per transaction committed after `start` (FILE:POS),
        up to the end of the binlog now: the reader does not wait for more. Transactions
        touching no watched table come empty: their end still moves the position on."""
        begin = BinlogPosition.parse(start)
        from pymysql.err import MySQLError
        from pymysqlreplication import BinLogStreamReader
        from pymysqlreplication.event import QueryEvent, RotateEvent, XidEvent
        from pymysqlreplication.row_event import DeleteRowsEvent, UpdateRowsEvent, WriteRowsEvent

        stream = BinLogStreamReader(
            connection_settings=self.target.connection(), server_id=self.server_id,
            log_file=begin.file, log_pos=begin.pos, resume_stream=True, blocking=False,
            # the classic FILE:POS dump: the library's MariaDB mode only starts from a GTID
            only_schemas=[self.target.database], is_mariadb=False, enable_logging=False,
            only_events=[WriteRowsEvent, UpdateRowsEvent, DeleteRowsEvent, XidEvent, QueryEvent,
                         RotateEvent])
        pending: list[dict[str, Any]] = []
        try:
            for event in stream:
                if isinstance(event, WriteRowsEvent | UpdateRowsEvent | DeleteRowsEvent):
                    if str(event.table).lower() in self.tables:
                        pending.extend(self._envelopes(event, stream))
                elif isinstance(event, XidEvent) or (
                        isinstance(event, QueryEvent) and _query(event) == "COMMIT"):
                    yield pending, str(BinlogPosition(str(stream.log_file), int(stream.log_pos)))
                    pending = []
        except MySQLError as exc:
            raise TransientError(f"{self.target.name}: reading the binlog: "
                                 f"{type(exc).__name__}") from exc
        finally:
            stream.close()

    def _envelopes(self, event: Any, stream: Any) -> Iterator[dict[str, Any]]:
        from pymysqlreplication.row_event import DeleteRowsEvent, WriteRowsEvent

        start = int(event.packet.log_pos) - int(event.event_size)
        for index, row in enumerate(event.rows):
            if isinstance(event, WriteRowsEvent):
                op, before, after = "c", None, _row(row["values"])
            elif isinstance(event, DeleteRowsEvent):
                op, before, after = "d", _row(row["values"]), None
            else:
                op, before, after = "u", _row(row["before_values"]), _row(row["after_values"])
            yield {"op": op, "before": before, "after": after, "ts_ms": int(event.timestamp) * 1000,
                   "source": {"connector": "binlog", "db": self.target.database,
                              "table": str(event.table), "file": str(stream.log_file),
                              "pos": start, "row": index}}


def _query(event: Any) -> str:
    query = event.query
    text = query.decode("utf-8", errors="replace") if isinstance(query, bytes) else str(query)
    return text.strip().upper()
