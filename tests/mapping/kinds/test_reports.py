"""Reports as a practice prints them, through the commands an operator runs (extract, map
propose, map check): no id columns, the patient known by chart number, title lines, the header
again after a page break, totals. Built here with titles, totals and headers of their own."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.proposal.propose import propose
from tests.mapping.test_proposal import profile_of
from tests.mapping.whole import run_json as _run

PEOPLE = [(f"K-{i:04}", f"TANAKA, YUMI {chr(65 + i)}", f"0{1 + i % 9}/1{i % 10}/19{60 + i}")
          for i in range(12)]


def _export(folder: Path) -> None:
    folder.mkdir()
    roster = ["Patient,Chart No,DOB,Phone"]
    roster += [f'"{name}",{chart},{dob},(512) 555-01{i:02}'
               for i, (chart, name, dob) in enumerate(PEOPLE)]
    (folder / "Patient roster.csv").write_text("\n".join(roster) + "\n", encoding="utf-8")
    # a visit list printed to Unicode text: no visit id, the patient by chart number and name
    header = "Visit Date\tTime\tChart No\tPatient\tTreatment\tFee"
    lines = ["Day Sheet", "Harbour Dental Group", "Printed 02/03/2026 08:01", "", header]
    for i, (chart, name, _) in enumerate(PEOPLE * 2):
        if i == 14:
            lines += ["", "Page 1", "Day Sheet", "Harbour Dental Group", header]
        lines.append(f"02/{10 + i % 18}/2026\t{8 + i % 4}:30 AM\t{chart}\t{name}\tExam\t$95.00")
    lines += ["", "Total\t\t\t\t\t$2,280.00", "Page 2"]
    (folder / "Visits printed.txt").write_bytes("\r\n".join(lines).encode("utf-16"))
    # a balance per patient, as a workbook with title rows and a total row
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Outstanding Balances"])
    sheet.append(["As of 28/02/2026"])
    sheet.append(["Chart No", "Patient", "Owing"])
    for i, (chart, name, _) in enumerate(PEOPLE):
        sheet.append([chart, name, 12.5 * (i + 1)])
    sheet.append(["Grand Total", None, 975.0])
    book.save(folder / "Outstanding balances.xlsx")


def test_reports_with_chart_numbers_and_no_ids_land_whole(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _export(tmp_path / "export")
    assert main(["extract", str(tmp_path / "export")]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    roster, visits = doc.files["Patient roster.csv"], doc.files["Visits printed.txt"]
    balances = doc.files["Outstanding balances.xlsx"]
    # the chart number is the patient's id; the printed name is no id and no reference
    assert roster.columns["Chart No"].target == "patient.source_id"
    assert roster.columns["Patient"].target != "patient.source_id"
    assert (visits.kind, balances.kind) == ("appointment", "billing")
    assert visits.columns["Chart No"].target == "appointment.patient_source_id"
    assert visits.columns["Patient"].target is None
    assert balances.columns["Chart No"].target == "billing.patient_source_id"
    # rows with no id of their own: ids derived from the chart number (and the row)
    assert visits.derived_id is not None and visits.derived_id.columns == ["Chart No"]
    assert balances.derived_id is not None and balances.derived_id.columns == ["Chart No"]
    report = _run(capsys, "map", "check")
    files = report["files"]
    # rows read = records + quarantined + furniture: titles, the page's header, totals
    assert {n: (f["read"], f["derived"], f["quarantined"], f["furniture"])
            for n, f in files.items()} == {
        "Patient roster.csv": (12, 12, 0, 0),
        "Visits printed.txt": (24 + 9, 24, 0, 9),
        "Outstanding balances.xlsx": (12 + 3, 12, 0, 3)}
    landing = report["landing"]
    assert {k: (v["landing"], v["unresolved_references"]) for k, v in landing.items()} == {
        "patient": (12, 0), "appointment": (24, 0), "billing": (12, 0)}


def test_a_per_patient_table_named_after_patients_is_its_other_kind(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Patient account summary`: named after patients, headed `Patient`/`Chart No`, but its
    # chart numbers are all patients of the roster and it holds only an amount beside them
    folder = tmp_path / "export"
    _export(folder)
    (folder / "Visits printed.txt").unlink()
    (folder / "Outstanding balances.xlsx").unlink()
    summary = ["Patient Account Summary", "", "Patient,Chart No,Amount Owing"]
    summary += [f'"{name}",{chart},${i}.75' for i, (chart, name, _) in enumerate(PEOPLE[:9])]
    summary += ['Total,,"$44.75"']
    (folder / "Patient account summary.csv").write_text("\n".join(summary) + "\n",
                                                        encoding="utf-8")
    assert main(["extract", str(folder)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    fm = load_mapping(home / "mapping.yaml").files["Patient account summary.csv"]
    assert fm.kind == "billing"
    assert fm.columns["Chart No"].target == "billing.patient_source_id"
    report = _run(capsys, "map", "check")
    assert report["landing"]["patient"]["landing"] == 12  # nobody a second time
    assert report["landing"]["billing"] == {"records": 9, "landing": 9, "duplicates": 0,
                                            "unresolved_references": 0}


def test_a_reports_total_column_is_no_last_event() -> None:
    headers = ["Account", "Total Paid", "Amount Paid", "Balance Due"]
    rows = [[f"A{i}", f"${100 + i}.00", f"${i}.50", f"${i}.00"] for i in range(8)]
    doc = propose({"Account statement.csv": (headers, profile_of(headers, rows))})
    columns = doc.files["Account statement.csv"].columns
    assert columns["Total Paid"].target is None  # a sum of payments, kept as a custom field
    assert columns["Amount Paid"].target == "billing.last_payment_amount"


def test_a_key_value_report_counts_its_furniture(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "patient.csv").write_text("PatNum,LName,FName\n" + "".join(
        f"{i + 1},Lee{i},Ann{i}\n" for i in range(6)), encoding="utf-8")
    # the patients' extra fields, printed as a report
    lines = ["Patient Fields Report", "Printed 02/03/2026", "", "PatNum,FieldName,FieldValue"]
    for i in range(6):
        lines += [f"{i + 1},Occupation,Baker{i}", f"{i + 1},Referred By,Friend{i}",
                  f"{i + 1},Email,ann{i}@clinic.example.com"]
    lines += ["Count: 18", "Page 1 of 1"]
    (folder / "patfields.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["extract", str(folder)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    assert load_mapping(home / "mapping.yaml").files["patfields.csv"].key_value is not None
    report = _run(capsys, "map", "check")
    balance = report["files"]["patfields.csv"]
    assert balance["top_reasons"] == [], balance
    assert (balance["read"], balance["quarantined"], balance["furniture"]) == (18 + 4, 0, 4)
    confirmed = _run(capsys, "map", "confirm", "--by", "tester")["files"]["patfields.csv"]
    assert (confirmed["read"], confirmed["quarantined"], confirmed["furniture"]) == (22, 0, 4)
    assert confirmed["read"] == (confirmed["derived"] + confirmed["quarantined"]
                                 + confirmed["dropped"] + confirmed["furniture"])
