"""The landing bench's values score: the export's cells against contacts in the live API's shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.landing_values import patient_values

KEY: dict[str, Any] = {"files": {"patients.csv": {
    "kind": "patient", "rows": 3,
    "layout": {"encoding": "utf-8", "delimiter": ",", "title_lines": 0, "footer_lines": 0,
               "repeated_header": False},
    "columns": {"ID": "patient.source_id", "Surname": "patient.last_name",
                "Given": "patient.first_name", "E-mail": "patient.email",
                "Mobile": "patient.phone_mobile", "Notes": "custom"},
    "bad_rows": [{"row": 3, "reason": "a test patient"}]}}}

CSV = ("ID,Surname,Given,E-mail,Mobile,Notes\n"
       "1,García,Ana,ana@example.org,0412 345 678,x\n"
       "2,Okafor,Chidi,,(02) 9876 5432,\n"
       "3,TEST,PATIENT,,,\n")


def _contact(name: str, emails: list[str], phones: list[str]) -> dict[str, Any]:
    return {"id": name, "name": {"displayName": name},
            "emails": [{"isPrimary": i == 0, "name": "email", "value": e} for i, e in enumerate(emails)],
            "phones": [{"isPrimary": i == 0, "name": "phone",
                        "value": {"number": p, "E164": p if p.startswith("+") else "+61" + p.lstrip("0")}}
                       for i, p in enumerate(phones)]}


def _score(tmp_path: Path, contacts: list[dict[str, Any]]) -> dict[str, Any]:
    (tmp_path / "patients.csv").write_text(CSV, encoding="utf-8")
    return patient_values(tmp_path, KEY, {"contacts": contacts})


def test_values_as_written_are_right_and_the_excluded_row_is_not_scored(tmp_path: Path) -> None:
    got = _score(tmp_path, [_contact("Ana Garcia", ["ANA@example.org"], ["412345678"]),
                            _contact("Chidi Okafor", [], ["298765432"])])
    # Ana: name, e-mail, mobile; Chidi: name, mobile (no e-mail in the source)
    assert (got["right"], got["total"], got["unmatched_rows"]) == (5, 5, 0)


def test_a_wrong_phone_and_a_missing_contact_are_counted(tmp_path: Path) -> None:
    got = _score(tmp_path, [_contact("Ana Garcia", ["ana@example.org"], ["412000000"]),
                            _contact("Someone Else", [], [])])
    assert (got["right"], got["total"], got["unmatched_rows"]) == (2, 3, 1)
    assert got["wrong"] == ["patients.csv: phone_mobile x1"]


def test_a_contact_found_by_email_with_another_name_is_a_wrong_name(tmp_path: Path) -> None:
    got = _score(tmp_path, [_contact("Anna Garcia-Lopez", ["ana@example.org"], ["412345678"]),
                            _contact("Chidi Okafor", [], ["298765432"])])
    assert got["wrong"] == ["patients.csv: name x1"]


def test_each_number_of_a_cell_is_checked_whatever_its_trunk_prefix(tmp_path: Path) -> None:
    key = {"files": {"patients.csv": {**KEY["files"]["patients.csv"], "bad_rows": []}}}
    (tmp_path / "patients.csv").write_text(
        "ID,Surname,Given,E-mail,Mobile,Notes\n"
        "1,Ngata,Tane,,Mobile: 027 617 9721; Home: 09-903 6896,\n"
        "2,Reid,Ana,,021 428 5057 / 04-544 3180,\n", encoding="utf-8")
    got = patient_values(tmp_path, key, {"contacts": [
        _contact("Tane Ngata", [], ["64276179721", "6499036896"]),  # both, country code written
        _contact("Ana Reid", [], ["64214285057"])]})  # her home number did not land
    assert (got["right"], got["total"]) == (3, 4)
    assert got["wrong"] == ["patients.csv: phone_mobile x1"]


def test_a_number_sent_under_another_countrys_code_is_wrong(tmp_path: Path) -> None:
    key = {"country": "NZ", "files": {"patients.csv": {**KEY["files"]["patients.csv"],
                                                       "bad_rows": []}}}
    (tmp_path / "patients.csv").write_text(
        "ID,Surname,Given,E-mail,Mobile,Notes\n"
        "1,Ngata,Tane,,027 617 9721,\n"
        "2,Reid,Ana,,+44 7700 900123,\n", encoding="utf-8")
    got = patient_values(tmp_path, key, {"contacts": [
        _contact("Tane Ngata", [], ["+61276179721"]),  # read as Australian: +61 27 617 9721
        _contact("Ana Reid", [], ["+447700900123"])]})  # her own +44 kept
    assert (got["right"], got["total"]) == (3, 4)
    assert got["wrong"] == ["patients.csv: phone_mobile x1"]


def test_an_extension_is_the_numbers_extension_not_more_digits(tmp_path: Path) -> None:
    key = {"files": {"patients.csv": {**KEY["files"]["patients.csv"], "bad_rows": []}}}
    (tmp_path / "patients.csv").write_text(
        "ID,Surname,Given,E-mail,Mobile,Notes\n1,Lee,Ann,,(415) 555-0100 ext. 12,\n"
        "2,Roe,Bo,,(415) 555-0101 x7,\n", encoding="utf-8")
    ann = _contact("Ann Lee", [], [])
    ann["phones"] = [{"name": "work", "value": {"E164": "+14155550100", "extension": "12"}}]
    bo = _contact("Bo Roe", [], [])
    bo["phones"] = [{"name": "work", "value": {"E164": "+14155550101"}}]  # extension lost
    got = patient_values(tmp_path, key, {"contacts": [ann, bo]})
    assert got["wrong"] == ["patients.csv: phone_mobile x1"] and got["right"] == 3
