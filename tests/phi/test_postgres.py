"""The same guarantees on PostgreSQL: no sentinel in any table of the run's schema with a key
(and found without one), and `forget` shreds there too."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

from consumers.bootstrap import Settings
from domain.ids import record_id
from tests.phi.conftest import InProcessOperator, RecordingOperator, engine_at, new_key, operator_env
from tests.phi.reading import Decrypted, decrypt_all
from tests.phi.sentinels import ALL, FORGET, FORGET_ID, KEEP_ID, found_in, scan_home, sentinel_export


def scan_schema(url: str) -> dict[str, set[str]]:
    """{table: sentinels found} over every row of every table in the URL's schema."""
    import psycopg

    parsed = urlparse(url)
    schema = parse_qs(parsed.query)["schema"][0]
    hits: dict[str, set[str]] = {}
    with psycopg.connect(host=parsed.hostname, port=parsed.port, user=parsed.username,
                         dbname=parsed.path.lstrip("/"), autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (schema,)).fetchall()]
        assert tables, "the schema has no tables: nothing was scanned"
        for table in tables:
            found: set[str] = set()
            for row in conn.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall():
                for value in row:
                    data = (bytes(value) if isinstance(value, bytes | memoryview)
                            else str(value).encode())
                    found |= found_in(data, ALL)
            if found:
                hits[table] = found
    return hits


def _derive(op: RecordingOperator, export: Path) -> None:
    op.run("extract", str(export))
    op.json("map", "propose")
    op.json("map", "confirm", "--by", "alice", expect=(0, 1))


def test_postgres_holds_no_sentinel_and_forget_shreds(pg_url: str, tmp_path: Path) -> None:
    key = new_key()
    home = tmp_path / "home"
    op = InProcessOperator(env=operator_env(home, None, key, pg_url), cwd=tmp_path)
    _derive(op, sentinel_export(tmp_path / "export"))
    forget = op.json("forget", "--patient", FORGET_ID, "--by", "dpo")
    assert forget["runs"][0]["keys_destroyed"] == 1
    assert forget["runs"][0]["page_keys_destroyed"] == forget["runs"][0]["pages_resealed"] == 3
    op.json("status", expect=(0, 1))
    assert op.json("replay")["events"] > 0
    assert scan_schema(pg_url) == {}
    assert scan_home(home) == {}
    for command, text in op.outputs:
        assert found_in(text.encode()) == set(), command
    with engine_at(Settings(home=home, database_url=pg_url, cipher_key=key)) as engine:
        decrypted = decrypt_all(engine)
        records = decrypted.of("ClinicRecord")
        assert any(e.forgotten for e in records)
        assert found_in(Decrypted.text(records), FORGET) == set()
        # The raw export rows too: their pages resealed without the patient, the old keys gone.
        files = decrypted.of("SourceFile")
        assert any(e.forgotten for e in files)
        assert found_in(Decrypted.text(files), FORGET) == set()
        assert "zqxkeepfirst" in found_in(Decrypted.text(files), ALL)
        assert engine.app.record("default", "patient", FORGET_ID) is None
        assert engine.app.record("default", "patient", KEEP_ID) is not None
        assert engine.keyring is not None
        assert engine.keyring.is_forgotten(str(record_id("default", "patient", FORGET_ID)))


def test_postgres_control_without_a_key_the_scan_finds_them(pg_url: str, tmp_path: Path) -> None:
    op = InProcessOperator(env=operator_env(tmp_path / "home", None, None, pg_url),
                           cwd=tmp_path)
    op.run("extract", str(sentinel_export(tmp_path / "export")))
    hits = scan_schema(pg_url)
    assert any("zqxforgetfirst" in found for found in hits.values())
