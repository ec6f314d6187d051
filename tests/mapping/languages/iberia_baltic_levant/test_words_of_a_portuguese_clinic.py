"""A clinic in Portugal, its export read in European Portuguese with no hand edit: file names
(`utentes`, `marcacoes`, `faturas`), headers (`Nº Processo`, `Apelido`, `Data de nascimento`,
`NIF`, `Nº Utente SNS`, `Morada`, `Código postal` written `1000-001`, `Localidade`,
`Telemóvel`, `Telefone`, `Data de registo`, `Nº Marcação`, `Médico`, `Observações`,
`Nº Fatura`, `Valor`, `Em dívida`), value words (`Feminino`/`Masculino`, `Ativo`/`Inativo`,
`Marcada`, `Realizada`, `Desmarcada`, `Faltou`, `Paga`, `Pendente`), hours written `14h30`,
euros with a decimal comma, and +351 numbers."""

from __future__ import annotations

import pytest

from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from tests.mapping.languages.iberia_baltic_levant.clinic import wrong_targets
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Maria", "João", "Ana", "Rui", "Inês", "Tiago")
LAST = ("Ferreira", "Gonçalves", "Rodrigues", "Sousa", "Marques", "Carvalho")
TOWNS = ("Lisboa", "Amadora", "Oeiras")

PATIENT_HEADERS = ["Nº Processo", "Nome", "Apelido", "Data de nascimento", "Sexo", "NIF",
                   "Nº Utente SNS", "Morada", "Código postal", "Localidade", "Telemóvel",
                   "Telefone", "Email", "Estado", "Data de registo"]
PATIENTS = [[str(1200 + i), FIRST[i % 6], LAST[i % 6], f"{1 + i % 28:02d}-{1 + i % 12:02d}-{1950 + i}",
             "Feminino" if i % 2 == 0 else "Masculino", f"2{31456780 + 7 * i}",
             f"{187654320 + 11 * i}", f"Rua das Flores, {10 + i}, {1 + i % 4}º Esq.",
             f"{1000 + 17 * i}-{100 + i:03d}", TOWNS[i % 3], f"+351 91{i % 7} {300 + i} {400 + i}",
             f"21 {400 + i} {5000 + i}" if i % 3 else "", f"utente{i}@example.pt",
             "Inativo" if i % 7 == 0 else "Ativo", f"{1 + i % 28:02d}/{1 + i % 12:02d}/2019"]
            for i in range(30)]
VISIT_HEADERS = ["Nº Marcação", "Nº Processo", "Data", "Hora", "Duração (min)", "Médico",
                 "Tipo de consulta", "Estado", "Observações"]
STATES = ("Marcada", "Realizada", "Desmarcada", "Faltou", "Confirmada")
VISITS = [[str(88000 + i), str(1200 + i % 30), f"{1 + i % 27:02d}-{1 + i % 12:02d}-2025",
           f"{9 + i % 8}h{15 * (i % 4):02d}", "30", "Dra. Sofia Almeida",
           ("Medicina Geral", "Fisioterapia", "Nutrição")[i % 3], STATES[i % 5],
           "Trazer exames" if i % 4 == 0 else ""] for i in range(40)]
INVOICE_HEADERS = ["Nº Fatura", "Nº Processo", "Data", "Valor", "Em dívida", "Estado"]
INVOICES = [[f"FT 2024/{100 + i}", str(1200 + i), f"{1 + i % 27:02d}-03-2024", f"{45 + i},00 €",
             "0,00 €" if i % 3 else f"{45 + i},00 €", ("Paga", "Pendente", "Paga")[i % 3]]
            for i in range(24)]


def _doc() -> MappingDocument:
    return _propose({"utentes.csv": (PATIENT_HEADERS, PATIENTS),
                     "marcacoes_2025.csv": (VISIT_HEADERS, VISITS),
                     "faturas.csv": (INVOICE_HEADERS, INVOICES)}, date_order="DMY", country="PT")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Apelido", "last_name"), ("patient", "Apelidos", "last_name"),
    ("patient", "Data de nascimento", "date_of_birth"), ("patient", "Data Nasc.", "date_of_birth"),
    ("patient", "Telemóvel", "phone_mobile"), ("patient", "Telemovel", "phone_mobile"),
    ("patient", "Código postal", "postal_code"), ("patient", "Cód. Postal", "postal_code"),
    ("patient", "Localidade", "city"), ("patient", "Morada", "address_line1"),
    ("patient", "Data de registo", "created_at"), ("appointment", "Observações", "notes"),
    ("appointment", "Médico", "provider_source_id"), ("billing", "Em dívida", "outstanding_balance"),
    ("patient", "Concelho", "city"), ("appointment", "Hora fim", "ends_at"),
    ("appointment", "Ato médico", "appointment_type"), ("appointment", "Hora de fim", "ends_at"),
])
def test_portuguese_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_portuguese_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "utentes.csv": "patient", "marcacoes_2025.csv": "appointment", "faturas.csv": "billing"}
    assert not wrong_targets(doc, {
        "utentes.csv": {"Nº Processo": "source_id", "Nome": "first_name", "Apelido": "last_name",
                        "Data de nascimento": "date_of_birth", "Sexo": "sex",
                        "Morada": "address_line1", "Código postal": "postal_code",
                        "Localidade": "city", "Telemóvel": "phone_mobile",
                        "Telefone": "phone_home", "Email": "email", "Estado": "status",
                        "Data de registo": "created_at"},
        "marcacoes_2025.csv": {"Nº Marcação": "source_id", "Nº Processo": "patient_source_id",
                               "Médico": "provider_source_id",
                               "Tipo de consulta": "appointment_type", "Estado": "status",
                               "Observações": "notes"},
        "faturas.csv": {"Nº Fatura": "source_id", "Nº Processo": "patient_source_id",
                        "Em dívida": "outstanding_balance", "Estado": "billing_status"}})
    patients = doc.files["utentes.csv"]
    assert patients.columns["NIF"].target is None and patients.columns["Nº Utente SNS"].target in (
        None, "insurance.member_id")


def test_the_portuguese_rows_read_with_their_dates_phones_and_words() -> None:
    doc = _doc()
    _, quarantined, records = _derive(doc, "utentes.csv", PATIENT_HEADERS, PATIENTS)
    assert not quarantined, quarantined[:1]
    patients = [r.fields for r in records if r.kind == "patient"]
    assert patients[1]["date_of_birth"] == "1951-02-02" and patients[1]["sex"] == "male"
    assert patients[0]["status"] == "inactive" and patients[1]["status"] == "active"
    assert patients[1]["phone_mobile"] == "+351911301401"
    assert patients[1]["phone_home"] == "+351214015001"
    assert patients[1]["postal_code"] == "1017-101"
    _, quarantined, records = _derive(doc, "marcacoes_2025.csv", VISIT_HEADERS, VISITS)
    assert not quarantined, quarantined[:1]
    assert records[1].fields["starts_at"].startswith("2025-02-02T10:15")
    assert [r.fields["status"] for r in records[:5]] == [
        "booked", "completed", "cancelled", "no_show", "booked"]
    _, quarantined, records = _derive(doc, "faturas.csv", INVOICE_HEADERS, INVOICES)
    assert not quarantined, quarantined[:1]
    assert records[0].fields["outstanding_balance"] == "45.00"
