"""Sheets and files named in another language than English: a staff list (`Medewerkers`,
`Profissionais`) and an agenda (`Afspraken`) are told by their name and their columns in every
language the vocabulary reads, not read as patients (a staff list quarantined "missing source
id", an agenda landing its patients twice); a surname's particle and a house number in a column of
their own join the surname and the street."""

from __future__ import annotations

import pytest

from domain.proposal.match import header_matches, name_score
from tests.mapping.test_failure_classes import _derive, _propose

_FIRST = ("Anna", "Bram", "Carla", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Ivo", "Joost")
_LAST = ("Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
         "Dekker", "Jansen", "Brouwer")
PATIENTS = ["Cliëntnummer", "Voornaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Straat",
            "Huisnummer", "Postcode", "Woonplaats", "E-mail"]
PATIENT_ROWS = [[str(1000 + i), _FIRST[i % 10], ("van", "de", "", "van der", "")[i % 5],
                 _LAST[i % 12], f"{1 + i % 28:02d}-{1 + i % 12:02d}-19{50 + i % 40}",
                 ("Kerkstraat", "Dorpsweg", "Molenlaan")[i % 3], f"{1 + i * 3}{'a' if i % 7 == 0 else ''}",
                 f"{1000 + i * 7} AB", ("Utrecht", "Zeist", "Gouda")[i % 3],
                 f"client{i}@example.nl"] for i in range(30)]


@pytest.mark.parametrize("name", [
    "Export.xlsx#Medewerkers", "Profissionais.csv", "Professionnels.csv", "Mitarbeiter.csv",
    "Personale.csv", "Profesionales.csv"])
def test_a_staff_list_is_named_in_six_languages(name: str) -> None:
    assert name_score(name, "provider")[0] > 0
    assert not name_score(name, "patient")[0]


@pytest.mark.parametrize("name", [
    "Export.xlsx#Afspraken", "Agendamentos - Unidade Centro.csv", "Appuntamenti.csv",
    "Termine.csv", "Citas.csv", "Rendez-vous.csv"])
def test_an_agenda_is_named_in_six_languages(name: str) -> None:
    assert name_score(name, "appointment")[0] > 0


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("provider", "BIG-nummer", "license_number"), ("provider", "Conselho", "license_number"),
    ("provider", "Numéro d'ordre", "license_number"), ("provider", "Numero albo", "license_number"),
    ("provider", "Registernummer", "license_number"),
    ("provider", "Número de matrícula", "license_number"),
    ("provider", "Celular", "phone"), ("provider", "Especialidade", "specialty"),
    ("patient", "Código", "source_id"), ("patient", "Prontuário", "chart_number"),
    ("patient", "Cadastrado em", "created_at"), ("patient", "Aangemaakt op", "created_at"),
    ("patient", "Creato il", "created_at"), ("appointment", "Agendado em", "created_at"),
    ("patient", "Geslacht", "sex"), ("patient", "Sesso", "sex"),
    ("insurance", "Plano", "plan_type"), ("insurance", "Validade", "effective_to"),
    ("insurance", "Geldig tot", "effective_to"), ("insurance", "Scadenza", "effective_to"),
    ("referral", "Como conheceu a clínica", "referral_type"),
    ("referral", "Hoe bij ons gekomen", "referral_type"),
    ("referral", "Come ci ha conosciuto", "referral_type"),
    ("referral", "Cómo nos conoció", "referral_type"),
    ("lead", "Bron", "referral_type"), ("lead", "Telefoon", "phone"),
    ("communication", "Richting", "direction"), ("communication", "Onderwerp", "subject"),
    ("communication", "Bericht", "body"), ("communication", "Medewerker", "staff_source_id"),
    ("billing", "Laatste betaling", "last_payment_date"),
    ("billing", "Betaald bedrag", "last_payment_amount"),
    ("billing", "Valor recebido", "last_payment_amount"),
    ("billing", "Situação", "billing_status"),
    ("appointment", "Eindtijd", "ends_at"), ("appointment", "Opmerking", "notes"),
    ("appointment", "Behandeling", "appointment_type"),
    ("appointment", "Trattamento", "appointment_type"),
    ("clinical_note", "Data do atendimento", "created_at"), ("clinical_note", "Tipo", "title"),
])
def test_fields_are_named_in_other_languages(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field, [(m.field, m.score) for m in matches[:3]]


def test_a_dutch_staff_sheet_lands_providers_not_patients() -> None:
    staff = ["Naam", "Functie", "BIG-nummer", "E-mail", "Telefoon", "Actief"]
    rows = [[f"{_FIRST[i]} {_LAST[i]}", ("Fysiotherapeut", "Huidtherapeut")[i % 2],
             f"{49000000000 + i * 1234567}", f"{_FIRST[i].lower()}@kliniek.example.nl",
             f"06-{12345670 + i}", "Ja" if i % 4 else "Nee"] for i in range(6)]
    name = "Export.xlsx#Medewerkers"
    doc = _propose({"Export.xlsx#Cliënten": (PATIENTS, PATIENT_ROWS), name: (staff, rows)})
    fm = doc.files[name]
    assert fm.kind == "provider"
    assert fm.columns["BIG-nummer"].target == "provider.license_number"
    assert fm.columns["Naam"].target == "provider.last_name"
    kinds, quarantined, _ = _derive(doc, name, staff, rows)
    assert not quarantined and kinds["provider"] == 6 and not kinds["patient"]


def test_a_portuguese_staff_file_with_titles_and_council_numbers_lands_providers() -> None:
    staff = ["Nome", "Especialidade", "Conselho", "E-mail", "Celular"]
    names = ("Camila Silva", "Pedro Gomes", "Gabriel Ribeiro", "Felipe Costa")
    rows = [[f"{('Dra.', 'Dr.')[i % 2]} {n}", ("Ortopedia", "Fisioterapia")[i % 2],
             (f"CRM-SP {93580 + i}", f"CREFITO-3 {20874 + i}-F")[i % 2],
             f"{n.split()[0].lower()}@clinica.example.com.br", f"(11) 9483{i}-3462"]
            for i, n in enumerate(names)]
    doc = _propose({"Profissionais.csv": (staff, rows)})
    fm = doc.files["Profissionais.csv"]
    assert fm.kind == "provider"
    assert fm.columns["Conselho"].target == "provider.license_number"
    assert fm.columns["Celular"].target == "provider.phone"
    kinds, quarantined, _ = _derive(doc, "Profissionais.csv", staff, rows)
    assert not quarantined and kinds["provider"] == 4


def test_a_dutch_agenda_sheet_is_appointments_with_a_date_and_two_times() -> None:
    visits = ["Afspraak ID", "Cliëntnummer", "Cliënt", "Behandelaar", "Datum", "Begintijd",
              "Eindtijd", "Behandeling", "Locatie", "Status", "Opmerking"]
    rows = [[str(5000 + i), str(1000 + i % 30), f"{_FIRST[i % 10]} {_LAST[i % 12]}",
             ("Anna Bakker", "Bram Visser")[i % 2], f"{1 + i % 28:02d}-03-2025",
             f"{9 + i % 8:02d}:00", f"{9 + i % 8:02d}:45", ("Intake", "Behandeling")[i % 2],
             ("Utrecht", "Zeist")[i % 2], ("Gepland", "Afgerond", "Geannuleerd")[i % 3],
             "" if i % 3 else "Verwijzing meenemen"] for i in range(40)]
    name = "Export.xlsx#Afspraken"
    doc = _propose({"Export.xlsx#Cliënten": (PATIENTS, PATIENT_ROWS), name: (visits, rows)})
    fm = doc.files[name]
    assert fm.kind == "appointment"
    assert fm.columns["Cliëntnummer"].target == "appointment.patient_source_id"
    assert {c.target for c in fm.combine} >= {"appointment.starts_at", "appointment.ends_at"}
    kinds, quarantined, _ = _derive(doc, name, visits, rows)
    assert not quarantined and kinds["appointment"] == 40 and not kinds["patient"]


def test_a_surname_particle_and_a_house_number_join_their_fields() -> None:
    name = "Export.xlsx#Cliënten"
    doc = _propose({name: (PATIENTS, PATIENT_ROWS)})
    joined = {c.target: c.columns for c in doc.files[name].combine}
    assert joined["patient.last_name"] == ["Tussenvoegsel", "Achternaam"]
    assert joined["patient.address_line1"] == ["Straat", "Huisnummer"]
    _, quarantined, records = _derive(doc, name, PATIENTS, PATIENT_ROWS)
    assert not quarantined
    first = next(r for r in records if r.kind == "patient")
    assert first.fields["last_name"] == "van Bakker"
    assert first.fields["address_line1"] == "Kerkstraat 1a"


def test_a_number_column_far_from_the_street_is_not_a_house_number() -> None:
    headers = ["Patient ID", "Address", "City", "Phone", "Email", "Number"]
    rows = [[str(i), f"{i} Main Rd", "Springfield", f"555-01{i:02d}", f"p{i}@example.com",
             str(40 + i)] for i in range(20)]
    doc = _propose({"patients.csv": (headers, rows)})
    assert all(c.target != "patient.address_line1" for c in doc.files["patients.csv"].combine)
