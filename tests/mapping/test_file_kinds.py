"""File kinds from what the rows hold, through the whole path (extract, propose, map check):

- a client list whose person's name is one column (`Name`: `Ann Lee`) stays people, even
  beside an insurer's company name filled on fewer rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mapping.whole import check_export

FIRSTS = ("Ann", "Bo", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo")
LASTS = ("Lee", "Ng", "Ray", "Moss", "Park", "Shaw", "Tait", "Vance")
INSURERS = ("Manulife", "Sun Life", "Blue Cross")


def _files(report: dict[str, object]) -> dict[str, dict[str, object]]:
    files = report["files"]
    assert isinstance(files, dict)
    return files


def _landing(report: dict[str, object]) -> dict[str, dict[str, int]]:
    landing = report["landing"]
    assert isinstance(landing, dict)
    return landing


@pytest.mark.parametrize("name", ["clients.csv", "export 2024.csv"])
def test_a_client_list_with_the_whole_name_in_one_column_is_people(
        name: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    for i in range(40):
        insured = i % 3 == 0
        rows.append(f"{1000 + i},{FIRSTS[i % 10]} {LASTS[i % 8]},c{i}@example.com,"
                    f"(604) 555-{1000 + i},1980-02-{1 + i % 28:02d},"
                    f"{'Female' if i % 2 else 'Male'},Vancouver,"
                    f"{INSURERS[i % 3] if insured else ''},{7000 + i if insured else ''}\n")
    report = check_export(home, capsys, {
        name: "ClientId,Name,Email,Phone,DateOfBirth,Gender,City,"
                       "PrimaryInsuranceCompany,PrimaryInsurancePolicyNumber\n" + "".join(rows)})
    assert _files(report)[name]["kind"] == "patient"
    landing = _landing(report)
    assert landing["patient"]["landing"] == 40
    assert landing["insurance"]["landing"] == 14
    assert "company" not in landing
