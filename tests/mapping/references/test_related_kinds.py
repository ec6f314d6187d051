"""Files whose rows are another kind than their people or their words first suggest, through the
whole path (extract, propose, map check):

- a file of people each pointing at a client (a referring doctor, a GP) is the clients'
  referrals (family and emergency contacts left out), not a second list of patients;
- a medical history table (a category, a label, a date per patient) is allergies and
  conditions, not documents, and a label saying none (`Pas d'allergie connue`) is none;
- a file named for medical history forms is a note per form (its title, when it was completed,
  the clinician's notes), its allergy and condition lists that note's;
- a therapy practice's prescriptions are doctors' referrals; a dunning level is a billing status;
- `Client Source` on the client list is the client's referral type, and a bare `Type` in a file
  of referrals the referrals' type (in a file of related people, the relation routing them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from tests.mapping.test_file_kinds import ALLERGIES, FIRSTS, LASTS, _files, _landing
from tests.mapping.whole import check_export

RELATED = {
    "contacts": ("client-contacts.csv", "Id,Contact name,Relation,For client,Email,Phone"),
    "people": ("people.csv", "Person ID,Name,Type,Linked patient,E-mail,Telephone"),
}


@pytest.mark.parametrize("layout", sorted(RELATED))
def test_people_each_pointing_at_a_client_are_the_clients_referrals(
        layout: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, header = RELATED[layout]
    clients = "".join(f"{100 + i},{FIRSTS[i % 10]},{LASTS[i % 8]},c{i}@example.com,"
                      f"1980-02-{1 + i % 28:02d}\n" for i in range(40))
    # the doctors share the clients' names now and then: no person is a patient twice
    related = "".join(f"{900 + i},Dr {FIRSTS[(i + 3) % 10]} {LASTS[i % 8]},"
                      f"{('Referrer', 'GP', 'Emergency contact')[i % 3]},{100 + i},d{i}@example.org,"
                      f"(604) 555-{2000 + i}\n" for i in range(30))
    report = check_export(home, capsys, {
        "clients.csv": "Client ID,First Name,Last Name,Email,Date of Birth\n" + clients,
        name: header + "\n" + related})
    assert _files(report)[name]["kind"] == "referral"
    landing = _landing(report)
    assert landing["patient"]["landing"] == 40
    # an emergency contact is no referral: a third of the rows left out on purpose
    assert landing["referral"]["landing"] == 20
    targets = {h: c.target for h, c in
               load_mapping(home / "mapping.yaml").files[name].columns.items()}
    heads = header.split(",")
    assert [targets[h] for h in (heads[1], heads[3], heads[4], heads[5])] == [
        "referral.referrer_name", "referral.patient_source_id", "referral.referrer_email",
        "referral.referrer_phone"]
    assert targets[heads[2]] is None  # the relation, no type of referral


def test_a_bare_type_in_a_file_of_referrals_is_the_referrals_type(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a referrals file of its own (an id per referral, the patient, the day received): its
    # bare `Type` says what kind of referral each is, in the clinic's words
    clients = "".join(f"{400 + i},{FIRSTS[i % 10]},{LASTS[i % 8]}\n" for i in range(30))
    sorts = ("Orthopaedic", "Imaging", "Hydrotherapy")
    referrals = "".join(f"R{60 + i},{400 + i % 30},2024-0{1 + i % 9}-1{i % 10},"
                        f"Dr {FIRSTS[(i + 2) % 10]} {LASTS[(i + 5) % 8]},{sorts[i % 3]}\n"
                        for i in range(36))
    report = check_export(home, capsys, {
        "clients.csv": "Client no,First name,Last name\n" + clients,
        "referrals.csv": "Referral no,Client no,Received,Referred by,Type\n" + referrals})
    assert _files(report)["referrals.csv"]["kind"] == "referral"
    columns = load_mapping(home / "mapping.yaml").files["referrals.csv"].columns
    assert columns["Type"].target == "referral.referral_type"
    assert _landing(report)["referral"]["landing"] == 36


HISTORIES = {
    "fr": ("Antécédents médicaux.csv", "Code patient;Catégorie;Libellé;Date",
           ("Allergie", "Antécédent"), ("Pénicilline", "Asthme", "Lactose", "Hypertension"),
           "Pas d'allergie connue"),
    "de": ("Vorerkrankungen.csv", "Patientennummer;Kategorie;Bezeichnung;Erfasst am",
           ("Allergie", "Vorerkrankung"), ("Penicillin", "Asthma", "Laktose", "Diabetes"),
           "Keine Allergien bekannt"),
}


@pytest.mark.parametrize("language", sorted(HISTORIES))
def test_a_medical_history_table_is_allergies_and_conditions(
        language: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A category (allergy or past condition), a label and the day it was written down, per
    patient: allergies and conditions, not documents; a label saying none is none."""
    name, header, sorts, labels, none = HISTORIES[language]
    # more patients than history rows (clinical content, not opted in here)
    patients = "".join(f"{i:05d};{LASTS[i % 8].upper()};{FIRSTS[i % 10]}\n" for i in range(1, 61))
    history = "".join(f"{1 + i % 60:05d};{sorts[i % 2]};{none if i % 10 == 0 else labels[i % 4]};"
                      f"{1 + i % 28:02d}/{1 + i % 12:02d}/2023\n" for i in range(50))
    report = check_export(home, capsys, {
        "patients.csv": "Code;Nom;Prénom\n" + patients, name: header + "\n" + history})
    assert _files(report)[name]["kind"] == "allergy_condition"
    assert _landing(report)["allergy_condition"]["records"] == 45
    targets = [c.target for c in
               load_mapping(home / "mapping.yaml").files[name].columns.values()]
    assert targets == ["allergy_condition.patient_source_id", "allergy_condition.kind",
                       "allergy_condition.name", "allergy_condition.recorded_at"]


