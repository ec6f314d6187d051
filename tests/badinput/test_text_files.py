"""Delimited text that breaks the reader's assumptions: one row flagged, the rest read."""

from __future__ import annotations

from typing import Any

import pytest

from tests.badinput.builders import PATIENT_HEADER, csv_text, patient
from tests.badinput.conftest import Hostile

pytestmark = pytest.mark.faults

HUGE_CELL = 20 << 20  # characters: twenty times the reader's per-cell limit


def _migrate(hostile: Hostile, name: str) -> tuple[dict[str, Any], dict[str, Any], list[Any]]:
    """extract, propose, confirm: (extract entry, confirm balance, quarantine details)."""
    with hostile.contained():
        (extracted,) = hostile.json("extract", str(hostile.src / name), expect=1)["files"]
        hostile.run("map", "propose", expect=0)
        confirmed = hostile.json("map", "confirm", "--by", "qa", expect=1)  # 1: quarantined
        quarantines = hostile.quarantines()
    balance = confirmed["files"][name]
    assert balance["read"] == extracted["rows"]
    assert balance["read"] == balance["derived"] + balance["quarantined"]
    return extracted, balance, quarantines


def test_cell_far_past_the_size_limit_quarantines_that_row_only(hostile: Hostile) -> None:
    hostile.secrets.append("x" * 64)
    path = hostile.src / "patients.csv"
    with path.open("w", newline="") as out:
        out.write(csv_text(PATIENT_HEADER, [patient(1)]))
        head = csv_text(PATIENT_HEADER, [patient(2, Address_2="CELL")]).splitlines()[1]
        before, _, after = head.partition("CELL")
        out.write(before)
        chunk = "x" * (1 << 20)
        for _ in range(HUGE_CELL // len(chunk)):
            out.write(chunk)
        out.write(after + "\r\n")
        out.write(csv_text(PATIENT_HEADER, [patient(3)]).splitlines()[1] + "\r\n")
    extracted, balance, quarantines = _migrate(hostile, "patients.csv")
    assert (extracted["rows"], extracted["problems"]) == (3, 1)
    assert (balance["derived"], balance["quarantined"]) == (2, 1)
    (q,) = quarantines
    assert (q["file"], q["rows"], q["field"]) == ("patients.csv", [2], "address_line2")
    assert "longer than" in q["reason"]
    assert "xxxx" not in str(q)


def test_invalid_utf8_bytes_flag_the_row_and_field(hostile: Hostile) -> None:
    rows = [patient(n, First_Name=f"Zo\u00eb{n}", City="Malm\u00f6") for n in range(1, 41)]
    rows[1]["Last Name"] = "SLOT"
    hostile.secrets.extend(["Zo\u00eb", "Malm"])
    good = csv_text(PATIENT_HEADER, rows).encode("utf-8")
    # A truncated multi-byte sequence and bytes that never occur in UTF-8.
    (hostile.src / "patients.csv").write_bytes(good.replace(b"SLOT", b"Br\xc3\xff\xfe\x80nn"))
    extracted, balance, quarantines = _migrate(hostile, "patients.csv")
    assert (extracted["rows"], extracted["problems"]) == (40, 1)
    assert (balance["derived"], balance["quarantined"]) == (39, 1)
    (q,) = quarantines
    assert (q["file"], q["rows"], q["field"]) == ("patients.csv", [2], "last_name")
    assert "undecodable" in q["reason"] and not any(v in str(q) for v in hostile.secrets)


def _row_five_in_another_encoding(hostile: Hostile, file_encoding: str,
                                  row_encoding: str) -> dict[str, Any]:
    """40 patients with accented names written in one encoding, row 5 in another; returns
    the quarantine of row 5, the one problem, after checking its neighbour read right."""
    rows = [patient(n, First_Name=f"Ren\u00e9e{n}", City="Malm\u00f6") for n in range(1, 41)]
    hostile.secrets.extend(["Ren", "Malm"])
    header, *lines = csv_text(PATIENT_HEADER, rows).encode(file_encoding).split(b"\r\n")
    lines[4] = csv_text(PATIENT_HEADER, [patient(5, First_Name="Ren\u00e9e5", City="Malm\u00f6")]
                        ).encode(row_encoding).split(b"\r\n")[1]
    (hostile.src / "patients.csv").write_bytes(b"\r\n".join([header, *lines]))
    extracted, balance, quarantines = _migrate(hostile, "patients.csv")
    assert (extracted["rows"], extracted["problems"]) == (40, 1)
    assert (balance["derived"], balance["quarantined"]) == (39, 1)
    (q,) = quarantines
    assert (q["file"], q["rows"], q["field"]) == ("patients.csv", [5], "first_name")
    assert not any(v in str(q) for v in hostile.secrets)
    neighbour = hostile.fields("patient", "6")
    assert (neighbour["first_name"], neighbour["city"]) == ("Ren\u00e9e6", "Malm\u00f6")
    return q


def test_file_mixing_windows_1252_and_utf8_flags_the_rows_that_do_not_fit(
        hostile: Hostile) -> None:
    """Mostly UTF-8 with one row typed on a Windows-1252 machine: the file reads as UTF-8 (the
    reader decides over every byte) and only that row is flagged, not silently misread."""
    q = _row_five_in_another_encoding(hostile, "utf-8", "cp1252")
    assert "undecodable" in q["reason"]


def test_file_mostly_windows_1252_flags_the_rows_written_as_utf8(hostile: Hostile) -> None:
    """The other way round: a Windows-1252 export with one row pasted in as UTF-8. Read as
    Windows-1252 that row would silently become "RenÃ©e"; it is flagged instead."""
    q = _row_five_in_another_encoding(hostile, "cp1252", "utf-8")
    assert "UTF-8" in q["reason"]
