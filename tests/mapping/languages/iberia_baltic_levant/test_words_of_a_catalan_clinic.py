"""A clinic in Catalonia or Andorra, its export read in Catalan with no hand edit: file names
(`pacients`, `cites`, `factures`), headers (`Núm. història`, `Nom`, `Cognoms`, `Data de
naixement`, `Sexe`, `Adreça`, `Codi postal`, `Població`, `Mòbil`, `Telèfon`, `Correu
electrònic`, `Estat`, `Data d'alta`, `Metge`, `Motiu de la visita`, `Observacions`), value
words (`Dona`/`Home`, `Actiu`/`Inactiu`, `Programada`, `Atesa`, `Anul·lada`, `No presentat`,
`Pagada`, `Pendent`, `Sí`/`No`), dates written dd/mm/aaaa and +376 and +34 numbers."""

from __future__ import annotations

import pytest

from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.shapes import classify
from domain.records.normalise import fold_enum, parse_date
from tests.mapping.languages.iberia_baltic_levant.clinic import wrong_targets
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Montserrat", "Jordi", "Núria", "Pere", "Laia", "Oriol")
LAST = ("Puig i Soler", "Vila Ferrer", "Casals Roca", "Pujol Serra", "Font Riera", "Mas Bosch")

PATIENT_HEADERS = ["Núm. història", "Nom", "Cognoms", "Data de naixement", "Sexe", "Adreça",
                   "Codi postal", "Població", "Mòbil", "Correu electrònic", "Estat",
                   "Data d'alta"]
PATIENTS = [[str(2300 + i), FIRST[i % 6], LAST[i % 6], f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1952 + i}",
             "Dona" if i % 2 == 0 else "Home", f"Carrer Major, {10 + i}",
             ("AD500", "08001", "AD700")[i % 3], ("Andorra la Vella", "Barcelona", "Escaldes")[i % 3],
             f"+376 3{i % 9}{1000 + i}" if i % 3 != 1 else f"+34 6{i % 9}{1 + i % 8} {100 + i} {200 + i}",
             f"pacient{i}@example.ad", "Inactiu" if i % 7 == 0 else "Actiu",
             f"{1 + i % 28:02d}/{1 + i % 12:02d}/2018"] for i in range(30)]
VISIT_HEADERS = ["Núm. cita", "Núm. història", "Data", "Hora", "Metge", "Motiu de la visita",
                 "Estat", "Observacions"]
STATES = ("Programada", "Atesa", "Anul·lada", "No presentat")
VISITS = [[str(66000 + i), str(2300 + i % 30), f"{1 + i % 27:02d}/{1 + i % 12:02d}/2025",
           f"{8 + i % 9}:{15 * (i % 4):02d}", "Dra. Marta Solé", ("Primera visita", "Control")[i % 2],
           STATES[i % 4], "Dejú" if i % 5 == 0 else ""] for i in range(40)]


def _doc() -> MappingDocument:
    return _propose({"pacients.csv": (PATIENT_HEADERS, PATIENTS),
                     "cites_2025.csv": (VISIT_HEADERS, VISITS)}, date_order="DMY", country="AD")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Cognoms", "last_name"), ("patient", "Data de naixement", "date_of_birth"),
    ("patient", "Sexe", "sex"), ("patient", "Adreça", "address_line1"),
    ("patient", "Codi postal", "postal_code"), ("patient", "Mòbil", "phone_mobile"),
    ("patient", "Correu electrònic", "email"), ("patient", "Data d'alta", "created_at"),
    ("appointment", "Observacions", "notes"), ("appointment", "Motiu de la visita", "appointment_type"),
    ("appointment", "Hora d'inici", "starts_at"), ("appointment", "Hora de finalització", "ends_at"),
])
def test_catalan_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_catalan_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "pacients.csv": "patient", "cites_2025.csv": "appointment"}
    assert not wrong_targets(doc, {
        "pacients.csv": {"Núm. història": "source_id", "Nom": "first_name",
                         "Cognoms": "last_name", "Data de naixement": "date_of_birth",
                         "Sexe": "sex", "Adreça": "address_line1", "Codi postal": "postal_code",
                         "Població": "city", "Mòbil": "phone_mobile",
                         "Correu electrònic": "email", "Estat": "status",
                         "Data d'alta": "created_at"},
        "cites_2025.csv": {"Núm. cita": "source_id", "Núm. història": "patient_source_id",
                           "Metge": "provider_source_id", "Motiu de la visita": "appointment_type",
                           "Estat": "status", "Observacions": "notes"}})


def test_the_catalan_rows_read_with_their_dates_phones_and_words() -> None:
    doc = _doc()
    _, quarantined, records = _derive(doc, "pacients.csv", PATIENT_HEADERS, PATIENTS)
    assert not quarantined, quarantined[:1]
    patients = [r.fields for r in records if r.kind == "patient"]
    assert patients[1]["date_of_birth"] == "1953-02-02" and patients[1]["sex"] == "male"
    assert patients[0]["sex"] == "female" and patients[0]["status"] == "inactive"
    assert patients[0]["phone_mobile"] == "+376301000" and patients[1]["status"] == "active"
    assert patients[1]["phone_mobile"] == "+34612101201"
    _, quarantined, records = _derive(doc, "cites_2025.csv", VISIT_HEADERS, VISITS)
    assert not quarantined, quarantined[:1]
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert [r.fields["status"] for r in records[:4]] == [
        "booked", "completed", "cancelled", "no_show"]


def test_catalan_invoice_words() -> None:
    assert fold_enum("billing", "billing_status", "Pagada") is None  # read by the value map
    doc = _propose({"factures.csv": (["Núm. factura", "Núm. història", "Import pendent", "Estat"],
                                     [[f"F{i}", str(2300 + i), f"{i},00 €",
                                       ("Pagada", "Pendent")[i % 2]] for i in range(20)])},
                   date_order="DMY", country="AD")
    fm = doc.files["factures.csv"]
    assert fm.kind == "billing"
    assert fm.columns["Estat"].values == {"Pagada": "paid", "Pendent": "current"}
    assert fm.columns["Import pendent"].target == "billing.outstanding_balance"


@pytest.mark.parametrize(("text", "day"), [
    ("12 de març de 2024", "2024-03-12"), ("12 d'abril de 2024", "2024-04-12"),
    ("3 d’octubre de 2023", "2023-10-03"),
])
def test_catalan_dates_with_the_months_name(text: str, day: str) -> None:
    assert parse_date(text, "DMY", country="AD")[0].isoformat() == day
    assert "date" in classify(text)[0]
