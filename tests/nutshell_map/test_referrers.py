"""Free-text referrers: a person told from an organisation, one referrer written twice kept
once, the patient's link once the referrer is ensured, the create body Nutshell accepts; and
the oracle's own check of such a link (written apart from the builder)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.mapping import MappingDocument
from domain.nutshell.map import plan_record
from domain.nutshell.referrals import referrer_record, referrers_of, split_referrer
from domain.oracle.check import referrer_linked
from tests.nutshell_map.conftest import Ctx, assert_valid_create
from tests.nutshell_map.test_plan import PATIENT, only_steps


@pytest.mark.parametrize(("text", "person", "organisation"), [
    ("Dr Jane Smith", "Dr Jane Smith", ""),
    ("Smith, Jane", "Smith, Jane", ""),  # nameparser reads last-name-first
    ("Harbour Medical Centre", "", "Harbour Medical Centre"),
    ("Dr Jane Smith, Harbour Medical", "Dr Jane Smith", "Harbour Medical"),
    ("Jane Smith at Kauri Clinic", "Jane Smith", "Kauri Clinic"),
    ("University of Otago", "", "University of Otago"),
    ("Harbour Medical, Auckland", "", "Harbour Medical, Auckland"),  # a place is no person
    ("Smith & Jones", "", "Smith & Jones"),
    ("", "", ""),
])
def test_person_or_organisation(text: str, person: str, organisation: str) -> None:
    assert split_referrer(text) == (person, organisation)


def test_same_referrer_written_twice_has_one_key() -> None:
    spellings = ["Dr Jane Smith", "dr. jane  smith", "Smith, Jane", "Jane Smith"]
    keys = {referrers_of({"referrer_name": s})[-1].key for s in spellings}
    assert keys == {"person:jane smith"}
    assert referrers_of({"referrer_name": "Smith, Jane"})[-1].name == "Jane Smith"
    assert {referrers_of({"referrer_name": s})[0].key for s in
            ("Harbour Medical", "HARBOUR  medical")} == {"company:harbour medical"}


def test_only_free_text_makes_referrers_and_the_person_links_the_organisation() -> None:
    assert referrers_of({"referrer_name": "Dr Who", "referrer_provider_source_id": "S1"}) == []
    assert referrers_of({"referrer_name": ""}) == []
    org, person = referrers_of({"referrer_name": "Dr Jane Smith, Harbour Medical",
                                "referrer_email": "Jane@Harbour.example",
                                "referrer_phone": "+64 9 555 0100"})
    assert (org.entity, person.entity) == ("accounts", "contacts")
    assert person.company_key == org.key and person.email == "jane@harbour.example"
    assert not org.email  # the address is the person's
    body = referrer_record(person, "5-accounts")
    assert body["links"] == {"accounts": ["5-accounts"]}
    assert_valid_create("contacts", body)
    assert_valid_create("accounts", referrer_record(org, None))
    [alone] = referrers_of({"referrer_email": "gp@example.org"})
    assert (alone.entity, alone.name, alone.key) == ("contacts", "gp@example.org",
                                                     "email:gp@example.org")


def test_patient_links_the_ensured_referrer_else_keeps_the_text(ctx: Ctx) -> None:
    ctx.kids["P9"] = {"referral": [
        {"source_id": "R1", "referral_type": "physician", "referred_at": "2021-01-01",
         "referrer_name": "Dr. Jane Smith"}]}
    patient = {**PATIENT, "source_id": "P9"}
    [step] = only_steps(plan_record("patient", "P9", patient, ctx, MappingDocument()))
    assert step.payload["customFields"]["Referred By"] == "Dr. Jane Smith"  # not ensured
    ctx.referrers["person:jane smith"] = ("Dr Jane Smith", "31-contacts")
    [step] = only_steps(plan_record("patient", "P9", patient, ctx, MappingDocument()))
    assert step.payload["customFields"]["Referred By"] == "Dr Jane Smith [31-contacts]"


def test_oracle_checks_the_link_names_the_source_referrer_and_the_record_exists() -> None:
    records: dict[tuple[str, str], dict[str, Any]] = {
        ("contacts", "31-contacts"): {"id": "31-contacts", "name": "Dr Jane Smith"},
        ("contacts", "32-contacts"): {"id": "32-contacts", "name": "Ana Lee MD",
                                      "emails": [{"value": "ana@kauri.example"}]},
    }

    def get(entity: str, nid: str) -> dict[str, Any] | None:
        return records.get((entity, nid))

    source = ("Dr. Jane Smith, Harbour Medical", "")
    assert referrer_linked(source, "Dr Jane Smith [31-contacts]", get)
    assert not referrer_linked(source, "Dr Jane Smith", get)  # text only: no link
    assert not referrer_linked(source, "Dr Jane Smith [33-contacts]", get)  # no such record
    assert not referrer_linked(source, "Dr John Smith [31-contacts]", get)  # not its name
    assert not referrer_linked(("Dr Bo Diddley", ""), "Dr Jane Smith [31-contacts]", get)
    # found by email under another spelling: the address makes it the source's referrer
    assert referrer_linked(("Dr Ana Lee", "ANA@kauri.example"), "Ana Lee MD [32-contacts]", get)
    assert not referrer_linked(("Dr Ana Lee", ""), "Ana Lee MD [32-contacts]", get)


def test_a_self_patient_or_campaign_referral_makes_no_referrer_record() -> None:
    for kind in ("self", "Patient", "marketing"):
        assert referrers_of({"referral_type": kind, "referrer_name": "Jane Smith"}) == []
    assert referrers_of({"referral_type": "insurer", "referrer_name": "Kauri Health Insurance"})
