"""The keyring and the shredding mapper on their own: subjects, envelopes, wrong keys, and a
forgotten subject seen by every process sharing the database."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest

from adapters.stores.keyring import SQLiteKeyring, SubjectForgotten
from adapters.stores.shredding_mapper import ShreddingMapper, Tombstone, envelope_subject, page_subject
from adapters.stores.transcoder import OrjsonTranscoder
from domain.errors import TerminalError
from domain.ids import record_id
from domain.records.aggregate import ClinicRecord
from domain.records.source_file import PageShredded, SourceFile

MASTER = bytes(range(32))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "keys.sqlite"


@pytest.fixture
def keyring(db: Path) -> Iterator[SQLiteKeyring]:
    ring = SQLiteKeyring(MASTER, db)
    yield ring
    ring.close()


def _derived(kind: str, source_id: str, **fields: str) -> ClinicRecord.Derived:
    return ClinicRecord.derived_event(
        run="r", kind=kind, source_id=source_id, fields={"source_id": source_id, **fields},
        extra={}, raw_kept={}, warnings=[], file=f"{kind}.csv", rows=[1], mapping_hash="m",
        content_hash="c")


def test_a_record_is_sealed_for_the_patient_it_is_about(keyring: SQLiteKeyring) -> None:
    mapper = ShreddingMapper(OrjsonTranscoder(), keyring, MASTER)
    patient = _derived("patient", "p1", first_name="Ann")
    visit = _derived("appointment", "a1", patient_source_id="p1")
    company = _derived("company", "c1", name="Acme")
    events = mapper.prepare([patient, visit, company])
    assert len(events) == 3
    stored = [mapper.to_stored_event(e) for e in events]
    subjects = [envelope_subject(s.state) for s in stored]
    assert subjects == [str(record_id("r", "patient", "p1"))] * 2 + [
        str(record_id("r", "company", "c1"))]
    assert all(b"Ann" not in s.state and b"Acme" not in s.state for s in stored)
    back = mapper.to_domain_event(stored[0])
    assert isinstance(back, ClinicRecord.Derived) and back.fields["first_name"] == "Ann"


def test_a_shredded_subject_reads_as_a_tombstone_everywhere(keyring: SQLiteKeyring,
                                                            db: Path) -> None:
    mapper = ShreddingMapper(OrjsonTranscoder(), keyring, MASTER)
    [event] = mapper.prepare([_derived("patient", "p1", first_name="Ann")])
    stored = mapper.to_stored_event(event)
    subject = str(record_id("r", "patient", "p1"))
    assert keyring.shred([(subject, "r")]) == [subject]
    assert isinstance(mapper.to_domain_event(stored), Tombstone)
    other = SQLiteKeyring(MASTER, db)  # another process: it learns of the erasure at open
    try:
        assert other.is_forgotten(subject)
        with pytest.raises(SubjectForgotten):
            other.key(subject)
        late = ShreddingMapper(OrjsonTranscoder(), other, MASTER)
        assert late.prepare([_derived("patient", "p1", first_name="Ann")]) == []
        assert late.suppressed == 1
    finally:
        other.close()


def test_a_wrong_master_key_is_refused_before_anything_is_read(keyring: SQLiteKeyring,
                                                               db: Path) -> None:
    with pytest.raises(TerminalError, match="another key"):
        SQLiteKeyring(os.urandom(32), db)


def test_keys_are_wrapped_and_bound_to_their_subject(keyring: SQLiteKeyring, db: Path) -> None:
    subject = str(UUID(int=7))
    keyring.ensure([(subject, subject, "r")])
    key = keyring.key(subject)
    assert key not in db.read_bytes()
    conn = sqlite3.connect(str(db))
    try:
        # A wrapped key moved to another subject's row does not open.
        conn.execute("INSERT INTO c2n_keys SELECT ?, run, wrapped, created_at FROM c2n_keys "
                     "WHERE subject = ?", (str(UUID(int=8)), subject))
        conn.commit()
    finally:
        conn.close()
    again = SQLiteKeyring(MASTER, db)
    try:
        with pytest.raises(ValueError):
            again.key(str(UUID(int=8)))
    finally:
        again.close()


def test_each_source_page_has_a_key_of_its_own_and_shreds_alone(keyring: SQLiteKeyring) -> None:
    """A page mixes patients: it is sealed for itself, and once its key is destroyed it reads
    as a placeholder that rebuilding the file's aggregate steps over."""
    mapper = ShreddingMapper(OrjsonTranscoder(), keyring, MASTER)
    source = SourceFile.register("r", {"name": "a.csv", "sha256": "ab" * 32})
    source.read_rows([{"n": 1, "v": {"name": "Ann"}, "p": None, "pf": None}])
    source.read_rows([{"n": 2, "v": {"name": "Bob"}, "p": None, "pf": None}])
    source.complete_reading()
    stored = [mapper.to_stored_event(e) for e in mapper.prepare(source.collect_events())]
    pages = [str(page_subject(source.id, v)) for v in (2, 3)]
    assert [envelope_subject(s.state) for s in stored] == [None, *pages, None]
    assert all(b"Ann" not in s.state and b"Bob" not in s.state for s in stored)
    assert keyring.shred([(pages[0], "")]) == [pages[0]]
    back = [mapper.to_domain_event(s) for s in stored]
    assert isinstance(back[1], PageShredded) and not back[1].resealing
    assert isinstance(back[2], SourceFile.RowsRead) and back[2].rows[0]["v"] == {"name": "Bob"}
    rebuilt = None
    for event in back:
        rebuilt = event.mutate(rebuilt)
    assert isinstance(rebuilt, SourceFile) and rebuilt.version == 4
    assert rebuilt.complete and rebuilt.rows_read == 2  # as read, shredded page included
