"""The log: record histories, deterministic ids, upcasting, encryption at rest, both stores."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from domain.ids import record_id
from domain.records.aggregate import ClinicRecord
from domain.records.source_file import SourceFile
from tests.core.helpers import SENTINEL_NAME, derived


def test_a_record_id_is_the_uuid5_of_run_kind_and_source_id() -> None:
    assert record_id("r", "patient", "1") == record_id("r", "patient", "1")
    assert record_id("r", "patient", "1") != record_id("r", "patient", "2")
    assert record_id("r", "patient", "1") != record_id("r2", "patient", "1")
    assert derived("r", "1").id == record_id("r", "patient", "1")


def test_a_record_history_round_trips(make_engine: Callable[..., Any]) -> None:
    engine = make_engine()
    record = derived("default", "p1")
    record.request_push(op_key="k1", action="create", steps=[], mode="sample")
    record.push_succeeded(op_key="k1", action="create", entity="contacts",
                          nutshell_id="7-contacts", results=[], written={"contacts.name": "x"},
                          overwritten={}, links_added=[], answer={"request_id": "abc"})
    engine.app.save(record)
    again = engine.app.record("default", "patient", "p1")
    assert again is not None
    assert again.state == "pushed"
    assert again.nutshell_id == "7-contacts"
    assert again.in_sample
    assert [op["op_key"] for op in again.operations] == ["k1"]
    assert again.version == 3


def test_rows_read_v1_events_are_upcast(make_engine: Callable[..., Any]) -> None:
    """A v1 page (plain value mappings, numbering implied) reads back as v2."""
    engine = make_engine()
    app = engine.app
    source = SourceFile.register("default", {"name": "a.csv", "sha256": "ab" * 32,
                                             "size_bytes": 1, "format": "csv", "header": ["x"]})
    app.save(source)
    event = SourceFile.RowsRead(originator_id=source.id, originator_version=2,
                                timestamp=SourceFile.RowsRead.create_timestamp(),
                                rows=[{"x": "1"}, {"x": "2"}])
    stored = app.mapper.to_stored_event(event)
    # Rewrite the stored state as the first release wrote it: no class_version, first_row.
    state = app.mapper.transcoder.decode(_plain(app, stored.state))
    state.pop("class_version", None)
    state["first_row"] = 7
    stored = type(stored)(originator_id=stored.originator_id,
                          originator_version=stored.originator_version,
                          topic=stored.topic, state=_wrap(app, app.mapper.transcoder.encode(state)))
    app.recorder.insert_events([stored])
    rows = list(app.iter_rows(source.id))
    assert rows == [{"n": 7, "v": {"x": "1"}, "p": None, "pf": None},
                    {"n": 8, "v": {"x": "2"}, "p": None, "pf": None}]
    assert app.source_file(source.id).rows_read == 2  # type: ignore[union-attr]
    engine.catch_up()
    from consumers.services.audit import audit_rows

    audit = list(audit_rows(engine, record="file:a.csv"))
    assert audit[-1]["detail"]["rows"] == 2 and audit[-1]["detail"]["first_row"] == 7


def _plain(app: Any, data: bytes) -> bytes:
    return app.mapper.cipher.decrypt(data) if app.mapper.cipher else data


def _wrap(app: Any, data: bytes) -> bytes:
    return app.mapper.cipher.encrypt(data) if app.mapper.cipher else data


def test_pages_are_saved_in_one_transaction_each(make_engine: Callable[..., Any]) -> None:
    engine = make_engine()
    calls: list[int] = []
    original = engine.app.recorder.insert_events

    def counting(events: Any, **kw: Any) -> Any:
        calls.append(len(events))
        return original(events, **kw)

    engine.app.recorder.insert_events = counting
    engine.app.save_pages([derived("default", f"p{i}") for i in range(1200)], page=500)
    assert calls == [500, 500, 200]


def test_the_sqlite_file_holds_no_plaintext_with_a_cipher_key(tmp_path: Path) -> None:
    from consumers.bootstrap import Engine, Settings

    key = base64.b64encode(os.urandom(32)).decode()
    home = tmp_path / "home"
    with Engine(Settings.from_env(env={"C2N_HOME": str(home), "C2N_CIPHER_KEY": key})) as engine:
        engine.app.save(derived("default", "p1", first_name=SENTINEL_NAME))
        engine.catch_up()
        assert engine.app.record("default", "patient", "p1").fields["first_name"] == SENTINEL_NAME  # type: ignore[union-attr]
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert SENTINEL_NAME.encode() not in path.read_bytes(), path.name
    # Control: without the key the same sentinel is found, so the check above can fail.
    plain = tmp_path / "plain"
    with Engine(Settings.from_env(env={"C2N_HOME": str(plain)})) as engine:
        engine.app.save(derived("default", "p1", first_name=SENTINEL_NAME))
    assert any(SENTINEL_NAME.encode() in p.read_bytes() for p in plain.rglob("*") if p.is_file())


def test_home_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    from consumers.bootstrap import Engine, Settings

    home = tmp_path / "home"
    with Engine(Settings.from_env(env={"C2N_HOME": str(home)})) as engine:
        engine.app.save(derived("default", "p1"))
    assert home.stat().st_mode & 0o077 == 0
    for path in home.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path.name


def test_quarantine_then_rederive_releases_the_record() -> None:
    record = ClinicRecord.quarantine(run="r", kind="patient", source_id="p9", file="a.csv",
                                     rows=[3], field="date_of_birth", reason="not a date",
                                     mapping_hash="m1")
    assert record.state == "quarantined"
    record.rederive(fields={"source_id": "p9"}, extra={}, raw_kept={}, warnings=[],
                    file="a.csv", rows=[3], mapping_hash="m2", content_hash="c2",
                    changed=["date_of_birth"])
    assert record.state == "derived"
    assert record.mapping_hash == "m2"


@pytest.mark.parametrize("url", ["sqlite:///tmp/x.sqlite", "postgresql://u:p@h:5433/d?schema=s"])
def test_database_urls_parse(url: str, tmp_path: Path) -> None:
    from adapters.stores.store_config import parse_database_url

    db = parse_database_url(url, tmp_path)
    assert db.redacted().split(":")[0] in {"sqlite", "postgresql"}
    assert "p@" not in db.redacted()


def test_record_id_equals_the_standard_uuid5() -> None:
    from uuid import uuid5

    from domain.ids import NAMESPACE

    for key in [("r", "patient", "1"), ("run", "appointment", "ä/ü:7")]:
        assert record_id(*key) == uuid5(NAMESPACE, "/".join(key))


def test_a_derived_event_saved_alone_makes_the_same_record(make_engine: Callable[..., Any]) -> None:
    engine = make_engine()
    kwargs: dict[str, Any] = dict(run="default", kind="patient", source_id="p1",
                                  fields={"source_id": "p1"}, extra={"X": "1"}, raw_kept={},
                                  warnings=[], file="a.csv", rows=[1], mapping_hash="m",
                                  content_hash="c")
    engine.app.save(ClinicRecord.derived_event(**kwargs))
    record = engine.app.record("default", "patient", "p1")
    reference = ClinicRecord.derive(**kwargs)
    assert record is not None
    assert (record.id, record.version, record.fields, record.extra, record.state) == (
        reference.id, reference.version, reference.fields, reference.extra, reference.state)
