"""The derivation's quality index on disk: which records exist, what they reference, which
patients look alike. Same contract as domain.records.quality.QualityChecker (whose key logic it uses),
with the state in a scratch SQLite file instead of the heap, so memory stays flat however large
the export. Orphans and merge candidates come out of two queries at the end."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from domain.records.derive import DerivedRecord
from domain.records.quality import (
    MergeCandidate,
    Orphan,
    merge_candidate,
    orphan_of,
    person_keys,
    record_key,
    references,
)

BUFFER = 5000  # rows held before one executemany
FILTER_BITS = 1 << 26  # 8 MB: under 1% false hits up to several million keys
_FILTER_MASK = FILTER_BITS - 1


def _probes(key: str) -> tuple[int, int]:
    """The key's two bits in the filter, from the two halves of its hash."""
    h = hash(key)
    return h & _FILTER_MASK, (h >> 32) & _FILTER_MASK


class DiskQualityIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(str(path), isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-4000"):
            self._db.execute(f"PRAGMA {pragma}")  # scratch data: rebuilt by the next derivation
        self._db.execute("CREATE TABLE taken (key TEXT PRIMARY KEY, valid INTEGER) WITHOUT ROWID")
        # Appended, never looked up by key: no index to keep up. A record adds its references
        # once (a second add() of the same record is caught below), so a reference has one row.
        self._db.execute("CREATE TABLE refs (ref TEXT, target TEXT)")
        self._db.execute("CREATE TABLE persons (key TEXT, source_id TEXT)")
        self._taken: dict[str, int] = {}
        # A fixed-size Bloom filter over the keys (two bits per key): a key it has never seen
        # is not taken, with no query (nearly every record); a hit is confirmed on disk. Fixed,
        # so memory stays flat however many records there are.
        self._filter = bytearray(FILTER_BITS >> 3)
        self._refs: list[tuple[str, str]] = []
        self._persons: list[tuple[str, str]] = []
        # Set when a record was added again: its references may then have several rows, of
        # which the newest counts (as in QualityChecker, where a later add overwrites).
        self._readded = False

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
        first, second = _probes(key)
        bits = self._filter
        if not (bits[first >> 3] >> (first & 7) & 1 and bits[second >> 3] >> (second & 7) & 1):
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
        first, second = _probes(key)
        bits = self._filter
        bits[first >> 3] |= 1 << (first & 7)
        bits[second >> 3] |= 1 << (second & 7)
        if valid or key not in self._taken:
            self._taken[key] = valid

    def mark(self, kind: str, source_id: str) -> None:
        self._take(record_key(kind, source_id), 1)
        self._maybe_flush()

    def mark_quarantined(self, kind: str, source_id: str) -> None:
        self._take(record_key(kind, source_id), 0)
        self._maybe_flush()

    def add(self, record: DerivedRecord) -> None:
        key = record_key(record.kind, record.source_id)
        if not self._readded and self._state(key) == 1:
            self._readded = True
        self._take(key, 1)
        self._refs.extend(references(record))
        self._persons.extend((key, record.source_id) for key in person_keys(record))
        self._maybe_flush()

    def orphans(self) -> list[Orphan]:
        self._flush()
        newest = ""
        if self._readded:
            self._db.execute("CREATE INDEX IF NOT EXISTS refs_ref ON refs (ref)")
            newest = ("AND NOT EXISTS (SELECT 1 FROM refs n WHERE n.ref = r.ref "
                      "AND n.rowid > r.rowid) ")
        rows = self._db.execute(
            "SELECT r.ref, r.target FROM refs r LEFT JOIN taken t ON t.key = r.target "
            f"WHERE t.valid IS NOT 1 {newest}ORDER BY r.ref")
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
