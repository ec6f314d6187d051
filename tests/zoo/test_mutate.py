"""The mutation harness changes an export and its answer key together, and deterministically.

A two-file export is built here (patients, and appointments naming them by id); each check
reads the variant's files back with the zoo's own reader (the csv module and openpyxl, never
the engine) and holds them against the variant's key.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from tests.zoo.keys import read_table
from tools.zoo.mutate import load, mutate, write
from tools.zoo.writers import Table, write_export

PATIENTS = [("P1", "Ada", "Lovelace", "ada@example.org", "10/12/1980"),
            ("P2", "Alan", "Turing", "alan@example.org", "23/06/1972"),
            ("P3", "Grace", "Hopper", "grace@example.org", "09/12/1966")]


def _export(folder: Path) -> Path:
    patients = Table("Patients.csv", "patient", {
        "ID": "patient.source_id", "First Name": "patient.first_name",
        "Last Name": "patient.last_name", "Email": "patient.email",
        "Date of Birth": "patient.date_of_birth", "Occupation": "custom"},
        [[*p, "Engineer"] for p in PATIENTS], {"patient": 3})
    visits = Table("Appointments.csv", "appointment", {
        "Appointment ID": "appointment.source_id", "Patient ID": "appointment.patient_source_id",
        "Start": "appointment.starts_at", "Notes": "appointment.notes"},
        [[f"A{i}", PATIENTS[i % 3][0], f"{14 + i:02d}/01/2024 09:{i:02d}", f"note {i}"]
         for i in range(12)], {"appointment": 12})
    meta = {"export": "tiny", "vendor": "Tiny", "country": "GB", "date_order": "DMY",
            "half": "tuning"}
    write_export(folder, meta, [patients, visits])
    return folder


def _read(folder: Path) -> tuple[dict[str, Any], dict[str, dict[str, list[Any]]]]:
    """The variant's key, and per file each column's cells under its header."""
    key = yaml.safe_load((folder / "answer_key.yaml").read_text(encoding="utf-8"))
    out = {}
    for name, spec in key["files"].items():
        header, rows = read_table(folder, name, spec)
        assert sorted(header) == sorted(spec["columns"]), name  # every header is in the key
        out[name] = {h: [r[i] for r in rows] for i, h in enumerate(header)}
    return key, out


def _by_truth(key: dict[str, Any], cells: dict[str, dict[str, list[Any]]]) -> list[Any]:
    """Per file, each column's truth with its cells, whatever the header is called."""
    return sorted((name, v, [str(c) for c in cells[name][h]])
                  for name, spec in key["files"].items() for h, v in spec["columns"].items())


def test_a_renamed_header_is_renamed_in_the_key_and_keeps_its_cells(tmp_path: Path) -> None:
    source = _export(tmp_path / "src")
    before_key, before = _read(source)
    for mutation in ("synonyms", "translate", "abbreviate", "recase", "prefix", "shuffle"):
        out = tmp_path / mutation
        variant = mutate(source, 7, [mutation])
        write(variant, out)
        key, cells = _read(out)
        renamed = [h for h in key["files"]["Patients.csv"]["columns"]
                   if h not in before_key["files"]["Patients.csv"]["columns"]]
        if mutation != "shuffle":
            assert renamed, mutation
        # the same truth holds the same cells, whatever its header is now called
        assert _by_truth(key, cells) == _by_truth(before_key, before), mutation
        assert key["expected"] == before_key["expected"]


def test_a_reference_by_name_names_the_person_the_id_named(tmp_path: Path) -> None:
    source = _export(tmp_path / "src")
    names = {p[0]: p for p in PATIENTS}
    for seed in range(6):
        write(mutate(source, seed, ["ref_by_name"]), tmp_path / str(seed))
        key, cells = _read(tmp_path / str(seed))
        spec = key["files"]["Appointments.csv"]["columns"]
        (header, value), = [(h, v) for h, v in spec.items() if "patient_source_id" in v]
        assert value in ("appointment.patient_source_id (by name)",
                         "appointment.patient_source_id (by email)")
        for i, written in enumerate(cells["Appointments.csv"][header]):
            pid, first, last, mail, _ = names[PATIENTS[i % 3][0]]
            assert written in (f"{first} {last}", f"{last}, {first}", mail), (pid, written)


