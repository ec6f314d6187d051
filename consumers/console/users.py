"""The console's people, their roles, their sessions: one SQLite file in HOME, owner-only.

Passwords are argon2 hashes (argon2-cffi). A name locks for LOCK_SECONDS after MAX_FAILURES
wrong passwords in a row. Sessions live here too, so a logout or a disabled person ends a
session at once, whatever the cookie still says.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from consumers.console.roles import ROLES
from domain.errors import PreconditionFailed

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
SESSION_SECONDS = 8 * 3600  # a working day; the cookie expires with it
IDLE_SECONDS = 30 * 60  # a session left alone this long ends
NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-@")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    sid TEXT PRIMARY KEY, name TEXT NOT NULL, csrf TEXT NOT NULL,
    created REAL NOT NULL, expires REAL NOT NULL, ended INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled: bool


@dataclass(frozen=True)
class Session:
    sid: str
    user: User
    csrf: str
    expires: float


class LoginRefused(Exception):
    """reason: unknown | password | locked | disabled (the page says less than the log)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UserStore:
    def __init__(self, home: Path) -> None:
        folder = home / "console"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = folder / "users.sqlite"
        if not self.path.exists():
            self.path.touch(mode=0o600)
        self.path.chmod(0o600)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._hasher = PasswordHasher()
        with self._lock:
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(sessions)")}
            if "seen" not in columns:  # a store written before idle sessions ended
                self._db.execute("ALTER TABLE sessions ADD COLUMN seen REAL NOT NULL DEFAULT 0")

    def close(self) -> None:
        self._db.close()

    # --- people -------------------------------------------------------------------------------

    def add(self, name: str, role: str, password: str) -> User:
        name = name.strip().lower()
        if not name or not set(name) <= NAME_CHARS or len(name) > 64:
            raise PreconditionFailed("a name is 1-64 of a-z 0-9 . _ - @")
        if role not in ROLES:
            raise PreconditionFailed(f"role is one of {', '.join(ROLES)}")
        if len(password) < 10:
            raise PreconditionFailed("a password has at least 10 characters")
        with self._lock:
            if self._db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise PreconditionFailed(f"{name} exists already")
            self._db.execute("INSERT INTO users (name, role, hash, created) VALUES (?, ?, ?, ?)",
                             (name, role, self._hasher.hash(password), time.time()))
        return User(name, role, False)

    def list(self) -> list[User]:
        with self._lock:
            rows = self._db.execute("SELECT name, role, disabled FROM users ORDER BY name")
            return [User(n, r, bool(d)) for n, r, d in rows.fetchall()]

    def get(self, name: str) -> User | None:
        with self._lock:
            row = self._db.execute("SELECT name, role, disabled FROM users WHERE name = ?",
                                   (name,)).fetchone()
        return User(row[0], row[1], bool(row[2])) if row else None

    def disable(self, name: str) -> None:
        with self._lock:
            done = self._db.execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,))
            if not done.rowcount:
                raise PreconditionFailed(f"no such person: {name}")
            self._db.execute("UPDATE sessions SET ended = 1 WHERE name = ?", (name,))

    def authenticate(self, name: str, password: str, now: float | None = None) -> User:
        now = time.time() if now is None else now
        name = name.strip().lower()
        with self._lock:
            row = self._db.execute(
                "SELECT role, hash, disabled, failures, locked_until FROM users WHERE name = ?",
                (name,)).fetchone()
            if row is None:
                self._hasher.hash(password)  # the same time spent for a name nobody has
                raise LoginRefused("unknown")
            role, stored, disabled, failures, locked_until = row
            if disabled:
                raise LoginRefused("disabled")
            if locked_until > now:
                raise LoginRefused("locked")
            try:
                self._hasher.verify(stored, password)
            except (VerificationError, InvalidHashError):
                failures += 1
                lock = now + LOCK_SECONDS if failures >= MAX_FAILURES else 0
                self._db.execute("UPDATE users SET failures = ?, locked_until = ? WHERE name = ?",
                                 (0 if lock else failures, lock, name))
                raise LoginRefused("locked" if lock else "password") from None
            self._db.execute("UPDATE users SET failures = 0, locked_until = 0 WHERE name = ?",
                             (name,))
        return User(name, role, False)

    # --- sessions -----------------------------------------------------------------------------

    def open_session(self, user: User, now: float | None = None) -> Session:
        now = time.time() if now is None else now
        session = Session(secrets.token_urlsafe(32), user, secrets.token_urlsafe(32),
                          now + SESSION_SECONDS)
        with self._lock:
            self._db.execute("INSERT INTO sessions (sid, name, csrf, created, expires, seen) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             (session.sid, user.name, session.csrf, now, session.expires, now))
        return session

    def session(self, sid: str, now: float | None = None) -> Session | None:
        now = time.time() if now is None else now
        with self._lock:
            row = self._db.execute(
                "SELECT s.csrf, s.expires, u.name, u.role, s.seen FROM sessions s JOIN users u "
                "ON u.name = s.name WHERE s.sid = ? AND s.ended = 0 AND u.disabled = 0",
                (sid,)).fetchone()
            if row is None or row[1] <= now or now - row[4] > IDLE_SECONDS:
                return None
            self._db.execute("UPDATE sessions SET seen = ? WHERE sid = ?", (now, sid))
        return Session(sid, User(row[2], row[3], False), row[0], row[1])

    def session_owner(self, sid: str) -> str | None:
        """Whose a session was, ended or not (for the log of a refused request)."""
        with self._lock:
            row = self._db.execute("SELECT name FROM sessions WHERE sid = ?", (sid,)).fetchone()
        return str(row[0]) if row else None

    def end_session(self, sid: str) -> None:
        with self._lock:
            self._db.execute("UPDATE sessions SET ended = 1 WHERE sid = ?", (sid,))

    def secret(self) -> str:
        """The key that signs the cookies: C2N_CONSOLE_SECRET, or one made once and kept in
        HOME (owner-only); never logged."""
        if os.environ.get("C2N_CONSOLE_SECRET"):
            return os.environ["C2N_CONSOLE_SECRET"]
        with self._lock:
            row = self._db.execute("SELECT value FROM secrets WHERE name = 'cookie'").fetchone()
            if row:
                return str(row[0])
            value = secrets.token_urlsafe(48)
            self._db.execute("INSERT INTO secrets (name, value) VALUES ('cookie', ?)", (value,))
            return value
