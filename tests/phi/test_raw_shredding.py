"""The raw export rows of a forgotten patient: resealed page by page without them, the earlier
page keys destroyed; resumable after a kill, kept shredded when an export is extracted again,
and reported when a log from before page keys cannot shred them. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest

from consumers.bootstrap import Engine, Settings
from consumers.services import extract as extract_service
from consumers.services.forget import forget_patient
from tests.phi.conftest import InProcessOperator, engine_at, new_key, operator_env
from tests.phi.reading import Decrypted, decrypt_all
from tests.phi.sentinels import FORGET, FORGET_ID, KEEP, KEEP_ID, found_in, scan_home, sentinel_export
from tests.phi.test_postgres import scan_schema

# Pages of 60 rows instead of 500: the same paging, a tenth of the rows to extract and derive.
# The export's other files (under 50 rows each) still fit one page; its 33 patients, FILLER
# and LATE make patients.csv span exactly three.
PAGE = 60
FILLER = 2 * PAGE + 10  # patients appended: patients.csv spans three pages
LATE_ID, LATE = "1999003", ("zqxlatefirst", "zqxlate.mail")  # a patient on the last page


@dataclass
class Log:
    home: Path
    key: str
    url: str | None
    op: InProcessOperator
    export: Path

    def settings(self) -> Settings:
        return Settings(home=self.home, database_url=self.url, cipher_key=self.key)


def _append_patients(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with path.open("a", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        for i in range(FILLER):
            writer.writerow({k: "" for k in header} | {
                "ID": str(1990000 + i), "First Name": f"Filler{i}", "Last Name": "Example",
                "Date of Birth": "1980-01-01", "Country": "US", "Status": "Active"})
        writer.writerow({k: "" for k in header} | {
            "ID": LATE_ID, "First Name": "Zqxlatefirst", "Last Name": "Example",
            "Email": "zqxlate.mail@example.com", "Country": "US", "Status": "Active"})


@pytest.fixture(params=["sqlite", "postgres"])
def log(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Log:
    """A derived log with a cipher key (no Nutshell needed), patients.csv three pages long."""
    monkeypatch.setattr(extract_service, "ROW_PAGE", PAGE)  # for the test's extractions too
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    export = sentinel_export(tmp_path / "export")
    _append_patients(export / "patients.csv")
    key = new_key()
    home = tmp_path / "home"
    op = InProcessOperator(env=operator_env(home, None, key, url), cwd=tmp_path)
    op.run("extract", str(export))
    op.json("map", "propose")
    op.json("map", "confirm", "--by", "alice", expect=(0, 1))
    return Log(home, key, url, op, export)


def _reseals(engine: Engine) -> Counter[tuple[str, int]]:
    """(file stream, page) -> readable RowsResealed events of it; a reseal superseded by a
    newer one reads as shredded, its page unknown: (file stream, 0)."""
    return Counter((e.originator_id, 0 if e.forgotten else e.state["page"])
                   for e in decrypt_all(engine).events if e.name == "RowsResealed")


def _file_id(engine: Engine, name: str) -> UUID:
    [fid] = [fid for fid, info in engine.app.run("default").files.items()
             if info["name"] == name]
    return UUID(fid)


def _no_sentinel_readable(log: Log, sentinels: tuple[str, ...]) -> None:
    """Not in any file of HOME nor (PostgreSQL) any table as stored, nor in any event read
    back with the cipher key; the kept patient's values all are, read back."""
    assert scan_home(log.home) == {}
    if log.url:
        assert scan_schema(log.url) == {}
    with engine_at(log.settings()) as engine:
        text = Decrypted.text(decrypt_all(engine).events)
        assert found_in(text, sentinels) == set()
        assert found_in(text, KEEP) == set(KEEP)


class Killed(Exception):
    pass