def test_dates_restyled_are_the_same_days_in_the_keys_order(tmp_path: Path) -> None:
    source = _export(tmp_path / "src")
    styles = set()
    for seed in range(8):
        variant = mutate(source, seed, ["dates"])
        write(variant, tmp_path / str(seed))
        key, cells = _read(tmp_path / str(seed))
        styles.add(key["date_order"])
        births = cells["Patients.csv"][next(h for h, v in key["files"]["Patients.csv"][
            "columns"].items() if v == "patient.date_of_birth")]
        for written, (*_, dob) in zip(births, PATIENTS, strict=True):
            assert _day(written, key["date_order"]) == datetime.strptime(dob, "%d/%m/%Y").date()
    assert len(styles) >= 2  # the seed chooses among styles


def _day(text: str, order: str) -> date:
    import re

    a, b, c = (int(x) for x in re.split(r"[/.-]", text)[:3])
    if order == "YMD":
        return date(a, b, c)
    year = c if c > 99 else 1900 + c if c > 30 else 2000 + c
    return date(year, b, a) if order == "DMY" else date(year, a, b)


def test_a_split_moment_and_joined_names_say_their_parts_in_the_key(tmp_path: Path) -> None:
    source = _export(tmp_path / "src")
    write(mutate(source, 3, ["split_datetime", "join_names"]), tmp_path / "v")
    key, cells = _read(tmp_path / "v")
    visits = key["files"]["Appointments.csv"]["columns"]
    assert sorted(v for v in visits.values() if "starts_at" in v) == [
        "appointment.starts_at (date part)", "appointment.starts_at (time part)"]
    day = next(h for h, v in visits.items() if v.endswith("(date part)"))
    assert cells["Appointments.csv"][day][0] == "14/01/2024"
    people = key["files"]["Patients.csv"]["columns"]
    (name,) = [h for h, v in people.items() if "full name" in v]
    assert "patient.first_name" not in people.values()
    assert cells["Patients.csv"][name][0] in ("Lovelace, Ada", "LOVELACE, Ada", "Ada Lovelace")


def test_containers_keep_every_row_and_the_same_seed_writes_the_same_bytes(
        tmp_path: Path) -> None:
    source = _export(tmp_path / "src")
    rows_before = sum(len(t.rows) for t in load(source).tables)
    for mutation in ("split_file", "to_workbook", "encoding", "report"):
        for run in ("a", "b"):
            write(mutate(source, 11, [mutation]), tmp_path / mutation / run)
        first, second = (tmp_path / mutation / r for r in ("a", "b"))
        assert {p.name: p.read_bytes() for p in first.iterdir()} == \
            {p.name: p.read_bytes() for p in second.iterdir()}, mutation
        key, cells = _read(first)
        assert sum(len(next(iter(c.values()))) for c in cells.values()) == rows_before, mutation
        assert key["mutations"], mutation


def test_opaque_headers_are_new_words_with_the_same_cells_and_never_drawn_by_a_seed(
        tmp_path: Path) -> None:
    folder = _export(tmp_path / "tiny")
    before = _read(folder)
    variant = mutate(folder, "o1", ["opaque"])
    write(variant, tmp_path / "out")
    key, cells = _read(tmp_path / "out")
    old_headers = {h for spec in before[0]["files"].values() for h in spec["columns"]}
    new_headers = {h for spec in key["files"].values() for h in spec["columns"]}
    assert not new_headers & old_headers
    assert _by_truth(key, cells) == _by_truth(*before)
    drawn = {m.split(":")[0] for seed in range(40) for m in mutate(folder, seed, None, 3).applied}
    assert "opaque" not in drawn


def test_opaque_names_rename_headers_files_and_sheets_and_are_never_drawn(
        tmp_path: Path) -> None:
    folder = _export(tmp_path / "tiny")
    before = _read(folder)
    variant = mutate(folder, "n1", ["opaque_names"])
    write(variant, tmp_path / "out")
    key, cells = _read(tmp_path / "out")
    assert not set(key["files"]) & set(before[0]["files"])
    assert all(name.endswith(".csv") for name in key["files"])
    kinds = sorted(spec["kind"] for spec in key["files"].values())
    assert kinds == ["appointment", "patient"]
    # the same cells under each truth, only the files' and the headers' names changed
    by_kind = {spec["kind"]: sorted((v, [str(c) for c in cells[n][h]])
                                    for h, v in spec["columns"].items())
               for n, spec in key["files"].items()}
    old = {spec["kind"]: sorted((v, [str(c) for c in before[1][n][h]])
                                for h, v in spec["columns"].items())
           for n, spec in before[0]["files"].items()}
    assert by_kind == old
    drawn = {m.split(":")[0] for seed in range(40) for m in mutate(folder, seed, None, 3).applied}
    assert "opaque_names" not in drawn
