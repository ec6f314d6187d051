"""Failure classes the mutation harness (tools/zoo/mutate/) found on variants of the tuning
exports, each on a small export built here with names no vendor uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.proposal.match import header_matches
from tests.mapping.whole import run_json as _run
from tests.mapping.whole import write_csv as _csv

PEOPLE = 24


def test_a_table_with_no_ids_naming_its_client_by_email_has_ids_from_that_reference(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the email is found to be a reference only across the files, after each file's own
    # proposal: the policies still need ids made from it, or every one is quarantined
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "clients.csv", ["Client ID", "First Name", "Last Name", "Email"],
         [[str(500 + i), f"Ann{i}", f"Lee{i}", f"ann{i}.lee@example.net"]
          for i in range(PEOPLE)])
    _csv(source / "policies.csv", ["Holder Email", "Insurer", "Member Number"],
         [[f"ann{i}.lee@example.net", "Blue Fund", f"M{9000 + i}"] for i in range(PEOPLE)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    policies = load_mapping(home / "mapping.yaml").files["policies.csv"]
    assert policies.kind == "insurance"
    assert policies.columns["Holder Email"].target == "insurance.patient_source_id"
    assert policies.derived_id is not None
    assert policies.derived_id.columns == ["Holder Email"]
    report = _run(capsys, "map", "check")
    assert report["landing"]["insurance"]["landing"] == PEOPLE
    assert report["files"]["policies.csv"]["quarantined"] == 0


def test_a_known_word_is_never_read_as_a_typo_of_another(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Notes` is one letter from `nome` (first name in Italian and Portuguese); with the names in
    # one column, nothing else claims first_name, and short remarks look like names: the notes
    # must stay notes, or every remark becomes a patient's first name
    source = tmp_path / "export"
    source.mkdir()
    remarks = ["Prefers afternoon appointments", "Hard of hearing", ""]
    firsts, lasts = ["Ann", "Bo", "Cy", "Di", "Ed", "Flo"], ["Lee", "Kay", "Roe", "Ng"]
    _csv(source / "people.csv", ["Record", "Full Name", "Birth Date", "Notes"],
         [[str(100 + i), f'"{lasts[i % 4]}, {firsts[i % 6]}"', f"1980-01-{1 + i:02d}",
           remarks[i % 3]] for i in range(PEOPLE)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    people = load_mapping(home / "mapping.yaml").files["people.csv"]
    assert people.kind == "patient"
    assert people.columns["Notes"].target is None
    assert people.columns["Full Name"].parts == "name"
    for header, similar in (("Preferred", "referred"), ("Notes", "nome")):
        assert all(m.phrase != similar for m in header_matches("patient", header))


@pytest.mark.parametrize("style", ["{s} - {q}", "{s}.{q}", "{s}_{q}", "{s}: {q}"])
def test_a_report_writers_section_before_each_header_is_set_aside(
        style: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Client - Referred By`, `client.Insurer`, `client_Insurer`: the question after the
    # section says what the column holds, the referral and the policy on the client's row too
    source = tmp_path / "export"
    source.mkdir()
    questions = ["ID", "First Name", "Last Name", "Referred By", "Insurer", "Member Number"]
    section = "Client" if "_" not in style else "client"
    _csv(source / "clients.csv", [style.format(s=section, q=q.replace(" ", "")
                                               if "_" in style or "." in style else q)
                                  for q in questions],
         [[str(300 + i), f"Ann{chr(97 + i)}", f"Lee{chr(97 + i)}", "Dr Kay" if i % 2 else "",
           "Blue Fund", f"M{700 + i}"] for i in range(PEOPLE)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    clients = load_mapping(home / "mapping.yaml").files["clients.csv"]
    targets = [c.target for c in clients.columns.values()]
    assert targets == ["patient.source_id", "patient.first_name", "patient.last_name",
                       "referral.referrer_name", "insurance.carrier_name",
                       "insurance.member_id"], style
    report = _run(capsys, "map", "check")
    assert report["landing"]["referral"]["landing"] == PEOPLE // 2
    assert report["landing"]["insurance"]["landing"] == PEOPLE


def test_a_reference_to_a_table_split_over_two_files_is_judged_against_both(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the people in two files (per year): `who` holds ids of both parts, `usr` a small code
    # that happens to fall inside the first part alone; judged per part, `usr` looked like
    # the reference and `who` like none
    source = tmp_path / "dump"
    source.mkdir()
    header = ["person_id", "given", "family", "birth_date"]
    people = [[str(i), f"Ann{chr(97 + i % 26)}", f"Lee{chr(97 + i // 26)}",
               f"19{50 + i % 40}-0{1 + i % 9}-11"] for i in range(1, 61)]
    _csv(source / "persons 2024.csv", header, people[:30])
    _csv(source / "persons 2025.csv", header, people[30:])
    _csv(source / "contacts.csv", ["cno", "who", "usr", "body"],
         [[str(900 + i), str(1 + (7 * i) % 60), str(1 + i % 4), f"called back {i}"]
          for i in range(80)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    contacts = load_mapping(home / "mapping.yaml").files["contacts.csv"]
    assert contacts.columns["who"].target == f"{contacts.kind}.patient_source_id"
    assert contacts.columns["usr"].target is None


def test_a_section_run_into_a_snake_case_header_still_names_the_record(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Insurance coverage: Fund name` exported by a database tool as
    # `insurance_coverage_fund_name`: no separator is left, the leading words still say policy
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "clients.csv",
         ["client_id", "first_name", "last_name", "medicare", "insurance_coverage_fund_name",
          "insurance_coverage_member_number"],
         [[str(300 + i), f"Ann{chr(97 + i)}", f"Lee{chr(97 + i)}", f"{2950000000 + i}",
           "Blue Fund", f"M{700 + i}"] for i in range(PEOPLE)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    clients = load_mapping(home / "mapping.yaml").files["clients.csv"]
    assert clients.columns["insurance_coverage_fund_name"].target == "insurance.carrier_name"
    number = clients.columns["insurance_coverage_member_number"]
    assert (number.target, number.record) == ("insurance.member_id", None)
    medicare = clients.columns["medicare"]  # another cover at most, never the section's number
    assert (medicare.target, medicare.record) != ("insurance.member_id", None)


def test_zero_and_one_under_a_flags_name_are_no_reference(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `IsNewPatient` resembles `patient` and 0/1 look like ids: with no patient id column
    # beside it (the visits name their patient otherwise), it took the reference, and every
    # visit went to patient 1
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "patients.csv", ["Patient ID", "First Name", "Last Name"],
         [[str(1 + i), f"Ann{chr(97 + i)}", f"Lee{chr(97 + i)}"] for i in range(PEOPLE)])
    _csv(source / "visits.csv", ["Visit ID", "Visit Date", "IsNewPatient", "Notes"],
         [[str(800 + i), f"2024-03-{1 + i % 28:02d}", str(int(i < 5)), "review"]
          for i in range(40)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    visits = load_mapping(home / "mapping.yaml").files["visits.csv"]
    assert visits.columns["IsNewPatient"].target is None
    assert any("yes/no" in r for r in visits.columns["IsNewPatient"].reasons)
