"""Organisations beside people: a table of employers (a name, an address, a phone, no person's
name) is companies, and a patient's reference whose name says employer or organisation is the
patient's company, not a member of staff."""

from __future__ import annotations

from tests.mapping.test_failure_classes import _derive, _propose

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


SORTS = ("Plan manager", "School", "GP clinic", "Support coordination")


def _contacts(n: int = 16) -> tuple[list[str], list[list[str]]]:
    """Organisations with every fourth row a client's parent (a name, no organisation)."""
    headers = ["Contact ID", "Contact type", "Organisation", "First name", "Last name",
               "Email", "Phone", "Address"]
    rows = []
    for i in range(n):
        person = i % 4 == 3
        rows.append([str(7000 + i), "Personal" if person else SORTS[i % 4],
                     "" if person else f"Partners {chr(65 + i)}",
                     f"Name{chr(65 + i)}" if person else "", f"Family{i}" if person else "",
                     f"c{i}@example.com", f"1300 {100000 + i}", f"{i} George St Sydney NSW 2000"])
    return headers, rows


def test_a_contact_list_of_organisations_is_companies_and_its_people_are_dropped() -> None:
    headers, rows = _contacts()
    doc = _propose({"contacts-export.csv": (headers, rows)})
    contacts = doc.files["contacts-export.csv"]
    assert contacts.kind == "company"
    assert contacts.columns["Organisation"].target == "company.name"
    assert contacts.columns["Contact type"].target == "company.industry"
    assert contacts.columns["First name"].target is None
    assert contacts.route is not None and contacts.route.values == {"Personal": "drop"}
    kinds, quarantined, _ = _derive(doc, "contacts-export.csv", headers, rows)
    assert kinds == {"company": 12} and not quarantined


def test_people_with_an_employer_column_stay_people() -> None:
    headers, rows = _contacts()
    rows = [r[:3] + [r[3] or "Ann", r[4] or "Lee"] + r[5:] for r in rows]
    rows = [r[:2] + [r[2] if i % 2 else ""] + r[3:] for i, r in enumerate(rows)]
    doc = _propose({"people.csv": (headers, rows)})
    assert doc.files["people.csv"].kind != "company"
