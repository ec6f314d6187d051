"""Which field a column gets, from the words of its header and of its values, in the languages
clinics export in (Italian, French, German, Spanish, Portuguese, Dutch) and in British English:
each test writes its own small export and reads the proposal (issue: exports never seen before)."""

from __future__ import annotations

import pytest

from domain.proposal.match import header_matches
from domain.proposal.profile import ColumnProfile
from domain.proposal.propose import propose_file
from domain.proposal.values import enum_match
from tests.mapping.test_failure_classes import _derive, _propose
from tests.mapping.test_proposal import profile_of

SURNAMES = ("ROSSI", "BIANCHI", "ESPOSITO", "ROMANO", "COLOMBO", "RICCI", "MARINO", "GRECO")
NAMES = ("Marco", "Giulia", "Luca", "Chiara", "Matteo", "Sara", "Davide", "Elena")


def _col(values: list[str]) -> ColumnProfile:
    return profile_of(["x"], [[v] for v in values]).columns["x"]


def test_an_italian_export_maps_status_dates_cover_and_references_by_their_words() -> None:
    patients = ["Codice", "Cognome", "Nome", "Data di nascita", "Convenzione", "N. tessera",
                "Provenienza", "Stato", "Data inserimento"]
    funds = ("FASI", "UniSalute", "Previmedical")
    came = ("Passaparola", "Internet", "Medico curante", "")
    rows = [[f"{i:05d}", SURNAMES[i % 8], NAMES[i % 8], f"{1 + i % 28:02d}/0{1 + i % 9}/19{50 + i}",
             funds[i % 3], f"{37784700 + 17 * i}", came[i % 4],
             "Archiviato" if i % 9 == 0 else "Attivo", f"{1 + i % 28:02d}/0{1 + i % 9}/2019"]
            for i in range(1, 31)]
    agenda = ["Data", "Paziente", "Operatore", "Poltrona", "Prestazione", "Stato"]
    states = ("Eseguito", "Confermato", "Disdetto", "Non presentato", "In sala d'attesa")
    visits = [[f"{1 + i % 28:02d}/05/2024", f"{SURNAMES[i % 8]} {NAMES[i % 8]}",
               ("Dott. Davide Ricci", "Francesca Ferrari")[i % 2], f"Poltrona {1 + i % 3}",
               ("Otturazione", "Estrazione", "Igiene orale")[i % 3], states[i % 5]]
              for i in range(40)]
    diary = ["Data", "Codice paziente", "Operatore", "Prestazione", "Annotazioni"]
    notes = [[f"{1 + i % 28:02d}/06/2024", f"{1 + i % 30:05d}", "Francesca Ferrari",
              ("Otturazione", "Estrazione")[i % 2],
              "Carie distale, otturazione in composito. Controllo a sei mesi."] for i in range(30)]
    doc = _propose({"Anagrafica pazienti.csv": (patients, rows),
                    "Agenda appuntamenti.csv": (agenda, visits),
                    "Diario clinico.csv": (diary, notes)}, date_order="DMY")
    people = doc.files["Anagrafica pazienti.csv"].columns
    assert people["Stato"].target == "patient.status"
    assert people["Data inserimento"].target == "patient.created_at"
    assert people["Convenzione"].target == "insurance.carrier_name"
    assert people["N. tessera"].target == "insurance.member_id"
    assert people["Provenienza"].target == "referral.referral_type"
    visits_fm = doc.files["Agenda appuntamenti.csv"]
    assert visits_fm.columns["Operatore"].target == "appointment.provider_source_id"
    assert visits_fm.columns["Poltrona"].target == "appointment.location"
    assert visits_fm.columns["Stato"].target == "appointment.status"
    diary_fm = doc.files["Diario clinico.csv"]
    assert diary_fm.kind == "clinical_note"
    assert diary_fm.columns["Codice paziente"].target == "clinical_note.patient_source_id"
    assert diary_fm.columns["Prestazione"].target == "clinical_note.title"
    assert diary_fm.columns["Annotazioni"].target == "clinical_note.body"


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("billing", "Codice paziente", "patient_source_id"),
    ("allergy_condition", "Codice paziente", "patient_source_id"),
    ("billing", "Ultimo incasso", "last_payment_date"),
    ("communication", "Tipo messaggio", "subject"),
    ("appointment", "Surgery", "location"), ("appointment", "Fauteuil", "location"),
    ("appointment", "Behandelkamer", "location"), ("appointment", "Behandlungsraum", "location"),
    ("patient", "Intake Date", "created_at"), ("patient", "Data inserimento", "created_at"),
    ("patient", "Aufnahmedatum", "created_at"), ("patient", "Fecha de registro", "created_at"),
    ("patient", "Registratiedatum", "created_at"), ("patient", "Data de registro", "created_at"),
])
def test_headers_name_fields_in_other_languages_and_british_words(kind: str, header: str,
                                                                 field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field, [(m.field, m.score) for m in matches[:3]]


@pytest.mark.parametrize(("kind", "field", "values"), [
    ("patient", "status", ["Attivo", "Archiviato", "Deceduto"]),
    ("patient", "status", ["Actief", "Gearchiveerd", "Overleden"]),
    ("patient", "status", ["Actif", "Archivé", "Décédé"]),
    ("patient", "status", ["Aktiv", "Archiviert", "Verstorben"]),
    ("patient", "status", ["Ativo", "Arquivado", "Falecido"]),
    ("patient", "status", ["Activo", "Archivado", "Fallecido"]),
    ("patient", "sex", ["Maschio", "Femmina"]), ("patient", "sex", ["Man", "Vrouw"]),
    ("patient", "sex", ["Homem", "Mulher"]),
    ("appointment", "status", ["Eseguito", "Confermato", "Disdetto", "Non presentato"]),
    ("appointment", "status", ["Afgerond", "Gepland", "Geannuleerd", "Niet verschenen"]),
    ("appointment", "status", ["Effectué", "Confirmé", "Annulé", "Absent"]),
    ("appointment", "status", ["Abgeschlossen", "Bestätigt", "Abgesagt", "Nicht erschienen"]),
    ("appointment", "status", ["Realizada", "Confirmada", "Cancelada", "No asistió"]),
    ("appointment", "status", ["Atendido", "Agendado", "Desmarcado", "Faltou"]),
    ("provider", "role", ["Odontoiatra", "Igienista dentale", "Segreteria"]),
    ("provider", "role", ["Tandarts", "Mondhygiënist", "Receptie"]),
    ("provider", "role", ["Zahnarzt", "Rezeption", "Praxismanager"]),
    ("provider", "role", ["Dentiste", "Secrétariat", "Infirmière"]),
    ("referral", "referral_type", ["Passaparola", "Internet", "Medico curante"]),
    ("referral", "referral_type", ["Bouche à oreille", "Médecin traitant", "Publicité"]),
])
def test_enumeration_words_are_read_in_six_languages(kind: str, field: str,
                                                     values: list[str]) -> None:
    found = enum_match(kind, field, _col(values * 4))
    assert found is not None and found[0] == 1.0, found


def test_a_time_written_with_a_point_joins_its_date_and_a_length_gives_the_end() -> None:
    headers = ["Data", "Ora", "Durata", "Codice paziente", "Stato", "Importo"]
    rows = [[f"{1 + i % 28:02d}/05/2024", f"{8 + i % 9}.{(15 * i) % 60:02d}",
             ("00:30", "01:00", "00:45")[i % 3], f"{1 + i % 30:05d}",
             ("Eseguito", "Disdetto")[i % 2], f"{10 + i % 9}.{i % 6}0"] for i in range(40)]
    doc = _propose({"Agenda appuntamenti.csv": (headers, rows)}, date_order="DMY")
    fm = doc.files["Agenda appuntamenti.csv"]
    joined = {c.target: c.columns for c in fm.combine}
    assert joined["appointment.starts_at"] == ["Data", "Ora"]
    assert joined["appointment.ends_at"][-1] == "Durata"
    assert "Importo" not in joined["appointment.starts_at"]  # amounts look alike: no time
    kinds, quarantined, records = _derive(doc, "Agenda appuntamenti.csv", headers, rows)
    assert kinds["appointment"] == 40 and not quarantined
    first = records[0].fields
    assert str(first["starts_at"]).startswith("2024-05-01T08:00")
    assert str(first["ends_at"]).startswith("2024-05-01T08:30")


def test_a_job_title_of_professions_beside_a_role_column_is_the_specialty() -> None:
    headers = ["User ID", "Name", "Role", "Job title", "Title", "Email"]
    staff = [("Dr Isla Stewart", "Clinician", "Consultant Dermatologist", "FRCP"),
             ("Dr Alfie Thomas", "Clinician", "General Practitioner", "MRCGP"),
             ("Rhys Roberts", "Clinician", "Physiotherapist", "MCSP"),
             ("Imran Clarke", "Clinician", "Physiotherapist", "MCSP"),
             ("Niamh Davies", "Receptionist", "", ""), ("Dylan Robinson", "Practice Manager", "", "")]
    rows = [[f"u{i}", name, role, job, letters, f"user{i}@clinic.example"]
            for i, (name, role, job, letters) in enumerate(staff)]
    columns = _propose({"Users.csv": (headers, rows)}).files["Users.csv"].columns
    assert columns["Role"].target == "provider.role"
    assert columns["Job title"].target == "provider.specialty"
    assert columns["Title"].target == "provider.credentials"  # letters after a name


def test_a_qualification_column_of_jobs_is_the_role_not_credentials() -> None:
    headers = ["Codice", "Cognome", "Nome", "Qualifica", "E-mail"]
    jobs = ("Odontoiatra", "Igienista dentale", "Odontoiatra", "Segreteria", "Igienista dentale")
    rows = [[f"OP0{i}", SURNAMES[i], NAMES[i], job, f"op{i}@studio.example.it"]
            for i, job in enumerate(jobs)]
    columns = _propose({"Operatori.csv": (headers, rows)}).files["Operatori.csv"].columns
    assert columns["Qualifica"].target == "provider.role"


def test_what_the_insurer_owes_is_not_the_patients_balance() -> None:
    headers = ["Chart #", "Responsible Party", "Current", "Patient Total Owing",
               "Insurance Total Owing", "Last Pmt Date"]
    rows = [[str(1000 + i), f"{SURNAMES[i % 8].title()}, {NAMES[i % 8]}", "$0.00",
             f"${20 + i}.{i % 90:02d}" + ("-" if i % 11 == 0 else ""), f"${40 + 3 * i}.48",
             f"0{1 + i % 9}/1{i % 9}/2023"] for i in range(30)]
    columns = _propose({"RP Aging.csv": (headers, rows)}).files["RP Aging.csv"].columns
    assert columns["Patient Total Owing"].target == "billing.outstanding_balance"
    assert columns["Insurance Total Owing"].target is None


@pytest.mark.parametrize(("flag", "yes", "no"), [("Overdue", "Yes", "No"), ("Scaduto", "Sì", "No"),
                                                 ("Achterstallig", "Ja", "Nee")])
def test_a_yes_no_column_named_for_a_balance_status_makes_the_status(flag: str, yes: str,
                                                                    no: str) -> None:
    headers = ["Patient ID", "Outstanding", "Last payment date", flag]
    rows = [[f"P{i}", f"{12 * i}.50", f"2024-03-{1 + i % 28:02d}", yes if i % 3 == 0 else no]
            for i in range(1, 31)]
    doc = _propose({"Debtors.csv": (headers, rows)})
    fm = doc.files["Debtors.csv"]
    assert [c.columns for c in fm.combine if c.target == "billing.billing_status"] == [[flag]]
    kinds, quarantined, records = _derive(doc, "Debtors.csv", headers, rows)
    assert kinds["billing"] == 30 and not quarantined
    assert [r.fields.get("billing_status") for r in records[:3]] == ["current", "current",
                                                                     "overdue"]


@pytest.mark.parametrize("header", ["Telefono", "Telefon", "Telefoon", "Telefone", "Teléfono"])
def test_the_plain_word_for_phone_reads_as_phone_in_every_language(header: str) -> None:
    patient = header_matches("patient", header)
    assert patient and (patient[0].field, patient[0].score) == ("phone_home", 0.85)
    assert header_matches("provider", header)[0].field == "phone"


def test_initials_of_a_professional_register_name_the_licence_number() -> None:
    headers = ["Staff ID", "First Name", "Last Name", "Email", "GPhC number", "CPSO #", "ABN"]
    rows = [[str(i), NAMES[i], SURNAMES[i].title(), f"s{i}@clinic.example", str(2045678 + 7 * i),
             f"{81000 + i}", f"51 824 753 {556 + i}"] for i in range(5)]
    columns = _propose({"Staff.csv": (headers, rows)}).files["Staff.csv"].columns
    assert columns["GPhC number"].target == "provider.license_number"
    assert columns["ABN"].target is None  # a business number registers no one's practice
    assert header_matches("provider", "CPSO #")[0].field == "license_number"
    assert not header_matches("provider", "MD")  # a credential's letters, no register


def test_a_message_type_naming_an_appointment_leaves_the_messages_messages() -> None:
    headers = ["Data invio", "Paziente", "Numero", "Tipo messaggio", "Testo", "Esito"]
    rows = [[f"{1 + i % 28:02d}/01/2024 {8 + i % 9}:30", f"{SURNAMES[i % 8]} {NAMES[i % 8]}",
             f"+39 345 {2399277 + 13 * i}", "Promemoria appuntamento",
             f"Gentile {NAMES[i % 8]}, le ricordiamo l'appuntamento del {1 + i % 28}/02/2024.",
             ("Consegnato", "Non consegnato")[i % 2]] for i in range(30)]
    fm = _propose({"Messaggi.csv": (headers, rows)}, date_order="DMY").files["Messaggi.csv"]
    assert fm.kind == "communication"
    assert fm.columns["Tipo messaggio"].target == "communication.subject"
    assert fm.columns["Testo"].target == "communication.body"
    assert fm.columns["Numero"].target is None  # numbers dialled, no one's id


@pytest.mark.parametrize(("titles", "target"), [
    (("DDS", "RDH", "DMD, MS"), "provider.credentials"),
    (("Dr", "Mr", "Mrs"), None),  # titles of address
    (("", "", ""), None),  # nothing tells which
])
def test_a_title_column_is_credentials_only_when_its_values_are(titles: tuple[str, ...],
                                                                target: str | None) -> None:
    headers = ["Staff ID", "Title", "First Name", "Last Name", "Email"]
    rows = [[str(i), titles[i % 3], NAMES[i], SURNAMES[i].title(), f"s{i}@clinic.example"]
            for i in range(6)]
    columns = _propose({"Staff.csv": (headers, rows)}).files["Staff.csv"].columns
    assert columns["Title"].target == target


def test_an_intake_form_carries_the_patients_allergies_and_how_they_came() -> None:
    headers = ["Id", "ClientId", "QuestionnaireName", "DateSubmitted", "Allergies",
               "How did you hear about us?", "Referring practitioner", "description"]
    allergies = ("Penicillin; Latex", "None", "Shellfish", "NKA")
    heard = ("Instagram", "My doctor", "Friend or family", "Google")
    rows = [[str(500 + i), str(100 + i), "New client intake", f"2024-03-{1 + i % 28:02d}T10:00:00Z",
             allergies[i % 4], heard[i % 4], "Dr. Paul Chen" if i % 4 == 1 else "",
             "Submitted online"] for i in range(24)]
    doc = _propose({"forms.csv": (headers, rows)})
    doc.files["forms.csv"] = propose_file("forms.csv", headers, profile_of(headers, rows),
                                          kind="clinical_note")
    columns = doc.files["forms.csv"].columns
    assert columns["Allergies"].target == "allergy_condition.name"
    assert columns["How did you hear about us?"].target == "referral.referral_type"
    assert columns["Referring practitioner"].target == "referral.referrer_name"
    # one generic word stays the note's (its body, the one answer no field holds), not a list
    # of allergies beside `Allergies`
    assert columns["description"].target == "clinical_note.body"
    kinds, quarantined, records = _derive(doc, "forms.csv", headers, rows)
    assert not quarantined and kinds["clinical_note"] == 24 and kinds["referral"] == 24
    assert kinds["allergy_condition"] == 2 * 6 + 6  # None and NKA say there are none
    first = next(r for r in records if r.kind == "allergy_condition")
    assert first.fields["patient_source_id"] == "100"  # the form's patient


def test_the_type_of_a_log_entry_is_the_communications_channel() -> None:
    headers = ["Date", "Client", "Log Type", "Subject", "Details", "Entered By"]
    ways = ("Phone Call", "Email", "Text Message", "Letter")
    rows = [[f"01/{1 + i % 28:02d}/2025 12:53 PM", f"{NAMES[i % 8]} {SURNAMES[i % 8].title()}",
             ways[i % 4], ("Rescheduling", "Intake", "Billing")[i % 3],
             f"Spoke about the plan, entry {i}.", "Nadia Pelletier"] for i in range(40)]
    doc = _propose({"Client Logs.csv": (headers, rows)})
    fm = doc.files["Client Logs.csv"]
    assert fm.kind == "communication"
    assert fm.columns["Log Type"].target == "communication.channel"


def test_a_word_naming_the_tables_kind_before_every_header_is_set_aside() -> None:
    # an account balance per client, every header under the word `Invoice`
    headers = ["InvoicePatientId", "InvoicePatient", "InvoiceTotalInvoiced", "InvoiceTotalPaid",
               "InvoiceBalanceOwing", "InvoiceLastPayment"]
    rows = [[str(1033368621014757936 + i * 7919), f"Family{i}, Name", f"${80 + i}.85",
             f"${80 + i}.85", "$0.00", f"{1 + i % 28:02d}/07/2024"] for i in range(30)]
    columns = _propose({"report.csv": (headers, rows)}).files["report.csv"].columns
    assert columns["InvoicePatientId"].target == "billing.patient_source_id"
    assert columns["InvoiceBalanceOwing"].target == "billing.outstanding_balance"
