"""The clinic's country proposed from a FHIR export as from a tabular one: the addresses
(country, postcode, state) and phone numbers of its patients, practitioners and organisations,
shown by `map propose` and `map show` with their reasons, and the phone numbers then read in
that country's plan when the mapping is confirmed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from consumers.bootstrap import Engine, Settings
from domain.proposal.region import RegionEvidence, fhir_evidence
from tests.operator.conftest import Cli


def address(state: str | None, postcode: str, country: str | None) -> dict[str, Any]:
    found = {"use": "home", "line": ["1 Test Street"], "city": "Testville", "postalCode": postcode}
    if state:
        found["state"] = state
    if country:
        found["country"] = country
    return found


def phones(*numbers: tuple[str, str]) -> list[dict[str, str]]:
    return [{"system": "phone", "use": use, "value": value} for use, value in numbers]


def bundle(patients: list[tuple[dict[str, Any], list[dict[str, str]]]],
           practitioner: list[dict[str, str]],
           organisation: tuple[dict[str, Any], list[dict[str, str]]]) -> dict[str, Any]:
    # Observations first, as a bundle of mostly clinical data has them: they say nothing
    entries: list[dict[str, Any]] = [
        {"fullUrl": f"urn:uuid:obs-{n}", "resource": {
            "resourceType": "Observation", "id": f"obs-{n}", "status": "final",
            "code": {"text": "heart rate"}, "subject": {"reference": "urn:uuid:pat-1"}}}
        for n in range(30)]
    for n, (home, telecom) in enumerate(patients, start=1):
        entries.append({"fullUrl": f"urn:uuid:pat-{n}", "resource": {
            "resourceType": "Patient", "id": f"pat-{n}", "birthDate": f"1970-01-{n:02d}",
            "name": [{"family": f"Family{n}", "given": ["Given"]}], "address": [home],
            "telecom": telecom}})
    entries.append({"fullUrl": "urn:uuid:doc-1", "resource": {
        "resourceType": "Practitioner", "id": "doc-1",
        "name": [{"family": "Howell", "given": ["Ruth"]}], "telecom": practitioner}})
    entries.append({"fullUrl": "urn:uuid:org-1", "resource": {
        "resourceType": "Organization", "id": "org-1", "name": "The Clinic",
        "address": [organisation[0]], "telecom": organisation[1]}})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


AUSTRALIAN = bundle(
    [(address("VIC", "3065", "AU"), phones(("mobile", "0425 712 511"), ("home", "(03) 5555 6473"))),
     (address("NSW", "2000", None), phones(("mobile", "0432 831 556"))),
     (address("QLD", "4064", "Australia"), phones(("home", "(07) 3123 4567")))],
    phones(("work", "(03) 9123 4567")),
    (address("VIC", "3000", "AUS"), phones(("work", "+61 3 9000 0000"))))
BRITISH = bundle(
    [(address(None, "SW1A 1AA", "GB"), phones(("home", "020 7946 0958"))),
     (address(None, "M1 1AE", "United Kingdom"), phones(("mobile", "07911 123456"))),
     (address(None, "EH1 1YZ", None), phones(("mobile", "07400 123456")))],
    phones(("work", "+44 161 496 0000")),
    (address(None, "SW1A 2AA", "UK"), phones(("work", "020 7946 0000"))))
AMERICAN = bundle(  # Synthea's way: state codes, ZIP codes, country US, 555 numbers
    [(address("MA", "01752", "US"), phones(("home", "555-677-3119"))),
     (address("MA", "02134", "US"), phones(("home", "555-123-4567"))),
     (address("CA", "94110", "US"), phones(("mobile", "(415) 555-0100")))],
    phones(("work", "555-222-3333")),
    (address("MA", "01752", "US"), phones(("work", "555-988-1122"))))


@pytest.mark.parametrize(("export", "country", "currency", "patient_phone"), [
    (AUSTRALIAN, "AU", "AUD", ("phone_home", "+61355556473")),
    (BRITISH, "GB", "GBP", ("phone_home", "+442079460958")),
    (AMERICAN, "US", "USD", ("phone_home", "+15556773119")),
])
def test_the_country_of_a_fhir_export_is_proposed_shown_and_used(
        cli: Cli, tmp_path: Path, export: dict[str, Any], country: str, currency: str,
        patient_phone: tuple[str, str]) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "bundle.json").write_text(json.dumps(export))
    cli("extract", str(folder), expect=0)
    proposed = cli("map", "propose", expect=(0, 1)).err
    assert f"clinic's country: {country}" in proposed and "phones:" in proposed
    shown = cli("map", "show", "--json", expect=(0, 1)).json()["settings"]
    assert (shown["country"], shown["currency"]) == (country, currency)
    reasons = " ".join(shown["country_reasons"])
    assert "postcodes:" in reasons and f"read as {country}'s" in reasons
    confirmed = cli("map", "confirm", "--by", "dana", "--json", expect=(0, 1)).json()
    assert not confirmed["values_kept_as_written"]  # every number valid where it was proposed
    with Engine(Settings(home=cli.home)) as engine:
        record = engine.app.record("default", "patient", "pat-1")
        assert record is not None and record.fields[patient_phone[0]] == patient_phone[1]


@pytest.mark.parametrize(("resource", "country"), [
    # one kind of evidence alone is enough
    ({"resourceType": "Practitioner", "telecom": phones(("work", "+61 3 9000 0000"))}, "AU"),
    ({"resourceType": "Patient", "address": [address("QLD", "", None)]}, "AU"),
    ({"resourceType": "Organization", "address": [address(None, "", "NZL")]}, "NZ"),
    ({"resourceType": "Location", "address": address("ON", "", None)}, "CA"),  # one Address
    ({"resourceType": "Organization", "contact": [
        {"telecom": phones(("work", "020 7946 0958"))}]}, "GB"),
    ({"resourceType": "RelatedPerson", "telecom": [
        {"system": "sms", "value": "tel:+64 21 123 4567"}]}, "NZ"),
])
def test_each_kind_of_fhir_evidence_counts(resource: dict[str, Any], country: str) -> None:
    found = RegionEvidence()
    assert fhir_evidence(resource, found)
    proposal = found.propose()
    assert proposal is not None and proposal.country == country


def test_resources_that_are_not_people_or_places_say_nothing() -> None:
    found = RegionEvidence()
    for resource in ({"resourceType": "Observation", "valueString": "+61 3 9000 0000"},
                     {"resourceType": "Patient", "telecom": [{"system": "email",
                                                              "value": "a@example.com.au"}]},
                     "not a resource"):
        assert not fhir_evidence(resource, found)
    assert found.propose() is None  # the defaults stand
