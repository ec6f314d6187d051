"""Columns that look like names to a shape but are none: a pick-list of two answers (`Да` /
`Нет`, `Ж` / `М`), and words in a script without capitals (Hangul), where a name looks like
any other word; a column of amounts is no pick-list of status codes."""

from __future__ import annotations

from domain.proposal.propose import propose_file
from tests.mapping.test_proposal import profile_of

GIVEN = ("Anna", "Ivan", "Olga", "Pavel", "Irina", "Sergei", "Elena")
FAMILY = ("Petrova", "Smirnov", "Volkova", "Orlov", "Kuznetsova", "Popov", "Sokolova")


def test_answers_are_no_names() -> None:
    headers = ["Qwimb", "Vesh", "Plok", "Trun", "Mazz"]
    rows = [[str(900000 + i), ("Да", "Нет")[i % 2], ("Ж", "М")[i % 2], GIVEN[i % 7],
             f"{GIVEN[i % 7].lower()}{i}@example.ru"] for i in range(28)]
    fm = propose_file("patients.csv", headers, profile_of(headers, rows), kind="patient")
    assert fm.columns["Vesh"].target is None
    assert fm.columns["Plok"].target in (None, "patient.sex")
    assert fm.columns["Trun"].target is None  # one column of given names: no pair to order


def test_a_script_without_capitals_and_amounts() -> None:
    headers = ["Qwimb", "Vesh", "Plok", "Trun", "Mazz"]
    rows = [[str(900000 + i), ("김민준", "이서연", "박지호", "최수아")[i % 4],
             ("현금", "카드", "이체")[i % 3], ("0", "15,000", "3,500")[i % 3],
             f"{GIVEN[i % 7].lower()}{i}@example.kr"] for i in range(28)]
    fm = propose_file("patients.csv", headers, profile_of(headers, rows), kind="patient")
    assert fm.columns["Vesh"].target is None
    assert fm.columns["Plok"].target is None
    assert fm.columns["Trun"].target is None


def test_a_short_staff_list_shares_family_names_and_has_letters_after_them() -> None:
    headers = ["Qwimb", "Vesh", "Plok", "Trun", "Mazz"]
    rows = [["1", "Mathieu", "Fortin", "DC", "mathieu.fortin@example.ca"],
            ["2", "Sophie", "Gagnon", "PT", "sophie.gagnon@example.ca"],
            ["3", "Emma", "Gagnon", "DC", "emma.gagnon@example.ca"],
            ["4", "Lucas", "Fortin", "PT", "lucas.fortin@example.ca"]]
    fm = propose_file("staff.csv", headers, profile_of(headers, rows), kind="provider")
    assert fm.columns["Vesh"].target == "provider.first_name"
    assert fm.columns["Plok"].target == "provider.last_name"
    assert fm.columns["Trun"].target != "provider.last_name"
