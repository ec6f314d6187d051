"""An export in a language no vocabulary holds: every header a made-up word. The values decide
each file's own id (its first column of distinct identifiers), its references (a column whose
values are all ids of another file), its kind (a file name saying one, else its values and
links) and the fields its kind is nothing without (a note's body, an allergy's name, a balance).
Built here with words no language has, so that only the general rules can map it."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.mapping import MappingDocument
from domain.proposal.match import detect_kind
from tests.mapping.whole import write_csv as _csv

PEOPLE = 40
STAFF = ("Noah Harris", "Aroha Singh", "Jack Chen", "Ruth Ode")
GIVEN = ("Mia", "Liam", "Zoe", "Omar", "Ines", "Theo", "Ava", "Kai")
FAMILY = ("Rossi", "Nguyen", "Kowalski", "Brennan", "Okafor", "Lindqvist", "Haddad")
COMPLAINTS = ("Allergic to bee stings", "Penicillin", "Asthma", "Latex allergy",
              "Anticoagulant therapy", "Hypertension")
TEXT = ("Reviewed home exercise program; good progress with range of motion. Patient reports "
        "reduced pain since last visit ({} of 10).")


def _patient(i: int) -> str:
    return str(1033368621014757000 + 37 * i)


def _export(source: Path, names: dict[str, str]) -> None:
    source.mkdir()
    # each patient's own doctor: the patients point at the (smaller) staff list
    _csv(source / names["patients"], ["Zebu", "Kalo", "Mirt", "Supa", "Dreb", "Doc"],
         [[_patient(i), GIVEN[i % 8], FAMILY[i % 7], f"p{i}@mail.example",
           f"{1 + i % 28:02d}/{1 + i % 12:02d}/19{50 + i}", str(880001 + i % len(STAFF))]
          for i in range(PEOPLE)])
    _csv(source / names["staff"], ["Quib", "Nef", "Olo"],
         [[str(880001 + i), *STAFF[i].split()] for i in range(len(STAFF))])
    _csv(source / names["visits"], ["Faz", "Gup", "Hib", "Jav"],
         [[str(400000000 + i), _patient(i % PEOPLE), str(880001 + i % len(STAFF)),
           f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024 {9 + i % 8}:30"] for i in range(60)])
    _csv(source / names["notes"], ["Lum", "Mav", "Nix", "Oru"],
         [[str(90000 + i), _patient(3 * i % PEOPLE), f"{1 + i % 28:02d}/03/2024",
           TEXT.format(i % 10)] for i in range(30)])
    _csv(source / names["alerts"], ["Pex", "Qal", "Rym"],
         [[_patient(5 * i % PEOPLE), COMPLAINTS[i % 6], f"{1 + i % 28:02d}/05/2023"]
          for i in range(20)])
    _csv(source / names["balances"], ["Tak", "Uvi", "Vek"],
         [[_patient(i), f"${100 + 7 * i}.{i % 10}5", f"${i % 3 * 12}.50"] for i in range(25)])
    _csv(source / names["messages"], ["Ama", "Bex", "Cor", "Dul", "Eno"],
         [[str(7700000 + i), _patient(i % PEOPLE), ("SMS", "Email", "Letter")[i % 3],
           f"{1 + i % 28:02d}/04/2024", TEXT.format(i % 10)] for i in range(30)])
    _csv(source / names["policies"], ["Lomi", "Petok", "Qelsh", "Rim"],
         [[_patient(i), ("Desjardins", "Manulife", "Blue Cross")[i % 3],
           str(892003304 + 7 * i), f"{1 + i % 28:02d}/01/2023"] for i in range(30)])
    _csv(source / names["procedures"], ["Wol", "Xen", "Yif"],
         [[str(1 + i), _patient(i % PEOPLE), f"{40 + i}.84"] for i in range(30)])


def _proposed(tmp_path: Path, names: dict[str, str]) -> MappingDocument:
    source = tmp_path / "export"
    _export(source, names)
    for argv in (["extract", str(source)], ["map", "propose"]):
        assert main(argv) == 0
    return load_mapping(tmp_path / "home" / "mapping.yaml")


def _fields(doc: MappingDocument, name: str) -> dict[str, str | None]:
    return {h: c.target for h, c in doc.files[name].columns.items()}


UNNAMED = {"patients": "Vorlu.csv", "staff": "Tasko.csv", "visits": "Brimo.csv",
           "notes": "Pliska.csv", "alerts": "Drova.csv", "balances": "Sulvo.csv",
           "procedures": "Wemba.csv", "messages": "Kesto.csv", "policies": "Obru.csv"}


def test_kinds_ids_and_references_of_files_named_by_nothing(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _proposed(tmp_path, UNNAMED)
    kinds = {k: doc.files[n].kind for k, n in UNNAMED.items() if k != "procedures"}
    assert kinds == {"patients": "patient", "staff": "provider", "visits": "appointment",
                     "notes": "clinical_note", "alerts": "allergy_condition",
                     "balances": "billing", "messages": "communication",
                     "policies": "insurance"}
    assert _fields(doc, "Vorlu.csv")["Doc"] == "patient.primary_provider_source_id"
    visits = _fields(doc, "Brimo.csv")
    assert visits["Faz"] == "appointment.source_id"
    assert visits["Gup"] == "appointment.patient_source_id"
    assert visits["Hib"] == "appointment.provider_source_id"
    assert visits["Jav"] == "appointment.starts_at"
    assert _fields(doc, "Tasko.csv")["Quib"] == "provider.source_id"
    notes = _fields(doc, "Pliska.csv")
    assert notes["Lum"] == "clinical_note.source_id"
    assert notes["Mav"] == "clinical_note.patient_source_id"
    assert notes["Oru"] == "clinical_note.body"
    alerts = _fields(doc, "Drova.csv")
    assert alerts["Pex"] == "allergy_condition.patient_source_id"
    assert alerts["Qal"] == "allergy_condition.name"
    # one row per patient: its first column is the patient's id, not the balance's own
    balances = _fields(doc, "Sulvo.csv")
    assert balances["Tak"] == "billing.patient_source_id"
    assert balances["Vek"] == "billing.outstanding_balance"
    assert doc.files["Vorlu.csv"].confidence < 0.7  # a kind the values say is to check


NAMED = {"patients": "Clients.csv", "staff": "Practitioners.csv", "visits": "Appointments.csv",
         "notes": "Client Notes.csv", "alerts": "Medical alerts.csv",
         "balances": "Account balances.csv", "procedures": "procedurelog.csv",
         "messages": "Communications.csv", "policies": "insurance_policies.csv"}


def test_a_file_name_says_the_kind_and_the_values_its_essentials(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _proposed(tmp_path, NAMED)
    kinds = {k: doc.files[n].kind for k, n in NAMED.items()}
    assert kinds == {"patients": "patient", "staff": "provider", "visits": "appointment",
                     "notes": "clinical_note", "alerts": "allergy_condition",
                     "balances": "billing", "procedures": "none",
                     "messages": "communication", "policies": "insurance"}
    assert _fields(doc, "Medical alerts.csv")["Qal"] == "allergy_condition.name"
    assert _fields(doc, "Client Notes.csv")["Oru"] == "clinical_note.body"
    assert _fields(doc, "Appointments.csv")["Gup"] == "appointment.patient_source_id"


def test_a_made_up_header_like_a_field_weighs_less_than_the_file_name() -> None:
    # `Lisense`: a chance likeness of one header in eight is no evidence against the name
    headers = ["Bello", "Ruve", "Nysmigor", "Lisense nummer", "Nyszo", "Danlo", "Shika", "Fumi"]
    assert detect_kind("Communications-20250611.csv", headers).kind == "communication"


def test_yes_and_no_name_no_one(home: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    # the staff's flag column holds `Yes` on all rows but one: a visit's `No` is no staff name
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "Clients.csv", ["Zebu", "Kalo", "Mirt"],
         [[_patient(i), GIVEN[i % 8], FAMILY[i % 7]] for i in range(PEOPLE)])
    _csv(source / "Practitioners.csv", ["Quib", "Nef", "Olo", "Zik"],
         [[str(880001 + i), *STAFF[i].split(), "No" if i == 3 else "Yes"]
          for i in range(len(STAFF))])
    _csv(source / "Appointments.csv", ["Faz", "Gup", "Jav", "Kup"],
         [[str(400000000 + i), _patient(i % PEOPLE), f"{1 + i % 28:02d}/03/2024 9:30",
           "Yes" if i % 3 else "No"] for i in range(60)])
    for argv in (["extract", str(source)], ["map", "propose"]):
        assert main(argv) == 0
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    assert _fields(doc, "Appointments.csv")["Kup"] != "appointment.provider_source_id"


def test_tables_numbered_from_one(home: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    # a database's tables each number their rows 1..N: the clients' numbers are all numbers
    # of the visits too, yet they are the clients' own; a note's client is the table whose
    # numbers it uses most of, and its own numbers are its own, no visit's
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "Clients.csv", ["Zebu", "Kalo", "Mirt"],
         [[str(1 + i), GIVEN[i % 8], FAMILY[i % 7]] for i in range(PEOPLE)])
    _csv(source / "Appointments.csv", ["Faz", "Gup", "Jav"],
         [[str(1 + i), str(1 + i % PEOPLE), f"2024-03-{1 + i % 28:02d} 09:30"]
          for i in range(100)])
    _csv(source / "Clinical notes.csv", ["Lum", "Mav", "Oru"],
         [[str(1 + i), str(1 + 3 * i % PEOPLE), TEXT.format(i % 10)] for i in range(30)])
    for argv in (["extract", str(source)], ["map", "propose"]):
        assert main(argv) == 0
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    assert _fields(doc, "Clients.csv")["Zebu"] == "patient.source_id"
    notes = _fields(doc, "Clinical notes.csv")
    assert notes["Lum"] == "clinical_note.source_id"
    assert notes["Mav"] == "clinical_note.patient_source_id"


def test_a_policy_names_its_insurer(home: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    # a policy with nothing but its patient is no record: the insurer's name, a word many
    # rows share, is what it holds
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "Clients.csv", ["Zebu", "Kalo", "Mirt"],
         [[_patient(i), GIVEN[i % 8], FAMILY[i % 7]] for i in range(PEOPLE)])
    _csv(source / "insurance_policies.csv", ["Lomi", "Petok", "Qelsh"],
         [[_patient(i), ("Desjardins", "Manulife", "Blue Cross")[i % 3], str(892003304 + 7 * i)]
          for i in range(30)])
    for argv in (["extract", str(source)], ["map", "propose"]):
        assert main(argv) == 0
    doc = load_mapping(tmp_path / "home" / "mapping.yaml")
    policies = _fields(doc, "insurance_policies.csv")
    assert policies["Lomi"] == "insurance.patient_source_id"
    assert policies["Petok"] == "insurance.carrier_name"
