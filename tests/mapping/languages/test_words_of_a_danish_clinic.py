"""A Danish clinic's export read with no hand edit, each a class beyond one vendor: Danish
headers, file names, sex and status words (`Køn` Kvinde/Mand, `By`, `Oprettet`, `Arkiveret`
Ja/Nej, `Ydelse`, `Bemærkning`, `Restbeløb`, `Journalnotater`); the birth date read from a CPR
number (`DDMMYY-NNNN`, no check digit since 2007) only under a header naming it; and times
written with a point (`10.45`) under `Start` / `Slut` joined to the date beside them."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.proposal.match import header_matches
from domain.records.national_ids.birth import birth_date_in
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Kirsten", "Jørgen", "Mette", "Anders", "Sofie", "Niels", "Ida", "Søren")
LAST = ("Christensen", "Mortensen", "Madsen", "Johansen", "Pedersen", "Jensen", "Thomsen")


def _cpr(i: int) -> str:
    return f"{1 + i % 28:02d}{1 + i % 12:02d}{50 + i % 45:02d}-{(i * 7) % 4}{100 + i:03d}"


def _clients(n: int = 30) -> tuple[list[str], list[list[str]]]:
    headers = ["Klientnr.", "Fornavn", "Efternavn", "CPR-nr.", "Køn", "Mobil", "E-mail",
               "Adresse", "Postnr.", "By", "Oprettet", "Arkiveret"]
    rows = [[str(1000 + i), FIRST[i % 8], LAST[i % 7], _cpr(i), "Kvinde" if i % 2 else "Mand",
             f"{20 + i % 70} {10 + i % 80} {30 + i % 60} {40 + i % 50}", f"k{i}@example.dk",
             f"Søndergade {i + 1}", f"8{600 + i}", ("Skanderborg", "Risskov", "Aarhus")[i % 3],
             f"{1 + i % 28:02d}-{1 + i % 12:02d}-20{10 + i % 14}", "Ja" if i % 5 == 0 else "Nej"]
            for i in range(n)]
    return headers, rows


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Efternavn", "last_name"), ("patient", "Køn", "sex"), ("patient", "By", "city"),
    ("patient", "Oprettet", "created_at"), ("patient", "Arkiveret", "status"),
    ("appointment", "Ydelse", "appointment_type"), ("appointment", "Bemærkning", "notes"),
    ("billing", "Restbeløb", "outstanding_balance"), ("clinical_note", "Notat", "body"),
    ("clinical_note", "Dato", "created_at"), ("clinical_note", "Klientnr.", "patient_source_id"),
])
def test_danish_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_danish_client_list_maps_its_words_and_reads_the_cpr_birth_date() -> None:
    headers, rows = _clients()
    doc = _propose({"Klienter.csv": (headers, rows)}, date_order="DMY")
    fm = doc.files["Klienter.csv"]
    assert fm.kind == "patient"
    targets = {h: c.target for h, c in fm.columns.items()}
    assert targets["Køn"] == "patient.sex" and targets["By"] == "patient.city"
    assert targets["Oprettet"] == "patient.created_at"
    assert targets["Arkiveret"] == "patient.status"
    combine = next(c for c in fm.combine if c.target == "patient.date_of_birth")
    assert combine.columns == ["CPR-nr."] and combine.identity
    kinds, quarantined, records = _derive(doc, "Klienter.csv", headers, rows)
    assert not quarantined and kinds["patient"] == 30
    by_id = {r.source_id: r.fields for r in records}
    assert by_id["1001"]["sex"] == "female" and by_id["1002"]["sex"] == "male"
    assert by_id["1000"]["status"] == "inactive" and by_id["1001"]["status"] == "active"
    assert by_id["1001"]["date_of_birth"] == "1951-02-02"
    assert by_id["1001"]["city"] == "Risskov"


def test_dotted_start_and_end_times_join_the_date_and_danish_file_names_say_the_kind() -> None:
    b_headers = ["Booking-id", "Dato", "Start", "Slut", "Klientnr.", "Ydelse", "Pris",
                 "Bemærkning"]
    b_rows = [[str(40000 + i), f"{1 + i % 28}. januar 2024", f"{8 + i % 9:02d}.{15 * (i % 4):02d}",
               f"{9 + i % 9:02d}.{15 * (i % 4):02d}", str(1000 + i % 30),
               ("Forundersøgelse", "Opfølgende behandling")[i % 2], "795,00 kr.",
               "Ring før" if i % 3 else ""] for i in range(30)]
    n_headers = ["Klientnr.", "Dato", "Behandler", "Notat"]
    n_rows = [[str(1000 + i), f"{1 + i % 28:02d}-01-2024 09:{10 + i:02d}", "Sofie Pedersen",
               f"Klient oplever bedring, smerte {i % 10}/10."] for i in range(20)]
    doc = _propose({"Bookinger.csv": (b_headers, b_rows),
                    "Journalnotater.csv": (n_headers, n_rows)}, date_order="DMY")
    bookings, notes = doc.files["Bookinger.csv"], doc.files["Journalnotater.csv"]
    assert bookings.kind == "appointment" and notes.kind == "clinical_note", notes.reasons
    assert bookings.columns["Ydelse"].target == "appointment.appointment_type"
    assert bookings.columns["Bemærkning"].target == "appointment.notes"
    assert notes.columns["Notat"].target == "clinical_note.body"
    _, quarantined, records = _derive(doc, "Bookinger.csv", b_headers, b_rows)
    assert not quarantined, quarantined[:1]
    first = records[0].fields
    assert first["starts_at"].startswith("2024-01-01T08:00")
    assert first["ends_at"].startswith("2024-01-01T09:00")


@pytest.mark.parametrize(("number", "header", "born"), [
    ("090559-4692", "CPR-nr.", "1959-05-09"), ("0905594692", "CPR", "1959-05-09"),
    ("010110-4123", "CPR-nummer", "2010-01-01"),  # a 4 after the date: 2000s up to 36
    ("010160-5123", "CPR-nr.", "1860-01-01"),  # a 5 after the date: 1800s from 58
    ("310299-1234", "CPR-nr.", None),  # no 31 February
    ("090559-4692", "Personnummer", "1959-05-09"),
    ("090559-4692", "", None), ("090559-4692", "Telefon", None),  # only under its own header
])
def test_a_cpr_number_writes_the_birth_date_only_under_its_header(number: str, header: str,
                                                                  born: str | None) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) == born