def test_a_forget_killed_between_reseal_and_key_destruction_resumes(
        log: Log, monkeypatch: pytest.MonkeyPatch) -> None:
    with engine_at(log.settings()) as engine:
        assert engine.keyring is not None

        def killed(subjects: object) -> list[str]:
            raise Killed  # the process dies before any key is destroyed

        monkeypatch.setattr(engine.keyring, "shred", killed)
        with pytest.raises(Killed):
            forget_patient(engine, FORGET_ID, "dpo")
        reseals = _reseals(engine)
        # Patient, note and appointment pages sealed again; the old sealings still open.
        assert len(reseals) == 3 and set(reseals.values()) == {1}
        assert "zqxforgetfirst" in found_in(Decrypted.text(decrypt_all(engine).events), FORGET)
    with engine_at(log.settings()) as engine:
        done = forget_patient(engine, FORGET_ID, "dpo").to_json()
        [run] = done["runs"]
        assert not run["already_forgotten"] and run["keys_destroyed"] == 1
        assert run["pages_resealed"] == 0 and run["page_keys_destroyed"] == 3
        assert _reseals(engine) == reseals  # nothing sealed twice
        assert engine.app.record("default", "patient", KEEP_ID) is not None
    _no_sentinel_readable(log, FORGET)


def test_pages_resealed_twice_read_from_the_newest_and_others_stay_whole(log: Log) -> None:
    """Two patients on the first page of patients.csv, forgotten one after the other, and one
    on its last page: only those pages are resealed, the rows keep their order and the file
    its counts, and every other patient derives again."""
    with engine_at(log.settings()) as engine:
        fid = _file_id(engine, "patients.csv")
        before = list(engine.app.iter_rows(fid))
        first = forget_patient(engine, FORGET_ID, "dpo").to_json()["runs"][0]
        second = forget_patient(engine, "1000000", "dpo").to_json()["runs"][0]
        late = forget_patient(engine, LATE_ID, "dpo").to_json()["runs"][0]
        assert first["pages_resealed"] == 3  # patients, notes, appointments: one page each
        assert second["pages_resealed"] >= 1 and late["pages_resealed"] == 1
        in_patients = Counter(page for (stream, page) in _reseals(engine)
                              if UUID(stream) == fid)
        # Page 1 (version 2) twice, the first sealing shredded; page 3 (version 4) once.
        assert in_patients == {2: 1, 0: 1, 4: 1}
        after = list(engine.app.iter_rows(fid))
        gone = {FORGET_ID, "1000000", LATE_ID}
        assert [r for r in before if r["v"]["ID"] not in gone] == after
        numbers = [r["n"] for r in engine.app.iter_rows(fid, erased=True)]
        assert numbers == [r["n"] for r in before]
        source = engine.app.source_file(fid)  # rebuilt over three shredded sealings
        assert source is not None and source.complete and source.rows_read == len(before)
        assert found_in(Decrypted.text(decrypt_all(engine).events), FORGET + LATE) == set()
    confirmed = log.op.json("map", "confirm", "--by", "alice", expect=(0, 1))
    patients = confirmed["files"]["patients.csv"]
    assert patients["erased"] == 3 and confirmed["balanced"]
    assert patients["read"] == patients["derived"] + patients["quarantined"] + 3
    with engine_at(log.settings()) as engine:
        assert engine.app.record("default", "patient", KEEP_ID) is not None
        assert engine.app.record("default", "patient", "1990000") is not None
        for gone_id in gone:
            assert engine.app.record("default", "patient", gone_id) is None
    _no_sentinel_readable(log, FORGET + LATE)


