"""Columns of a person list read with their neighbours and their values, each on a small export
built here, through extract, map propose and map check:

- a bare `Name` / `Naam` / `Nom d'usage` beside a first-name column is the surname, so people
  are told apart and other files naming them `SURNAME First` find them;
- a column of titles of address only (`Dhr.`, `Mevr.`, `Sig.ra`) is the person's sex;
- a column named after a status holding marks (`X`) is that status, and a status column of
  codes it displaces beside an insurer is the insurance's plan type;
- a work phone under an abbreviated header, a payer column, and `Privat` with no member
  number (no insurer) on a person's row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from domain.mapping import FileMapping
from domain.records.rules import lookup
from tests.mapping.whole import check_export

FIRSTS = ("Ann", "Bo", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou")
LASTS = ("Lee", "Ng", "Ray", "Moss", "Park", "Shaw", "Tait")
PEOPLE = [(f"{i:05d}", FIRSTS[i % 12], LASTS[i % 7], f"{1 + i % 28:02d}.0{1 + i % 9}.19{50 + i}")
          for i in range(40)]


def _landing(report: dict[str, object], kind: str) -> dict[str, int]:
    landing = report["landing"]
    assert isinstance(landing, dict)
    return landing[kind]  # type: ignore[no-any-return]


def _mapping(tmp_path: Path, name: str) -> FileMapping:
    return load_mapping(tmp_path / "home" / "mapping.yaml").files[name]


def test_a_bare_name_beside_the_first_name_is_the_surname(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Naam` alone reads as anything's name (an allergy's): beside `Voornaam` it is the surname
    salutations = ("Dhr.", "Mevr.")
    report = check_export(home, capsys, {"klanten.csv": "Klantnr;Aanhef;Naam;Voornaam;Geboren\n"
                                         + "".join(f"{i};{salutations[n % 2]};{last};{first};{dob}\n"
                                                   for n, (i, first, last, dob) in enumerate(PEOPLE))})
    fm = _mapping(tmp_path, "klanten.csv")
    assert fm.columns["Naam"].target == "patient.last_name"
    assert fm.columns["Voornaam"].target == "patient.first_name"
    assert "allergy_condition" not in report["landing"]  # type: ignore[operator]
    assert fm.columns["Aanhef"].target == "patient.sex"
    assert lookup(fm.columns["Aanhef"].values, "Mevr.") == "female"
    assert lookup(fm.columns["Aanhef"].values, "Dhr.") == "male"


def test_the_usage_name_is_the_surname_other_files_name_people_by(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the birth name is mostly blank: read as the surname, nobody would be found by `LEE Ann`
    people = "".join(f"{i};{'Sig.ra' if n % 2 else 'Sig.'};{last.upper()};"
                     f"{last.upper() if n % 5 == 0 else ''};{first};{dob}\n"
                     for n, (i, first, last, dob) in enumerate(PEOPLE))
    visits = "".join(f"{1 + j % 28:02d}/03/2024;{last.upper()} {first};Bilan\n"
                     for j, (_, first, last, _) in enumerate(PEOPLE * 2))
    report = check_export(home, capsys, {
        "fiches patients.csv": "Code patient;Titre;Nom d'usage;Nom de naissance;Prénom;Né le\n" + people,
        "agenda.csv": "Date;Patient;Acte\n" + visits})
    fm = _mapping(tmp_path, "fiches patients.csv")
    assert fm.columns["Nom d'usage"].target == "patient.last_name"
    assert fm.columns["Nom de naissance"].target is None
    assert fm.columns["Titre"].target == "patient.sex"
    assert lookup(fm.columns["Titre"].values, "Sig.ra") == "female"
    assert _landing(report, "appointment")["unresolved_references"] == 0
    assert _landing(report, "appointment")["landing"] == 80


def test_a_column_of_marks_named_after_a_status_is_that_status(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `Inactivo` with `X` on some rows: those are inactive, the rest active; the `Estado`
    # codes beside the insurer are the membership of the insurance, not the person's status
    rows = "".join(
        f"{i};{last};{first};{'X' if n % 4 == 0 else ''};{'' if n % 6 == 0 else 'Mapfre'};"
        f"{'' if n % 6 == 0 else f'AF{n:06d}'};{'' if n % 6 == 0 else (1, 3, 5)[n % 3]}\n"
        for n, (i, first, last, _) in enumerate(PEOPLE))
    check_export(home, capsys, {
        "fichas.csv": "Ficha;Apellidos;Nombre;Inactivo;Aseguradora;Nº afiliado;Estado\n" + rows})
    fm = _mapping(tmp_path, "fichas.csv")
    assert fm.columns["Inactivo"].target == "patient.status"
    assert lookup(fm.columns["Inactivo"].values, "X") == "inactive"
    assert fm.columns["Estado"].target == "insurance.plan_type"


def test_a_work_phone_a_payer_and_private_with_no_number_on_a_person_row(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a payer named `Privat` with no member number names no insurer, as self-pay does
    payers = ("BKK Nord", "Privat", "AOK Süd", "Selbstzahler")
    rows = "".join(
        f"{i};{last};{first};030 5247{n:02d};{payers[n % 4]};"
        f"{f'M{n:07d}' if n % 2 == 0 else ''}\n"
        for n, (i, first, last, _) in enumerate(PEOPLE))
    report = check_export(home, capsys, {
        "patienten.csv": "Nummer;Nachname;Vorname;Tel. dienstl.;Kostenträger;Mitgliedsnr.\n" + rows})
    fm = _mapping(tmp_path, "patienten.csv")
    assert fm.columns["Tel. dienstl."].target == "patient.phone_work"
    assert fm.columns["Kostenträger"].target == "insurance.carrier_name"
    assert _landing(report, "insurance")["landing"] == 20



def test_a_family_doctor_no_one_of_the_staff_list_is_is_a_custom_field(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the clinic's staff are listed; the patients' own doctors outside it are not anyone's id
    doctors = ("Dr Rossi", "Dr Bianchi", "Dr Conti", "")
    report = check_export(home, capsys, {
        "staff.csv": "Staff ID,First name,Last name,Role\nS1,Mia,Kerr,Physiotherapist\n"
                     "S2,Tom,Hale,Physiotherapist\n",
        "patients.csv": "Patient ID,Last name,First name,GP\n" + "".join(
            f"{i},{last},{first},{doctors[n % 4]}\n"
            for n, (i, first, last, _) in enumerate(PEOPLE))})
    column = _mapping(tmp_path, "patients.csv").columns["GP"]
    assert column.target is None and column.custom_field == "GP"
    assert _landing(report, "patient")["landing"] == 40


def test_a_doctor_named_by_the_staff_members_email_stays_a_reference(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check_export(home, capsys, {
        "staff.csv": "Staff ID,First name,Last name,Email\n"
                     "5f69d1b03ae258bc28df0afb,Mia,Kerr,mia@clinic.example\n"
                     "5f69d1b03ae258bc28df0afc,Tom,Hale,tom@clinic.example\n",
        "patients.csv": "Patient ID,Last name,First name,Email,Primary provider email\n" + "".join(
            f"{i},{last},{first},p{i}@mail.example,{('mia', 'tom')[n % 2]}@clinic.example\n"
            for n, (i, first, last, _) in enumerate(PEOPLE))})
    column = _mapping(tmp_path, "patients.csv").columns["Primary provider email"]
    assert column.target == "patient.primary_provider_source_id"
