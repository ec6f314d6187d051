"""Per-subject data keys for crypto-shredding, kept beside the event log and never in it.

A subject is the patient a record is about, or one sealing of a source-file page (see
adapters.stores.shredding_mapper). Each subject has a random 256-bit data key, stored wrapped (AES-GCM)
with the master C2N_CIPHER_KEY in `c2n_keys`; `c2n_key_owners` says which subject each record
stream belongs to, so that events appended to a stream later are sealed with the same key (page
subjects follow from the event itself and own no stream). Destroying a subject's key row is the
erasure: the events stay in the immutable log and can no longer be opened, even with the master
key. `c2n_forgotten` remembers what was destroyed: patients with their run, pages without one.

Deleting a row does not by itself erase its bytes from the database files, so shredding also
asks the engine to scrub them: SQLite with `secure_delete` and a WAL checkpoint, PostgreSQL
with `VACUUM FULL` of the key table (its WAL and any backups age out on their own schedule).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from Crypto.Cipher import AES

from adapters.stores.sqlite_tx import immediate_transaction
from domain.errors import TerminalError

KEY_BYTES = 32
# A row sealed with the master key when the table is made: opening it proves the operator's
# C2N_CIPHER_KEY is the one this log was written with, before any event is read or written.
CANARY = "__canary__"
_NONCE = 12
_TAG = 16

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS {p}c2n_keys (subject TEXT PRIMARY KEY, run TEXT NOT NULL,"
    " wrapped BYTEA NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {p}c2n_key_owners (originator_id TEXT PRIMARY KEY,"
    " subject TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {p}c2n_forgotten (subject TEXT PRIMARY KEY, run TEXT NOT NULL,"
    " forgotten_at TEXT NOT NULL)",
)


class SubjectForgotten(TerminalError):
    """The subject's key was destroyed: its events cannot be read, nor new ones sealed."""

    def __init__(self, subject: str) -> None:
        super().__init__(f"subject {subject} was forgotten; its events are unreadable")
        self.subject = subject


def seal(key: bytes, plaintext: bytes, aad: bytes = b"") -> bytes:
    nonce = os.urandom(_NONCE)
    cipher = AES.new(key, AES.MODE_GCM, nonce)
    if aad:
        cipher.update(aad)
    body, tag = cipher.encrypt_and_digest(plaintext)
    return nonce + tag + body


def open_sealed(key: bytes, sealed: bytes, aad: bytes = b"") -> bytes:
    cipher = AES.new(key, AES.MODE_GCM, sealed[:_NONCE])
    if aad:
        cipher.update(aad)
    return bytes(cipher.decrypt_and_verify(sealed[_NONCE + _TAG:], sealed[_NONCE:_NONCE + _TAG]))


