"""File kinds from what the rows hold, through the whole path (extract, propose, map check):

- a client list whose person's name is one column (`Name`: `Ann Lee`) stays people, even
  beside an insurer's company name filled on fewer rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from tests.mapping.test_failure_classes import _derive
from tests.mapping.whole import check_export

FIRSTS = ("Ann", "Bo", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo")
LASTS = ("Lee", "Ng", "Ray", "Moss", "Park", "Shaw", "Tait", "Vance")
INSURERS = ("Manulife", "Sun Life", "Blue Cross")


def _files(report: dict[str, object]) -> dict[str, dict[str, object]]:
    files = report["files"]
    assert isinstance(files, dict)
    return files


def _landing(report: dict[str, object]) -> dict[str, dict[str, int]]:
    landing = report["landing"]
    assert isinstance(landing, dict)
    return landing


@pytest.mark.parametrize("name", ["clients.csv", "export 2024.csv"])
def test_a_client_list_with_the_whole_name_in_one_column_is_people(
        name: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    for i in range(40):
        insured = i % 3 == 0
        rows.append(f"{1000 + i},{FIRSTS[i % 10]} {LASTS[i % 8]},c{i}@example.com,"
                    f"(604) 555-{1000 + i},1980-02-{1 + i % 28:02d},"
                    f"{'Female' if i % 2 else 'Male'},Vancouver,"
                    f"{INSURERS[i % 3] if insured else ''},{7000 + i if insured else ''}\n")
    report = check_export(home, capsys, {
        name: "ClientId,Name,Email,Phone,DateOfBirth,Gender,City,"
                       "PrimaryInsuranceCompany,PrimaryInsurancePolicyNumber\n" + "".join(rows)})
    assert _files(report)[name]["kind"] == "patient"
    landing = _landing(report)
    assert landing["patient"]["landing"] == 40
    assert landing["insurance"]["landing"] == 14
    assert "company" not in landing


ALLERGIES = ("Penicillin; Latex", "None", "Peanuts", "NKA", "N/A")
HEARD = ("Google", "Friend or family", "Instagram", "")


@pytest.mark.parametrize(("name", "form"), [("intake-forms.csv", "QuestionnaireName"),
                                            ("responses.csv", "Form name")])
def test_intake_form_answers_are_a_note_with_their_allergies_and_referral(
        name: str, form: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clients = "".join(f"{100 + i},{FIRSTS[i % 10]},{LASTS[i % 8]},c{i}@example.com\n"
                      for i in range(30))
    answers = [
        f"f{i:04x}a,{100 + i},{'New Client Intake' if i % 2 else 'Massage Intake'},"
        f"2024-03-{1 + i % 28:02d}T10:00:00Z,{'Back pain' if i % 3 else 'Poor sleep'},"
        f"{ALLERGIES[i % 5]},{HEARD[i % 4]}" for i in range(30)]
    headers = ["Id", "ClientId", form, "DateSubmitted", "What brings you in?", "Allergies",
               "How did you hear about us?"]
    report = check_export(home, capsys, {
        "clients.csv": "Client ID,First Name,Last Name,Email\n" + clients,
        name: ",".join(headers) + "\n" + "".join(f"{a}\n" for a in answers)})
    assert _files(report)[name]["kind"] == "clinical_note"
    landing = _landing(report)
    # clinical kinds land once the clinic opts in to clinical content: counted as records,
    # each on a patient of the export
    assert landing["clinical_note"]["records"] == 30
    # `Penicillin; Latex` is two, `None`, `NKA` and `N/A` are none (its slash splits nothing)
    assert landing["allergy_condition"]["records"] == 6 * 2 + 6
    assert landing["referral"]["landing"] == 30 - 7
    assert not any(v["unresolved_references"] for v in landing.values())
    # each answer's record is the patient's who filled in the form
    doc = load_mapping(home / "mapping.yaml")
    _, _, records = _derive(doc, name, headers, [a.split(",") for a in answers])
    for record in records:
        assert record.fields["patient_source_id"] == str(100 + int(record.rows[0]) - 1)


MESSAGES = {
    "en": ("sms sent.csv", "Sent at,Client ID,Number,Message type,Text,Outcome",
           ("Reminder of appointment", "Confirmation of booking", "Recall visit")),
    "it": ("SMS inviati.csv", "Data invio,Codice paziente,Numero,Tipo messaggio,Testo,Esito",
           ("Promemoria appuntamento", "Conferma appuntamento", "Richiamo visita")),
}


@pytest.mark.parametrize("language", sorted(MESSAGES))
def test_a_message_type_column_does_not_say_what_the_rows_are(
        language: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`Message type` saying `Reminder of appointment`: each row is a message about a visit,
    not a visit."""
    name, header, sorts = MESSAGES[language]
    clients = "".join(f"{100 + i},{FIRSTS[i % 10]},{LASTS[i % 8]}\n" for i in range(30))
    sent = "".join(f"{1 + i % 28:02d}/03/2024 09:{i % 60:02d},{100 + i % 30},+1604555{1000 + i},"
                   f"{sorts[i % 3]},Dear client: see you tomorrow at 10.,Delivered\n"
                   for i in range(40))
    report = check_export(home, capsys, {
        "clients.csv": "Client ID,First Name,Last Name\n" + clients,
        name: header + "\n" + sent})
    assert _files(report)[name]["kind"] == "communication"
    landing = _landing(report)
    assert landing["communication"]["records"] == 40
    assert "appointment" not in landing


