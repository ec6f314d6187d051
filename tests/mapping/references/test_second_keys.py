"""A reference to the other key of the file it points at: a patient list with a register
number and a chart number (the chart number its own id), the clinical notes naming the
patient by the register number. Each note's value reads as that patient's own id, so the
notes resolve rather than all being orphans. Run in process through extract and map propose."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.records.rules import lookup


def test_a_reference_by_the_other_key_reads_as_the_own_id(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    patients = "".join(f"{101 + i},{2000001 + i * 7},Name{i},Surname{i},1980-01-{1 + i % 28:02d}\n"
                       for i in range(60))
    notes = "".join(f"{5001 + j},{101 + j % 60},2024-02-{1 + j % 28:02d},seen today\n"
                    for j in range(90))
    monkeypatch.setenv("C2N_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("C2N_DATABASE_URL", raising=False)
    source = tmp_path / "export"
    source.mkdir()
    (source / "patients.csv").write_text(
        "Registro,Chart No,First Name,Last Name,Date of Birth\n" + patients, encoding="utf-8")
    (source / "clinical notes.csv").write_text(
        "Note ID,Patient,Date,Clinical Note\n" + notes, encoding="utf-8")
    assert main(["extract", str(source)]) == 0
    main(["map", "propose"])  # clinical notes wait for the clinical-content opt-in: told so
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    own = next(h for h, c in doc.files["patients.csv"].columns.items()
               if c.target == "patient.source_id")
    patient = doc.files["clinical notes.csv"].columns["Patient"]
    assert patient.target.endswith(".patient_source_id")
    assert own == "Chart No"  # the chart number is the own id: the register number is read as it
    assert lookup(patient.values, "101") == "2000001"
    assert lookup(patient.values, "160") == str(2000001 + 59 * 7)
