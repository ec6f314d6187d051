"""Data that is not American: the clinic's country proposed from the data and shown, phone
numbers read in its numbering plan (never rewritten into another country's form), identifiers
kept, and the same person or practitioner under several ids reported as merge candidates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from domain.fhir.resources import derive_resource
from domain.proposal.region import propose_region
from domain.records.normalise import Invalid, parse_phone
from tests.operator.conftest import Cli

AU_PATIENTS = ("Patient ID,First Name,Last Name,Mobile,Home Phone,Post Code,Date of Birth\n"
               "1,Mia,Rossi,0425 712 511,(03) 5555 6473,3065,07/04/1966\n"
               "2,Olivia,Singh,0432 831 556,(08) 9032 3948,4064,20/11/1964\n"
               "3,Jack,Nguyen,0412 345 678,,2000,13/02/1970\n")


def test_a_number_is_read_in_the_clinics_plan_and_never_moved_to_another() -> None:
    assert parse_phone("(03) 5555 6473", "AU") == "+61355556473"
    with pytest.raises(Invalid, match="not a valid phone number in US"):
        parse_phone("(03) 5555 6473", "US")  # +10355556473 is no one's number
    assert parse_phone("555-677-3119", "US") == "+15556773119"  # test data's 555 numbers
    assert parse_phone("+44 20 7946 0958", "US") == "+442079460958"  # its own country code


@pytest.mark.parametrize(("phones", "countries", "country", "currency"), [
    (["(11) 96775-2842", "(21) 3674-2708", "(11) 95328-6404"], [], "BR", "BRL"),
    (["02 4567 8901", "333 123 4567", "06 9876 5432"], ["Italia"], "IT", "EUR"),
    (["0664 1234567", "01 5123456"], ["Österreich"], "AT", "EUR"),
    (["044 668 18 00", "079 123 45 67"], ["Schweiz"], "CH", "CHF"),
    # valid in several plans (France and South Africa, the Netherlands and Germany), written
    # as one of them writes its numbers
    (["06 12 34 56 78", "01 42 68 53 00", "07 81 23 45 67"], [], "FR", "EUR"),
    (["06-12345678", "020-1234567", "06-87654321"], [], "NL", "EUR"),
])
def test_a_clinic_outside_the_english_speaking_world_is_read_as_its_own_country(
        phones: list[str], countries: list[str], country: str, currency: str) -> None:
    # a Brazilian clinic was once read as a New Zealand one (NZD, its mobiles never sent)
    proposal = propose_region(phones, countries)
    assert proposal is not None and (proposal.country, proposal.currency) == (country, currency)


@pytest.mark.parametrize(("phones", "countries", "postcodes", "country"), [
    (["0425 712 511", "(08) 9032 3948"], ["Australia"], ["4064"], "AU"),
    (["020 7946 0958", "07700 900123"], ["United Kingdom"], ["SW1A 1AA"], "GB"),
    (["555-677-3119", "(415) 555-0100"], [], ["94110"], "US"),
    (["+61 425 712 511", "+61 8 9032 3948"], [], [], "AU"),
])
def test_the_country_is_proposed_from_phones_countries_and_postcodes(
        phones: list[str], countries: list[str], postcodes: list[str], country: str) -> None:
    proposal = propose_region(phones, countries, postcodes)
    assert proposal is not None and proposal.country == country
    assert proposal.reasons and proposal.date_order == ("MDY" if country == "US" else "DMY")
    assert propose_region([], [], []) is None  # nothing said: the defaults stand


def test_canadian_numbers_written_as_americans_write_them_say_canada_by_their_area_codes() -> None:
    # a Canadian clinic with no postcode column was read as American (its fees in USD)
    phones = ["(902) 216-3327", "604-978-9429", "(403) 827-9969", "416.555.0199"]
    proposal = propose_region(phones + ["(212) 555-0134"])
    assert proposal is not None and (proposal.country, proposal.currency) == ("CA", "CAD")
    proposal = propose_region(["(415) 867-5309", "(212) 555-0134", "555-677-3119"])
    assert proposal is not None and proposal.country == "US"


def test_an_australian_export_is_read_as_australian_and_shown_for_confirmation(
        cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "patients.csv").write_text(AU_PATIENTS)
    cli("extract", str(export), expect=0)
    proposed = cli("map", "propose", expect=0)
    assert "clinic's country: AU" in proposed.err and "phones:" in proposed.err
    settings = cli("map", "show", "--json", expect=0).json()["settings"]
    assert (settings["country"], settings["currency"], settings["date_order"]) == (
        "AU", "AUD", "DMY")
    cli("map", "confirm", "--by", "dana", expect=0)
    from consumers.bootstrap import Engine, Settings

    with Engine(Settings(home=cli.home)) as engine:
        record = engine.app.record("default", "patient", "1")
        assert record is not None
        assert (record.fields["phone_mobile"], record.fields["phone_home"]) == (
            "+61425712511", "+61355556473")
    # The operator says the clinic is American: the Australian numbers are kept as written
    # and reported, not turned into +1 numbers.
    mapping = cli.home / "mapping.yaml"
    doc = yaml.safe_load(mapping.read_text())
    doc["settings"]["country"] = "US"
    mapping.write_text(yaml.safe_dump(doc, sort_keys=False))
    confirmed = cli("map", "confirm", "--by", "dana", "--json", expect=1)
    kept = confirmed.json()["values_kept_as_written"]
    assert kept and all("not a valid phone number in US" in k["problem"] for k in kept)
    assert sum(k["records"] for k in kept) == 5  # 3 mobiles + 2 home phones
    with Engine(Settings(home=cli.home)) as engine:
        record = engine.app.record("default", "patient", "1")
        assert record is not None and "phone_home" not in record.fields
        assert record.raw_kept["phone_home"] == "(03) 5555 6473"
        assert not any(str(v).startswith("+1") for v in record.fields.values())


def test_identifiers_are_kept_and_national_ids_are_not_copied() -> None:
    patient = {"resourceType": "Patient", "id": "p1", "name": [{"family": "Lee", "given": ["Ann"]}],
               "identifier": [
                   {"system": "https://clinic.example/patients", "value": "BUS-42"},
                   {"type": {"coding": [{"code": "MR"}]}, "system": "urn:mrn", "value": "MRN-7"},
                   {"type": {"coding": [{"code": "SS"}]}, "system": "http://hl7.org/fhir/sid/us-ssn",
                    "value": "999-00-1234"}]}
    [(kind, raw)] = derive_resource(patient)
    assert kind == "patient" and raw["chart_number"] == "MRN-7"
    assert raw["extra"]["identifiers"] == "https://clinic.example/patients: BUS-42; MR: MRN-7"
    practitioner = {"resourceType": "Practitioner", "id": "d1",
                    "name": [{"family": "Who", "given": ["Doc"]}],
                    "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi",
                                    "value": "1234567893"}]}
    [(kind, raw)] = derive_resource(practitioner)
    assert raw["npi"] == "1234567893" and "1234567893" in raw["extra"]["identifiers"]


def test_one_practitioner_per_bundle_and_one_person_twice_are_merge_candidates(
        cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    for n in range(3):  # a generator that gives the same doctor a new id in every bundle
        entries = [{"fullUrl": f"urn:uuid:doc-{n}", "resource": {
            "resourceType": "Practitioner", "id": f"doc-{n}",
            "name": [{"family": "Howell", "given": ["Ruth"], "prefix": ["Dr."]}],
            "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "9999999999"}]}},
            {"fullUrl": f"urn:uuid:pat-{n}", "resource": {
                "resourceType": "Patient", "id": f"pat-{n}", "birthDate": "1970-01-0" + str(n + 1),
                "name": [{"family": f"Family{n}", "given": ["Given"]}]}}]
        (export / f"bundle{n}.json").write_text(json.dumps(
            {"resourceType": "Bundle", "type": "collection", "entry": entries}))
    (export / "bundle9.json").write_text(json.dumps({"resourceType": "Bundle", "type": "collection",
        "entry": [{"fullUrl": "urn:uuid:pat-9", "resource": {
            "resourceType": "Patient", "id": "pat-9", "birthDate": "1970-01-01",
            "name": [{"family": "Family0", "given": ["Given"]}]}}]}))
    cli("extract", str(export), expect=0)
    cli("map", "propose", expect=0)
    confirmed = cli("map", "confirm", "--by", "dana", "--json", expect=1).json()
    groups = {(m["reason"], tuple(m["source_ids"])) for m in confirmed["merge_candidates"]}
    assert ("provider npi", ("doc-0", "doc-1", "doc-2")) in groups
    assert ("provider name", ("doc-0", "doc-1", "doc-2")) in groups
    assert ("name+dob", ("pat-0", "pat-9")) in groups
    assert confirmed["to_look_at"]["merge_candidates"] == len(groups)
    shown = cli("map", "confirm", "--by", "dana", expect=1).err
    assert "merge candidate (provider npi): 3 records: doc-0, doc-1, doc-2" in shown


def test_status_reports_the_numbers_kept_as_written_masked_and_exits_1(
        cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "patients.csv").write_text(AU_PATIENTS)
    cli("extract", str(export), expect=0)
    cli("map", "propose", expect=0)
    mapping = cli.home / "mapping.yaml"
    doc = yaml.safe_load(mapping.read_text())
    doc["settings"]["country"] = "US"  # the Australian numbers cannot be read as American
    mapping.write_text(yaml.safe_dump(doc, sort_keys=False))
    cli("map", "confirm", "--by", "dana", expect=1)
    status = cli("status", "--json", expect=1)
    document = status.json()
    kept = {k["column"]: k for k in document["values_kept_as_written"]}
    assert set(kept) == {"Mobile", "Home Phone"}
    assert (kept["Mobile"]["records"], kept["Home Phone"]["records"]) == (3, 2)
    assert kept["Mobile"]["file"] == "patients.csv" and kept["Mobile"]["field"] == "phone_mobile"
    assert "not a valid phone number in US" in kept["Home Phone"]["problem"]
    assert document["to_look_at"]["values_kept_as_written"] == 5
    written = {"0425 712 511", "0432 831 556", "0412 345 678", "(03) 5555 6473",
               "(08) 9032 3948"}
    examples = [e for k in kept.values() for e in k["examples"]]
    assert len(examples) == 5 and all("•" in e for e in examples)  # masked, never the number
    text = cli("status", expect=1).err
    assert ("patients.csv: 2 records keep a value as written (column Home Phone: phone_home: "
            "not a valid phone number in US") in text and "e.g. (••" in text
    for shown in (status.out, text):
        assert not any(number in shown for number in written)
        assert not any(number.replace(" ", "") in shown.replace(" ", "") for number in written)
    # the country corrected and the mapping confirmed again: nothing kept, nothing to look at
    doc["settings"]["country"] = "AU"
    mapping.write_text(yaml.safe_dump(doc, sort_keys=False))
    cli("map", "confirm", "--by", "dana", expect=0)
    assert cli("status", "--json", expect=0).json()["values_kept_as_written"] == []


def test_a_derivation_logged_before_values_kept_were_recorded_still_loads() -> None:
    from domain.run.aggregate import MigrationRun

    run = MigrationRun.start("old")
    # what the event store hands back for an event written without the field
    event = object.__new__(MigrationRun.DerivationCompleted)
    object.__setattr__(event, "__dict__", {
        "originator_id": run.id, "originator_version": 2, "timestamp": run.created_on,
        "mapping_hash": "h", "balance": {}, "orphans": 0, "merge_candidates": 0, "created": 1,
        "rederived": 0, "unchanged": 0})
    event.apply(run)
    assert run.derivation is not None and run.derivation["kept_as_written"] is None


NZ_TYPED = ("id,first_name,last_name,patient_phone_numbers\n"
            + "".join(f"{i},Aroha{i},Ngata{i},Mobile: 027 61{i} 97{i}1; Home: 09-90{i} 689{i}\n"
                      for i in range(1, 8)))


def test_typed_numbers_in_one_cell_say_the_country_and_are_read_in_its_plan(
        cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "patients.csv").write_text(NZ_TYPED)
    cli("extract", str(export), expect=0)
    cli("map", "propose", expect=0)
    shown = cli("map", "show", "--json", expect=0).json()
    assert shown["settings"]["country"] == "NZ"
    cli("map", "confirm", "--by", "dana", expect=0)
    from consumers.bootstrap import Engine, Settings

    with Engine(Settings(home=cli.home)) as engine:
        record = engine.app.record("default", "patient", "1")
        assert record is not None
        assert (record.fields["phone_mobile"], record.fields["phone_home"]) == (
            "+64276119711", "+6499016891")


def test_values_kept_past_the_commonest_problems_are_one_line_per_file_and_still_counted() -> None:
    from consumers.services.derive import KEPT_GROUPS, OTHER_KEPT, DerivationSummary

    summary = DerivationSummary()
    summary.warnings[("patients.csv", "phone_home: not a valid phone number in US")] = 40
    for row in range(1, KEPT_GROUPS + 50):  # a key/value table's problems name their rows
        summary.warnings[("fields.csv", f"row {row}: field name repeated, last value kept")] = 1
    kept = summary.kept_as_written()
    assert len(kept) == KEPT_GROUPS + 1
    assert sum(k["records"] for k in kept) == sum(summary.warnings.values())
    assert any(k["file"] == "patients.csv" and k["records"] == 40 for k in kept)
    assert [k["records"] for k in kept if k["warning"] == OTHER_KEPT] == [50]
