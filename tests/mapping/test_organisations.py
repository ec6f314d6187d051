"""Organisations beside people: a table of employers (a name, an address, a phone, no person's
name) is companies, and a patient's reference whose name says employer or organisation is the
patient's company, not a member of staff."""

from __future__ import annotations

from tests.mapping.test_failure_classes import _propose

TOWNS = ("Springfield", "Tampa", "Peoria")


def _employers(n: int = 12) -> tuple[list[str], list[list[str]]]:
    headers = ["employer_id", "name", "address_1", "city", "state", "zipcode", "phone"]
    rows = [[str(i + 1), f"Company {chr(65 + i)} Holdings", f"{100 + i} Main St",
             TOWNS[i % 3], "IL", f"627{i:02d}", f"217555{1000 + i}"] for i in range(n)]
    return headers, rows


def _patients(n: int = 30) -> tuple[list[str], list[list[str]]]:
    headers = ["patient_id", "last_name", "first_name", "birth_date", "employer_id",
               "prim_provider_id", "email_address"]
    rows = [[str(i + 1), f"Family{i}", f"Name{chr(65 + i % 26)}", f"1980-01-{i % 28 + 1:02d}",
             str(i % 12 + 1) if i % 3 else "", f"DDS{i % 2 + 1}", f"p{i}@example.com"]
            for i in range(n)]
    return headers, rows


def test_a_table_of_employers_is_companies_and_the_patient_reference_is_their_company() -> None:
    doc = _propose({"employer.txt": _employers(), "patient.txt": _patients()})
    employers = doc.files["employer.txt"]
    assert employers.kind == "company"
    assert employers.columns["name"].target == "company.name"
    patients = doc.files["patient.txt"].columns
    assert patients["employer_id"].target == "patient.company_source_id"
    assert patients["employer_id"].target != patients["prim_provider_id"].target


def test_an_organisation_reference_is_a_company_reference() -> None:
    headers, rows = _patients()
    headers[4] = "Organisation ID"
    doc = _propose({"patients.csv": (headers, rows)})
    assert doc.files["patients.csv"].columns["Organisation ID"].target == \
        "patient.company_source_id"
