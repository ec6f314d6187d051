"""Headers in another language than English: the vocabulary (data) and the header normalisation
(`N°`, `Nº`, `No.`, `#`, accents, apostrophes) let a French, German, Spanish, Italian, Dutch or
Portuguese export map with no hand edit (issue: exports never seen before)."""

from __future__ import annotations

import pytest

from domain.proposal.match import header_matches
from domain.proposal.region import CURRENCY
from domain.proposal.shapes import classify
from domain.proposal.text import phrase
from domain.records.normalise import parse_money
from tests.mapping.test_failure_classes import _derive, _propose


@pytest.mark.parametrize("header", ["N° patient", "Nº patient", "No. patient", "# patient",
                                    "n° Patient", "Numéro patient"])
def test_the_number_sign_of_every_language_reads_number(header: str) -> None:
    assert phrase(header).tokens == ("number", "patient")


def test_apostrophes_and_accents_read_alike() -> None:
    assert phrase("N° d’assuré").tokens == phrase("n° d'assure").tokens == ("number", "assure")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Canton", "state"), ("patient", "Kanton", "state"),
    ("patient", "Tél. privé", "phone_home"), ("patient", "Telefono privato", "phone_home"),
    ("patient", "Telefoon thuis", "phone_home"), ("patient", "Natel", "phone_mobile"),
    ("patient", "Cellulare", "phone_mobile"), ("patient", "Voornaam", "first_name"),
    ("patient", "Cognome", "last_name"), ("patient", "Geboortedatum", "date_of_birth"),
    ("patient", "Data di nascita", "date_of_birth"), ("patient", "Woonplaats", "city"),
    ("patient", "Actif", "status"), ("patient", "Attivo", "status"),
    ("patient", "Numéro de patient", "source_id"), ("patient", "Patiëntnummer", "source_id"),
    ("appointment", "Heure", "starts_at"), ("appointment", "Uhrzeit", "starts_at"),
    ("appointment", "N° patient", "patient_source_id"),
    ("appointment", "Numero paziente", "patient_source_id"),
    ("insurance", "Assurance de base", "carrier_name"),
    ("insurance", "Zorgverzekeraar", "carrier_name"),
    ("insurance", "N° d'assuré", "member_id"), ("insurance", "Numero assicurato", "member_id"),
    ("provider", "N° RCC", "license_number"), ("provider", "HPI CPN", "license_number"),
    ("provider", "CORU Registration", "license_number"),
    ("provider", "Medicare Provider Number", "license_number"),
    ("provider", "GMC Number", "license_number"), ("provider", "AHPRA", "license_number"),
    ("provider", "NPI", "npi"), ("billing", "Openstaand bedrag", "outstanding_balance"),
    ("patient", "Eircode", "postal_code"), ("patient", "PIN code", "postal_code"),
    ("patient", "Postnummer", "postal_code"),
])
def test_core_fields_are_named_in_other_languages(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field, [(m.field, m.score) for m in matches[:3]]


def test_a_french_export_links_appointments_and_carries_two_insurances() -> None:
    patients = ["N° patient", "Nom", "Prénom", "Date de naissance", "Canton", "Tél. privé",
                "Assurance de base", "N° d'assuré", "Assurance complémentaire",
                "N° d'assuré compl.", "Actif"]
    funds = ("Alpha Santé", "Beta Kasse", "Gamma Mutuelle")
    rows = [[f"2019/{i:04d}", f"Famille{chr(65 + i % 26)}{i}", f"Prénom{chr(66 + i % 20)}",
             f"{1 + i % 28:02d}.{1 + i % 12:02d}.19{40 + i % 50}", ("VD", "GE", "VS")[i % 3],
             f"021 {300 + i} 12 {10 + i % 80}", funds[i % 3], f"756.{1000 + i}.{2000 + i}.{i % 10}",
             funds[(i + 1) % 3] if i % 2 else "", f"C-{5000 + i}" if i % 2 else "",
             "Non" if i % 7 == 0 else "Oui"] for i in range(1, 31)]
    visits = ["ID", "Date", "Heure", "N° patient", "Patient", "Salle"]
    appointments = [[str(900 + i), f"{1 + i % 28:02d}.0{1 + i % 9}.2024", f"{8 + i % 9} h {15 * (i % 4):02d}",
                     f"2019/{1 + i % 30:04d}", f"Famille{i} Prénom", f"Salle {1 + i % 3}"]
                    for i in range(40)]
    doc = _propose({"Patients.csv": (patients, rows), "Rendez-vous.csv": (visits, appointments)})
    columns = doc.files["Patients.csv"].columns
    assert columns["N° patient"].target == "patient.source_id"
    assert columns["Canton"].target == "patient.state"
    assert columns["Tél. privé"].target == "patient.phone_home"
    assert (columns["Assurance complémentaire"].target,
            columns["Assurance complémentaire"].record) == ("insurance.carrier_name", 2)
    assert (columns["N° d'assuré compl."].target,
            columns["N° d'assuré compl."].record) == ("insurance.member_id", 2)
    kinds, quarantined, records = _derive(doc, "Patients.csv", patients, rows)
    assert not quarantined
    assert kinds["patient"] == 30 and kinds["insurance"] == 30 + 15
    visit_columns = doc.files["Rendez-vous.csv"].columns
    assert visit_columns["N° patient"].target == "appointment.patient_source_id"
    assert visit_columns["Patient"].target != "appointment.patient_source_id"
    kinds, quarantined, records = _derive(doc, "Rendez-vous.csv", visits, appointments)
    assert not quarantined and kinds["appointment"] == 40
    first = next(r for r in records if r.source_id == "900")
    assert first.fields["patient_source_id"] == "2019/0001"
    assert first.fields["starts_at"].startswith("2024-01-01T08:00")


@pytest.mark.parametrize(("written", "amount"), [
    ("1'234.50", "1234.50"), ("1’234.50", "1234.50"), ("CHF 1'234.50", "1234.50"),
    ("-$12.00", "-12.00"), ("1.234,50 €", "1234.50"), ("1\u202f234,50", "1234.50"),
    ("1'234'567.05", "1234567.05"),
])
def test_money_written_in_the_clinics_locale_is_an_amount(written: str, amount: str) -> None:
    assert parse_money(written) == amount
    assert "money" in classify(written)[0] and "filename" not in classify(written)[0]


def test_a_swiss_balance_column_derives_and_the_currency_is_the_francs() -> None:
    headers = ["N° facture", "N° patient", "Solde"]
    rows = [[f"F-{i:05d}", f"2019/{i:04d}", f"CHF {1 + i % 9}'{i % 1000:03d}.{i % 100:02d}"]
            for i in range(1, 25)]
    doc = _propose({"Factures.csv": (headers, rows)}, country="CH")
    assert doc.files["Factures.csv"].columns["Solde"].target == "billing.outstanding_balance"
    kinds, quarantined, records = _derive(doc, "Factures.csv", headers, rows)
    assert not quarantined and kinds["billing"] == 24
    assert next(r for r in records if r.source_id == "F-00001").fields[
        "outstanding_balance"] == "2001.01"
    assert CURRENCY["CH"] == "CHF"


def test_several_alerts_in_one_cell_are_several_allergies_and_nil_known_is_none() -> None:
    headers = ["Patient ID", "First Name", "Surname", "Health Alerts"]
    alerts = ("Penicillin; Latex", "Nil known", "NKA", "Bee stings", "None", "Aspirin;Iodine;Nuts")
    rows = [[str(100 + i), f"Given{chr(65 + i % 26)}", f"Family{i}", alerts[i % 6]]
            for i in range(30)]
    doc = _propose({"Patients.csv": (headers, rows)}, clinical_content=True)
    column = doc.files["Patients.csv"].columns["Health Alerts"]
    assert column.target == "allergy_condition.name" and column.split
    kinds, quarantined, records = _derive(doc, "Patients.csv", headers, rows)
    assert not quarantined and kinds["patient"] == 30
    assert kinds["allergy_condition"] == 5 * (2 + 1 + 3)  # each of the 30 rows: 6 alert kinds
    names = {r.fields["name"] for r in records if r.kind == "allergy_condition"}
    assert names == {"Penicillin", "Latex", "Bee stings", "Aspirin", "Iodine", "Nuts"}


def test_a_record_number_with_its_year_is_an_id_and_a_month_with_its_year_is_not() -> None:
    assert "code" in classify("2021/0001")[0]
    assert "code" not in classify("12/2024")[0] and "code" not in classify("030/1234567")[0]
