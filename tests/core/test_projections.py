"""Projections: counts, xref, audit, failures; replay gives identical output; a crash mid-page
resumes without double counts. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from consumers.cli import main
from projections.core import CoreProjector
from tests.core.helpers import SENTINEL_NAME, derived, populate


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr().out
    # `status` exits 1 while the log holds quarantined rows (docs/exit-status.md)
    assert code == 0 or (code == 1 and argv[0] == "status"), out
    return out


@pytest.fixture
def env(engine_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for key, value in engine_env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("C2N_CIPHER_KEY", raising=False)
    return engine_env


def test_counts_xref_and_failures(make_engine: Callable[..., Any]) -> None:
    engine = make_engine()
    populate(engine.app, n=30)
    engine.catch_up()
    counts = engine.store.counts()
    # 30 patients + 1 quarantined row; 6 failed (every 5th), 3 rolled back, 21 pushed.
    assert counts["patient"]["extracted"] == 31
    assert counts["patient"]["quarantined"] == 1
    assert counts["patient"]["failed"] == 6
    assert counts["patient"]["rolled_back"] == 3
    assert counts["patient"]["pushed"] == 21
    assert counts["appointment"] == {"extracted": 5}
    assert engine.store.xref_by_source("patient", "p0") == ("contacts", "1-contacts")
    assert engine.store.xref_by_nutshell("2-contacts") == ("patient", "p1")
    assert engine.store.xref_by_source("patient", "p3") is None  # deleted by rollback
    failures = {(f["source_id"], f["stage"]) for f in engine.store.failures()}
    assert ("bad#1", "quarantine") in failures and ("p4", "push") in failures
    assert len(failures) == 7


def test_replay_gives_byte_identical_status_and_audit(
        env: dict[str, str], make_engine: Callable[..., Any],
        capsys: pytest.CaptureFixture[str]) -> None:
    populate(make_engine().app, n=40)
    status_before = cli(capsys, "status", "--json")
    audit_before = cli(capsys, "audit", "--format", "json")
    csv_before = cli(capsys, "audit", "--format", "csv")
    assert '"pushed": 28' in status_before
    cli(capsys, "replay")
    assert cli(capsys, "status", "--json") == status_before
    assert cli(capsys, "audit", "--format", "json") == audit_before
    assert cli(capsys, "audit", "--format", "csv") == csv_before


class CrashingProjector(CoreProjector):
    """Fails on the n-th page, as a process killed between reading and committing would."""

    def __init__(self, crash_on_page: int) -> None:
        super().__init__()
        self.pages = 0
        self.crash_on_page = crash_on_page

    def project(self, events: Any, store: Any) -> Any:
        self.pages += 1
        page = super().project(events, store)
        if self.pages == self.crash_on_page:
            raise RuntimeError("simulated crash mid-page")
        return page


def test_a_crash_mid_page_resumes_without_double_counts(make_engine: Callable[..., Any]) -> None:
    from projections.runner import ProjectionRunner

    engine = make_engine()
    populate(engine.app, n=50)
    crashing = ProjectionRunner(engine.reader, engine.store, CrashingProjector(3), page_size=7)
    with pytest.raises(RuntimeError):
        crashing.catch_up()
    assert 0 < engine.store.position() < engine.reader.max_position()
    ProjectionRunner(engine.reader, engine.store, page_size=7).catch_up()
    assert engine.store.position() == engine.reader.max_position()
    resumed = engine.store.counts()
    assert len(list(engine.audit())) == engine.reader.max_position()
    engine.projections.rebuild()  # a clean pass is the reference
    assert resumed == engine.store.counts()
    assert resumed["patient"]["extracted"] == 51


def test_audit_answers_an_auditors_questions(make_engine: Callable[..., Any]) -> None:
    engine = make_engine()
    populate(engine.app, n=10)
    run = engine.run()
    run.confirm_mapping(mapping_hash="m1", by="alice", mapping={})
    engine.app.save(run)
    engine.catch_up()
    history = [a["event"] for a in engine.audit(record="patient:p3")]
    assert history == ["ClinicRecord.Derived", "ClinicRecord.PushRequested",
                       "ClinicRecord.PushSucceeded", "ClinicRecord.CompensationRequested",
                       "ClinicRecord.CompensationSucceeded"]
    by_alice = list(engine.audit(actor="alice"))
    assert [a["event"] for a in by_alice] == ["MigrationRun.MappingConfirmed"]
    everything = list(engine.audit())
    window = list(engine.audit(since=everything[2]["at"], until=everything[5]["at"]))
    assert window and all(everything[2]["at"] <= a["at"] <= everything[5]["at"] for a in window)


def test_every_audit_filter_agrees_with_a_scan_of_the_whole_log(
        make_engine: Callable[..., Any]) -> None:
    """The filtered answers come through indexes (stream ids, page spans, actors); the
    unfiltered one reads every event: they must agree, whatever the page boundaries."""
    from projections.runner import ProjectionRunner

    engine = make_engine()
    populate(engine.app, n=20)
    run = engine.run()
    run.confirm_mapping(mapping_hash="m1", by="alice", mapping={})
    engine.app.save(run)
    populate(engine.app, run="other", n=3)  # patient:p1 now names a stream in each run
    ProjectionRunner(engine.reader, engine.store, page_size=7).catch_up()
    everything = list(engine.audit())
    assert [a["seq"] for a in everything] == list(range(1, engine.reader.max_position() + 1))
    for key in ("patient:p1", "patient:p3", "patient:nobody", "file:none"):
        assert list(engine.audit(record=key)) == [a for a in everything if a["record"] == key]
    for actor in ("alice", "engine", "carol"):
        assert list(engine.audit(actor=actor)) == [a for a in everything if a["actor"] == actor]
    stamps = sorted({a["at"] for a in everything})
    for low, high in ((stamps[3], stamps[17]), (stamps[0], None), (None, stamps[-5]),
                      (stamps[-1], stamps[-1])):
        expected = [a for a in everything if (low is None or a["at"] >= low)
                    and (high is None or a["at"] <= high)]
        assert expected and list(engine.audit(since=low, until=high)) == expected
    both = list(engine.audit(record="patient:p3", since=stamps[10]))
    assert both == [a for a in everything if a["record"] == "patient:p3"
                    and a["at"] >= stamps[10]]


def test_audit_detail_holds_hashes_not_values(make_engine: Callable[..., Any]) -> None:
    engine = make_engine()
    engine.app.save(derived("default", "p1", first_name=SENTINEL_NAME))
    engine.catch_up()
    from consumers.services.audit import audit_rows

    rows = list(audit_rows(engine, record="patient:p1"))
    assert SENTINEL_NAME not in repr(rows)
    assert rows[0]["detail"]["fields"]["hash"].startswith("h:")
    assert "first_name" in rows[0]["detail"]["fields"]["keys"]


def test_audit_reveals_values_only_with_the_cipher_key(tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import base64
    import os

    from consumers.bootstrap import Engine, Settings

    home = tmp_path / "home"
    monkeypatch.setenv("C2N_HOME", str(home))
    key = base64.b64encode(os.urandom(32)).decode()
    with Engine(Settings.from_env(env={"C2N_HOME": str(home), "C2N_CIPHER_KEY": key})) as engine:
        engine.app.save(derived("default", "p1", first_name=SENTINEL_NAME))
    monkeypatch.delenv("C2N_CIPHER_KEY", raising=False)
    assert main(["audit", "--record", "patient:p1", "--format", "json", "--reveal"]) == 2
    monkeypatch.setenv("C2N_CIPHER_KEY", key)
    hidden = cli(capsys, "audit", "--record", "patient:p1", "--format", "json")
    assert SENTINEL_NAME not in hidden
    shown = cli(capsys, "audit", "--record", "patient:p1", "--format", "json", "--reveal")
    assert SENTINEL_NAME in shown
