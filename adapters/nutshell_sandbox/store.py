"""The sandbox's data: every collection kept in memory, written through to SQLite.

SQLite gives crash safety for free: each request's writes are one transaction, so a crash
mid-write leaves the previous committed state. Without a data folder the database lives in
memory and vanishes with the server.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from .files.blobs import Blobs

DB_NAME = "sandbox.sqlite3"

# Collections wiped by a reset; users survive it (they are configuration, not data).
DATA_COLLECTIONS = (
    "accounts", "contacts", "leads", "activities", "notes", "tasks", "sources", "tags",
    "customfields", "events", "files",
)
ALL_COLLECTIONS = (*DATA_COLLECTIONS, "users", "activitytypes")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    collection TEXT NOT NULL, id INTEGER NOT NULL, body BLOB NOT NULL,
    PRIMARY KEY (collection, id));
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


class Store:
    """Thread-safe: every read and write of the caller happens under `lock` (re-entrant)."""

    def __init__(self, data_dir: Path | None) -> None:
        self.lock = threading.RLock()
        self.blobs = Blobs(data_dir)  # file bytes (files/routes.py); their metadata is "files"
        if data_dir is not None:
            data_dir.mkdir(parents=True, exist_ok=True)
            target = str(data_dir / DB_NAME)
        else:
            target = ":memory:"
        self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        if data_dir is not None:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self._in_tx = False
        self._cache: dict[str, dict[int, dict[str, Any]]] = {}
        self._counters: dict[str, int] = {}
        self._load()

    def _load(self) -> None:
        self._cache = {name: {} for name in ALL_COLLECTIONS}
        for collection, rid, body in self._db.execute("SELECT collection, id, body FROM records"):
            self._cache.setdefault(collection, {})[int(rid)] = orjson.loads(body)
        self._counters = dict(self._db.execute("SELECT name, value FROM counters").fetchall())

    def close(self) -> None:
        with self.lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Groups writes into one commit; on error the store returns to its last commit."""
        with self.lock:
            if self._in_tx:
                yield
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._in_tx = True
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                self._in_tx = False
                self._load()
                raise
            self._db.execute("COMMIT")
            self._in_tx = False

    # --- reads (callers hold the lock for multi-step reads) --------------------------------
    # Stored dicts are never changed after `put` (writers copy, then put), so a record a
    # reader got stays consistent even while a newer version is being written.

    def get(self, collection: str, rid: int) -> dict[str, Any] | None:
        with self.lock:
            return self._cache.get(collection, {}).get(rid)

    def all(self, collection: str) -> list[dict[str, Any]]:
        """Every record including soft-deleted ones, by id."""
        with self.lock:
            items = self._cache.get(collection, {})
            return [items[k] for k in sorted(items)]

    # --- writes ------------------------------------------------------------------------------

    def next_id(self, collection: str) -> int:
        with self.transaction():
            value = self._counters.get(collection, 0) + 1
            self._db.execute(
                "INSERT INTO counters(name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (collection, value))
            self._counters[collection] = value
            return value

    def put(self, collection: str, rid: int, record: dict[str, Any]) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO records(collection, id, body) VALUES (?, ?, ?) "
                "ON CONFLICT(collection, id) DO UPDATE SET body = excluded.body",
                (collection, rid, orjson.dumps(record)))
            self._cache.setdefault(collection, {})[rid] = record

    def wipe(self, collections: tuple[str, ...] = DATA_COLLECTIONS) -> None:
        with self.transaction():
            for name in collections:
                self._db.execute("DELETE FROM records WHERE collection = ?", (name,))
                self._db.execute("DELETE FROM counters WHERE name = ?", (name,))
                self._cache[name] = {}
                self._counters.pop(name, None)
            if "files" in collections:
                self.blobs.wipe()
