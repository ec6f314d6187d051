"""A Hungarian clinic's workbook read in its own words: sheet names (`Betegek`, `Munkatársak`,
`Előjegyzések`, `Csatolmányok`) saying each sheet's kind, where the headers alone left only the
phone, e-mail and `Aktív` columns every kind of person has (so patients read as staff and staff
as patients); headers (`Születési dátum`, `Irsz`, `Város`, `Kezdési idő`, `Időtartam`,
`Fájlméret`); the name in one cell, family name first (`Szabó Réka`, `Dr. Tóth András`); dates
year first closed by a point (`1985.07.23.`, `2023.11.05. 10:45`); visit status and document
category words; `Nő` / `Férfi`; `Igen` / `Nem`; the office's `Teszt Elek` patient."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.mapping import Settings
from domain.proposal.region import propose_region
from domain.proposal.shapes import classify
from domain.records import empty
from domain.records.normalise import parse_bool, parse_date, parse_datetime
from domain.records.parts import read_parts
from tests.mapping.test_failure_classes import Rows, _derive, _propose

FAMILY = ("Szabó", "Tóth", "Horváth", "Kiss", "Németh", "Oláh", "Simon", "Vincze")
GIVEN = ("Réka", "András", "Zsófia", "Bence", "Dóra", "Levente", "Noémi")
BOOK = "Rendelo_mentes.xlsx"
PATIENTS: tuple[list[str], Rows] = (["Azonosító", "Név", "Születési dátum", "Neme", "Mobil", "Vezetékes", "E-mail",
             "Irsz", "Város", "Lakcím", "Létrehozva"],
            [[f"B{4100 + i}", f"{FAMILY[i % 8]} {GIVEN[i % 7]}",
              f"{1940 + i}.{1 + i % 12:02d}.{1 + i % 27:02d}.", "Nő" if i % 2 else "Férfi",
              f"+36 30 {200 + i} {3000 + i}", f"+36 1 {400 + i} {5000 + i}" if i % 3 else "",
              f"beteg{i}@example.hu", f"{6700 + i}", "Szeged", f"Kossuth utca {i + 2}.",
              f"2019.{1 + i % 12:02d}.{1 + i % 27:02d}."] for i in range(26)])
STAFF: tuple[list[str], Rows] = (["Azonosító", "Név", "Szakirány", "Orvosi pecsétszám", "E-mail cím", "Telefon",
          "Aktív"],
         [["M1", "Dr. Tóth András", "Szemészet", "51234", "toth@example.hu", "+36 20 111 2233",
           "Igen"],
          ["M2", "Dr. Oláh Noémi", "Fogászat", "62345", "olah@example.hu", "+36 70 222 3344",
           "Igen"],
          ["M3", "Dr. Simon Bence", "Szemészet", "73456", "simon@example.hu", "+36 30 333 4455",
           "Nem"]])
STATUSES = ("Teljesítve", "Lemondott", "Nem jött el", "Lefoglalva", "Megérkezett")
VISITS: tuple[list[str], Rows] = (["Foglalás azonosító", "Kezdési idő", "Időtartam", "Beteg azonosító", "Kezelőorvos",
           "Kezelés", "Státusz", "Helyiség", "Megjegyzések"],
          [[f"F{900 + i}", f"2023.{1 + i % 12:02d}.{1 + i % 27:02d}. {8 + i % 9}:{15 * (i % 4):02d}",
            "20" if i % 2 else "40", f"B{4100 + i % 26}", f"M{1 + i % 3}",
            "Szemvizsgálat" if i % 2 else "Fogkőeltávolítás", STATUSES[i % 5],
            f"{1 + i % 3}. vizsgáló", "Telefonon foglalt" if i % 4 == 0 else ""]
           for i in range(36)])
CATEGORIES = ("Lelet", "Zárójelentés", "Fénykép", "Beleegyező nyilatkozat")
DOCUMENTS: tuple[list[str], Rows] = (["Azonosító", "Beteg azonosító", "Fájl neve", "Dokumentumtípus",
              "Feltöltés dátuma", "Fájlméret", "Leírás"],
             [[f"C{300 + i}", f"B{4100 + i % 26}", f"csatolmany_{i}.pdf", CATEGORIES[i % 4],
               f"2022.{1 + i % 12:02d}.{1 + i % 27:02d}. 1{i % 10}:05", str(200 + 13 * i),
               "Beküldött másolat" if i % 3 else ""] for i in range(18)])
SHEETS = {"Betegek": PATIENTS, "Munkatársak": STAFF, "Előjegyzések": VISITS,
          "Csatolmányok": DOCUMENTS}


def _workbook() -> dict[str, tuple[list[str], Rows]]:
    return {f"{BOOK}#{sheet}": table for sheet, table in SHEETS.items()}


def test_each_sheet_is_the_kind_its_hungarian_name_says() -> None:
    doc = _propose(_workbook())
    kinds = {name.partition("#")[2]: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"Betegek": "patient", "Munkatársak": "provider",
                     "Előjegyzések": "appointment", "Csatolmányok": "document"}


@pytest.mark.parametrize(("sheet", "header", "field"), [
    ("Betegek", "Azonosító", "source_id"), ("Betegek", "Név", "last_name"),
    ("Betegek", "Születési dátum", "date_of_birth"), ("Betegek", "Neme", "sex"),
    ("Betegek", "Mobil", "phone_mobile"), ("Betegek", "Vezetékes", "phone_home"),
    ("Betegek", "E-mail", "email"), ("Betegek", "Irsz", "postal_code"),
    ("Betegek", "Város", "city"), ("Betegek", "Lakcím", "address_line1"),
    ("Betegek", "Létrehozva", "created_at"),
    ("Munkatársak", "Azonosító", "source_id"), ("Munkatársak", "Név", "last_name"),
    ("Munkatársak", "Szakirány", "specialty"),
    ("Munkatársak", "Orvosi pecsétszám", "license_number"),
    ("Munkatársak", "E-mail cím", "email"), ("Munkatársak", "Telefon", "phone"),
    ("Munkatársak", "Aktív", "active"),
    ("Előjegyzések", "Foglalás azonosító", "source_id"),
    ("Előjegyzések", "Kezdési idő", "starts_at"),
    ("Előjegyzések", "Beteg azonosító", "patient_source_id"),
    ("Előjegyzések", "Kezelőorvos", "provider_source_id"),
    ("Előjegyzések", "Kezelés", "appointment_type"), ("Előjegyzések", "Státusz", "status"),
    ("Előjegyzések", "Helyiség", "location"), ("Előjegyzések", "Megjegyzések", "notes"),
    ("Csatolmányok", "Azonosító", "source_id"),
    ("Csatolmányok", "Beteg azonosító", "patient_source_id"),
    ("Csatolmányok", "Fájl neve", "filename"), ("Csatolmányok", "Dokumentumtípus", "category"),
    ("Csatolmányok", "Feltöltés dátuma", "created_at"),
    ("Csatolmányok", "Fájlméret", "size_bytes"), ("Csatolmányok", "Leírás", "description"),
])
def test_hungarian_headers_name_their_fields(sheet: str, header: str, field: str) -> None:
    fm = _propose(_workbook()).files[f"{BOOK}#{sheet}"]
    column = fm.columns[header]
    assert column.target == f"{fm.kind}.{field}", (header, column.reasons)


def test_hungarian_value_words_get_their_meaning() -> None:
    doc = _propose(_workbook())
    status = doc.files[f"{BOOK}#Előjegyzések"].columns["Státusz"].values
    assert status == {"Teljesítve": "completed", "Lemondott": "cancelled",
                      "Nem jött el": "no_show", "Lefoglalva": "booked",
                      "Megérkezett": "arrived"}
    category = doc.files[f"{BOOK}#Csatolmányok"].columns["Dokumentumtípus"].values
    assert category == {"Lelet": "lab", "Zárójelentés": "letter", "Fénykép": "imaging",
                        "Beleegyező nyilatkozat": "consent"}
    assert doc.files[f"{BOOK}#Betegek"].columns["Neme"].values == {"Nő": "female",
                                                                   "Férfi": "male"}
    [end] = [c for c in doc.files[f"{BOOK}#Előjegyzések"].combine
             if c.target == "appointment.ends_at"]
    assert end.plus_duration and end.columns[-1] == "Időtartam"


def test_the_hungarian_sheets_derive_family_name_first() -> None:
    doc = _propose(_workbook())
    doc.settings.country = "HU"
    name = f"{BOOK}#Betegek"
    kinds, quarantined, records = _derive(doc, name, *PATIENTS)
    assert kinds["patient"] == 26 and not quarantined, quarantined[:2]
    first = records[0].fields
    assert (first["last_name"], first["first_name"]) == ("Szabó", "Réka")
    assert first["date_of_birth"] == "1940-01-01" and first["sex"] == "male"
    name = f"{BOOK}#Munkatársak"
    kinds, quarantined, records = _derive(doc, name, *STAFF)
    assert [(r.fields["last_name"], r.fields["first_name"]) for r in records][:2] == [
        ("Tóth", "András"), ("Oláh", "Noémi")]
    assert [r.fields.get("active") for r in records] == [True, True, False]
    name = f"{BOOK}#Előjegyzések"
    kinds, quarantined, records = _derive(doc, name, *VISITS)
    assert kinds["appointment"] == 36 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2023-02-02T09:15")
    assert records[1].fields["ends_at"].startswith("2023-02-02T09:35")


@pytest.mark.parametrize(("text", "day"), [
    ("1985.07.23.", dt.date(1985, 7, 23)), ("2001.1.9.", dt.date(2001, 1, 9)),
    ("1985.07.23", dt.date(1985, 7, 23)),
])
def test_a_year_first_date_closed_by_a_point(text: str, day: dt.date) -> None:
    assert parse_date(text, "DMY") == (day, None)
    assert parse_datetime(f"{text} 07:05", "MDY", Settings())[0].startswith(
        f"{day.isoformat()}T07:05")


def test_a_whole_name_reads_family_name_first_where_the_country_writes_it_so() -> None:
    fields = ("first_name", "middle_name", "last_name", "credentials")
    hungarian, american = Settings(country="HU"), Settings(country="US")
    assert read_parts("name", "Vincze Dóra Anna", fields, hungarian) == {
        "last_name": "Vincze", "first_name": "Dóra", "middle_name": "Anna"}
    assert read_parts("name", "Dr. Kiss Levente", fields, hungarian) == {
        "last_name": "Kiss", "first_name": "Levente"}
    assert read_parts("name", "Kiss, Levente", fields, hungarian) == {
        "last_name": "Kiss", "first_name": "Levente"}
    assert read_parts("name", "Levente Kiss", fields, american) == {
        "last_name": "Kiss", "first_name": "Levente"}


def test_hungarian_yes_no_and_the_offices_test_patient() -> None:
    assert parse_bool("Igen") is True and parse_bool("Nem") is False
    assert empty.test_person("patient", {"first_name": "Elek", "last_name": "Teszt"})
    assert empty.test_person("patient", {"first_name": "Teszt", "last_name": "Páciens"})
    assert empty.test_person("patient", {"first_name": "Elek", "last_name": "Kovács"}) is None


def test_a_newsletter_flag_says_the_patient_takes_email() -> None:
    headers = ["Azonosító", "Vezetéknév", "Utónév", "Hírlevél"]
    rows = [[str(70 + i), FAMILY[i % 8], GIVEN[i % 7], "Igen" if i % 3 else "Nem"]
            for i in range(20)]
    fm = _propose({"betegek.csv": (headers, rows)}).files["betegek.csv"]
    [flags] = [c for c in fm.combine if c.target == "patient.contact_preference"]
    assert flags.columns == ["Hírlevél"] and flags.values == {"0": "none", "1": "email"}


def test_hungarian_phones_and_country_names_say_hungary_and_forints() -> None:
    proposal = propose_region(["+36 30 412 7788", "+36 1 334 5566", "06 20 987 6543"],
                              ["Magyarország"], ["6720", "1052"], [])
    assert proposal is not None and (proposal.country, proposal.currency) == ("HU", "HUF")


@pytest.mark.parametrize(("text", "moment"), [
    ("1998. március 14.", "1998-03-14T00:00"), ("2023. okt. 2.", "2023-10-02T00:00"),
    ("2023. november 30. 16:45", "2023-11-30T16:45"), ("2022. május 6., 8:05", "2022-05-06T08:05"),
])
def test_a_year_first_date_with_its_month_in_hungarian(text: str, moment: str) -> None:
    assert parse_datetime(text, "DMY", Settings(country="HU"))[0].startswith(moment)
    shapes, info = classify(text)
    assert shapes & {"date", "datetime"} and info is not None
