"""A Slovenian clinic's export read with no hand edit: file names (`pacienti`, `narocila`, `izvidi`,
`alergije`), headers (`Št. kartoteke` with `Št.` the number, not a state, `Priimek`, `Ime`,
`EMŠO`, `ZZZS številka` the member number that names its insurer, `Spol`, `Naslov`, `Poštna
številka`, `Pošta` the post town (its place names tell it from `E-pošta`), `GSM`, `E-pošta`,
`Datum vpisa`, `Zdravnik`, `Ura` a time of day, `Trajanje`, `Storitev`, `Opomba`, `Izvid`, `Šifra
MKB-10`), value words (`Ž`/`M`, `Da`/`Ne`, `Naročen`, `Prispel`, `Opravljeno`, `Odpovedano`, `Ni
prišel`); dates written `1. 2. 2025`; the birth date from an EMŠO (a JMBG's shape and check);
`+386` numbers and four-digit postcodes saying Slovenia."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.sources.text_detect import scan_file
from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from tests.mapping.test_failure_classes import Rows, _derive, _propose


def _emso(d: int, m: int, y: int, rr: int, bbb: int) -> str:
    head = f"{d:02d}{m:02d}{y % 1000:03d}{rr:02d}{bbb:03d}"
    rest = 11 - sum(int(a) * w for a, w in zip(head, (7, 6, 5, 4, 3, 2) * 2, strict=True)) % 11
    return head + str(rest if rest < 10 else 0)


FIRST = ("Maja", "Luka", "Nina", "Jure", "Špela", "Matej")
LAST = ("Novak", "Horvat", "Kranjc", "Zupančič", "Potočnik", "Kovačič")
PATIENT_HEADERS = ["Št. kartoteke", "Priimek", "Ime", "EMŠO", "ZZZS številka", "Spol", "Naslov",
                   "Poštna številka", "Pošta", "GSM", "Telefon", "E-pošta", "Datum vpisa",
                   "Aktiven"]
PATIENTS = [[str(3300 + i), LAST[i % 6], FIRST[i % 6],
             _emso(1 + i % 28, 1 + i % 12, 1955 + i, 50, 200 + i), f"{20304050 + 13 * i:09d}",
             "Ž" if i % 2 == 0 else "M", f"Slovenska cesta {5 + i}",
             ("1000", "2000", "4000")[i % 3], ("Ljubljana", "Maribor", "Kranj")[i % 3],
             f"+386 4{i % 2} {300 + i} {400 + i}",
             f"01 {230 + i} {10 + i:02d} {20 + i:02d}" if i % 3 else "", f"pacient{i}@siol.net",
             f"{1 + i % 28}. {1 + i % 12}. 2016", "Ne" if i % 7 == 0 else "Da"] for i in range(30)]
VISIT_HEADERS = ["Št. naročila", "Št. kartoteke", "Zdravnik", "Datum", "Ura", "Trajanje",
                 "Storitev", "Status", "Opomba"]
STATES = ("Naročen", "Prispel", "Opravljeno", "Odpovedano", "Ni prišel")
VISITS = [[str(100 + i), str(3300 + i % 30), ("dr. Tina Kos", "dr. Rok Mlakar")[i % 2],
           f"{1 + i % 27}. {1 + i % 12}. 2025", f"{8 + i % 9}:{15 * (i % 4):02d}", "30",
           ("Prvi pregled", "Kontrolni pregled", "Preventivni pregled")[i % 3], STATES[i % 5],
           "" if i % 3 else "napotnica"] for i in range(40)]
NOTE_HEADERS = ["Št. izvida", "Št. kartoteke", "Datum izvida", "Zdravnik", "Izvid"]
NOTES = [[str(5500 + i), str(3300 + i % 30), f"{1 + i % 27}. {1 + i % 12}. 2024 {8 + i % 9}:10",
          "dr. Tina Kos", f"RR {120 + i}/80. Brez posebnosti."] for i in range(25)]
ALLERGY_HEADERS = ["Št. kartoteke", "Vrsta", "Naziv", "Šifra MKB-10", "Aktivno", "Datum vnosa"]
ALLERGIES = [[str(3300 + i % 30), "Alergija" if i % 2 == 0 else "Diagnoza",
              ("Penicilin", "Astma")[i % 2], ("Z88.0", "J45.9")[i % 2], "Da" if i % 3 else "Ne",
              f"{1 + i % 28}. {1 + i % 12}. 2020"] for i in range(20)]
FILES: dict[str, tuple[list[str], Rows]] = {"pacienti.csv": (PATIENT_HEADERS, PATIENTS), "narocila.csv": (VISIT_HEADERS, VISITS),
         "izvidi.csv": (NOTE_HEADERS, NOTES), "alergije.csv": (ALLERGY_HEADERS, ALLERGIES)}


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="DMY", country="SI")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Priimek", "last_name"), ("patient", "Datum rojstva", "date_of_birth"),
    ("patient", "Spol", "sex"), ("patient", "Kraj", "city"),
    ("patient", "E-pošta", "email"), ("patient", "Domači telefon", "phone_home"),
    ("appointment", "Začetek", "starts_at"), ("appointment", "Opombe", "notes"),
    ("billing", "Za plačilo", "outstanding_balance"), ("billing", "Št. računa", "source_id"),
])
def test_slovenian_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_slovenian_clinics_files_and_columns_are_read_in_slovenian() -> None:
    doc = _doc()
    assert {name: fm.kind for name, fm in doc.files.items()} == {
        "pacienti.csv": "patient", "narocila.csv": "appointment", "izvidi.csv": "clinical_note",
        "alergije.csv": "allergy_condition"}
    want = {
        "pacienti.csv": {"Št. kartoteke": "patient.source_id", "Priimek": "patient.last_name",
                         "Ime": "patient.first_name", "ZZZS številka": "insurance.member_id",
                         "Spol": "patient.sex", "Naslov": "patient.address_line1",
                         "Poštna številka": "patient.postal_code", "Pošta": "patient.city",
                         "GSM": "patient.phone_mobile", "E-pošta": "patient.email",
                         "Datum vpisa": "patient.created_at", "Aktiven": "patient.status"},
        "narocila.csv": {"Št. naročila": "appointment.source_id",
                         "Št. kartoteke": "appointment.patient_source_id",
                         "Zdravnik": "appointment.provider_source_id",
                         "Storitev": "appointment.appointment_type",
                         "Status": "appointment.status", "Opomba": "appointment.notes"},
        "izvidi.csv": {"Št. izvida": "clinical_note.source_id",
                       "Datum izvida": "clinical_note.created_at", "Izvid": "clinical_note.body"},
        "alergije.csv": {"Vrsta": "allergy_condition.kind", "Naziv": "allergy_condition.name",
                         "Šifra MKB-10": "allergy_condition.code",
                         "Aktivno": "allergy_condition.clinical_status",
                         "Datum vnosa": "allergy_condition.recorded_at"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.reasons)
    patients = doc.files["pacienti.csv"]
    [born] = [c for c in patients.combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["EMŠO"] and born.identity
    visits = doc.files["narocila.csv"]
    assert visits.columns["Status"].values == {"Naročen": "booked", "Prispel": "arrived",
                                               "Opravljeno": "completed",
                                               "Odpovedano": "cancelled", "Ni prišel": "no_show"}
    assert {c.target for c in visits.combine} == {"appointment.starts_at", "appointment.ends_at"}


def test_the_slovenian_rows_derive_with_their_values() -> None:
    doc = _doc()
    kinds, held, records = _derive(doc, "pacienti.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and kinds["insurance"] == 30 and not held
    patients = [r.fields for r in records if r.kind == "patient"]
    assert patients[0]["date_of_birth"] == "1955-01-01" and patients[1]["date_of_birth"] == "1956-02-02"
    assert (patients[0]["sex"], patients[1]["sex"]) == ("female", "male")
    assert patients[0]["city"] == "Ljubljana" and patients[0]["status"] == "inactive"
    insurance = next(r.fields for r in records if r.kind == "insurance")
    assert insurance["carrier_name"] == "ZZZS"
    kinds, held, records = _derive(doc, "narocila.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not held
    assert records[1].fields["source_id"] == "101"
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert records[1].fields["ends_at"].startswith("2025-02-02T09:45")


def test_slovenian_numbers_say_slovenia() -> None:
    region = propose_region([r[9] for r in PATIENTS] + [r[10] for r in PATIENTS if r[10]],
                            postcodes=[r[7] for r in PATIENTS])
    assert region is not None and (region.country, region.currency) == ("SI", "EUR")


def test_a_slovenian_export_in_windows_1250(tmp_path: Path) -> None:
    # `č` is the one letter of Slovenian that Windows-1252 reads otherwise (`è`): the surnames'
    # `-ič` (`Zupančič`, `Kovačič`) tells the code page
    lines = [";".join(PATIENT_HEADERS[:6])] + [";".join(r[:6]) for r in PATIENTS[:12]]
    path = tmp_path / "pacienti.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1250"))
    assert scan_file(path).encoding == "windows-1250"
