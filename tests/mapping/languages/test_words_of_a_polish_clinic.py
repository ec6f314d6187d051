"""A Polish clinic's export, read in its own words: headers (`Imię`, `Nazwisko`, `Płeć`, `Data
urodzenia`), file names (`pacjenci`, `wizyty`, `personel`, `rozpoznania`), visit status words
(`Zrealizowana`, `Odwołana`, `Nieobecność`), roles (`Pielęgniarka`, `Rejestratorka`), `K`/`M`,
`Tak`/`Nie`; the visit's date with the month named in words (`6 lutego 2024, 17:15`) and its
length (`30 min`); the house number in a column of its own; the country from its postcodes and
voivodeships; the office's `Test Testowy` patient."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.mapping import MappingDocument, Settings
from domain.proposal.profile import ColumnProfile
from domain.proposal.region import propose_region
from domain.proposal.text import phrase
from domain.proposal.values import enum_values
from domain.records import empty
from domain.records.normalise import Invalid, parse_bool, parse_date, parse_datetime
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Anna", "Tomasz", "Magdalena", "Łukasz", "Małgorzata", "Michał")
LAST = ("Kowalczyk", "Dąbrowska", "Woźniak", "Kamiński", "Lewandowska", "Mazur")
MONTHS = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca")
STREETS = ("ul. Wielicka", "al. Pokoju", "os. Centrum C", "ul. Długa")

PATIENT_HEADERS = ["ID pacjenta", "Imię", "Drugie imię", "Nazwisko", "Data urodzenia", "Płeć",
                   "Telefon komórkowy", "Telefon stacjonarny", "E-mail", "Ulica", "Nr domu",
                   "Kod pocztowy", "Miejscowość", "Województwo", "Data rejestracji"]
PATIENTS = [[str(1 + 2 * i), FIRST[i % 6], "Maria" if i % 3 else "", f"{LAST[i % 6]}{i}",
             f"{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i}", "K" if i % 2 else "M",
             f"{512 + i} {100 + i} {300 + i}", f"12 {600 + i} 84 {10 + i}" if i % 2 else "",
             f"osoba{i}@example.pl", STREETS[i % 4], str(3 + i), f"3{i % 3}-00{i % 9}",
             "Kraków", "małopolskie", f"{1 + i % 28:02d}.06.2020"] for i in range(30)]
VISIT_HEADERS = ["Data i godzina", "Czas trwania", "ID pacjenta", "Lekarz", "Usługa", "Status",
                 "Opis"]
STATUSES = ("Zrealizowana", "Odwołana", "Nieobecność", "Zaplanowana")
VISITS = [[f"{1 + i % 27} {MONTHS[i % 6]} 2024, {9 + i % 8}:{15 * (i % 4):02d}",
           f"{(1 + i % 2) * 15} min", str(1 + 2 * (i % 30)), "lek. Anna Kowalczyk",
           ("Konsultacja internistyczna", "Szczepienie", "USG jamy brzusznej")[i % 3],
           STATUSES[i % 4], "Kontrola wyników" if i % 2 else ""] for i in range(40)]
STAFF_HEADERS = ["Imię", "Nazwisko", "Stanowisko", "Specjalizacja", "Numer PWZ", "E-mail",
                 "Telefon", "Aktywny"]
STAFF = [["Anna", "Kowalczyk", "Lekarz", "Kardiologia", "3241569", "anna@example.pl",
          "518 561 364", "Tak"],
         ["Joanna", "Dąbrowska", "Lekarz", "Choroby wewnętrzne", "5179680", "joanna@example.pl",
          "554 361 400", "Tak"],
         ["Ewa", "Mazur", "Pielęgniarka", "", "1748998", "ewa@example.pl", "593 807 351", "Nie"],
         ["Michał", "Nowak", "Rejestratorka", "", "", "michal@example.pl", "748 536 248", "Tak"]]
DIAGNOSIS_HEADERS = ["ID pacjenta", "Data rozpoznania", "Kod ICD-10", "Rozpoznanie", "Rodzaj"]
DIAGNOSES = [[str(1 + 2 * i), f"{1 + i % 28:02d}.03.2021", ("Z88.0", "I10", "E11")[i % 3],
              ("Uczulenie na penicylinę", "Nadciśnienie samoistne", "Cukrzyca typu 2")[i % 3],
              "Alergia" if i % 3 == 0 else "Choroba przewlekła"] for i in range(20)]


def _doc() -> MappingDocument:
    return _propose({"pacjenci.csv": (PATIENT_HEADERS, PATIENTS),
                     "wizyty_2024.csv": (VISIT_HEADERS, VISITS),
                     "personel.csv": (STAFF_HEADERS, STAFF),
                     "rozpoznania.csv": (DIAGNOSIS_HEADERS, DIAGNOSES)}, date_order="DMY")


def test_a_polish_clinics_files_and_columns_are_read_in_polish() -> None:
    doc = _doc()
    kinds = {name: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"pacjenci.csv": "patient", "wizyty_2024.csv": "appointment",
                     "personel.csv": "provider", "rozpoznania.csv": "allergy_condition"}
    want = {
        "pacjenci.csv": {"ID pacjenta": "source_id", "Imię": "first_name",
                         "Drugie imię": "middle_name", "Nazwisko": "last_name",
                         "Data urodzenia": "date_of_birth", "Płeć": "sex",
                         "Telefon komórkowy": "phone_mobile", "Telefon stacjonarny": "phone_home",
                         "E-mail": "email", "Kod pocztowy": "postal_code",
                         "Miejscowość": "city", "Województwo": "state",
                         "Data rejestracji": "created_at"},
        "wizyty_2024.csv": {"Data i godzina": "starts_at", "ID pacjenta": "patient_source_id",
                            "Lekarz": "provider_source_id", "Usługa": "appointment_type",
                            "Status": "status", "Opis": "notes"},
        "personel.csv": {"Imię": "first_name", "Nazwisko": "last_name", "Stanowisko": "role",
                         "Specjalizacja": "specialty", "Numer PWZ": "license_number",
                         "E-mail": "email", "Telefon": "phone", "Aktywny": "active"},
        "rozpoznania.csv": {"ID pacjenta": "patient_source_id", "Rozpoznanie": "name",
                            "Rodzaj": "kind"},
    }
    for name, columns in want.items():
        fm = doc.files[name]
        for header, field in columns.items():
            column = fm.columns[header]
            assert column.target == f"{fm.kind}.{field}", (name, header, column.reasons)
    status = doc.files["wizyty_2024.csv"].columns["Status"].values
    assert status == {"Zrealizowana": "completed", "Odwołana": "cancelled",
                      "Nieobecność": "no_show", "Zaplanowana": "booked"}
    assert doc.files["personel.csv"].columns["Stanowisko"].values == {
        "Lekarz": "provider", "Pielęgniarka": "nurse", "Rejestratorka": "front_desk"}
    assert doc.files["rozpoznania.csv"].columns["Rodzaj"].values == {
        "Alergia": "allergy", "Choroba przewlekła": "condition"}


def test_the_house_number_follows_the_street_and_the_length_gives_the_end() -> None:
    doc = _doc()
    [address] = [c for c in doc.files["pacjenci.csv"].combine
                 if c.target == "patient.address_line1"]
    assert address.columns == ["Ulica", "Nr domu"]
    [end] = [c for c in doc.files["wizyty_2024.csv"].combine
             if c.target == "appointment.ends_at"]
    assert end.plus_duration and end.columns[-1] == "Czas trwania"


def test_the_visits_with_their_months_in_words_all_derive() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "wizyty_2024.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not quarantined, quarantined[:2]
    first = records[0].fields
    assert first["starts_at"].startswith("2024-01-01T09:00")
    assert first["ends_at"].startswith("2024-01-01T09:15")
    kinds, quarantined, records = _derive(doc, "pacjenci.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and not quarantined, quarantined[:2]
    assert records[1].fields["sex"] == "female" and records[0].fields["sex"] == "male"
    kinds, quarantined, records = _derive(doc, "personel.csv", STAFF_HEADERS, STAFF)
    assert [r.fields.get("active") for r in records] == [True, True, False, True]
    kinds, quarantined, records = _derive(doc, "rozpoznania.csv", DIAGNOSIS_HEADERS, DIAGNOSES)
    assert [r.fields.get("kind") for r in records[:3]] == ["allergy", "condition", "condition"]


@pytest.mark.parametrize(("target", "values", "said"), [
    ("patient.sex", ["K", "M", "Kobieta"], {"K": "female", "Kobieta": "female"}),
    ("appointment.status", ["Zrealizowana", "Completed", "Odwołana", "Nieobecność"],
     {"Nieobecność": "no_show", "Odwołana": "cancelled", "Zrealizowana": "completed"}),
    ("provider.role", ["Pielęgniarka", "Rejestratorka"],
     {"Pielęgniarka": "nurse", "Rejestratorka": "front_desk"}),
])
def test_polish_value_words_get_a_value_map(target: str, values: list[str],
                                            said: dict[str, str]) -> None:
    col = ColumnProfile(distinct={v: 1 for v in values})
    assert enum_values(target, col) == said
    assert parse_bool("Tak") is True and parse_bool("Nie") is False


@pytest.mark.parametrize(("text", "moment"), [
    ("6 lutego 2024, 17:15", "2024-02-06T17:15"),
    ("12 stycznia 2024", "2024-01-12T00:00"),
    ("1 maja 2024 r., godz. 9:00", "2024-05-01T09:00"),
    ("3 października 2023 10:30", "2023-10-03T10:30"),
    ("12 styczeń 2024", "2024-01-12T00:00"),
    ("3 de marzo de 2024, 10:30", "2024-03-03T10:30"),
    ("5. März 2024 um 14:00", "2024-03-05T14:00"),
    ("12 janv. 2024 à 14:30", "2024-01-12T14:30"),
    ("7 agosto 2024 alle 9:45", "2024-08-07T09:45"),
])
def test_a_month_named_in_words_in_the_clinics_language(text: str, moment: str) -> None:
    assert parse_datetime(text, "DMY", Settings())[0].startswith(moment)


def test_a_named_day_that_does_not_exist_is_no_date() -> None:
    assert parse_date("14 lipca 2024", "DMY")[0] == dt.date(2024, 7, 14)
    with pytest.raises(Invalid):
        parse_datetime("30 lutego 2025, 10:00", "DMY", Settings())
    with pytest.raises(Invalid):
        parse_date("30 lutego 2025", "DMY")


def test_a_stroked_l_reads_as_l_in_headers() -> None:
    assert phrase("Płeć").tokens == ("plec",)
    assert phrase("Miejscowość").tokens == ("miejscowosc",)


def test_polish_postcodes_and_voivodeships_say_poland() -> None:
    proposal = propose_region(["853 351 408", "12 619 84 71"], [], ["30-001", "32-050"],
                              ["małopolskie", "śląskie"])
    assert proposal is not None and (proposal.country, proposal.currency) == ("PL", "PLN")


def test_the_offices_polish_test_patient_is_no_one() -> None:
    assert empty.test_person("patient", {"first_name": "Test", "last_name": "Testowy"})
    assert empty.test_person("patient", {"first_name": "Pacjent", "last_name": "Testowy"})
    assert empty.test_person("patient", {"first_name": "Anna", "last_name": "Testowa-Nowak"}) is None
