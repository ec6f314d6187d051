"""`c2n forget`: the patient's record events are unreadable even with the master key, other
patients read as before, and status, replay and audit keep working."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from consumers.bootstrap import Engine, Settings
from consumers.forget_service import forget_patient
from domain.ids import phi_hash, record_id
from tests.phi.conftest import Migrated, engine_at
from tests.phi.reading import Decrypted, decrypt_all
from tests.phi.sentinels import FORGET, FORGET_ID, KEEP, KEEP_ID, found_in


@pytest.fixture(scope="module")
def engine(migrated: Migrated) -> Iterator[Engine]:
    with engine_at(Settings(home=migrated.home, cipher_key=migrated.key)) as engine:
        yield engine


@pytest.fixture(scope="module")
def decrypted(engine: Engine) -> Decrypted:
    return decrypt_all(engine)


def test_forget_reports_what_it_shredded_and_what_it_could_not(migrated: Migrated,
                                                               engine: Engine) -> None:
    doc = migrated.forget
    assert doc["found"] and doc["patient_ref"] == phi_hash(FORGET_ID)
    [run] = doc["runs"]
    assert run["keys_destroyed"] == 1 and not run["already_forgotten"]
    assert run["subject"] == str(record_id("default", "patient", FORGET_ID))
    assert run["records"] >= 2  # the patient and the note naming them
    raw = {r["file"]: r["rows"] for r in doc["not_shredded"]["raw_rows"]}
    assert "patients.csv" in raw and "treatment_notes.csv" in raw
    assert any(n["entity"] == "contacts" for n in doc["not_shredded"]["nutshell"])
    again = forget_patient(engine, FORGET_ID, "dpo").to_json()
    assert again["runs"][0]["already_forgotten"] and again["runs"][0]["keys_destroyed"] == 0
    assert not forget_patient(engine, "no-such-patient", "dpo").found


def test_the_forgotten_patients_events_are_tombstones(migrated: Migrated,
                                                      decrypted: Decrypted) -> None:
    subject = migrated.forget["runs"][0]["subject"]
    records = decrypted.of("ClinicRecord")
    forgotten = [e for e in records if e.forgotten]
    assert forgotten and all(e.state["subject"] == subject for e in forgotten)
    patient = record_id("default", "patient", FORGET_ID)
    assert {str(patient), patient.hex} & {e.originator_id for e in forgotten}
    assert found_in(Decrypted.text(records), FORGET) == set()


def test_other_patients_still_read_in_full(decrypted: Decrypted, engine: Engine) -> None:
    readable = [e for e in decrypted.of("ClinicRecord") if not e.forgotten]
    assert len(readable) > 100
    assert {"zqxkeepfirst", "zqxkeepnote"} <= found_in(Decrypted.text(readable), KEEP)
    kept = engine.app.record("default", "patient", KEEP_ID)
    assert kept is not None and kept.fields  # a whole aggregate, rebuilt from its events
    assert engine.app.record("default", "patient", FORGET_ID) is None  # a tombstone: not found


def test_raw_rows_are_not_shredded_and_forget_says_so(decrypted: Decrypted) -> None:
    """The documented limit: export pages mix patients and are sealed with the master key, so
    the forgotten patient's raw rows stay readable until the operator re-extracts without
    them (forget names the files and rows)."""
    raw = Decrypted.text([e for e in decrypted.of("SourceFile") if e.name == "RowsRead"])
    assert "zqxforgetfirst" in found_in(raw, FORGET)


def test_the_destroyed_key_is_gone_from_the_database_files(migrated: Migrated) -> None:
    files = [p for p in migrated.home.iterdir() if p.name.startswith("events.sqlite")]
    assert any(p.name == "events.sqlite" for p in files)
    for path in files:
        assert migrated.wrapped_key not in path.read_bytes(), path.name


def test_status_replay_and_audit_keep_working(migrated: Migrated) -> None:
    before = migrated.before_forget["counts"]["patient"]["extracted"]
    assert migrated.status_after["counts"]["patient"]["extracted"] == before
    assert migrated.replay["events"] > 0
    # Rebuilt from the log, the forgotten patient is no longer there to count.
    assert migrated.status_after_replay["counts"]["patient"]["extracted"] == before - 1
    erasures = [a for a in migrated.audit_after if a["event"] == "Erasure.PatientForgotten"]
    assert len(erasures) == 1
    [row] = erasures
    assert row["actor"] == "dpo" and row["record"] == f"patient:{phi_hash(FORGET_ID)}"
    assert FORGET_ID not in repr(row)


def test_a_forgotten_patient_is_not_derived_again(migrated: Migrated,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    """Their rows are still in the export: re-deriving must not bring them back."""
    with caplog.at_level(logging.WARNING, logger="c2n.shredding"):
        migrated.op.run("map", "confirm", "--by", "alice", "--json", expect=(0, 1))
    assert any("forgotten" in r.getMessage() for r in caplog.records)
    with engine_at(Settings(home=migrated.home, cipher_key=migrated.key)) as fresh:
        assert fresh.app.record("default", "patient", FORGET_ID) is None
        assert fresh.app.record("default", "patient", KEEP_ID) is not None
