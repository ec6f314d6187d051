"""A Slovak clinic's export read with no hand edit, beside the Czech one it resembles: file names
(`pacienti`, `objednavky`, `dekurzy`, `diagnozy`, `faktury`), headers (`Č. karty`, `Priezvisko`,
`Meno`, `Rodné číslo`, `Pohlavie`, `Poisťovňa`, `Číslo poistenca`, `Obec`, `PSČ`, `Telefón`,
`Dátum registrácie`, `Lekár`, `Dátum`/`Čas`, `Trvanie (min)`, `Výkon`, `Stav`, `Dátum a čas`,
`Kód diagnózy`, `Názov diagnózy`, `Číslo faktúry`, `Zostáva uhradiť`, `Stav úhrady`), value words
(`žena`/`muž`, `Áno`/`Nie`, `Objednaný`, `V čakárni`, `Vybavený`, `Zrušený`, `Neprišiel`,
`Uhradená`, `Neuhradená`, `Po splatnosti`); the birth date from a rodné číslo; `+421` numbers
saying Slovakia (euros); a Windows-1250 file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from adapters.sources.text_detect import scan_file
from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from domain.records.normalise import parse_bool
from tests.mapping.test_failure_classes import Rows, _derive, _propose


def _birth_number(born: dt.date, female: bool, serial: int) -> str:
    head = f"{born.year % 100:02d}{born.month + (50 if female else 0):02d}{born.day:02d}{serial:03d}"
    return f"{head[:6]}/{head[6:]}{int(head) % 11 % 10}"


def _born(i: int) -> dt.date:
    return dt.date(1956 + i, 1 + i % 12, 1 + i % 27)


FIRST = ("Zuzana", "Martin", "Katarína", "Peter", "Mária", "Ján")
LAST = ("Horváthová", "Kováč", "Vargová", "Tóth", "Nagyová", "Baláž")
PATIENT_HEADERS = ["Č. karty", "Priezvisko", "Meno", "Rodné číslo", "Pohlavie", "Poisťovňa",
                   "Číslo poistenca", "Ulica", "Obec", "PSČ", "Mobil", "Telefón", "E-mail",
                   "Dátum registrácie", "Aktívny"]
PATIENTS = [[str(8100 + i), LAST[i % 6], FIRST[i % 6],
             _birth_number(_born(i), i % 2 == 0, 100 + 3 * i), "žena" if i % 2 == 0 else "muž",
             ("VšZP", "Dôvera", "Union")[i % 3], f"{9000000 + 41 * i}", f"Hlavná {3 + i}",
             ("Košice", "Prešov", "Poprad")[i % 3], ("040 01", "080 01", "058 01")[i % 3],
             f"+421 9{10 + i % 40} {200 + i} {300 + i}",
             f"055/{600 + i} {10 + i:02d} {20 + i:02d}" if i % 3 else "", f"pacient{i}@azet.sk",
             f"{1 + i % 28}. {1 + i % 12}. 2015", "Nie" if i % 7 == 0 else "Áno"] for i in range(30)]
VISIT_HEADERS = ["Číslo objednávky", "Č. karty", "Lekár", "Dátum", "Čas", "Trvanie (min)", "Výkon",
                 "Stav", "Poznámka"]
STATES = ("Objednaný", "V čakárni", "Vybavený", "Zrušený", "Neprišiel")
VISITS = [[str(400 + i), str(8100 + i % 30), ("MUDr. Eva Kráľová", "MUDr. Jozef Hudák")[i % 2],
           f"{1 + i % 27}.{1 + i % 12}.2025", f"{7 + i % 9}:{15 * (i % 4):02d}", "20",
           ("Preventívna prehliadka", "Kontrola", "Očkovanie")[i % 3], STATES[i % 5],
           "" if i % 4 else "nalačno"] for i in range(40)]
NOTE_HEADERS = ["Číslo záznamu", "Č. karty", "Dátum a čas", "Lekár", "Záznam"]
NOTES = [[str(7700 + i), str(8100 + i % 30), f"{1 + i % 27}.{1 + i % 12}.2024 {7 + i % 9}:30",
          "MUDr. Eva Kráľová", f"TK {125 + i}/85, bez ťažkostí."] for i in range(25)]
DIAG_HEADERS = ["Č. karty", "Druh", "Kód diagnózy", "Názov diagnózy", "Aktívne", "Dátum zápisu"]
DIAGS = [[str(8100 + i % 30), "Alergia" if i % 3 == 0 else "Diagnóza",
          ("Z88.0", "E11.9", "I10")[i % 3],
          ("Penicilín", "Diabetes mellitus 2. typu", "Hypertenzia")[i % 3],
          "Áno" if i % 4 else "Nie", f"{1 + i % 28}.{1 + i % 12}.2019"] for i in range(20)]
INVOICE_HEADERS = ["Číslo faktúry", "Č. karty", "Dátum úhrady", "Uhradené", "Zostáva uhradiť",
                   "Stav úhrady"]
PAY = ("Uhradená", "Neuhradená", "Po splatnosti")
INVOICES = [[f"2025{100 + i}", str(8100 + i), f"{1 + i % 27}.4.2025",
             f"{35 + i},00 €" if i % 3 == 0 else "0,00 €",
             "0,00 €" if i % 3 == 0 else f"{20 + i},50 €", PAY[i % 3]] for i in range(24)]
FILES: dict[str, tuple[list[str], Rows]] = {"pacienti.csv": (PATIENT_HEADERS, PATIENTS), "objednavky.csv": (VISIT_HEADERS, VISITS),
         "dekurzy.csv": (NOTE_HEADERS, NOTES), "diagnozy.csv": (DIAG_HEADERS, DIAGS),
         "faktury.csv": (INVOICE_HEADERS, INVOICES)}


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="DMY", country="SK")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Priezvisko", "last_name"), ("patient", "Meno", "first_name"),
    ("patient", "Dátum narodenia", "date_of_birth"), ("patient", "Pohlavie", "sex"),
    ("patient", "Mesto", "city"), ("patient", "Mobilný telefón", "phone_mobile"),
    ("insurance", "Zdravotná poisťovňa", "carrier_name"), ("appointment", "Ambulancia", "location"),
    ("appointment", "Začiatok", "starts_at"), ("billing", "Nedoplatok", "outstanding_balance"),
])
def test_slovak_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_slovak_clinics_files_and_columns_are_read_in_slovak() -> None:
    doc = _doc()
    assert {name: fm.kind for name, fm in doc.files.items()} == {
        "pacienti.csv": "patient", "objednavky.csv": "appointment", "dekurzy.csv": "clinical_note",
        "diagnozy.csv": "allergy_condition", "faktury.csv": "billing"}
    want = {
        "pacienti.csv": {"Č. karty": "patient.source_id", "Priezvisko": "patient.last_name",
                         "Meno": "patient.first_name", "Pohlavie": "patient.sex",
                         "Poisťovňa": "insurance.carrier_name",
                         "Číslo poistenca": "insurance.member_id", "Obec": "patient.city",
                         "PSČ": "patient.postal_code", "Telefón": "patient.phone_home",
                         "Dátum registrácie": "patient.created_at", "Aktívny": "patient.status"},
        "objednavky.csv": {"Číslo objednávky": "appointment.source_id",
                           "Č. karty": "appointment.patient_source_id",
                           "Lekár": "appointment.provider_source_id",
                           "Výkon": "appointment.appointment_type", "Stav": "appointment.status"},
        "dekurzy.csv": {"Číslo záznamu": "clinical_note.source_id",
                        "Dátum a čas": "clinical_note.created_at", "Záznam": "clinical_note.body"},
        "diagnozy.csv": {"Druh": "allergy_condition.kind", "Kód diagnózy": "allergy_condition.code",
                         "Názov diagnózy": "allergy_condition.name",
                         "Aktívne": "allergy_condition.clinical_status"},
        "faktury.csv": {"Číslo faktúry": "billing.source_id",
                        "Zostáva uhradiť": "billing.outstanding_balance",
                        "Stav úhrady": "billing.billing_status"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.reasons)
    [born] = [c for c in doc.files["pacienti.csv"].combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["Rodné číslo"] and born.identity
    assert not doc.files["pacienti.csv"].columns["PSČ"].flagged  # `040 01`: a postcode
    assert doc.files["pacienti.csv"].columns["Aktívny"].values == {"Áno": "active",
                                                                  "Nie": "inactive"}
    assert doc.files["objednavky.csv"].columns["Stav"].values == {
        "Objednaný": "booked", "V čakárni": "arrived", "Vybavený": "completed",
        "Zrušený": "cancelled", "Neprišiel": "no_show"}
    assert doc.files["faktury.csv"].columns["Stav úhrady"].values == {
        "Uhradená": "paid", "Neuhradená": "current", "Po splatnosti": "overdue"}


def test_the_slovak_rows_derive_with_their_values() -> None:
    doc = _doc()
    kinds, held, records = _derive(doc, "pacienti.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and kinds["insurance"] == 30 and not held
    patients = [r.fields for r in records if r.kind == "patient"]
    assert patients[0]["date_of_birth"] == _born(0).isoformat()
    assert (patients[0]["sex"], patients[1]["sex"]) == ("female", "male")
    kinds, held, records = _derive(doc, "objednavky.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not held
    assert records[2].fields["status"] == "completed"
    assert records[1].fields["ends_at"].startswith("2025-02-02T08:35")
    kinds, held, records = _derive(doc, "faktury.csv", INVOICE_HEADERS, INVOICES)
    assert kinds["billing"] == 24 and not held
    assert records[1].fields["outstanding_balance"] == "21.50"


def test_slovak_numbers_yes_and_no_and_code_page(tmp_path: Path) -> None:
    region = propose_region([r[10] for r in PATIENTS] + [r[11] for r in PATIENTS if r[11]],
                            postcodes=[r[9] for r in PATIENTS])
    assert region is not None and (region.country, region.currency) == ("SK", "EUR")
    assert parse_bool("Áno") is True and parse_bool("Nie") is False
    lines = [";".join(PATIENT_HEADERS[:6])] + [";".join(r[:6]) for r in PATIENTS[:6]]
    path = tmp_path / "pacienti.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1250"))
    assert scan_file(path).encoding == "windows-1250"