class Keyring:
    """The key table of one database. Unwrapped keys are cached for the process's lifetime."""

    placeholder = "?"

    def __init__(self, master_key: bytes, prefix: str = "") -> None:
        if len(master_key) not in (16, 24, 32):
            raise TerminalError("C2N_CIPHER_KEY must be 16, 24 or 32 bytes, base64-encoded")
        self._master = master_key
        self._p = prefix
        self._lock = threading.RLock()
        self._keys: dict[str, bytes] = {}
        self._owners: dict[str, str] = {}
        self._forgotten: set[str] = set()

    # --- dialect hooks ------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        raise NotImplementedError
        yield None  # pragma: no cover

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        """A cursor for reads: no write lock taken (SQLite) nor transaction round trips."""
        raise NotImplementedError
        yield None  # pragma: no cover

    def _scrub(self) -> None:
        """Make deleted key bytes unrecoverable from the database files."""

    def close(self) -> None:
        """Release the connection."""

    def _sql(self, sql: str) -> str:
        sql = sql.replace("{p}", self._p)
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _create(self) -> None:
        with self._transaction() as cur:
            for statement in SCHEMA:
                cur.execute(self._sql(statement))
            cur.execute(self._sql("SELECT wrapped FROM {p}c2n_keys WHERE subject = ?"), (CANARY,))
            row = cur.fetchone()
            if row is None:
                cur.execute(self._sql(
                    "INSERT INTO {p}c2n_keys (subject, run, wrapped, created_at) "
                    "VALUES (?, '', ?, ?)"),
                    (CANARY, seal(self._master, CANARY.encode(), CANARY.encode()),
                     datetime.now(UTC).isoformat()))
                return
            self._load_forgotten(cur)
        try:
            open_sealed(self._master, bytes(row[0]), CANARY.encode())
        except ValueError:
            raise TerminalError("C2N_CIPHER_KEY does not open this event log: it was written "
                                "with another key") from None

    # --- keys ---------------------------------------------------------------------------------

    def key(self, subject: str) -> bytes:
        """The subject's data key; SubjectForgotten once destroyed, KeyError if never made."""
        with self._lock:
            found = self._keys.get(subject)
            if found is not None:
                return found
            if subject in self._forgotten:
                raise SubjectForgotten(subject)
            self._load_keys([subject])
            if subject in self._keys:
                return self._keys[subject]
            with self._reading() as cur:
                self._load_forgotten(cur)
            if subject in self._forgotten:
                raise SubjectForgotten(subject)
            raise KeyError(subject)

    def owner(self, originator_id: str) -> str | None:
        with self._lock:
            if originator_id not in self._owners:
                self.preload([originator_id])
            return self._owners.get(originator_id)

    def preload(self, originators: Sequence[str]) -> None:
        """Owners of the given streams and their subjects' keys, a chunk per query: a push
        touches thousands of streams, which must not cost a query each."""
        with self._lock:
            missing = sorted({o for o in originators if o not in self._owners})
            for chunk in _chunks(missing):
                with self._reading() as cur:
                    cur.execute(self._sql(
                        "SELECT originator_id, subject FROM {p}c2n_key_owners WHERE "
                        f"originator_id IN ({', '.join('?' * len(chunk))})"), chunk)
                    self._owners.update((str(o), str(s)) for o, s in cur.fetchall())
            subjects = {self._owners[o] for o in originators if o in self._owners}
            self._load_keys(sorted(s for s in subjects
                                   if s not in self._keys and s not in self._forgotten))

    def load(self, subjects: Iterable[str]) -> None:
        """Unwraps the keys of many subjects at once (a replay meets thousands)."""
        with self._lock:
            self._load_keys(sorted({s for s in subjects
                                    if s not in self._keys and s not in self._forgotten}))

    def _load_keys(self, subjects: Sequence[str]) -> None:
        for chunk in _chunks(list(subjects)):
            with self._reading() as cur:
                cur.execute(self._sql(
                    "SELECT subject, wrapped FROM {p}c2n_keys WHERE "
                    f"subject IN ({', '.join('?' * len(chunk))})"), chunk)
                rows = cur.fetchall()
            for subject, wrapped in rows:
                self._keys[str(subject)] = open_sealed(self._master, bytes(wrapped),
                                                       str(subject).encode())

    def ensure(self, owners: Sequence[tuple[str, str, str]],
               keys: Sequence[tuple[str, str]] = ()) -> None:
        """Keys for new subjects and owner rows for new streams, (originator, subject, run)
        each, and keys for subjects that own no stream (a source file's pages), (subject, run)
        each, in one transaction: committed before the events they seal are written, so an
        event is never stored without its key (a key without events is harmless)."""
        with self._lock:
            new_owners = [(o, s) for o, s, _ in owners if o not in self._owners]
            subjects = {s: r for _, s, r in owners if s not in self._keys}
            subjects.update((s, r) for s, r in keys if s not in self._keys)
            if not new_owners and not subjects:
                return
            for subject in subjects:
                if subject in self._forgotten:
                    raise SubjectForgotten(subject)
            now = datetime.now(UTC).isoformat()
            with self._transaction() as cur:
                self._load_forgotten(cur)  # another process may have forgotten one since
                for subject in subjects:
                    if subject in self._forgotten:
                        raise SubjectForgotten(subject)
                fresh = {subject: os.urandom(KEY_BYTES) for subject in subjects}
                rows = [(subject, run, seal(self._master, fresh[subject], subject.encode()), now)
                        for subject, run in subjects.items()]
                inserted = len(rows)
                if rows:
                    # Another process may have made a key first: theirs wins, re-read below.
                    cur.executemany(self._sql(
                        "INSERT INTO {p}c2n_keys (subject, run, wrapped, created_at) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING"), rows)
                    inserted = cur.rowcount
                if new_owners:
                    cur.executemany(self._sql(
                        "INSERT INTO {p}c2n_key_owners (originator_id, subject) VALUES (?, ?) "
                        "ON CONFLICT (originator_id) DO NOTHING"), new_owners)
            for originator, subject in new_owners:
                self._owners[originator] = subject
            if inserted == len(rows):
                self._keys.update(fresh)  # every key stored is ours: no need to unwrap it again
            else:
                self._load_keys(sorted(subjects))

    # --- erasure ------------------------------------------------------------------------------

    def runs(self) -> list[str]:
        with self._reading() as cur:
            cur.execute(self._sql("SELECT DISTINCT run FROM {p}c2n_keys WHERE run <> ''"))
            return sorted(str(r[0]) for r in cur.fetchall())

    def streams_of(self, subject: str) -> list[str]:
        with self._reading() as cur:
            cur.execute(self._sql(
                "SELECT originator_id FROM {p}c2n_key_owners WHERE subject = ?"), (subject,))
            return sorted(str(r[0]) for r in cur.fetchall())

    def forgotten_patients(self) -> list[tuple[str, str]]:
        """(subject, run) of every patient forgotten, read from the table (other processes
        included); page keys destroyed are recorded without a run and are not listed."""
        with self._reading() as cur:
            cur.execute(self._sql("SELECT subject, run FROM {p}c2n_forgotten WHERE run <> '' "
                                  "ORDER BY run, subject"))
            return [(str(s), str(r)) for s, r in cur.fetchall()]

    def is_forgotten(self, subject: str) -> bool:
        """As of this keyring's last look at the table (made at open and on every new key)."""
        return subject in self._forgotten

    def refresh_forgotten(self) -> None:
        """Looks at the table again: a long-running process (a delta consumer) must see a
        `c2n forget` made from another shell since it opened."""
        with self._lock, self._reading() as cur:
            self._load_forgotten(cur)

    def _load_forgotten(self, cur: Any) -> None:
        cur.execute(self._sql("SELECT subject FROM {p}c2n_forgotten"))
        self._forgotten.update(str(r[0]) for r in cur.fetchall())

    def shred(self, subjects: Iterable[tuple[str, str]]) -> list[str]:
        """Destroys the keys of the given (subject, run) pairs; returns those destroyed now."""
        now = datetime.now(UTC).isoformat()
        destroyed: list[str] = []
        with self._lock:
            with self._transaction() as cur:
                for subject, run in subjects:
                    cur.execute(self._sql("DELETE FROM {p}c2n_keys WHERE subject = ?"),
                                (subject,))
                    if cur.rowcount:
                        destroyed.append(subject)
                    cur.execute(self._sql(
                        "INSERT INTO {p}c2n_forgotten (subject, run, forgotten_at) "
                        "VALUES (?, ?, ?) ON CONFLICT (subject) DO NOTHING"), (subject, run, now))
                    self._keys.pop(subject, None)
                    self._forgotten.add(subject)
            self._scrub()
        return destroyed


