"""Several records of one kind side by side on a row with no ordinal in the headers (a
government cover's number beside a private fund's name and number): each its own record, the
fund's columns together, the cover's carrier from its header."""

from __future__ import annotations

from domain.mapping import MappingDocument
from domain.oracle.source import SourceReader
from tests.mapping.test_failure_classes import _derive, _propose

FUNDS = ("Bupa", "Medibank", "nib", "HCF")


def _patients(headers: list[str], cover: str, fund: str, fund_number: str,
              n: int = 40) -> list[list[str]]:
    """Rows with the cover's number on most, a fund's name and number on some, both on a few."""
    rows = []
    for i in range(n):
        has_cover, has_fund = i % 4 != 3, i % 3 == 0
        cells = {"Patient ID": str(900 + i), "First Name": f"Name{chr(65 + i % 26)}",
                 "Last Name": f"Family{i}", "Email": f"p{i}@example.com",
                 cover: f"{4000 + i * 37} {52000 + i * 13} {i % 10}" if has_cover else "",
                 fund: FUNDS[i % 4] if has_fund else "",
                 fund_number: f"F{70000 + i * 11}" if has_fund else ""}
        rows.append([cells[h] for h in headers])
    return rows


def test_a_cover_beside_a_fund_with_no_ordinals_is_two_records() -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Email", "Medicare Card Number",
               "Health Fund", "Health Fund Number"]
    rows = _patients(headers, "Medicare Card Number", "Health Fund", "Health Fund Number")
    doc = _propose({"patients.csv": (headers, rows)})
    columns = doc.files["patients.csv"].columns
    assert (columns["Medicare Card Number"].target, columns["Medicare Card Number"].record) == (
        "insurance.member_id", None)
    assert (columns["Health Fund Number"].target, columns["Health Fund Number"].record) == (
        "insurance.member_id", 2)
    assert (columns["Health Fund"].target, columns["Health Fund"].record) == (
        "insurance.carrier_name", 2)
    assert columns["Medicare Card Number"].fixed == {"carrier_name": "Medicare"}
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert not quarantined
    covers = sum(1 for r in rows if r[4]) + sum(1 for r in rows if r[6])
    assert kinds["insurance"] == covers and kinds["patient"] == len(rows)
    by_id = {r.source_id: r.fields for r in records if r.kind == "insurance"}
    assert by_id["900:insurance"]["carrier_name"] == "Medicare"
    assert by_id["900:insurance:2"]["carrier_name"] == "Bupa"
    assert by_id["900:insurance:2"]["member_id"] == "F70000"
    assert "900:insurance" not in {k for k in by_id if by_id[k].get("member_id") == "F70000"}
    # a fund with no cover beside it: record 2 alone, and no carrier made up for record 1
    assert "903:insurance" not in by_id and by_id["903:insurance:2"]["carrier_name"] == "HCF"
    # the oracle reads the same records from the rows (what verify looks for in Nutshell)
    assert _oracle_ids(doc, "patients.csv", headers, rows) == set(by_id)


def test_the_fund_first_and_the_cover_second_is_the_same() -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Insurer", "Policy Number", "Email",
               "Medicare Number"]
    rows = _patients(headers, "Medicare Number", "Insurer", "Policy Number")
    doc = _propose({"patients.csv": (headers, rows)})
    columns = doc.files["patients.csv"].columns
    assert (columns["Policy Number"].target, columns["Policy Number"].record) == (
        "insurance.member_id", None)
    assert (columns["Insurer"].target, columns["Insurer"].record) == (
        "insurance.carrier_name", None)
    assert (columns["Medicare Number"].target, columns["Medicare Number"].record) == (
        "insurance.member_id", 2)
    assert columns["Medicare Number"].fixed == {"carrier_name": "Medicare"}
    assert not columns["Policy Number"].fixed  # `Policy Number` names no insurer
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert not quarantined
    assert kinds["insurance"] == sum(1 for r in rows if r[4]) + sum(1 for r in rows if r[6])


def test_one_number_written_twice_is_one_record() -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Email", "Member ID", "Insurer",
               "Policy Number"]
    rows = _patients(headers, "Member ID", "Insurer", "Policy Number")
    for row in rows:
        row[6] = row[4]  # the same number under another name
    doc = _propose({"patients.csv": (headers, rows)})
    columns = doc.files["patients.csv"].columns
    assert columns["Member ID"].target == "insurance.member_id"
    assert columns["Policy Number"].target != "insurance.member_id"
    assert not any(c.record for c in columns.values())


def test_a_number_outside_the_section_of_the_covers_is_none_of_them() -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Email", "Medicare",
               "Insurance coverage: Fund name", "Insurance coverage: Member number"]
    rows = _patients(headers, "Medicare", "Insurance coverage: Fund name",
                     "Insurance coverage: Member number")
    doc = _propose({"patients.csv": (headers, rows)})
    columns = doc.files["patients.csv"].columns
    assert columns["Insurance coverage: Member number"].target == "insurance.member_id"
    assert not (columns["Medicare"].target or "").startswith("insurance.")
    assert columns["Medicare"].record is None and not columns["Medicare"].fixed


def test_a_scheme_named_with_no_number_is_no_second_record() -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Email", "Medicare", "Payer",
               "Membership No."]
    rows = _patients(headers, "Medicare", "Payer", "Membership No.")
    columns = _propose({"patients.csv": (headers, rows)}).files["patients.csv"].columns
    assert columns["Membership No."].target == "insurance.member_id"
    assert not (columns["Medicare"].target or "").startswith("insurance.")
    assert not any(c.record for c in columns.values())


def test_a_lone_cover_takes_its_carrier_from_its_header() -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Email", "Medicare Number"]
    rows = [[str(i), f"Name{i}", f"Family{i}", f"p{i}@example.com",
             f"{4000 + i * 37}{i % 10}" if i % 2 else ""] for i in range(30)]
    doc = _propose({"patients.csv": (headers, rows)})
    assert doc.files["patients.csv"].columns["Medicare Number"].fixed == {
        "carrier_name": "Medicare"}
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert not quarantined and kinds["insurance"] == 15
    assert {r.fields.get("carrier_name") for r in records if r.kind == "insurance"} == {
        "Medicare"}


def _oracle_ids(doc: MappingDocument, name: str, headers: list[str],
                rows: list[list[str]]) -> set[str]:
    reader = SourceReader(doc)
    reader.read_file(name, [{"n": n, "v": dict(zip(headers, r, strict=True))}
                            for n, r in enumerate(rows, start=1)])
    return {sid for k, sid in reader.records if k == "insurance"}


def test_a_national_identity_number_beside_a_fund_is_the_patients_not_a_cover() -> None:
    """France's social security number (the NIR) identifies the person for life, like a US SSN:
    no insurance record of its own beside the mutuelle's."""
    rows = _patients(["Patient ID", "First Name", "Last Name", "Email", "NIR", "Fund", "Number"],
                     "NIR", "Fund", "Number")
    headers = ["ID patient", "Prénom", "Nom", "E-mail", "N° de sécurité sociale", "Mutuelle",
               "N° adhérent mutuelle"]
    doc = _propose({"patients.csv": (headers, rows)})
    columns = doc.files["patients.csv"].columns
    assert not (columns["N° de sécurité sociale"].target or "").startswith("insurance.")
    kinds, quarantined, _ = _derive(doc, "patients.csv", headers, rows)
    assert not quarantined
    assert kinds["insurance"] == sum(1 for r in rows if r[5])
