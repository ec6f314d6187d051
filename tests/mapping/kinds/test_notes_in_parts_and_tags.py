"""Failure classes of English exports from South and South-East Asian clinics (found by the sixth
hold-out), each on a small export built here: a consultation written in several columns, a
patient's groups (tags), a second typed mobile, the `Handphone`, an appointment's `Category`, an
SMS's type, invoices voided, a CSV saved from a workbook, a company named by its code and a
visit's branch."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.proposal.twins import TableSample, find_twins
from tests.mapping.test_failure_classes import _derive, _propose
from tests.mapping.whole import run_json as _run
from tests.mapping.whole import write_csv as _csv

_FIRST = ("Aarav", "Priya", "Rahul", "Sneha", "Vikram", "Ananya", "Karthik", "Divya", "Arjun")
_LAST = ("Sharma", "Iyer", "Reddy", "Nair", "Patel", "Menon", "Gupta", "Rao")
COMPLAINTS = ("Pain in upper right tooth", "Bleeding gums while brushing", "Hair fall for months",
              "Sensitivity in lower left molar", "Acne on cheeks")
FOUND = ("Tender on percussion", "Inflamed gingiva", "Diffuse thinning", "Comedones and papules")
DIAGNOSES = ("Irreversible pulpitis", "Chronic gingivitis", "Telogen effluvium", "Acne vulgaris")
PLANS = ("", "Review after 2 weeks", "Prescribed topical retinoid", "Advised soft brush", "")


def test_a_consultation_in_several_columns_is_the_notes_body() -> None:
    headers = ["Date", "Patient Number", "Patient Name", "Doctor", "Complaints", "Observations",
               "Diagnoses", "Notes"]
    rows = [[f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024", f"P{1000 + i % 17}",
             f"{_FIRST[i % 9]} {_LAST[i % 8]}", "Dr. Arjun Patel", COMPLAINTS[i % 5],
             FOUND[i % 4], DIAGNOSES[i % 4], PLANS[i % 5]] for i in range(40)]
    doc = _propose({"clinical notes.csv": (headers, rows)}, date_order="DMY")
    fm = doc.files["clinical notes.csv"]
    assert fm.kind == "clinical_note"
    body = next(c for c in fm.combine if c.target == "clinical_note.body")
    assert body.columns == ["Complaints", "Observations", "Diagnoses", "Notes"]
    assert fm.columns["Patient Name"].target is None  # the patient's name, not the title
    assert fm.column_of("clinical_note.source_id") is None  # a sentence is no id
    kinds, quarantined, records = _derive(doc, "clinical notes.csv", headers, rows)
    assert kinds["clinical_note"] == 40 and not quarantined
    assert records[1].fields["body"].split("\n") == [COMPLAINTS[1], FOUND[1], DIAGNOSES[1],
                                                     PLANS[1]]


def _patients(extra: dict[str, list[str]]) -> tuple[list[str], list[list[str]]]:
    headers = ["Patient Number", "Patient Name", "Patient Gender", "Patient Email", *extra]
    rows = [[f"P{1000 + i}", f"{_FIRST[i % 9]} {_LAST[i % 8]}", "MF"[i % 2],
             f"p{i}@example.in", *(values[i] for values in extra.values())] for i in range(36)]
    return headers, rows


def test_a_patients_groups_are_tags_not_an_insurance() -> None:
    headers, rows = _patients({"Patient Groups": [("VIP", "", "Corporate - Acme", "")[i % 4]
                                                  for i in range(36)]})
    doc = _propose({"patients.csv": (headers, rows)})
    assert doc.files["patients.csv"].columns["Patient Groups"].target is None
    kinds, quarantined, _ = _derive(doc, "patients.csv", headers, rows)
    assert kinds == {"patient": 36} and not quarantined


def test_a_second_mobile_is_the_next_phone_free() -> None:
    headers, rows = _patients({
        "Patient Mobile": [f"+91 98{i:03d} 4{i:04d}" for i in range(36)],
        "Patient Secondary Mobile": ["" if i % 3 else f"080-2{i:03d} 4179" for i in range(36)]})
    columns = _propose({"patients.csv": (headers, rows)}).files["patients.csv"].columns
    assert columns["Patient Mobile"].target == "patient.phone_mobile"
    assert columns["Patient Secondary Mobile"].target == "patient.phone_home"


def test_a_handphone_is_the_mobile_and_the_telephone_the_home_phone() -> None:
    headers, rows = _patients({"Handphone": [f"9{i:03d} 2007" for i in range(36)],
                               "Telephone": [f"6{i:03d} 5402" for i in range(36)]})
    columns = _propose({"patients.csv": (headers, rows)}).files["patients.csv"].columns
    assert columns["Handphone"].target == "patient.phone_mobile"
    assert columns["Telephone"].target == "patient.phone_home"


@pytest.mark.parametrize(("name", "headers", "column", "target"), [
    ("appointments.csv", ["Appointment ID", "Start", "Patient Number", "Category", "Status"],
     "Category", "appointment.appointment_type"),
    ("sms log.csv", ["Sent On", "Patient Number", "SMS Type", "Message"], "SMS Type",
     "communication.subject")])
def test_what_kind_of_visit_or_message_it_was(name: str, headers: list[str], column: str,
                                              target: str) -> None:
    words = ("Follow-up", "Consultation", "Scaling & Polishing", "Appointment Reminder")
    rows = []
    for i in range(30):
        cells = {"Appointment ID": f"APT-{2000 + i}", "Start": f"2024-01-{1 + i % 28:02d} 10:30",
                 "Sent On": f"2024-01-{1 + i % 28:02d} 09:00", "Patient Number": f"P{1000 + i % 9}",
                 "Category": words[i % 3], "SMS Type": ("Appointment Reminder",
                                                        "Appointment Confirmation")[i % 2],
                 "Status": ("Scheduled", "Cancelled")[i % 2],
                 "Message": f"Dear patient, your appointment is on {1 + i % 28} Jan at 10:30."}
        rows.append([cells[h] for h in headers])
    assert _propose({name: (headers, rows)}).files[name].columns[column].target == target


def test_void_invoices_are_left_out() -> None:
    headers = ["Invoice No", "Given ID", "Paid", "Outstanding", "Status"]
    rows = [[f"INV-{100 + i}", str(40000 + i % 11), "74.12", "0" if i % 3 else "20.00",
             "Void" if i in (7, 21) else ("Paid", "Unpaid")[i % 2]] for i in range(40)]
    doc = _propose({"invoices.csv": (headers, rows)})
    kinds, quarantined, records = _derive(doc, "invoices.csv", headers, rows)
    assert kinds == {"billing": 38} and not quarantined
    assert not {"INV-107", "INV-121"} & {r.source_id for r in records}


def test_a_csv_saved_from_a_workbook_is_the_workbooks_twin() -> None:
    header = ["Given ID", "Name", "DOB", "Created At"]
    text = [{"Given ID": str(40001 + i), "Name": f"{_FIRST[i % 9]} {_LAST[i % 8]}",
             "DOB": f"{1 + i % 28:02d} May 1986", "Created At": f"{1 + i % 28:02d} Aug 2018 15:41"}
            for i in range(20)]
    book = [{**row, "DOB": f"1986-05-{1 + i % 28:02d} 00:00:00",
             "Created At": f"2018-08-{1 + i % 28:02d}T15:41:00"} for i, row in enumerate(text)]
    twins = find_twins([TableSample.of("Patients.csv", header, 20, text, True),
                        TableSample.of("Patients.xlsx", header, 20, book, False)])
    assert twins == {"Patients.csv": ("Patients.xlsx", 1.0)}


def test_a_company_named_by_its_code_and_a_visits_branch(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    codes = ("DBS", "NUS", "SIA", "IHPA", "AIAHC")
    _csv(source / "Corporates.csv", ["Code", "Company Name", "Email"],
         [[c, f"{c.title()} Holdings", f"hr@{c.casefold()}.example.sg"] for c in codes])
    _csv(source / "Patients.csv", ["Given ID", "Name", "Sex", "Email", "Corporate"],
         [[str(40001 + i), f"{_FIRST[i % 9]} {_LAST[i % 8]}", ("Male", "Female")[i % 2],
           f"p{i}@example.sg", "" if i % 3 == 2 else codes[i % 5]] for i in range(40)])
    _csv(source / "Appointments.csv", ["Start", "Given ID", "Doctor", "Status", "Branch"],
         [[f"2024-03-{1 + i % 28:02d} 09:30", str(40001 + i % 40), "Dr Tan", "Seen",
           ("Jurong West", "Tampines", "Novena")[i % 3]] for i in range(60)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    files = load_mapping(home / "mapping.yaml").files
    assert files["Patients.csv"].columns["Corporate"].target == "patient.company_source_id"
    assert files["Appointments.csv"].columns["Branch"].target == "appointment.location"


@pytest.mark.parametrize("stand_in", ["Walk-in", "Walk In Patient", "Unknown Patient"])
def test_a_walk_in_placeholder_is_no_ones_record(stand_in: str) -> None:
    headers, rows = _patients({"Patient Mobile": [f"+91 98{i:03d} 4{i:04d}" for i in range(36)]})
    rows[-1] = ["", stand_in, "", "", "+91 90000 00000"]
    doc = _propose({"patients.csv": (headers, rows)})
    kinds, _, records = _derive(doc, "patients.csv", headers, rows)
    assert kinds == {"patient": 35}
    assert all(r.fields.get("last_name") != stand_in for r in records)


def test_numbers_written_without_their_code_are_read_in_the_plan_of_those_written_with_it() -> None:
    from domain.proposal.region import propose_region  # noqa: PLC0415 - this test only

    phones = [f"+65 8{i:03d} 7706" if i % 5 == 0 else f"{(8, 9, 6)[i % 3]}{i:03d} 2007"
              for i in range(100)]
    found = propose_region(phones)
    assert found is not None and (found.country, found.currency) == ("SG", "SGD")
