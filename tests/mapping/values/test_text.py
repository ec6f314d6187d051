"""Header normalisation and similarity: separators, camelCase, accents, typos, abbreviations."""

from __future__ import annotations

import pytest

from domain.proposal.match import header_matches
from domain.proposal.text import phrase, similarity, title_case


@pytest.mark.parametrize(("raw", "tokens"), [
    ("HmPhone", ("home", "phone")),
    ("patient_DOB", ("patient", "dob")),
    ("Pt. Addr #2", ("patient", "address", "number", "2")),
    ("Fecha de Nacimiento", ("fecha", "nacimiento")),
    ("NationalProvID", ("national", "provider", "id")),
    ("Téléphone Domicile", ("phone", "domicile")),  # accents gone, telephone -> phone
])
def test_phrase_tokens(raw: str, tokens: tuple[str, ...]) -> None:
    assert phrase(raw).tokens == tokens


@pytest.mark.parametrize(("a", "b"), [
    ("Date of Birth", "date_of_birth"),
    ("DateOfBirth", "date of birth"),
    ("D.O.B.", "DOB"),
    ("Birth Date", "date birth"),  # order ignored
    ("Adress", "address"),  # typo
    ("Frist Name", "first name"),  # swapped letters
    ("EMAIL_ADDRESS", "Email Address"),
])
def test_similar_spellings_match(a: str, b: str) -> None:
    assert similarity(a, b) >= 0.8


@pytest.mark.parametrize(("a", "b"), [
    ("Last Visit", "Last Name"),
    ("Invoice Number", "ClinicNum"),
    ("Employer", "employee id"),
    ("DOB", "job"),
])
def test_different_things_do_not(a: str, b: str) -> None:
    assert similarity(a, b) < 0.6


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "DOB", "date_of_birth"),
    ("patient", "Fecha de nacimiento", "date_of_birth"),
    ("patient", "Date de naissance", "date_of_birth"),
    ("patient", "Geburtsdatum", "date_of_birth"),
    ("patient", "Data de nascimento", "date_of_birth"),
    ("patient", "WirelessPhone", "phone_mobile"),
    ("patient", "Teléfono móvil", "phone_mobile"),
    ("patient", "Code postal", "postal_code"),
    ("patient", "Postleitzahl", "postal_code"),
    ("patient", "PatNum", "source_id"),
    ("patient", "Patient First Name", "first_name"),
    ("patient", "Prénom", "first_name"),
    ("patient", "Nachname", "last_name"),
    ("patient", "Sobrenome", "last_name"),
    ("patient", "Correo electrónico", "email"),
    ("appointment", "PatNum", "patient_source_id"),
    ("appointment", "Appt Dt", "starts_at"),
    ("appointment", "Prov", "provider_source_id"),
    ("insurance", "Ins Grp No", "group_number"),
    ("insurance", "Aseguradora", "carrier_name"),
    ("allergy_condition", "Dx Code", "code"),
    ("provider", "NationalProvID", "npi"),
])
def test_headers_name_their_field(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field, matches[:3]


def test_title_case_for_custom_field_names() -> None:
    assert title_case("wirelessPhone") == "Wireless Phone"
    assert title_case("referral_source") == "Referral Source"
    assert title_case("NPI number") == "NPI Number"
