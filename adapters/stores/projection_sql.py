"""The projection store port over SQL: SQLite (the embedded default) and PostgreSQL.

The read models live in the event store's own database. Every page of row changes is committed
in one transaction together with the tracking position, so a crash mid-page leaves neither.
The SQL is written once in the dialect both engines share (ON CONFLICT upserts); only the
parameter style and the connection differ.
"""

from __future__ import annotations

import sqlite3
import threading
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from adapters.stores.sqlite_tx import immediate_transaction
from domain.ports import JSON, ProjectionPage, ProjectionStore

PROJECTION = "core"

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS c2n_layout (version BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS c2n_position (name TEXT PRIMARY KEY, position BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS c2n_counts (kind TEXT NOT NULL, metric TEXT NOT NULL,"
    " n BIGINT NOT NULL, PRIMARY KEY (kind, metric))",
    # Keyed by the position of the stream's first event, not by its (random) id: pages of a
    # migration touch streams roughly in the order they were born, so each commit rewrites a
    # few neighbouring table pages instead of one page per stream all over the table.
    "CREATE TABLE IF NOT EXISTS c2n_streams (born {int_key} PRIMARY KEY, rid TEXT NOT NULL"
    " UNIQUE, run TEXT NOT NULL, kind TEXT NOT NULL, source_id TEXT NOT NULL,"
    " state TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS c2n_streams_key ON c2n_streams (kind, source_id)",
    "CREATE TABLE IF NOT EXISTS c2n_xref (kind TEXT NOT NULL, source_id TEXT NOT NULL,"
    " entity TEXT NOT NULL, nutshell_id TEXT NOT NULL, PRIMARY KEY (kind, source_id)){keyed}",
    "CREATE INDEX IF NOT EXISTS c2n_xref_nutshell ON c2n_xref (nutshell_id)",
    "CREATE TABLE IF NOT EXISTS c2n_audit_spans (first_seq BIGINT PRIMARY KEY,"
    " last_seq BIGINT NOT NULL, min_at TEXT NOT NULL, max_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS c2n_audit_actors (seq BIGINT PRIMARY KEY, actor TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS c2n_audit_actor ON c2n_audit_actors (actor, seq)",
    "CREATE TABLE IF NOT EXISTS c2n_failures (kind TEXT NOT NULL, source_id TEXT NOT NULL,"
    " stage TEXT NOT NULL, file TEXT, row_number BIGINT, field TEXT, reason TEXT NOT NULL,"
    " status BIGINT, transient BOOLEAN, PRIMARY KEY (kind, source_id)){keyed}",
)
INDEXES = ("c2n_streams_key", "c2n_xref_nutshell", "c2n_audit_actor")
LAYOUT = 2  # the read models' table layout; a HOME holding another is rebuilt from the log
OLD_TABLES = ("c2n_audit",)  # tables of earlier layouts, dropped with them
TABLES = ("c2n_position", "c2n_counts", "c2n_streams", "c2n_xref", "c2n_audit_spans",
          "c2n_audit_actors", "c2n_failures")


class SQLProjectionStore(ProjectionStore):
    placeholder = "?"

    def __init__(self) -> None:
        self._lock = threading.RLock()

    # --- dialect hooks --------------------------------------------------------------------------

    @abstractmethod
    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on success, rolled back on error."""

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _exec(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> None:
        cur.execute(self._sql(sql), tuple(params))

    def _many(self, cur: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            cur.executemany(self._sql(sql), rows)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._transaction() as cur:
            self._exec(cur, sql, params)
            return [tuple(r) for r in cur.fetchall()]

    keyed = ""  # SQLite: tables stored in their primary key's order (no second B-tree)
    int_key = "BIGINT"  # SQLite: INTEGER, the rowid itself

    def create_tables(self) -> None:
        with self._transaction() as cur:
            layout = self._layout(cur)
            if layout not in (None, LAYOUT):
                # Read models of an earlier layout: dropped, and rebuilt from the log by the
                # next catch-up (they hold nothing the log does not).
                for table in TABLES + OLD_TABLES:
                    self._exec(cur, f"DROP TABLE IF EXISTS {table}")
            for statement in SCHEMA:
                self._exec(cur, statement.replace("{keyed}", self.keyed)
                           .replace("{int_key}", self.int_key))
            if layout != LAYOUT:
                self._exec(cur, "DELETE FROM c2n_layout")
                self._exec(cur, "INSERT INTO c2n_layout (version) VALUES (?)", (LAYOUT,))

    def _layout(self, cur: Any) -> int | None:
        """The layout of the read models here; None where there are none yet."""
        if not self._has_table(cur, "c2n_position"):
            return None
        if not self._has_table(cur, "c2n_layout"):
            return 1  # the first layout kept no version
        self._exec(cur, "SELECT version FROM c2n_layout")
        found = cur.fetchone()
        return int(found[0]) if found else 1

    @abstractmethod
    def _has_table(self, cur: Any, name: str) -> bool: ...

    # --- port -------------------------------------------------------------------------------

    def position(self) -> int:
        rows = self._query("SELECT position FROM c2n_position WHERE name = ?", (PROJECTION,))
        return int(rows[0][0]) if rows else 0

    def apply(self, page: ProjectionPage) -> None:
        with self._lock, self._transaction() as cur:
            self._exec(cur, "SELECT position FROM c2n_position WHERE name = ?", (PROJECTION,))
            found = cur.fetchone()
            current = int(found[0]) if found else 0
            if page.position <= current:
                return  # already applied: a page replayed after a crash changes nothing
            self._many(cur, "INSERT INTO c2n_counts (kind, metric, n) VALUES (?, ?, ?) "
                            "ON CONFLICT (kind, metric) DO UPDATE SET n = c2n_counts.n + excluded.n",
                       [(k, m, n) for (k, m), n in sorted(page.counts.items()) if n])
            self._many(cur, "INSERT INTO c2n_streams (rid, run, kind, source_id, state, born) "
                            "VALUES (?, ?, ?, ?, ?, ?) "
                            "ON CONFLICT (born) DO UPDATE SET state = excluded.state",
                       page.streams)
            removed = [(k, s) for k, s, _, nid in page.xref if not nid]
            added = [(k, s, e, nid) for k, s, e, nid in page.xref if nid]
            self._many(cur, "DELETE FROM c2n_xref WHERE kind = ? AND source_id = ?", removed)
            self._many(cur, "INSERT INTO c2n_xref (kind, source_id, entity, nutshell_id) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT (kind, source_id) DO UPDATE SET "
                            "entity = excluded.entity, nutshell_id = excluded.nutshell_id", added)
            self._many(cur, "INSERT INTO c2n_audit_spans (first_seq, last_seq, min_at, max_at) "
                            "VALUES (?, ?, ?, ?)", page.spans)
            self._many(cur, "INSERT INTO c2n_audit_actors (seq, actor) VALUES (?, ?)",
                       page.actors)
            failing = [(f["kind"], f["source_id"], f["stage"], f.get("file"), f.get("row"),
                        f.get("field"), f["reason"], f.get("status"), f.get("transient"))
                       for f in page.failures]
            self._many(cur, "DELETE FROM c2n_failures WHERE kind = ? AND source_id = ?",
                       page.resolved)
            self._many(cur, "INSERT INTO c2n_failures (kind, source_id, stage, file, row_number, "
                            "field, reason, status, transient) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            "ON CONFLICT (kind, source_id) DO UPDATE SET stage = excluded.stage, "
                            "file = excluded.file, row_number = excluded.row_number, "
                            "field = excluded.field, reason = excluded.reason, "
                            "status = excluded.status, transient = excluded.transient", failing)
            self._exec(cur, "INSERT INTO c2n_position (name, position) VALUES (?, ?) "
                            "ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                       (PROJECTION, page.position))

    def reset(self) -> None:
        with self._lock, self._transaction() as cur:
            for table in TABLES:
                self._exec(cur, f"DELETE FROM {table}")
            # Built once at the end of a rebuild (reindexed) instead of row by row: sorting
            # once is several times cheaper. Until then queries still work, only slower, and a
            # rebuild cut short gets them back when the store is next opened.
            for index in INDEXES:
                self._exec(cur, f"DROP INDEX IF EXISTS {index}")

    def reindexed(self) -> None:
        self.create_tables()

    def counts(self) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {}
        for kind, metric, n in self._query("SELECT kind, metric, n FROM c2n_counts "
                                           "ORDER BY kind, metric"):
            result.setdefault(kind, {})[metric] = int(n)
        return result

    def record_state(self, kind: str, source_id: str) -> str | None:
        rows = self._query("SELECT state FROM c2n_streams WHERE kind = ? AND source_id = ?",
                           (kind, source_id))
        return str(rows[0][0]) if rows else None

    def streams(self, rids: Sequence[str]) -> dict[str, tuple[str, str, str, str, int]]:
        """rid -> (run, kind, source_id, state, born); one query per 500 ids, not per event."""
        found: dict[str, tuple[str, str, str, str, int]] = {}
        for start in range(0, len(rids), 500):
            chunk = list(rids[start:start + 500])
            marks = ", ".join("?" * len(chunk))
            for rid, run, kind, source_id, state, born in self._query(
                    f"SELECT rid, run, kind, source_id, state, born FROM c2n_streams "
                    f"WHERE rid IN ({marks})", chunk):
                found[str(rid)] = (str(run), str(kind), str(source_id), str(state), int(born))
        return found

    def records_in_state(self, kind: str | None = None,
                         states: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
        sql = "SELECT kind, source_id, state FROM c2n_streams WHERE substr(kind, 1, 1) <> '_'"
        params: list[Any] = []
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        if states:
            sql += " AND state IN (" + ", ".join("?" * len(states)) + ")"
            params.extend(states)
        sql += " ORDER BY kind, source_id"
        return [(str(k), str(s), str(st)) for k, s, st in self._query(sql, params)]

    def xref_by_source(self, kind: str, source_id: str) -> tuple[str, str] | None:
        rows = self._query("SELECT entity, nutshell_id FROM c2n_xref WHERE kind = ? AND "
                           "source_id = ?", (kind, source_id))
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def xref_by_nutshell(self, nutshell_id: str) -> tuple[str, str] | None:
        rows = self._query("SELECT kind, source_id FROM c2n_xref WHERE nutshell_id = ? "
                           "ORDER BY kind, source_id", (nutshell_id,))
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def xref_all(self) -> list[tuple[str, str, str, str]]:
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in self._query(
            "SELECT kind, source_id, entity, nutshell_id FROM c2n_xref ORDER BY kind, source_id")]

    def rids_of(self, kind: str, source_id: str) -> list[str]:
        return [str(r[0]) for r in self._query(
            "SELECT rid FROM c2n_streams WHERE kind = ? AND source_id = ? ORDER BY rid",
            (kind, source_id))]

    def audit_spans(self, since: str | None, until: str | None) -> list[tuple[int, int]]:
        # One row per page, so few: compared here, by code point, as the audit filters
        # events, rather than by whatever collation a PostgreSQL database was created with.
        return [(int(a), int(b)) for a, b, low, high in self._query(
                    "SELECT first_seq, last_seq, min_at, max_at FROM c2n_audit_spans "
                    "ORDER BY first_seq")
                if (not since or str(high) >= since) and (not until or str(low) <= until)]

    def actor_seqs(self, actor: str) -> list[int]:
        return [int(r[0]) for r in self._query(
            "SELECT seq FROM c2n_audit_actors WHERE actor = ? ORDER BY seq", (actor,))]

    def failures(self) -> list[dict[str, JSON]]:
        rows = self._query("SELECT kind, source_id, stage, file, row_number, field, reason, "
                           "status, transient FROM c2n_failures ORDER BY kind, source_id")
        return [{"kind": k, "source_id": s, "stage": st, "file": f, "row": r, "field": fd,
                 "reason": rs, "status": stt, "transient": None if tr is None else bool(tr)}
                for k, s, st, f, r, fd, rs, stt, tr in rows]


class SQLiteProjectionStore(SQLProjectionStore):
    keyed = " WITHOUT ROWID"
    int_key = "INTEGER"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False,
                                     isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        # Read models are rebuilt from the log: a commit lost to a power cut is replayed,
        # so they need not wait for the disk at every page (WAL keeps the file consistent).
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA cache_size=-32768")
        # A replay rewrites the same table pages page after page: copied back into the
        # database file once per 20,000 WAL pages rather than once per 1,000 (the default),
        # and once more when a rebuild ends (reindexed).
        self._conn.execute("PRAGMA wal_autocheckpoint=20000")
        self.create_tables()

    def _has_table(self, cur: Any, name: str) -> bool:
        cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return cur.fetchone() is not None

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._lock, immediate_transaction(self._conn) as cur:
            yield cur

    def reindexed(self) -> None:
        super().reindexed()
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self) -> None:
        self._conn.close()


class PostgresProjectionStore(SQLProjectionStore):
    placeholder = "%s"

    def __init__(self, conninfo: str, schema: str = "") -> None:
        import psycopg

        super().__init__()
        self._conn = psycopg.connect(conninfo, autocommit=False)
        if schema:
            with self._conn.cursor() as cur:
                cur.execute(f'SET search_path TO "{schema}"')
            self._conn.commit()
        self.create_tables()

    def _has_table(self, cur: Any, name: str) -> bool:
        cur.execute("SELECT to_regclass(%s)", (name,))  # resolved on the search path
        found = cur.fetchone()
        return found is not None and found[0] is not None

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._lock:
            try:
                with self._conn.cursor() as cur:
                    yield cur
            except BaseException:
                self._conn.rollback()
                raise
            self._conn.commit()

    def close(self) -> None:
        self._conn.close()
