"""A Croatian clinic's export and a Serbian one (Cyrillic and Latin letters) read with no hand edit:
file names (`pacijenti`, `termini`, `nalazi`, `alergije_i_dijagnoze`, `racuni`, `Пацијенти`),
headers (`Broj kartona`, `Prezime`, `Ime`, `Datum rođenja`, `Spol`/`Pol`, `Mjesto`, `Poštanski
broj`, `Mobitel`, `Osiguranje`, `MBO`/`ЛБО` the insured's number naming no insurer, `Datum upisa`,
`Liječnik`/`Lekar`, `Vrijeme`, `Trajanje`, `Usluga`, `Nalaz i mišljenje`, `Šifra MKB-10`,
`Dug`), value words (`Ž`/`M`, `Da`/`Ne`, `Naručen`, `Došao`, `Završen`, `Otkazan`, `Nije došao`,
`Plaćeno`, `Neplaćeno`, `Dospjelo`); dates closed by a point (`3.2.1960.`); the birth date from
a JMBG (`DDMMYYYRRBBBK`, modulus 11) where its check proves it or its header names it; `+385`
and `+381` numbers saying Croatia (euros) and Serbia (dinars); Windows-1250 and -1251 files."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.sources.text_detect import scan_file
from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool
from tests.mapping.test_failure_classes import Rows, _derive, _propose


def _oib(n: int) -> str:
    """A Croatian OIB with its ISO 7064 (11,10) check digit (no birth date in it)."""
    digits, carry = f"{n:010d}", 10
    for c in digits:
        carry = (carry + int(c)) % 10 or 10
        carry = carry * 2 % 11
    return digits + str((11 - carry) % 10)


def _jmbg(d: int, m: int, y: int, rr: int, bbb: int) -> str:
    """A JMBG with its modulus-11 check digit."""
    head = f"{d:02d}{m:02d}{y % 1000:03d}{rr:02d}{bbb:03d}"
    rest = 11 - sum(int(a) * w for a, w in zip(head, (7, 6, 5, 4, 3, 2) * 2, strict=True)) % 11
    return head + str(rest if rest < 10 else 0)


FIRST = ("Ana", "Ivan", "Marija", "Luka", "Petra", "Josip")
LAST = ("Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak")
PATIENT_HEADERS = ["Broj kartona", "Prezime", "Ime", "OIB", "MBO", "Datum rođenja", "Spol",
                   "Adresa", "Mjesto", "Poštanski broj", "Mobitel", "Telefon", "E-mail",
                   "Osiguranje", "Datum upisa", "Aktivan"]
PATIENTS = [[str(2100 + i), LAST[i % 6], FIRST[i % 6], _oib(12345678 + 7919 * i),
             f"{100200300 + 11 * i}", f"{1 + i % 28}.{1 + i % 12}.{1955 + i}.",
             "Ž" if i % 2 == 0 else "M", f"Ilica {10 + i}",
             ("Zagreb", "Velika Gorica", "Samobor")[i % 3], ("10000", "10410", "10430")[i % 3],
             f"+385 9{1 + i % 9} {200 + i} {3000 + i}", f"01 {4500 + i} {100 + i}" if i % 3 else "",
             f"pacijent{i}@gmail.com", ("HZZO", "Croatia osiguranje", "Generali")[i % 3],
             f"{1 + i % 28}.{1 + i % 12}.2018.", "Ne" if i % 7 == 0 else "Da"] for i in range(30)]
VISIT_HEADERS = ["ID termina", "Broj kartona", "Liječnik", "Datum", "Vrijeme", "Trajanje (min)",
                 "Usluga", "Status", "Napomena"]
STATES = ("Naručen", "Došao", "Završen", "Otkazan", "Nije došao")
VISITS = [[str(600 + i), str(2100 + i % 30), ("dr. Ivana Perić", "dr. Marko Vuković")[i % 2],
           f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025.", f"{8 + i % 9}:{15 * (i % 4):02d}",
           ("20", "30")[i % 2], ("Prvi pregled", "Kontrolni pregled", "EKG")[i % 3],
           STATES[i % 5], "" if i % 3 else "natašte"] for i in range(40)]
NOTE_HEADERS = ["Broj nalaza", "Broj kartona", "Datum pregleda", "Liječnik", "Nalaz i mišljenje"]
NOTES = [[str(9000 + i), str(2100 + i % 30),
          f"{1 + i % 27:02d}.{1 + i % 12:02d}.2024. {8 + i % 9}:20", "dr. Ivana Perić",
          f"Tlak {120 + i}/80. Preporuka: kontrola za mjesec dana."] for i in range(25)]
ALLERGY_HEADERS = ["Broj kartona", "Vrsta", "Naziv", "Šifra MKB-10", "Aktivno", "Datum unosa"]
ALLERGIES = [[str(2100 + i % 30), "Alergija" if i % 2 == 0 else "Dijagnoza",
              ("Penicilin", "Hipertenzija")[i % 2], ("Z88.0", "I10")[i % 2],
              "Da" if i % 3 else "Ne", f"{1 + i % 28:02d}.{1 + i % 12:02d}.2021."]
             for i in range(20)]
INVOICE_HEADERS = ["Broj računa", "Broj kartona", "Datum plaćanja", "Plaćeno", "Dug",
                   "Status plaćanja"]
PAY = ("Plaćeno", "Neplaćeno", "Dospjelo")
INVOICES = [[f"{i + 1}-1-1", str(2100 + i), f"{1 + i % 27:02d}.03.2025.",
             f"{150 + i},00 €" if i % 3 == 0 else "0,00 €",
             "0,00 €" if i % 3 == 0 else f"1.{200 + i},50 €", PAY[i % 3]] for i in range(24)]
FILES: dict[str, tuple[list[str], Rows]] = {"pacijenti.csv": (PATIENT_HEADERS, PATIENTS), "termini_2025.csv": (VISIT_HEADERS, VISITS),
         "nalazi.csv": (NOTE_HEADERS, NOTES),
         "alergije_i_dijagnoze.csv": (ALLERGY_HEADERS, ALLERGIES),
         "racuni.csv": (INVOICE_HEADERS, INVOICES)}
# A Serbian clinic: its patients in Cyrillic letters, its appointments in Latin ones
SR_FIRST = ("Јелена", "Никола", "Милица", "Стефан", "Драгана", "Ђорђе")
SR_LAST = ("Јовановић", "Петровић", "Николић", "Марковић", "Ђорђевић", "Стојановић")
SR_PATIENT_HEADERS = ["Број картона", "Презиме", "Име", "ЈМБГ", "ЛБО", "Пол", "Адреса", "Град",
                      "Поштански број", "Мобилни телефон", "Фиксни телефон", "Е-пошта",
                      "Датум регистрације"]
SR_PATIENTS = [[str(500 + i), SR_LAST[i % 6], SR_FIRST[i % 6],
                _jmbg(1 + i % 28, 1 + i % 12, 1950 + i, 71, 100 + 3 * i), f"{12345678900 + 7 * i}",
                "Ж" if i % 2 == 0 else "М", f"Булевар ослобођења {10 + i}",
                ("Нови Сад", "Београд", "Ниш")[i % 3], ("21000", "11000", "18000")[i % 3],
                f"+381 6{i % 6} {300 + i} {4000 + i}", f"021/{400 + i}-{100 + i}" if i % 3 else "",
                f"pacijent{i}@gmail.com", f"{1 + i % 28:02d}.{1 + i % 12:02d}.2017."]
               for i in range(30)]
SR_VISIT_HEADERS = ["ID termina", "Broj kartona", "Lekar", "Datum i vreme", "Trajanje",
                    "Vrsta pregleda", "Status"]
SR_STATES = ("Zakazan", "Došao", "Obavljen", "Otkazan", "Nije došao")
SR_VISITS = [[str(700 + i), str(500 + i % 30), ("dr Milan Ilić", "dr Ana Savić")[i % 2],
              f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025. {8 + i % 9}:{15 * (i % 4):02d}", "30",
              ("Opšti pregled", "Kontrola", "Ultrazvuk")[i % 3], SR_STATES[i % 5]]
             for i in range(40)]


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="DMY", country="HR")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Prezime", "last_name"), ("patient", "Datum rodjenja", "date_of_birth"),
    ("patient", "Датум рођења", "date_of_birth"), ("patient", "Pol", "sex"),
    ("patient", "Kućni telefon", "phone_home"), ("patient", "Mobilni telefon", "phone_mobile"),
    ("patient", "Grad", "city"), ("patient", "Općina", "city"),
    ("patient", "Elektronska pošta", "email"), ("appointment", "Ordinacija", "location"),
    ("appointment", "Napomene", "notes"), ("allergy_condition", "Šifra dijagnoze", "code"),
    ("billing", "Dugovanje", "outstanding_balance"), ("billing", "Dug (RSD)", "outstanding_balance"),
    ("billing", "Uplaćeno, din.", "last_payment_amount"),
])
def test_serbian_and_croatian_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_croatian_clinics_files_and_columns_are_read_in_croatian() -> None:
    doc = _doc()
    assert {name: fm.kind for name, fm in doc.files.items()} == {
        "pacijenti.csv": "patient", "termini_2025.csv": "appointment",
        "nalazi.csv": "clinical_note", "alergije_i_dijagnoze.csv": "allergy_condition",
        "racuni.csv": "billing"}
    want = {
        "pacijenti.csv": {"Broj kartona": "patient.source_id", "Prezime": "patient.last_name",
                          "Ime": "patient.first_name", "MBO": "insurance.member_id",
                          "Datum rođenja": "patient.date_of_birth", "Spol": "patient.sex",
                          "Mjesto": "patient.city", "Poštanski broj": "patient.postal_code",
                          "Mobitel": "patient.phone_mobile", "Osiguranje": "insurance.carrier_name",
                          "Datum upisa": "patient.created_at", "Aktivan": "patient.status"},
        "termini_2025.csv": {"ID termina": "appointment.source_id",
                             "Broj kartona": "appointment.patient_source_id",
                             "Liječnik": "appointment.provider_source_id",
                             "Usluga": "appointment.appointment_type",
                             "Status": "appointment.status", "Napomena": "appointment.notes"},
        "nalazi.csv": {"Broj nalaza": "clinical_note.source_id",
                       "Datum pregleda": "clinical_note.created_at",
                       "Liječnik": "clinical_note.author_source_id",
                       "Nalaz i mišljenje": "clinical_note.body"},
        "alergije_i_dijagnoze.csv": {"Vrsta": "allergy_condition.kind",
                                     "Naziv": "allergy_condition.name",
                                     "Šifra MKB-10": "allergy_condition.code",
                                     "Aktivno": "allergy_condition.clinical_status"},
        "racuni.csv": {"Broj računa": "billing.source_id", "Dug": "billing.outstanding_balance",
                       "Plaćeno": "billing.last_payment_amount",
                       "Status plaćanja": "billing.billing_status"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.reasons)
    assert doc.files["pacijenti.csv"].columns["Aktivan"].values == {"Da": "active",
                                                                   "Ne": "inactive"}
    visits = doc.files["termini_2025.csv"]
    assert visits.columns["Status"].values == {"Naručen": "booked", "Došao": "arrived",
                                               "Završen": "completed", "Otkazan": "cancelled",
                                               "Nije došao": "no_show"}
    assert {c.target for c in visits.combine} == {"appointment.starts_at", "appointment.ends_at"}
    assert doc.files["racuni.csv"].columns["Status plaćanja"].values == {
        "Plaćeno": "paid", "Neplaćeno": "current", "Dospjelo": "overdue"}


def test_the_croatian_rows_derive_with_their_values() -> None:
    doc = _doc()
    kinds, held, records = _derive(doc, "pacijenti.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and kinds["insurance"] == 30 and not held
    patients = [r.fields for r in records if r.kind == "patient"]
    assert patients[0]["date_of_birth"] == "1955-01-01" and patients[0]["sex"] == "female"
    assert patients[1]["sex"] == "male" and patients[0]["status"] == "inactive"
    kinds, held, records = _derive(doc, "termini_2025.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not held
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert records[1].fields["ends_at"].startswith("2025-02-02T09:45")
    kinds, held, records = _derive(doc, "racuni.csv", INVOICE_HEADERS, INVOICES)
    assert kinds["billing"] == 24 and not held
    assert records[1].fields["outstanding_balance"] == "1201.50"


def test_a_serbian_export_in_cyrillic_and_latin_letters() -> None:
    doc = _propose({"Пацијенти.csv": (SR_PATIENT_HEADERS, SR_PATIENTS),
                    "termini.csv": (SR_VISIT_HEADERS, SR_VISITS)}, date_order="DMY", country="RS")
    patients = doc.files["Пацијенти.csv"]
    assert patients.kind == "patient" and doc.files["termini.csv"].kind == "appointment"
    for header, target in {"Број картона": "patient.source_id", "Презиме": "patient.last_name",
                           "Име": "patient.first_name", "Пол": "patient.sex",
                           "Град": "patient.city", "Поштански број": "patient.postal_code",
                           "Мобилни телефон": "patient.phone_mobile",
                           "Фиксни телефон": "patient.phone_home", "Е-пошта": "patient.email",
                           "ЛБО": "insurance.member_id"}.items():
        assert patients.columns[header].target == target, (header, patients.columns[header].reasons)
    [born] = [c for c in patients.combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["ЈМБГ"] and born.identity
    kinds, held, records = _derive(doc, "Пацијенти.csv", SR_PATIENT_HEADERS, SR_PATIENTS)
    assert kinds["patient"] == 30 and not held
    first = next(r.fields for r in records if r.kind == "patient")
    assert first["date_of_birth"] == "1950-01-01" and first["sex"] == "female"
    insurance = next(r.fields for r in records if r.kind == "insurance")
    assert "carrier_name" not in insurance  # `ЛБО` is the insured's number, no insurer's name
    kinds, held, records = _derive(doc, "termini.csv", SR_VISIT_HEADERS, SR_VISITS)
    assert kinds["appointment"] == 40 and not held
    assert [r.fields["status"] for r in records[:5]] == [
        "booked", "arrived", "completed", "cancelled", "no_show"]
    assert records[1].fields["ends_at"].startswith("2025-02-02T09:45")


@pytest.mark.parametrize(("number", "header", "born"), [
    (_jmbg(14, 3, 1985, 71, 123), "", "1985-03-14"), (_jmbg(1, 1, 2003, 50, 5), "JMBG", "2003-01-01"),
    (_jmbg(29, 2, 1952, 10, 1), "ЈМБГ", "1952-02-29"), (_jmbg(5, 6, 1977, 50, 9), "EMŠO", "1977-06-05"),
    ("1403985711234", "JMBG", None),  # the check fails
    ("3102985711230", "JMBG", None),  # no 31 February
])
def test_a_jmbg_writes_the_birth_date(number: str, header: str, born: str | None) -> None:
    assert birth_date_in(number, header=header) == born


def test_numbers_say_croatia_and_serbia_and_yes_and_no() -> None:
    hr = propose_region([r[10] for r in PATIENTS] + [r[11] for r in PATIENTS if r[11]],
                        postcodes=[r[9] for r in PATIENTS])
    assert hr is not None and (hr.country, hr.currency) == ("HR", "EUR")
    rs = propose_region([r[9] for r in SR_PATIENTS] + [r[10] for r in SR_PATIENTS if r[10]],
                        postcodes=[r[8] for r in SR_PATIENTS])
    assert rs is not None and (rs.country, rs.currency) == ("RS", "RSD")
    assert parse_bool("Da") is True and parse_bool("Да") is True and parse_bool("Не") is False


@pytest.mark.parametrize(("codec", "encoding"), [("cp1250", "windows-1250"),
                                                 ("cp1251", "windows-1251")])
def test_the_code_page_of_a_croatian_and_a_serbian_export(tmp_path: Path, codec: str,
                                                          encoding: str) -> None:
    rows = PATIENTS if codec == "cp1250" else SR_PATIENTS
    headers = PATIENT_HEADERS if codec == "cp1250" else SR_PATIENT_HEADERS
    lines = [";".join(headers[:8])] + [";".join(r[:8]) for r in rows[:6]]
    path = tmp_path / "pacijenti.csv"
    path.write_bytes("\r\n".join(lines).encode(codec))
    assert scan_file(path).encoding == encoding


@pytest.mark.parametrize(("header", "cell", "country"), [
    ("Prezime i ime", "Kovačević Ana", "HR"),  # the header says family name first
    ("Ime i prezime", "Ana Kovačević", "HR"),  # and here given name first
    ("Priimek in ime", "Kovačević Ana", "SI"), ("Priezvisko a meno", "Kovačević Ana", "SK"),
    ("Фамилия Имя Отчество", "Kovačević Ana", "US"),  # whatever the country, where the header says it
    ("Ф.И.О.", "Kovačević Ana", "US"), ("Ime i prezime", "Ana Kovačević", "RU"),
])
def test_a_whole_names_header_says_the_order_of_its_names(header: str, cell: str,
                                                          country: str) -> None:
    headers = ["Šifra", header, "Telefon"]
    rows = [[str(10 + i), cell.replace("Ana", ("Ana", "Iva", "Eva", "Mia")[i % 4]),
             f"+385 91 {200 + i} {3000 + i}"] for i in range(20)]
    doc = _propose({"pacijenti.csv": (headers, rows)}, date_order="DMY", country=country)
    column = doc.files["pacijenti.csv"].columns[header]
    assert column.target == "patient.last_name" and column.parts == "name", column.reasons
    _, held, records = _derive(doc, "pacijenti.csv", headers, rows)
    assert not held
    assert (records[0].fields["last_name"], records[0].fields["first_name"]) == ("Kovačević", "Ana")
