"""A Romanian clinic's export read in its own words, with no hand edit: file names (`pacienti`,
`programari`, `fise_consultatie`, `alergii`), headers (`Cod pacient`, `Nume`, `Prenume`,
`CNP`, `Data nașterii` and `Data naşterii` (the comma below and the cedilla both), `Sex`,
`Casa de asigurări`, `Telefon mobil`, `Telefon fix`, `Adresă`, `Localitate`, `Județ`,
`Cod poștal`, `Data înregistrării`, `Stare`, `Data programării`, `Ora`, `Durata (min)`,
`Medic`, `Serviciu`, `Observații`, `Diagnostic`, `Cod ICD-10`), value words (`F`/`M`,
`Feminin`/`Masculin`, `Activ`/`Inactiv`/`Decedat`, `Programat`, `Confirmat`, `Prezent`,
`Finalizat`, `Anulat`, `Neprezentat`, `Alergie`/`Afecțiune`, `Da`/`Nu`); dates `dd.mm.yyyy` and
with the month's name (`15 martie 2024`); `+40` numbers; the birth date a CNP writes (its first
digit the sex and century, a check digit modulo 11); a Windows-1250 file read as Romanian."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from adapters.sources.text_detect import read_sample, scan_file
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from domain.records import empty
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool, parse_datetime
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Ioana", "Andrei", "Mădălina", "Ștefan", "Alexandra", "Mihai")
LAST = ("Popescu", "Ionescu", "Stănescu", "Dumitrașcu", "Țurcanu", "Constantinescu")
TOWNS = ("Cluj-Napoca", "Timișoara", "Iași")


def _cnp(born: dt.date, female: bool, serial: int) -> str:
    """A thirteen-digit CNP: the sex and century, YYMMDD, the county, a serial, the check."""
    first = (2 if female else 1) if born.year < 2000 else (6 if female else 5)
    head = f"{first}{born.year % 100:02d}{born.month:02d}{born.day:02d}12{serial:03d}"
    check = sum(int(d) * int(w) for d, w in zip(head, "279146358279", strict=True)) % 11
    return head + str(1 if check == 10 else check)


def _born(i: int) -> dt.date:
    return dt.date(1952 + 2 * i, 1 + i % 12, 1 + i % 27)


PATIENT_HEADERS = ["Cod pacient", "Nume", "Prenume", "CNP", "Data nașterii", "Sex",
                   "Casa de asigurări", "Telefon mobil", "Telefon fix", "Email", "Adresă",
                   "Localitate", "Județ", "Cod poștal", "Data înregistrării", "Stare"]
PATIENTS = [[f"P{500 + i}", LAST[i % 6], FIRST[i % 6], _cnp(_born(i), i % 2 == 0, 100 + i),
             _born(i).strftime("%d.%m.%Y"), "F" if i % 2 == 0 else "M",
             ("CAS Cluj", "CASMB", "OPSNAJ")[i % 3], f"+40 7{20 + i % 10} {300 + i} {400 + i}",
             f"0264 {400 + i} {500 + i}" if i % 3 else "", f"pacient{i}@example.ro",
             f"Str. Memorandumului nr. {i + 1}", TOWNS[i % 3], ("Cluj", "Timiș", "Iași")[i % 3],
             f"{400000 + 17 * i}", f"{1 + i % 28:02d}.{1 + i % 12:02d}.20{10 + i % 12}",
             ("Inactiv", "Activ", "Activ", "Decedat", "Activ")[i % 5]] for i in range(30)]
VISIT_HEADERS = ["Nr. programare", "Data programării", "Ora", "Durata (min)", "Cod pacient",
                 "Medic", "Serviciu", "Stare", "Observații"]
STATUSES = ("Programat", "Confirmat", "Prezent", "Finalizat", "Anulat", "Neprezentat")
VISITS = [[str(2100 + i), f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025", f"{8 + i % 9:02d}:{15 * (i % 4):02d}",
           str((1 + i % 3) * 15), f"P{500 + i % 30}", "Dr. Elena Moldovan",
           ("Consultație inițială", "Control", "Ecografie")[i % 3], STATUSES[i % 6],
           "pe nemâncate" if i % 2 else ""] for i in range(42)]
NOTE_HEADERS = ["Nr. fișă", "Cod pacient", "Data consultației", "Medic", "Anamneză"]
NOTES = [[str(6100 + i), f"P{500 + i % 30}", f"{1 + i % 27:02d}.{1 + i % 12:02d}.2024 {7 + i % 10:02d}:05",
          "Dr. Elena Moldovan", f"TA {120 + i}/80 mmHg.\nFără acuze."] for i in range(25)]
ALLERGY_HEADERS = ["Cod pacient", "Tip", "Cod ICD-10", "Diagnostic", "Activ", "Data înregistrării"]
ALLERGIES = [[f"P{500 + i % 30}", "Alergie" if i % 3 == 0 else "Afecțiune", ("Z88.0", "E11.9", "I10")[i % 3],
              ("Penicilină", "Diabet zaharat tip 2", "Hipertensiune arterială")[i % 3],
              ("Da", "Nu", "NU", "DA")[i % 4], f"{1 + i % 28:02d}.{1 + i % 12:02d}.2020"] for i in range(20)]


def _doc() -> MappingDocument:
    return _propose({"pacienti.csv": (PATIENT_HEADERS, PATIENTS),
                     "programari_2025.csv": (VISIT_HEADERS, VISITS),
                     "fise_consultatie.csv": (NOTE_HEADERS, NOTES),
                     "alergii_afectiuni.csv": (ALLERGY_HEADERS, ALLERGIES)}, date_order="DMY")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Nume", "last_name"), ("patient", "Nume de familie", "last_name"),
    ("patient", "Prenume", "first_name"), ("patient", "Data naşterii", "date_of_birth"),
    ("patient", "Data nasterii", "date_of_birth"), ("patient", "Sexul", "sex"),
    ("patient", "Telefon mobil", "phone_mobile"), ("patient", "Adresa", "address_line1"),
    ("patient", "Oraș", "city"), ("patient", "Cod postal", "postal_code"),
    ("patient", "Județ", "state"), ("insurance", "Casa de asigurări", "carrier_name"),
    ("appointment", "Observații", "notes"), ("appointment", "Serviciu", "appointment_type"),
    ("clinical_note", "Medic", "author_source_id"), ("allergy_condition", "Denumire", "name"),
    ("allergy_condition", "Cod ICD-10", "code"),
])
def test_romanian_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_romanian_clinics_files_and_columns_are_read_in_romanian() -> None:
    doc = _doc()
    kinds = {name: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"pacienti.csv": "patient", "programari_2025.csv": "appointment",
                     "fise_consultatie.csv": "clinical_note",
                     "alergii_afectiuni.csv": "allergy_condition"}
    want = {
        "pacienti.csv": {"Cod pacient": "patient.source_id", "Nume": "patient.last_name",
                         "Prenume": "patient.first_name", "Data nașterii": "patient.date_of_birth",
                         "Sex": "patient.sex", "Casa de asigurări": "insurance.carrier_name",
                         "Telefon mobil": "patient.phone_mobile", "Telefon fix": "patient.phone_home",
                         "Email": "patient.email", "Adresă": "patient.address_line1",
                         "Localitate": "patient.city", "Județ": "patient.state",
                         "Cod poștal": "patient.postal_code",
                         "Data înregistrării": "patient.created_at", "Stare": "patient.status"},
        "programari_2025.csv": {"Nr. programare": "appointment.source_id",
                                "Cod pacient": "appointment.patient_source_id",
                                "Medic": "appointment.provider_source_id",
                                "Serviciu": "appointment.appointment_type",
                                "Stare": "appointment.status", "Observații": "appointment.notes"},
        "fise_consultatie.csv": {"Nr. fișă": "clinical_note.source_id",
                                 "Cod pacient": "clinical_note.patient_source_id",
                                 "Data consultației": "clinical_note.created_at",
                                 "Medic": "clinical_note.author_source_id",
                                 "Anamneză": "clinical_note.body"},
        "alergii_afectiuni.csv": {"Cod pacient": "allergy_condition.patient_source_id",
                                  "Tip": "allergy_condition.kind",
                                  "Cod ICD-10": "allergy_condition.code",
                                  "Diagnostic": "allergy_condition.name",
                                  "Activ": "allergy_condition.clinical_status",
                                  "Data înregistrării": "allergy_condition.recorded_at"},
    }
    for name, columns in want.items():
        fm = doc.files[name]
        for header, target in columns.items():
            column = fm.columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    visits = doc.files["programari_2025.csv"]
    assert visits.columns["Stare"].values == {
        "Programat": "booked", "Confirmat": "booked", "Prezent": "arrived",
        "Finalizat": "completed", "Anulat": "cancelled", "Neprezentat": "no_show"}
    assert {c.target for c in visits.combine} == {"appointment.starts_at", "appointment.ends_at"}
    allergies = doc.files["alergii_afectiuni.csv"]
    assert allergies.columns["Tip"].values == {"Alergie": "allergy", "Afecțiune": "condition"}
    assert allergies.columns["Activ"].values == {"Da": "active", "DA": "active",
                                                "Nu": "inactive", "NU": "inactive"}


def test_the_romanian_rows_all_derive_with_their_dates() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "pacienti.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and not quarantined, quarantined[:2]
    patients = [r for r in records if r.kind == "patient"]
    assert patients[1].fields["date_of_birth"] == _born(1).isoformat()
    assert patients[0].fields["sex"] == "female" and patients[1].fields["sex"] == "male"
    assert [p.fields["status"] for p in patients[:4]] == ["inactive", "active", "active", "deceased"]
    assert patients[3].fields["last_name"] == "Dumitrașcu"
    kinds, quarantined, records = _derive(doc, "programari_2025.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 42 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert records[1].fields["ends_at"].startswith("2025-02-02T09:45")
    kinds, quarantined, records = _derive(doc, "fise_consultatie.csv", NOTE_HEADERS, NOTES)
    assert kinds["clinical_note"] == 25 and not quarantined, quarantined[:2]
    assert records[0].fields["created_at"].startswith("2024-01-01T07:05")


def test_a_patient_list_with_no_birth_date_reads_it_from_the_cnp() -> None:
    headers = [h for h in PATIENT_HEADERS if h != "Data nașterii"]
    rows = [[v for h, v in zip(PATIENT_HEADERS, row, strict=True) if h != "Data nașterii"]
            for row in PATIENTS]
    doc = _propose({"pacienti.csv": (headers, rows)}, date_order="DMY")
    [born] = [c for c in doc.files["pacienti.csv"].combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["CNP"] and born.identity
    _, quarantined, records = _derive(doc, "pacienti.csv", headers, rows)
    patients = [r for r in records if r.kind == "patient"]
    assert not quarantined and patients[2].fields["date_of_birth"] == _born(2).isoformat()


def test_a_cnp_writes_the_birth_date_its_check_digit_proves() -> None:
    today = dt.date(2026, 1, 1)
    assert birth_date_in(_cnp(dt.date(1985, 3, 15), True, 123), today) == "1985-03-15"  # 2: 1900s
    assert birth_date_in(_cnp(dt.date(2004, 11, 2), False, 7), today) == "2004-11-02"  # 5: 2000s
    assert birth_date_in("3" + _cnp(dt.date(1985, 3, 15), True, 1)[1:12] + "0", today) is None
    right = _cnp(dt.date(1996, 1, 1), False, 123)
    assert birth_date_in(right[:12] + str((int(right[12]) + 1) % 10), today) is None


@pytest.mark.parametrize(("text", "moment"), [
    ("15 martie 2024", "2024-03-15T00:00"), ("3 ian. 2025 10:30", "2025-01-03T10:30"),
    ("28 NOIEMBRIE 2023", "2023-11-28T00:00"), ("02.03.2024 14:20", "2024-03-02T14:20"),
])
def test_romanian_dates(text: str, moment: str) -> None:
    assert parse_datetime(text, "DMY", Settings(country="RO"))[0].startswith(moment)


def test_the_offices_romanian_test_patient_is_no_one() -> None:
    assert empty.test_person("patient", {"first_name": "Pacient", "last_name": "Test"})
    assert empty.test_person("patient", {"first_name": "Ioana", "last_name": "Popescu"}) is None


def test_romanian_yes_and_no() -> None:
    assert parse_bool("Da") is True and parse_bool("DA") is True
    assert parse_bool("Nu") is False and parse_bool("NU") is False


def test_romanian_numbers_and_names_say_romania_and_lei() -> None:
    proposal = propose_region(["+40 722 123 456", "0264 412 345", "0745 987 654"],
                              ["România"], ["400001", "300011"], [])
    assert proposal is not None and (proposal.country, proposal.currency) == ("RO", "RON")


def test_a_windows_1250_export_reads_as_romanian(tmp_path: Path) -> None:
    # Windows-1250 has the cedilla letters ş ţ only; Excel writes them for the comma below
    to_cedilla = str.maketrans({"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"})
    text = "".join(";".join(row) + "\r\n" for row in [PATIENT_HEADERS, *PATIENTS[:8]])
    path = tmp_path / "pacienti.csv"
    path.write_bytes(text.translate(to_cedilla).encode("cp1250"))
    facts = scan_file(path)
    assert facts.encoding == "windows-1250"
    assert read_sample(path, facts.encoding).startswith("Cod pacient;Nume;Prenume;CNP;Data naşterii")