def test_extracting_again_after_a_forget_keeps_the_patient_shredded(log: Log,
                                                                     tmp_path: Path) -> None:
    log.op.json("forget", "--patient", FORGET_ID, "--by", "dpo")
    with engine_at(log.settings()) as engine:
        top = engine.reader.max_position()
    same = log.op.json("extract", str(log.export))
    assert all(f["skipped"] for f in same["files"])
    with engine_at(log.settings()) as engine:
        assert engine.reader.max_position() == top  # the same export: nothing appended
    # A newer export from the clinic that still holds the patient (one row more elsewhere).
    newer = tmp_path / "newer"
    shutil.copytree(log.export, newer)
    with (newer / "patients.csv").open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with (newer / "patients.csv").open("a", newline="", encoding="utf-8") as f:
        csv.DictWriter(f, fieldnames=header).writerow({k: "" for k in header} | {
            "ID": "1999004", "First Name": "Newer", "Last Name": "Example", "Country": "US"})
    done = log.op.json("extract", str(newer))
    assert [f["name"] for f in done["files"] if not f["skipped"]] == ["patients.csv"]
    assert done["forgotten_rows_shredded"] == {"rows": 1, "pages": 1, "unchecked_files": []}
    _no_sentinel_readable(log, FORGET)
    confirmed = log.op.json("map", "confirm", "--by", "alice", expect=(0, 1))
    assert confirmed["files"]["patients.csv"]["erased"] == 2  # one in each extraction
    with engine_at(log.settings()) as engine:
        assert engine.app.record("default", "patient", FORGET_ID) is None
    # Another run of the same log is told: ids are not kept, so it cannot look for them.
    other = InProcessOperator(env={**log.op.env, "C2N_RUN": "second"}, cwd=tmp_path)
    assert other.json("extract", str(newer))["forgotten_in_other_runs"] == 1


def test_a_log_sealed_before_page_keys_says_which_rows_it_could_not_shred(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages sealed with the master key (the earlier releases) cannot be shredded: forget
    still takes the rows out of what derivation reads, and lists them as left readable."""
    import adapters.stores.shredding_mapper as shredding_mapper

    key = new_key()
    home = tmp_path / "home"
    op = InProcessOperator(env=operator_env(home, None, key), cwd=tmp_path)
    with monkeypatch.context() as legacy:
        legacy.setattr(shredding_mapper, "_PAGES", frozenset())
        op.run("extract", str(sentinel_export(tmp_path / "export")))
    op.json("map", "propose")
    op.json("map", "confirm", "--by", "alice", expect=(0, 1))
    done = op.json("forget", "--patient", FORGET_ID, "--by", "dpo")
    readable = {r["file"] for r in done["not_shredded"]["raw_rows"]}
    assert {"patients.csv", "treatment_notes.csv", "appointments.csv"} <= readable
    assert done["runs"][0]["page_keys_destroyed"] == 0
    assert any("re-extract" in step for step in done["next_steps"])
    confirmed = op.json("map", "confirm", "--by", "alice", expect=(0, 1))
    assert confirmed["files"]["patients.csv"]["erased"] == 1
    with engine_at(Settings(home=home, cipher_key=key)) as engine:
        rows = engine.app.iter_rows(_file_id(engine, "patients.csv"))
        assert FORGET_ID not in {r["v"]["ID"] for r in rows}
        assert "zqxforgetfirst" in found_in(Decrypted.text(decrypt_all(engine).events), FORGET)


def test_without_a_cipher_key_forget_refuses_and_nothing_changes(tmp_path: Path) -> None:
    op = InProcessOperator(env=operator_env(tmp_path / "home", None, None), cwd=tmp_path)
    op.run("extract", str(sentinel_export(tmp_path / "export")))
    op.json("map", "propose")
    op.json("map", "confirm", "--by", "alice", expect=(0, 1))
    refused = op.run("forget", "--patient", FORGET_ID, "--by", "dpo", expect=2)
    assert "C2N_CIPHER_KEY" in refused.stderr and FORGET_ID not in refused.stderr
    again = op.json("map", "confirm", "--by", "alice", expect=(0, 1))
    assert again["balanced"] and all(b["erased"] == 0 for b in again["files"].values())
    assert again["files"]["patients.csv"]["derived"] >= 2
