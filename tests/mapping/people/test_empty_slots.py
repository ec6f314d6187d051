"""Empty slots: a database that keeps a primary and a secondary insurance row for every patient,
filled or not, and a patient export whose second insurance's columns are mostly blank. A slot
with no carrier and no member number is no insurance: it is dropped on purpose with its reason
(counted as dropped by `map check`), neither landed nor quarantined, nor expected in Nutshell by
the oracle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consumers.cli import main
from domain.mapping import ColumnMapping, FileMapping, MappingDocument, Settings
from domain.oracle.expect import Expector, Resolutions
from domain.oracle.source import SourceRecord
from domain.ports import SourceRow
from domain.records.derive import DerivedRecord, Quarantined, derive_row, row_outcome
from domain.records.empty import Dropped

PATIENTS = "id,first_name,last_name,dob\n" + "".join(
    f"{i},Ann{chr(97 + i)},Lee{chr(97 + i)},1980-02-{1 + i:02d}\n" for i in range(12))
# every patient has a primary and a secondary row; only the even patients' primary is filled
INSURANCE = "id,patient_id,type,carrier,policy_number,copay\n" + "".join(
    f"{2 * i + 1},{i},primary,{'Acme Health' if i % 2 == 0 else '0'},"
    f"{f'W{1000 + i}' if i % 2 == 0 else ''},{'20.00' if i % 2 == 0 else '0.00'}\n"
    f"{2 * i + 2},{i},secondary,0,,0.00\n" for i in range(12))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_empty_insurance_slots_are_dropped_with_a_reason_in_map_check(
        tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    (source / "patients.csv").write_text(PATIENTS, encoding="utf-8")
    (source / "insurance_data.csv").write_text(INSURANCE, encoding="utf-8")
    for argv in (("extract", str(source)), ("map", "propose")):
        code, out = _run(capsys, *argv)
        assert code == 0, out
    code, out = _run(capsys, "map", "check", "--json")
    report = json.loads(out[out.index("{"):])
    insurance = report["files"]["insurance_data.csv"]
    assert insurance["kind"] == "insurance"
    assert (insurance["read"], insurance["derived"], insurance["dropped"],
            insurance["quarantined"]) == (24, 6, 18, 0)
    [why] = insurance["dropped_reasons"]
    assert why["records"] == 18 and why["kind"] == "insurance"
    assert "empty insurance slot" in why["reason"] and "Acme" not in why["reason"]
    assert report["landing"]["insurance"]["records"] == 6
    main(["map", "check"])
    out = " ".join(capsys.readouterr().err.split())  # the terminal view goes to stderr
    assert "18 insurance records dropped on purpose: an empty insurance slot" in out
    main(["map", "confirm", "--by", "pm@clinic.example"])  # the same balance, with reasons
    out = " ".join(capsys.readouterr().err.split())
    assert "18 insurance records dropped on purpose: an empty insurance slot" in out
    assert "insurance_data.csv: rows read 24 = records 6 + quarantined 0 + dropped 18" in out


def _patients_with_insurance() -> FileMapping:
    return FileMapping(kind="patient", columns={
        "ID": ColumnMapping(target="patient.source_id"),
        "Last": ColumnMapping(target="patient.last_name"),
        "Carrier": ColumnMapping(target="insurance.carrier_name"),
        "Member": ColumnMapping(target="insurance.member_id"),
        "Copay": ColumnMapping(target="insurance.copay"),
        "Second Carrier": ColumnMapping(target="insurance.carrier_name", record=2),
        "Second Member": ColumnMapping(target="insurance.member_id", record=2),
        "Second Copay": ColumnMapping(target="insurance.copay", record=2)})


def test_an_empty_second_insurance_beside_a_patient_makes_no_record() -> None:
    row = SourceRow(1, {"ID": "7", "Last": "Lee", "Carrier": "Acme", "Member": "M1",
                        "Copay": "10.00", "Second Carrier": "", "Second Member": "",
                        "Second Copay": "0.00"})
    results = derive_row("patients.csv", _patients_with_insurance(), Settings(), row)
    assert row_outcome(results, "patient") == "derived"
    made = [(r.kind, r.source_id) for r in results if isinstance(r, DerivedRecord)]
    assert made == [("patient", "7"), ("insurance", "7:insurance")]
    [dropped] = [r for r in results if isinstance(r, Dropped)]
    assert dropped.kind == "insurance" and dropped.source_id == "7:insurance:2"
    assert not [r for r in results if isinstance(r, Quarantined)]


def test_a_second_insurance_with_a_member_number_is_still_one() -> None:
    row = SourceRow(1, {"ID": "7", "Last": "Lee", "Carrier": "", "Member": "",
                        "Copay": "", "Second Carrier": "", "Second Member": "X-99",
                        "Second Copay": ""})
    results = derive_row("patients.csv", _patients_with_insurance(), Settings(), row)
    made = [(r.kind, r.source_id) for r in results if isinstance(r, DerivedRecord)]
    assert made == [("patient", "7"), ("insurance", "7:insurance:2")]


def test_the_oracle_expects_no_empty_slot_in_nutshell() -> None:
    doc = MappingDocument(files={"insurance_data.csv": FileMapping(kind="insurance")})
    empty = SourceRecord("insurance", "2", {"patient_source_id": "1", "carrier_name": "0",
                                            "copay": "0.00", "source_id": "2"})
    filled = SourceRecord("insurance", "1", {"patient_source_id": "1", "member_id": "W1",
                                             "source_id": "1"})
    expector = Expector(doc, {("insurance", "2"): empty, ("insurance", "1"): filled},
                        Resolutions(fallback_user="1-users"))
    why = expector.not_expected(empty)
    assert why is not None and "empty insurance slot" in why and "dropped on purpose" in why
    assert expector.not_expected(filled) is None
