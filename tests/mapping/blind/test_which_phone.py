"""Which phone a column of numbers is, when no header says it: the plan of the country the
file's addresses are in calls them mobile or fixed (a British list: `07…` mobiles, `0141…`
landlines); a column of card numbers written in groups is no phone; a list of staff has one
phone."""

from __future__ import annotations

from domain.proposal.propose import propose_file
from tests.mapping.test_proposal import profile_of

HEADERS = ["Kelp", "Murro", "Tansy", "Quib", "Oxley", "Xulph"]


def _rows() -> list[list[str]]:
    return [[str(300000 + i), f"07{700 + i} {400000 + 13 * i}",  # British mobiles
             f"0141 {300 + i} {4000 + i}",  # Glasgow landlines
             f"{4000 + i} {10000 + 7 * i} {i % 10}",  # a card's number, in groups
             ("G12 8QQ", "LS6 2AB", "CF10 3NP")[i % 3], "United Kingdom"] for i in range(30)]


def test_mobile_and_landline_by_the_plan() -> None:
    fm = propose_file("clients.csv", HEADERS, profile_of(HEADERS, _rows()), kind="patient")
    assert fm.columns["Murro"].target == "patient.phone_mobile"
    assert fm.columns["Tansy"].target == "patient.phone_home"
    assert fm.columns["Quib"].target is None


def test_a_staff_member_has_one_phone() -> None:
    headers = ["Kelp", "Murro", "Oxley"]
    rows = [[r[0], r[2], r[4]] for r in _rows()]
    fm = propose_file("staff.csv", headers, profile_of(headers, rows), kind="provider")
    assert fm.columns["Murro"].target == "provider.phone"
