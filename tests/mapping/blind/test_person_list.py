"""A clinic's patient list whose headers are words the vocabulary has never seen: the values
alone say which column is the given name, the family name, the birth date, the record's own
moments, which phone is the mobile, the street, the town and the status; a list whose headers
are known keeps its unnamed columns as custom fields."""

from __future__ import annotations

import pytest

from domain.mapping import FileMapping
from domain.proposal.propose import propose_file
from tests.mapping.test_proposal import profile_of

GIVEN = ("Mia", "Olivia", "Jack", "Noah", "Ruby", "Liam", "Ava", "Oscar", "Chloe", "Henry")
FAMILY = ("Rossi", "Singh", "Nguyen", "Taylor", "Brown", "Wilson", "Kelly", "Walker", "Young",
          "King")
STREETS = ("George St", "Anzac Pde", "Queen St", "Bay Rd", "Hill Ave")
TOWNS = ("Paddington", "Fitzroy", "Newtown", "Glebe")
HEADERS = ["Vorqa", "Telmi", "Zandu", "Kiroba", "Pesh", "Lumo", "Wexolt", "Osku", "Brenna",
           "Zorpa", "Quam", "Ildo", "Xemp", "Yarrow"]


def _row(i: int) -> list[str]:
    given, family = GIVEN[i % 10], FAMILY[(i * 3) % 10]
    return [str(700000 + i), given, family, f"{1 + i % 27:02d}/{1 + i % 12:02d}/{1941 + 2 * i}",
            f"{given.lower()}.{family.lower()}{i}@example.com",
            f"04{i % 10}{i % 7} {100 + i} {200 + i}",  # Australian mobiles
            f"(0{(2, 3, 7, 8)[i % 4]}) 9{i % 10}{i % 7}{i % 5} {1000 + 37 * i}",  # fixed lines
            f"{10 + i} {STREETS[i % 5]}", TOWNS[i % 4], ("NSW", "VIC", "QLD")[i % 3],
            str(2000 + 7 * i), f"{1 + i % 27:02d}/{1 + i % 12:02d}/{2015 + i % 9} 10:{i % 60:02d}",
            ("Active", "Inactive")[i % 4 == 0], ("Blau", "Grun", "Rot")[i % 3]]


ROWS = [_row(i) for i in range(36)]


@pytest.fixture(scope="module")
def mapping() -> FileMapping:
    return propose_file("patients.csv", HEADERS, profile_of(HEADERS, ROWS), kind="patient")


@pytest.mark.parametrize(("header", "target"), [
    ("Telmi", "patient.first_name"), ("Zandu", "patient.last_name"),
    ("Kiroba", "patient.date_of_birth"), ("Lumo", "patient.phone_mobile"),
    ("Wexolt", "patient.phone_home"), ("Osku", "patient.address_line1"),
    ("Brenna", "patient.city"), ("Ildo", "patient.created_at"), ("Xemp", "patient.status")])
def test_the_values_say_the_field(mapping: FileMapping, header: str, target: str) -> None:
    column = mapping.columns[header]
    assert column.target == target, column.reasons
    assert any("names no canonical field" in r for r in column.reasons)


def test_a_pick_list_of_unknown_words_stays_custom(mapping: FileMapping) -> None:
    assert mapping.columns["Yarrow"].target is None


def test_family_name_first_told_by_the_emails() -> None:
    headers = ["Vorqa", "Zandu", "Telmi", "Pesh"]
    rows = [[r[0], r[2], r[1], r[4]] for r in ROWS]  # family name first, then the given name
    fm = propose_file("patients.csv", headers, profile_of(headers, rows), kind="patient")
    assert fm.columns["Zandu"].target == "patient.last_name"
    assert fm.columns["Telmi"].target == "patient.first_name"


def test_known_headers_keep_their_unnamed_columns_custom() -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Date of Birth", "Email", "Mobile",
               "Address", "City", "State", "Postcode", "Kiroba", "Status", "Yarrow"]
    rows = [[r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[8], r[9], r[10], r[11], r[12], r[13]]
            for r in ROWS]
    fm = propose_file("patients.csv", headers, profile_of(headers, rows), kind="patient")
    assert fm.columns["First Name"].target == "patient.first_name"
    # a column the headers of a readable list do not name is the clinic's own
    assert fm.columns["Kiroba"].target is None
