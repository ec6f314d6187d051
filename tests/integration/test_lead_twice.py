"""A prospect who filled in the web form twice is two lead rows under two ids with the same
name, email and phone: one lead lands, the second is held back with its reason (as a patient
entered twice is), naming the first lead's id and no value, and neither verify nor the oracle
expects it in Nutshell. Namesakes with different emails stay two leads."""

from __future__ import annotations

from pathlib import Path

from consumers.nutshell import migration as svc
from domain.ids import phi_hash
from domain.records.derive import DerivedRecord
from domain.records.quality import same_person
from tests.integration.migrate import environment, migrate

LEADS = "Lead ID,First Name,Last Name,Email,Phone,Enquiry Date,Source\n" + "".join(
    f"L{300 + i},Eva{chr(97 + i)},de Vries{i % 4},eva{i}@example.nl,+31 6 1234 56{i:02d},"
    f"2024-05-{1 + i:02d},Website\n" for i in range(10)) + (
    "L399,Evaa,de Vries0,EVA0@example.nl,+31 6 1234 5600,2024-05-20,Website\n")
PATIENTS = "Patient ID,First Name,Last Name,Date of Birth,Email\n" + "".join(
    f"{100 + i},Ann{i},Lee{i},1980-01-{1 + i:02d},ann{i}@example.com\n" for i in range(8))


def test_a_lead_entered_twice_lands_once(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "leads.csv").write_text(LEADS, encoding="utf-8")
    (export / "patients.csv").write_text(PATIENTS, encoding="utf-8")
    with environment(tmp_path) as (engine, api, _):
        migrate(engine, api, export, clinical=False, sample=5)
        counts = engine.store.counts()
        assert counts["lead"].get("pushed") == 10 and counts["patient"].get("pushed") == 8
        failures = [f for f in engine.store.failures() if f["source_id"] == "L399"]
        assert failures, engine.store.failures()
        reason = str(failures[0]["reason"])
        assert "the same person as lead L300" in reason and "example" not in reason
        _, verified = svc.verify(engine, api)
        assert verified["counts"]["lead"]["not_pushed"] == 0
        assert verified["counts"]["lead"]["found_in_nutshell"] == 10


def _lead(source_id: str, **fields: str) -> DerivedRecord:
    return DerivedRecord("lead", source_id, {"source_id": source_id, **fields}, {}, {}, [],
                         "leads.csv", [1])


def test_namesakes_with_other_contacts_are_two_leads() -> None:
    one = same_person(_lead("1", first_name="Eva", last_name="Bakker", email="e@x.nl"))
    again = same_person(_lead("2", first_name="eva", last_name="BAKKER ", email="E@x.nl"))
    other = same_person(_lead("3", first_name="Eva", last_name="Bakker", email="eva@y.nl"))
    by_phone = same_person(_lead("4", first_name="Eva", last_name="Bakker", phone="06 1234"))
    assert one is not None and one == again and other != one and by_phone not in (one, None)
    assert same_person(_lead("5", first_name="Eva", last_name="Bakker")) is None
    assert phi_hash("e@x.nl") not in str(one)  # a hash of the whole key, never a value
