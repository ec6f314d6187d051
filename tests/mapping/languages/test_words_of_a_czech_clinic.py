"""A Czech clinic's export read with no hand edit, each a class beyond one vendor: Czech headers
and file names (`Příjmení`, `Pohlaví`, `PSČ`, `Pojišťovna`, `Číslo karty`, `kartotéka`,
`návštěvy`, `dekurzy`), sex, status and sort words (`žena`/`muž`, `Ošetřena`, `Nepřišel`,
`Alergie`/`Diagnóza`), `A`/`N` (ano/ne) as yes and no; dates written `3. 2. 2019` with a space
after each dot; and the birth date read from a rodné číslo (`YYMMDD/SSSC`, a woman's month
raised by 50, ten digits divisible by 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import Invalid, parse_bool, parse_date, parse_datetime
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Jana", "Tomáš", "Lenka", "Petr", "Eva", "Jiří")
LAST = ("Svobodová", "Veselý", "Marková", "Pokorný", "Kratochvílová", "Beneš")
TOWNS = ("Olomouc", "Přerov", "Prostějov")


def _birth_number(born: dt.date, female: bool, serial: int) -> str:
    """A ten-digit rodné číslo with its check digit (the number divisible by 11)."""
    head = f"{born.year % 100:02d}{born.month + (50 if female else 0):02d}{born.day:02d}{serial:03d}"
    return f"{head[:6]}/{head[6:]}{int(head) % 11 % 10}"


def _born(i: int) -> dt.date:
    return dt.date(1956 + i, 1 + i % 12, 1 + i % 27)


PATIENT_HEADERS = ["Číslo karty", "Příjmení", "Jméno", "RČ", "Pohlaví", "Pojišťovna",
                   "Číslo pojištěnce", "Ulice", "Město", "PSČ", "Mobil", "E-mail",
                   "V evidenci od", "Archivován"]
PATIENTS = [[str(40100 + i), LAST[i % 6], FIRST[i % 6],
             _birth_number(_born(i), i % 2 == 0, 100 + 3 * i), "žena" if i % 2 == 0 else "muž",
             ("111", "207", "213")[i % 3], f"{900000 + 37 * i}", f"Palackého {10 + i}",
             TOWNS[i % 3], f"77{i % 9} 00", f"+420 72{i % 10} {100 + i} {200 + i}",
             f"pacient{i}@example.cz", f"{1 + i % 28}. {1 + i % 12}. 20{10 + i % 12}",
             "A" if i % 7 == 0 else "N"] for i in range(30)]
VISIT_HEADERS = ["Datum", "Čas", "Délka", "Číslo karty", "Lékař", "Typ návštěvy", "Stav",
                 "Poznámky"]
STATUSES = ("Objednána", "Ošetřena", "Zrušena", "Nepřišel", "V čekárně")
VISITS = [[f"{1 + i % 27}. {1 + i % 12}. 2025", f"{8 + i % 9}:{15 * (i % 4):02d}",
           str((1 + i % 3) * 15), str(40100 + i % 30), "MUDr. Jana Malá",
           ("Vstupní prohlídka", "Očkování", "Kontrola tlaku")[i % 3], STATUSES[i % 5],
           "nalačno" if i % 2 else ""] for i in range(40)]
NOTE_HEADERS = ["Číslo zápisu", "Číslo karty", "Datum a čas", "Zapsal", "Záznam"]
NOTES = [[str(5000 + i), str(40100 + i % 30), f"{1 + i % 27}. {1 + i % 12}. 2024 {7 + i % 10}:05",
          "MUDr. Karel Novotný", f"Kontrola, tlak {120 + i}/80.\nBez obtíží."] for i in range(25)]
DIAGNOSIS_HEADERS = ["Číslo karty", "Druh", "Kód diagnózy", "Název diagnózy", "Trvalé",
                     "Datum zápisu"]
DIAGNOSES = [[str(40100 + i % 30), "Alergie" if i % 3 == 0 else "Diagnóza",
              ("Z88.0", "E11.9", "K21.9")[i % 3],
              ("Penicilin", "Diabetes mellitus 2. typu", "Refluxní choroba jícnu")[i % 3],
              "A" if i % 4 else "N", f"{1 + i % 28}. {1 + i % 12}. 2020"] for i in range(20)]


def _doc() -> MappingDocument:
    return _propose({"kartoteka.csv": (PATIENT_HEADERS, PATIENTS),
                     "navstevy_2025.csv": (VISIT_HEADERS, VISITS),
                     "dekurzy.csv": (NOTE_HEADERS, NOTES),
                     "diagnozy_pacientu.csv": (DIAGNOSIS_HEADERS, DIAGNOSES)}, date_order="DMY")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Příjmení", "last_name"), ("patient", "Jméno", "first_name"),
    ("patient", "Pohlaví", "sex"), ("patient", "Obec", "city"), ("patient", "PSČ", "postal_code"),
    ("patient", "Datum narození", "date_of_birth"), ("patient", "Registrace od", "created_at"),
    ("insurance", "Zdravotní pojišťovna", "carrier_name"),
    ("insurance", "Číslo pojištěnce", "member_id"),
    ("appointment", "Důvod", "appointment_type"), ("appointment", "Poznámka", "notes"),
    ("appointment", "Č. karty", "patient_source_id"), ("appointment", "Stav", "status"),
    ("clinical_note", "Lékař", "author_source_id"), ("clinical_note", "Datum a čas", "created_at"),
    ("allergy_condition", "Název", "name"), ("allergy_condition", "Zapsáno", "recorded_at"),
    ("allergy_condition", "MKN-10", "code"),
])
def test_czech_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_czech_clinics_files_and_columns_are_read_in_czech() -> None:
    doc = _doc()
    kinds = {name: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"kartoteka.csv": "patient", "navstevy_2025.csv": "appointment",
                     "dekurzy.csv": "clinical_note", "diagnozy_pacientu.csv": "allergy_condition"}
    want = {
        "kartoteka.csv": {"Číslo karty": "patient.source_id", "Příjmení": "patient.last_name",
                          "Jméno": "patient.first_name", "Pohlaví": "patient.sex",
                          "Pojišťovna": "insurance.carrier_name",
                          "Číslo pojištěnce": "insurance.member_id",
                          "Ulice": "patient.address_line1", "Město": "patient.city",
                          "PSČ": "patient.postal_code", "Mobil": "patient.phone_mobile",
                          "V evidenci od": "patient.created_at",
                          "Archivován": "patient.status"},
        "navstevy_2025.csv": {"Číslo karty": "appointment.patient_source_id",
                              "Lékař": "appointment.provider_source_id",
                              "Typ návštěvy": "appointment.appointment_type",
                              "Stav": "appointment.status", "Poznámky": "appointment.notes"},
        "dekurzy.csv": {"Číslo zápisu": "clinical_note.source_id",
                        "Číslo karty": "clinical_note.patient_source_id",
                        "Datum a čas": "clinical_note.created_at",
                        "Zapsal": "clinical_note.author_source_id",
                        "Záznam": "clinical_note.body"},
        "diagnozy_pacientu.csv": {"Druh": "allergy_condition.kind",
                                  "Kód diagnózy": "allergy_condition.code",
                                  "Název diagnózy": "allergy_condition.name",
                                  "Trvalé": "allergy_condition.clinical_status",
                                  "Datum zápisu": "allergy_condition.recorded_at"},
    }
    for name, columns in want.items():
        fm = doc.files[name]
        for header, target in columns.items():
            column = fm.columns[header]
            assert column.target == target, (name, header, column.reasons)
    patients = doc.files["kartoteka.csv"]
    assert patients.columns["Pohlaví"].values.get("žena") == "female"
    assert patients.columns["Archivován"].values == {"A": "inactive", "N": "active"}
    [born] = [c for c in patients.combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["RČ"] and born.identity
    visits = doc.files["navstevy_2025.csv"]
    assert visits.columns["Stav"].values == {
        "Objednána": "booked", "Ošetřena": "completed", "Zrušena": "cancelled",
        "Nepřišel": "no_show", "V čekárně": "arrived"}
    assert {c.target for c in visits.combine} == {"appointment.starts_at", "appointment.ends_at"}
    diagnoses = doc.files["diagnozy_pacientu.csv"]
    assert diagnoses.columns["Druh"].values == {"Alergie": "allergy", "Diagnóza": "condition"}
    assert diagnoses.columns["Trvalé"].values == {"A": "active", "N": "inactive"}


def test_the_czech_rows_all_derive_with_their_dates() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "kartoteka.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and kinds["insurance"] == 30 and not quarantined
    patients = [r for r in records if r.kind == "patient"]
    assert patients[0].fields["date_of_birth"] == _born(0).isoformat()  # a woman's: month + 50
    assert patients[1].fields["date_of_birth"] == _born(1).isoformat()
    assert patients[0].fields["sex"] == "female" and patients[1].fields["sex"] == "male"
    assert patients[0].fields["created_at"].startswith("2010-01-01")
    kinds, quarantined, records = _derive(doc, "navstevy_2025.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert records[1].fields["ends_at"].startswith("2025-02-02T09:45")
    kinds, quarantined, records = _derive(doc, "dekurzy.csv", NOTE_HEADERS, NOTES)
    assert kinds["clinical_note"] == 25 and not quarantined, quarantined[:2]
    assert records[0].fields["created_at"].startswith("2024-01-01T07:05")
    kinds, quarantined, records = _derive(doc, "diagnozy_pacientu.csv", DIAGNOSIS_HEADERS,
                                          DIAGNOSES)
    assert kinds["allergy_condition"] == 20 and not quarantined, quarantined[:2]
    assert [r.fields.get("kind") for r in records[:2]] == ["allergy", "condition"]
    assert [r.fields.get("clinical_status") for r in records[:2]] == ["inactive", "active"]


@pytest.mark.parametrize(("number", "header", "born"), [
    ("705403/1237", "", "1970-04-03"),  # a woman's: the month plus 50
    ("0401070010", "Rodné číslo", "2004-01-07"),  # no slash: read under a header naming it
    ("047107/0017", "", "2004-01-07"),  # a woman's plus 20 more, since 2004
    ("420315/123", "", "1942-03-15"),  # nine digits, before 1954
    ("450101/0019", "", "1945-01-01"),  # ten digits given later to someone born before 1954
])
def test_a_rodne_cislo_writes_the_birth_date(number: str, header: str, born: str) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) == born


@pytest.mark.parametrize(("number", "header"), [
    ("705403/1236", ""),  # the check fails
    ("0401070010", "Číslo"),  # ten digits alone, under a header naming no birth number
    ("701403/1233", ""),  # month 14 is no month
    ("560101/123", ""),  # nine digits after 1953
])
def test_what_is_no_rodne_cislo_writes_no_date(number: str, header: str) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) is None


@pytest.mark.parametrize(("text", "moment"), [
    ("3. 2. 2019", "2019-02-03T00:00"), ("3. 2. 2019 14:20", "2019-02-03T14:20"),
    ("28. 11. 2023 7:05", "2023-11-28T07:05"), ("2024. 03. 09.", "2024-03-09T00:00"),
    ("2024. 03. 09. 10:30", "2024-03-09T10:30"), ("3.2.2019", "2019-02-03T00:00"),
])
def test_a_date_with_a_space_after_each_dot(text: str, moment: str) -> None:
    assert parse_datetime(text, "DMY", Settings())[0].startswith(moment)
    assert parse_date(text, "DMY")[0].isoformat() == moment[:10]


def test_a_list_of_numbers_with_dots_is_no_date() -> None:
    with pytest.raises(Invalid):
        parse_date("1. 2. 3", "DMY")


def test_czech_yes_and_no() -> None:
    assert parse_bool("Ano") is True and parse_bool("A") is True
    assert parse_bool("Ne") is False and parse_bool("N") is False
