"""The composition root: settings from the environment (or options) wired to concrete adapters.

Only this module (and the command modules it serves) chooses implementations: SQLite or
PostgreSQL, the orjson transcoder, the AES cipher, the Nutshell client.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adapters.stores.event_reader import LogReader
from adapters.stores.keyring import (
    Keyring,
    PostgresKeyring,
    SQLiteKeyring,
    postgres_has_keyring,
    sqlite_has_keyring,
)
from adapters.stores.projection_sql import (
    PostgresProjectionStore,
    SQLiteProjectionStore,
    SQLProjectionStore,
)
from adapters.stores.shredding_mapper import ShreddingMapper, subject_of_created
from adapters.stores.store_config import Database, eventsourcing_env, parse_database_url
from adapters.stores.transcoder import OrjsonTranscoder
from domain.app import MigrationLog
from domain.errors import TerminalError
from domain.ids import record_id
from domain.run.aggregate import MigrationRun
from projections.audit import audit_rows
from projections.runner import ProjectionRunner

DEFAULT_NUTSHELL_URL = "https://app.nutshell.com/rest"


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str | None = None
    cipher_key: str | None = field(default=None, repr=False)
    nutshell_url: str = DEFAULT_NUTSHELL_URL
    nutshell_user: str | None = None
    nutshell_api_key: str | None = field(default=None, repr=False)
    kafka_bootstrap: str | None = None
    run_name: str = "default"
    nutshell_rate: float | None = None  # a ceiling; the client finds the account's pace itself
    # Nutshell publishes no per-file limit: the operator sets the account's (bytes). A larger
    # document is held and reported, never truncated.
    max_file_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_env(cls, home: str | None = None, env: dict[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        return cls(
            home=Path(home or e.get("C2N_HOME") or ".c2n").absolute(),
            database_url=e.get("C2N_DATABASE_URL") or None,
            cipher_key=e.get("C2N_CIPHER_KEY") or None,
            nutshell_url=e.get("C2N_NUTSHELL_URL") or DEFAULT_NUTSHELL_URL,
            nutshell_user=e.get("C2N_NUTSHELL_USER") or None,
            nutshell_api_key=e.get("C2N_NUTSHELL_API_KEY") or None,
            kafka_bootstrap=e.get("C2N_KAFKA_BOOTSTRAP") or None,
            run_name=e.get("C2N_RUN") or "default",
            nutshell_rate=float(e["C2N_NUTSHELL_RATE"]) if e.get("C2N_NUTSHELL_RATE") else None,
            max_file_bytes=int(e.get("C2N_MAX_FILE_BYTES") or 10 * 1024 * 1024),
        )

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def mapping_path(self) -> Path:
        return self.home / "mapping.yaml"


class WiredLog(MigrationLog):
    name = "clinic2nutshell"

    def __init__(self, env: dict[str, str], keyring: Keyring | None = None,
                 master_key: bytes = b"") -> None:
        # With a keyring, events are sealed per patient (crypto-shredding) by the mapper
        # instead of by the library's single-key cipher.
        self._keyring = keyring
        self._master_key = master_key
        super().__init__(env=env)

    def construct_transcoder(self) -> OrjsonTranscoder:
        return OrjsonTranscoder()

    def construct_mapper(self) -> Any:
        if self._keyring is None:
            return super().construct_mapper()
        return ShreddingMapper(self.construct_transcoder(), self._keyring, self._master_key)

    def _record(self, processing_event: Any) -> Any:
        if isinstance(self.mapper, ShreddingMapper):
            # One key transaction per save; a forgotten patient's events are left out.
            processing_event.events[:] = self.mapper.prepare(processing_event.events)
        return super()._record(processing_event)


def master_key_bytes(cipher_key: str) -> bytes:
    try:
        key = base64.b64decode(cipher_key.encode(), validate=True)
    except (binascii.Error, ValueError):
        raise TerminalError("C2N_CIPHER_KEY must be base64 (16, 24 or 32 bytes)") from None
    if len(key) not in (16, 24, 32):
        raise TerminalError("C2N_CIPHER_KEY must be base64 (16, 24 or 32 bytes)")
    return key


def open_keyring(db: Database, cipher_key: str) -> Keyring:
    master = master_key_bytes(cipher_key)
    if db.kind == "sqlite":
        assert db.sqlite_path is not None
        return SQLiteKeyring(master, db.sqlite_path)
    return PostgresKeyring(master, _conninfo(db), db.schema)


def prepare_home(home: Path) -> None:
    """HOME holds PHI: readable by its owner only, and so is everything written into it."""
    os.umask(0o077)
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    home.chmod(0o700)


def _refuse_encrypted_log(db: Database) -> None:
    """Without the key an encrypted log can only fail later, and less clearly: say so now."""
    if db.kind == "sqlite":
        assert db.sqlite_path is not None
        encrypted = sqlite_has_keyring(db.sqlite_path)
    else:
        encrypted = postgres_has_keyring(_conninfo(db), db.schema)
    if encrypted:
        raise TerminalError("this event log is encrypted: set C2N_CIPHER_KEY to the key it was "
                            "written with")


def _ensure_schema(db: Database) -> None:
    if db.kind != "postgres" or not db.schema:
        return
    import psycopg

    with psycopg.connect(_conninfo(db), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{db.schema}"')


def _conninfo(db: Database) -> str:
    parts = [f"host={db.host}", f"port={db.port}", f"user={db.user}", f"dbname={db.dbname}",
             "connect_timeout=10"]
    if db.password:
        parts.append(f"password={db.password}")
    return " ".join(parts)


class Engine:
    """The event store, the projection store and the runner keeping them in step."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        prepare_home(settings.home)
        self.db = parse_database_url(settings.database_url, settings.home)
        _ensure_schema(self.db)
        self.keyring: Keyring | None = None
        if settings.cipher_key:
            self.keyring = open_keyring(self.db, settings.cipher_key)
            self.app = WiredLog(env=eventsourcing_env(self.db, None), keyring=self.keyring,
                                master_key=master_key_bytes(settings.cipher_key))
        else:
            _refuse_encrypted_log(self.db)
            self.app = WiredLog(env=eventsourcing_env(self.db, None))
        self.store: SQLProjectionStore
        if self.db.kind == "sqlite":
            assert self.db.sqlite_path is not None
            self.store = SQLiteProjectionStore(self.db.sqlite_path)
        else:
            self.store = PostgresProjectionStore(_conninfo(self.db), self.db.schema)
        self.reader = LogReader(self.app, self.db.sqlite_path)
        self.projections = ProjectionRunner(self.reader, self.store)

    def run(self) -> MigrationRun:
        return self.app.run(self.settings.run_name)

    def catch_up(self) -> int:
        return self.projections.catch_up()

    def of_forgotten_patient(self, kind: str, source_id: str, fields: dict[str, Any]) -> bool:
        """Whether a record belongs to a patient whose key `c2n forget` destroyed: one
        known to the keyring (its stream's owner), or a new one naming that patient."""
        if self.keyring is None:
            return False
        self.keyring.refresh_forgotten()
        run = self.settings.run_name
        rid = record_id(run, kind, source_id)
        subject = self.keyring.owner(str(rid)) or str(subject_of_created(
            rid, {"kind": kind, "run": run, "fields": fields}))
        return self.keyring.is_forgotten(subject)

    def audit(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Audit rows (seq, at, run, record, event, actor, mapping_hash) from the log, for
        what the projections have reached; filters: record, since, until, actor, topics."""
        return audit_rows(self.reader, self.store, **filters)

    def close(self) -> None:
        self.store.close()  # type: ignore[attr-defined]
        self.reader.close()
        self.app.close()
        if self.keyring is not None:
            self.keyring.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
