"""`c2n forget`: the patient's record events and raw export rows are unreadable even with the
master key, other patients read (and derive) as before, and status, replay and audit keep
working."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from uuid import UUID

import pytest

from consumers.bootstrap import Engine, Settings
from consumers.services.forget import forget_patient
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
    raw = {r["file"]: r["rows"] for r in doc["raw_rows_shredded"]}
    assert {"patients.csv", "treatment_notes.csv", "appointments.csv"} <= set(raw)
    assert all(len(rows) == 1 for rows in raw.values()), raw  # one row of theirs per file
    assert doc["not_shredded"]["raw_rows"] == [] and doc["not_shredded"]["unchecked_files"] == []
    # Each file is one page here, shared with other patients: resealed, its first key gone.
    assert run["pages_resealed"] == len(raw) == run["page_keys_destroyed"]
    assert run["raw_rows_erased"] == len(raw)
    assert any(n["entity"] == "contacts" for n in doc["not_shredded"]["nutshell"])
    again = forget_patient(engine, FORGET_ID, "dpo").to_json()
    assert again["runs"][0]["already_forgotten"] and again["runs"][0]["keys_destroyed"] == 0
    assert again["runs"][0]["pages_resealed"] == again["runs"][0]["page_keys_destroyed"] == 0
    assert again["raw_rows_shredded"] == []  # nothing of theirs left to find
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


def test_the_raw_rows_are_shredded_and_the_others_kept(migrated: Migrated,
                                                       decrypted: Decrypted) -> None:
    """Every page event of every source file, read with the cipher key: the forgotten
    patient's values are in none (the pages that held them read as shredded, their reseals
    hold erasure markers), the kept patient's are all there."""
    files = decrypted.of("SourceFile")
    assert found_in(Decrypted.text(files), FORGET) == set()
    assert set(KEEP) <= found_in(Decrypted.text(files), KEEP)
    shredded = [e for e in files if e.forgotten]
    reseals = [e for e in files if e.name == "RowsResealed"]
    assert len(shredded) == len(reseals) == migrated.forget["runs"][0]["pages_resealed"]
    assert {e.version for e in shredded} == {e.state["page"] for e in reseals}
    erased = [row for e in reseals for row in e.state["rows"] if row.get("erased")]
    assert len(erased) == len(reseals) and all(set(row) == {"n", "erased"} for row in erased)
    assert all(e.state["by"] == "dpo" for e in reseals)


def test_rows_read_back_from_the_newest_sealing(engine: Engine) -> None:
    run = engine.app.run("default")
    [patients] = [UUID(fid) for fid, info in run.files.items() if info["name"] == "patients.csv"]
    rows = list(engine.app.iter_rows(patients))
    ids = [row["v"]["ID"] for row in rows]
    assert KEEP_ID in ids and FORGET_ID not in ids
    numbers = [row["n"] for row in engine.app.iter_rows(patients, erased=True)]
    assert numbers == sorted(numbers) and len(numbers) == len(rows) + 1
    source = engine.app.source_file(patients)  # rebuilt over a shredded page
    assert source is not None and source.complete and source.rows_read == len(numbers)


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


def test_a_replay_after_forget_is_consistent(migrated: Migrated) -> None:
    again = migrated.op.json("replay")
    assert again["events"] == migrated.replay["events"]
    assert migrated.op.json("status", expect=(0, 1))["counts"] == migrated.status_after_replay["counts"]


def test_a_forgotten_patient_is_not_derived_again(migrated: Migrated,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    """Their raw rows are erased: re-deriving counts them as such and cannot bring them
    back; every other row derives as before."""
    with caplog.at_level(logging.WARNING, logger="c2n.shredding"):
        done = migrated.op.json("map", "confirm", "--by", "alice", expect=(0, 1))
    assert not any("forgotten" in r.getMessage() for r in caplog.records)  # none left to drop
    files = done["files"]
    assert done["balanced"]
    for name in ("patients.csv", "treatment_notes.csv", "appointments.csv"):
        b = files[name]
        assert b["erased"] == 1 and b["read"] == b["derived"] + b["quarantined"] + 1, name
    assert all(b["erased"] == 0 for name, b in files.items() if name not in {
        "patients.csv", "treatment_notes.csv", "appointments.csv"})
    assert done["forgotten_rows_shredded"] == {"rows": 0, "pages": 0}
    with engine_at(Settings(home=migrated.home, cipher_key=migrated.key)) as fresh:
        assert fresh.app.record("default", "patient", FORGET_ID) is None
        assert fresh.app.record("default", "appointment", "1003901") is None
        assert fresh.app.record("default", "patient", KEEP_ID) is not None
        assert fresh.app.record("default", "appointment", "1003902") is not None


def test_a_delta_change_does_not_bring_a_forgotten_patient_back(migrated: Migrated,
                                                                engine: Engine) -> None:
    """During the delta window the clinic may still edit the patient, or book them: the
    erasure holds (nothing recorded, nothing sent), while a change for anyone else applies."""
    from adapters.nutshell.client import NutshellClient
    from consumers.delta.apply import DeltaApplier
    from consumers.nutshell.migration import current_mapping
    from domain.delta import Change

    forgotten = [
        Change("d1", "patient", FORGET_ID, "update", {"first_name": "Zqxagain"},
               {"first_name": "zqxforgetfirst"}, "export-diff", 1),
        Change("d2", "appointment", "1003901", "update", {"status": "cancelled"},
               {"status": "booked"}, "export-diff", 2),
        Change("d3", "appointment", "zz-new-booking", "create",
               {"patient_source_id": FORGET_ID, "starts_at": "2026-12-01T09:00:00+00:00"}, {},
               "export-diff", 3),
    ]
    control = Change("d4", "patient", "zz-control", "create",
                     {"first_name": "Control", "last_name": "Person"}, {}, "export-diff", 4)
    with NutshellClient(migrated.sandbox_url, "admin@sandbox.test", migrated.api_key) as api:
        contacts = sum(1 for _ in api.list_all("contacts"))
        applier = DeltaApplier(engine, api, current_mapping(engine))
        result = applier(forgotten)
        assert result.applied == 0 and result.errors == 0
        assert [d.get("forgotten_patient") for d in result.details] == [True, True, True]
        assert FORGET_ID not in repr(result.details)
        assert sum(1 for _ in api.list_all("contacts")) == contacts
        for kind, source_id in (("patient", FORGET_ID), ("appointment", "1003901"),
                                ("appointment", "zz-new-booking")):
            assert engine.app.record("default", kind, source_id) is None
        assert applier([control]).applied == 1
        assert sum(1 for _ in api.list_all("contacts")) == contacts + 1
