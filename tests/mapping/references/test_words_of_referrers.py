"""A patient list's referrer, preferred name, contact preference and outstanding amount in the
words of the clinics' other languages (`Derivado por`, `Zuweiser`, `Verwezen door`, `Roepnaam`,
`Moyen de contact`, `Da pagare`): each names its field, and a referrer column makes the
referral records it makes in English."""

from __future__ import annotations

import pytest

from domain.proposal.match import header_matches
from tests.mapping.test_failure_classes import _derive, _propose

DOCTORS = ("Dra. Ana Ruiz", "Dr. Jonas Weber", "Dr. Pieter de Vries")


@pytest.mark.parametrize("header", ["Derivado por", "Zuweiser", "Verwezen door"])
def test_a_referrer_column_in_another_language_makes_referrals(header: str) -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Email", header]
    rows = [[str(500 + i), f"Lea{i}", f"Moss{i}", f"lea{i}@mail.example",
             DOCTORS[i % 3] if i % 4 else ""] for i in range(24)]
    doc = _propose({"patients.csv": (headers, rows)})
    assert doc.files["patients.csv"].columns[header].target == "referral.referrer_name"
    kinds, quarantined, _ = _derive(doc, "patients.csv", headers, rows)
    assert not quarantined
    assert kinds["referral"] == sum(1 for r in rows if r[4])


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Roepnaam", "preferred_name"),
    ("patient", "Contactvoorkeur", "contact_preference"),
    ("patient", "Moyen de contact", "contact_preference"),
    ("billing", "Da pagare", "outstanding_balance"),
])
def test_a_field_named_in_another_language(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field, matches[:3]


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("insurance", "Válido desde", "effective_from"),
    ("insurance", "Válido até", "effective_to"),
    ("appointment", "Data de registo", "created_at"),
    ("provider", "Habilitações", "credentials"),
    ("appointment", "Ruimte", "location"),
    ("clinical_note", "Sjabloon", "title"),
])
def test_dates_of_cover_places_and_templates_in_other_languages(
        kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field, matches[:3]
