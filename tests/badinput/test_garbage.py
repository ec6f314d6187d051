"""Binary garbage under a data file's name: read as far as it can be, never a crash."""

from __future__ import annotations

import pytest

from tests.badinput.builders import PATIENT_HEADER, csv_text, garbage, patient
from tests.badinput.conftest import Hostile

pytestmark = pytest.mark.faults


def test_garbage_csv_is_read_as_problem_rows_and_every_row_quarantined(hostile: Hostile) -> None:
    (hostile.src / "garbage.csv").write_bytes(garbage(16 * 1024))
    with hostile.contained():
        extracted = hostile.json("extract", str(hostile.src), expect=1)["files"]
        hostile.run("map", "propose", expect=0)
        confirmed = hostile.json("map", "confirm", "--by", "qa", expect=1)
        quarantines = hostile.quarantines()
    (only,) = extracted
    assert only["name"] == "garbage.csv" and only["rows"] > 0 and only["problems"] > 0
    balance = confirmed["files"]["garbage.csv"]
    assert balance["read"] == only["rows"]
    assert balance["read"] == (balance["derived"] + balance["quarantined"] + balance["dropped"]
                               + balance["furniture"])
    # nothing in it is a record: each row is held with its reason, or is a line of no table
    # at all (report furniture, counted and named as such)
    assert balance["derived"] == balance["dropped"] == 0
    assert balance["quarantined"] > 0
    assert len(quarantines) == balance["quarantined"]
    assert {q["file"] for q in quarantines} == {"garbage.csv"}
    assert all(q["rows"] and q["reason"] for q in quarantines)


@pytest.mark.parametrize("name", ["garbage.xlsx", "garbage.json"])
def test_garbage_workbook_or_fhir_file_is_refused_naming_the_file(hostile: Hostile,
                                                                 name: str) -> None:
    (hostile.src / name).write_bytes(garbage(64 * 1024))
    with hostile.contained():
        done = hostile.run("extract", str(hostile.src / name), expect=1)
        status = hostile.json("status", expect=1)
    (message,) = hostile.errors(done)
    assert message.startswith(f"c2n: {name}: ")
    assert status["run"]["files"] == 0  # refused whole: no half-read file in the log


def test_garbage_next_to_a_good_file_does_not_lose_the_good_file(hostile: Hostile) -> None:
    (hostile.src / "patients.csv").write_text(csv_text(PATIENT_HEADER, [patient(1), patient(2)]))
    (hostile.src / "zz-garbage.xlsx").write_bytes(garbage(4096))
    with hostile.contained():
        done = hostile.run("extract", str(hostile.src), expect=1)
        status = hostile.json("status", expect=1)
    assert [m for m in hostile.errors(done) if "zz-garbage.xlsx" in m]
    assert status["run"]["files"] == 1  # patients.csv, read before the refusal, stays read
