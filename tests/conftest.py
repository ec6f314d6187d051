"""Fixtures shared by the whole suite: a fresh PostgreSQL schema, engines on either store."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.services import require_service

if TYPE_CHECKING:
    from tests.integration.migrate import Premigrated

PG_HOST, PG_PORT, PG_DB = "127.0.0.1", 5432, "test"
ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    """Byte-compiles the project once before any test. Hundreds of tests start `c2n` (or
    `python -m ...`) as a process; where PYTHONDONTWRITEBYTECODE is set (as on the CI
    machine) each of them would otherwise compile the project's modules from source again.
    The interpreter still checks every cached file against its source, so nothing stale runs."""
    import compileall

    for package in ("domain", "projections", "adapters", "consumers"):
        compileall.compile_dir(ROOT / package, quiet=2)


def _pg_user() -> str:
    return os.environ.get("C2N_TEST_PG_USER", "postgres")


def pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason."""
    try:
        import psycopg

        with psycopg.connect(host=PG_HOST, port=PG_PORT, dbname=PG_DB, user=_pg_user(),
                             connect_timeout=5):
            return None
    except Exception as exc:  # any failure to connect is reported the same way
        return f"PostgreSQL at {PG_HOST}:{PG_PORT}/{PG_DB} unavailable: {type(exc).__name__}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A database URL with a schema of its own, dropped afterwards."""
    require_service(pg_available())
    import psycopg

    schema = f"c2n_test_{uuid.uuid4().hex[:12]}"
    yield f"postgresql://{_pg_user()}@{PG_HOST}:{PG_PORT}/{PG_DB}?schema={schema}"
    with psycopg.connect(host=PG_HOST, port=PG_PORT, dbname=PG_DB, user=_pg_user(),
                         autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def engine_env(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """Environment for an engine on the parametrised store, HOME in a temp folder."""
    env = {"C2N_HOME": str(tmp_path / "home")}
    if store_kind == "postgres":
        env["C2N_DATABASE_URL"] = request.getfixturevalue("pg_url")
    return env


@pytest.fixture(scope="session")
def premigrated(tmp_path_factory: pytest.TempPathFactory) -> Premigrated:
    """Copies a migrated run into a test's folder (tests/integration/migrate.py)."""
    from tests.integration.migrate import Premigrated

    return Premigrated(tmp_path_factory.mktemp("premigrated"))


@pytest.fixture
def make_engine(engine_env: dict[str, str]) -> Iterator[Callable[..., object]]:
    from consumers.bootstrap import Engine, Settings

    engines: list[Engine] = []

    def factory(**overrides: str) -> Engine:
        env = {**engine_env, **overrides}
        engine = Engine(Settings.from_env(env=env))
        engines.append(engine)
        return engine

    yield factory
    for engine in engines:
        try:
            engine.close()
        except Exception:  # closing twice is harmless
            pass


# The Kafka broker fixtures, for every test directory (one broker per session).
from tests.kafka.fixtures import (  # noqa: E402
    private_tansu_broker,
    tansu_broker,
    tolerate_kafka_socket_leaks,
    topic_name,
)

__all__ = ["private_tansu_broker", "tansu_broker", "tolerate_kafka_socket_leaks", "topic_name"]
