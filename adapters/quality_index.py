"""The derivation's quality index on disk: which records exist, what they reference, which
patients look alike. Same contract as domain.quality.QualityChecker (whose key logic it uses),
with the state in a scratch SQLite file instead of the heap, so memory stays flat however large
the export. Orphans and merge candidates come out of two queries at the end."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from domain.derive import DerivedRecord
from domain.quality import (
    MergeCandidate,
    Orphan,
    merge_candidate,
    orphan_of,
    person_keys,
    record_key,
    references,
)

BUFFER = 5000  # rows held before one executemany


class DiskQualityIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(str(path), isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-16000"):
            self._db.execute(f"PRAGMA {pragma}")  # scratch data: rebuilt by the next derivation
        self._db.execute("CREATE TABLE taken (key TEXT PRIMARY KEY, valid INTEGER) WITHOUT ROWID")
        self._db.execute("CREATE TABLE refs (ref TEXT PRIMARY KEY, target TEXT) WITHOUT ROWID")
        self._db.execute("CREATE TABLE persons (key TEXT, source_id TEXT)")
        self._taken: dict[str, int] = {}
        # A small in-memory filter over the keys: a key whose hash was never added is not
        # taken, with no query (nearly every record); a hit is confirmed on disk.
        self._hashes: set[int] = set()
        self._refs: list[tuple[str, str]] = []
        self._persons: list[tuple[str, str]] = []

    def _flush(self) -> None:
        self._db.execute("BEGIN")
        self._db.executemany("INSERT OR REPLACE INTO taken VALUES (?, ?)", self._taken.items())
        self._db.executemany("INSERT OR REPLACE INTO refs VALUES (?, ?)", self._refs)
        self._db.executemany("INSERT INTO persons VALUES (?, ?)", self._persons)
        self._db.execute("COMMIT")
        self._taken, self._refs, self._persons = {}, [], []

    def _maybe_flush(self) -> None:
        if len(self._taken) + len(self._refs) + len(self._persons) >= BUFFER:
            self._flush()

    def _state(self, key: str) -> int | None:
        if hash(key) not in self._hashes:
            return None
        if key in self._taken:
            return self._taken[key]
        row = self._db.execute("SELECT valid FROM taken WHERE key = ?", (key,)).fetchone()
        return None if row is None else int(row[0])

    def seen(self, kind: str, source_id: str) -> bool:
        return self._state(record_key(kind, source_id)) == 1

    def taken(self, kind: str, source_id: str) -> bool:
        return self._state(record_key(kind, source_id)) is not None

    def _take(self, key: str, valid: int) -> None:
        self._hashes.add(hash(key))
        if valid or key not in self._taken:
            self._taken[key] = valid

    def mark(self, kind: str, source_id: str) -> None:
        self._take(record_key(kind, source_id), 1)
        self._maybe_flush()

    def mark_quarantined(self, kind: str, source_id: str) -> None:
        self._take(record_key(kind, source_id), 0)
        self._maybe_flush()

    def add(self, record: DerivedRecord) -> None:
        self._take(record_key(record.kind, record.source_id), 1)
        self._refs.extend(references(record))
        self._persons.extend((key, record.source_id) for key in person_keys(record))
        self._maybe_flush()

    def orphans(self) -> list[Orphan]:
        self._flush()
        rows = self._db.execute(
            "SELECT r.ref, r.target FROM refs r LEFT JOIN taken t ON t.key = r.target "
            "WHERE t.valid IS NOT 1 ORDER BY r.ref")
        return [orphan_of(ref, target) for ref, target in rows]

    def merge_candidates(self) -> list[MergeCandidate]:
        self._flush()
        rows = self._db.execute(
            "SELECT key, group_concat(source_id, char(31)) FROM "
            "(SELECT DISTINCT key, source_id FROM persons) GROUP BY key HAVING count(*) > 1")
        groups = [merge_candidate(key, ids.split("\x1f")) for key, ids in rows]
        return sorted(groups, key=lambda g: (g.reason, g.source_ids))

    def close(self) -> None:
        self._db.close()
        self.path.unlink(missing_ok=True)
