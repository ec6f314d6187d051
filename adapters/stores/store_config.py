"""Translate the operator's settings into the eventsourcing library's environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from domain.errors import TerminalError

CIPHER_TOPIC = "eventsourcing.cipher:AESCipher"


@dataclass(frozen=True)
class Database:
    kind: str  # "sqlite" | "postgres"
    sqlite_path: Path | None = None
    host: str = "127.0.0.1"
    port: int = 5432
    user: str = "postgres"
    password: str = ""
    dbname: str = "postgres"
    schema: str = ""

    def redacted(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.sqlite_path}"
        schema = f"?schema={self.schema}" if self.schema else ""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}{schema}"


def parse_database_url(url: str | None, home: Path) -> Database:
    """`sqlite:///path`, `postgresql://user[:pw]@host:port/db[?schema=s]`; default: SQLite in HOME."""
    if not url:
        return Database(kind="sqlite", sqlite_path=home / "events.sqlite")
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if url.startswith("sqlite:////"):
            path = "/" + path.lstrip("/")
        elif path.startswith("/"):
            path = path[1:] if not Path(path).is_absolute() else path
        return Database(kind="sqlite", sqlite_path=Path(path))
    if parsed.scheme in {"postgres", "postgresql"}:
        query = parse_qs(parsed.query)
        return Database(
            kind="postgres", host=parsed.hostname or "127.0.0.1", port=parsed.port or 5432,
            user=unquote(parsed.username or "postgres"),
            password=unquote(parsed.password or ""),
            dbname=(parsed.path or "/postgres").lstrip("/") or "postgres",
            schema=(query.get("schema") or [""])[0],
        )
    raise TerminalError("C2N_DATABASE_URL must start with sqlite:/// or postgresql://")


def eventsourcing_env(db: Database, cipher_key: str | None) -> dict[str, str]:
    env: dict[str, str] = {}
    if db.kind == "sqlite":
        assert db.sqlite_path is not None
        env.update({
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(db.sqlite_path),
            "SQLITE_LOCK_TIMEOUT": "30",
        })
    else:
        env.update({
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": db.dbname,
            "POSTGRES_HOST": db.host,
            "POSTGRES_PORT": str(db.port),
            "POSTGRES_USER": db.user,
            "POSTGRES_PASSWORD": db.password,
            "POSTGRES_CONNECT_TIMEOUT": "10",
        })
        if db.schema:
            env["POSTGRES_SCHEMA"] = db.schema
    if cipher_key:
        env["CIPHER_TOPIC"] = CIPHER_TOPIC
        env["CIPHER_KEY"] = cipher_key
    return env