def sqlite_has_keyring(path: Path) -> bool:
    """Whether an existing SQLite log was written with a cipher key (it has a key table)."""
    if not path.is_file():
        return False
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'c2n_keys'").fetchone()
    finally:
        conn.close()
    return found is not None


def postgres_has_keyring(conninfo: str, schema: str) -> bool:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM information_schema.tables WHERE table_name = "
                           "'c2n_keys' AND table_schema = %s",
                           (schema or "public",)).fetchone()
    return row is not None


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class SQLiteKeyring(Keyring):
    def __init__(self, master_key: bytes, path: Path) -> None:
        super().__init__(master_key)
        self._path = path
        self._conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False,
                                     isolation_level=None)
        # Deleted rows are zeroed in place, not left on free pages for anyone to read back.
        self._conn.execute("PRAGMA secure_delete = ON")
        self._create()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with immediate_transaction(self._conn) as cur:
            yield cur

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        cur = self._conn.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def _scrub(self) -> None:
        # The WAL still holds the page as it was before the delete until it is checkpointed.
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self._conn.close()


class PostgresKeyring(Keyring):
    placeholder = "%s"

    def __init__(self, master_key: bytes, conninfo: str, schema: str = "") -> None:
        super().__init__(master_key, f'"{schema}".' if schema else "")
        import psycopg

        self._conn = psycopg.connect(conninfo, autocommit=True)
        self._create()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        with self._conn.cursor() as cur:
            yield cur

    def _scrub(self) -> None:
        self._conn.execute(self._sql("VACUUM FULL {p}c2n_keys"))

    def close(self) -> None:
        self._conn.close()