# A clinic's dated journal of what staff wrote about each patient, in six languages: the file's
# name, the date, the patient's number, who wrote it, the treatment, the text.
JOURNALS = {
    "it": ("Diario clinico.csv", "Data;Codice paziente;Operatore;Prestazione;Annotazioni"),
    "fr": ("Journal clinique.csv", "Date;N° patient;Praticien;Acte;Observations"),
    "de": ("Verlaufsdokumentation.csv", "Datum;Patientennummer;Behandler;Leistung;Bemerkungen"),
    "es": ("Evolución clínica.csv", "Fecha;Nº paciente;Profesional;Tratamiento;Observaciones"),
    "nl": ("Behandelverslagen.csv", "Datum;Patiëntnummer;Behandelaar;Behandeling;Aantekeningen"),
    "pt": ("Evolução clínica.csv", "Data;Código paciente;Profissional;Procedimento;Anotações"),
}
STAFF = ("Francesca Ferrari", "Simone Lombardi", "Dott. Niccolò Russo")
TEXTS = ("Controllo post-estrazione, guarigione regolare.", "Rx endorale eseguita.",
         "Sondaggio parodontale: tasche 4 mm. Carie distale, otturazione in composito.")


@pytest.mark.parametrize("language", sorted(JOURNALS))
def test_a_dated_journal_of_staff_text_is_clinical_notes(
        language: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, header = JOURNALS[language]
    # more patients than notes: the notes (clinical content, not opted in here) are the
    # smaller part of the export
    patients = "".join(f"{i:05d};{LASTS[i % 8].upper()};{FIRSTS[i % 10]}\n"
                       for i in range(1, 41))
    journal = "".join(f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024;{1 + i:05d};"
                      f"{STAFF[i % 3]};Visita;{TEXTS[i % 3]}\n" for i in range(36))
    report = check_export(home, capsys, {
        "Anagrafica pazienti.csv": "Codice;Cognome;Nome\n" + patients,
        name: header + "\n" + journal})
    journal_file = _files(report)[name]
    assert journal_file["kind"] == "clinical_note", journal_file
    assert (journal_file["derived"], journal_file["quarantined"]) == (36, 0), \
        journal_file["top_reasons"]
    assert _landing(report)["clinical_note"]["records"] == 36


def test_a_patient_list_whose_id_column_is_blank_on_some_rows_lands_them(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Clients added since the last numbering have no id yet: their rows take one from what
    tells them apart (name and birth date, as the design's ids are uuid5s of natural keys)
    instead of being held back for a missing id."""
    rows = [f"{'' if i % 10 == 9 else 500 + i},{LASTS[i % 8]},{FIRSTS[i % 10]},"
            f"1980-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(40)]
    report = check_export(home, capsys, {
        "patients.csv": "Patient ID,Last Name,First Name,DOB\n" + "".join(f"{r}\n" for r in rows)})
    patients = _files(report)["patients.csv"]
    assert (patients["derived"], patients["quarantined"]) == (40, 0), patients["top_reasons"]
    assert _landing(report)["patient"]["landing"] == 40


def test_a_client_id_beside_the_client_email_stays_the_reference(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A booking names its client by id and repeats the name and email: the id is the
    reference, the copies are not."""
    people = [(1000 + 2 * i, f"{FIRSTS[i % 10]} {LASTS[i % 8]}", f"c{i}@example.com")
              for i in range(40)]
    clients = "".join(f"{n},{name},{mail}\n" for n, name, mail in people)
    bookings = "".join(
        f"{0x659017d4f0063690486408fe + 977 * i:024x},{people[i % 36][0]},{people[i % 36][1]},"
        f"{people[i % 36][2]},s{i % 3}@clinic.example.com,Acupuncture,Confirmed,"
        f"2024-03-{1 + i % 28:02d}T10:00:00.000Z,2024-03-{1 + i % 28:02d}T10:30:00.000Z\n"
        for i in range(90))
    staff = "".join(f"{0x5f69d1b03ae258bc28df0afb + i:024x},{FIRSTS[i]},{LASTS[i]},"
                    f"s{i}@clinic.example.com\n" for i in range(3))
    check_export(home, capsys, {
        "clients.csv": "ClientId,Name,Email\n" + clients,
        "practitioners.csv": "PractitionerId,FirstName,LastName,Email\n" + staff,
        "appointments.csv": "Id,ClientId,ClientName,ClientEmail,PractitionerEmail,ServiceName,"
                            "Status,StartDateIso,EndDateIso\n" + bookings})
    columns = load_mapping(home / "mapping.yaml").files["appointments.csv"].columns
    assert columns["ClientId"].target == "appointment.patient_source_id"
    assert columns["ClientEmail"].target is None