CONDITIONS = ("Asthma; Eczema", "None", "Migraine", "None", "Hypertension")


@pytest.mark.parametrize("name", ["Health History Forms.csv", "Medical history forms.csv"])
def test_medical_history_forms_are_a_note_each_with_their_allergies(
        name: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named for the forms that ask about the history: each row a form the client
    filled in (a note), its allergy and condition lists that note's allergies and conditions."""
    clients = "".join(f"{100 + i},{FIRSTS[i % 10]},{LASTS[i % 8]},c{i}@example.com\n"
                      for i in range(30))
    forms = "".join(
        f"S{500 + i},{100 + i},Medical History ({'Laser' if i % 2 else 'Injectables'}),"
        f"{1 + i % 28:02d}/03/2024 1{i % 10}:30,{ALLERGIES[i % 5]},{CONDITIONS[i % 5]},"
        f"\"Consent discussed, photos taken.\"\n" for i in range(30))
    report = check_export(home, capsys, {
        "clients.csv": "Client ID,First Name,Last Name,Email\n" + clients,
        name: "Submission ID,Client ID,Form name,Completed on,Allergies,Conditions,"
              "Clinician notes\n" + forms})
    assert _files(report)[name]["kind"] == "clinical_note"
    landing = _landing(report)
    assert landing["clinical_note"]["records"] == 30
    # `Penicillin; Latex` two, `Peanuts` one, three nones; `Asthma; Eczema` two, one each
    assert landing["allergy_condition"]["records"] == 6 * 3 + 6 * 4
    targets = {h: c.target for h, c in
               load_mapping(home / "mapping.yaml").files[name].columns.items()}
    assert [targets[h] for h in ("Form name", "Completed on", "Clinician notes")] == [
        "clinical_note.title", "clinical_note.created_at", "clinical_note.body"]


def test_prescriptions_for_therapy_are_referrals_and_dunning_levels_a_billing_status(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A therapy practice's prescriptions (`Verordnungen`: the prescribing doctor, the day
    issued, the diagnosis) are doctors' referrals, not allergies; its open items' dunning
    level (`Mahnstufe` 0, 1-2, 3) is the balance's status."""
    patients = "".join(f"{i:05d};{LASTS[i % 8].upper()};{FIRSTS[i % 10]}\n" for i in range(1, 61))
    doctors = ("Dr. med. Anna Vogel", "Dr. med. Jens Kraus", "Dr. Petra Lang")
    prescriptions = "".join(
        f"V-{7000 + i};{1 + i % 60:05d};{doctors[i % 3]};{1 + i % 28:02d}.{1 + i % 12:02d}.2024;"
        f"M54.5;Rückenschmerzen;KG;6\n" for i in range(30))
    items = "".join(f"B{300 + i};{1 + i % 60:05d};{1 + i % 28:02d}.03.2024;{120 + i},50;{i % 4}\n"
                    for i in range(20))
    report = check_export(home, capsys, {
        "Patienten.csv": "Code;Nachname;Vorname\n" + patients,
        "Verordnungen.csv": "Rezeptnummer;Patientennummer;Verordner;Verordnungsdatum;ICD-10;"
                            "Diagnose;Heilmittel;Anzahl\n" + prescriptions,
        "Offene Posten.csv": "Belegnummer;Patientennummer;Belegdatum;Offen;Mahnstufe\n" + items})
    assert _files(report)["Verordnungen.csv"]["kind"] == "referral"
    assert _landing(report)["referral"]["landing"] == 30
    doc = load_mapping(home / "mapping.yaml")
    targets = {h: c.target for h, c in doc.files["Verordnungen.csv"].columns.items()}
    assert [targets[h] for h in ("Rezeptnummer", "Verordner", "Verordnungsdatum", "Diagnose")] == [
        "referral.source_id", "referral.referrer_name", "referral.referred_at", "referral.notes"]
    status = doc.files["Offene Posten.csv"].columns["Mahnstufe"]
    assert (status.target, status.values) == ("billing.billing_status", {
        "0": "current", "1": "overdue", "2": "overdue", "3": "collections"})
    assert doc.files["Offene Posten.csv"].columns["Belegnummer"].target == "billing.source_id"


SOURCES = ("Google", "Walk-in", "Recommendation", "Instagram", "")


@pytest.mark.parametrize("header", ["Client Source", "Patient source"])
def test_the_clients_own_source_on_the_client_list_is_their_referral(
        header: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`Client Source` on the client's row says how the client came: the referral's type."""
    clients = "".join(f"{100 + i},{FIRSTS[i % 10]},{LASTS[i % 8]},c{i}@example.com,"
                      f"{SOURCES[i % 5]}\n" for i in range(40))
    report = check_export(home, capsys, {
        "clients.csv": f"Client ID,First Name,Last Name,Email,{header}\n" + clients})
    column = load_mapping(home / "mapping.yaml").files["clients.csv"].columns[header]
    assert column.target == "referral.referral_type"
    assert _landing(report)["referral"]["landing"] == 32
