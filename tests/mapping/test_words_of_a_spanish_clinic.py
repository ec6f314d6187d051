"""Columns a Spanish clinic's lists name in their own words, each a class beyond one vendor:
two synonyms either side of a slash (`Mutua/aseguradora`), a contact's state whose words route
prospects to leads and read `Alta` (discharged) as inactive, a service as the appointment's
type, money named by a past participle meaning paid (`Cobrado`), a staff category as the role."""

from __future__ import annotations

import pytest

from domain.proposal.match import header_matches
from tests.mapping.test_failure_classes import _derive, _propose

FUNDS = ("Adeslas", "Sanitas", "DKV", "Mapfre")


def _contacts(state_header: str, states: tuple[str, ...]) -> tuple[list[str], list[list[str]]]:
    headers = ["Nº Historia", "Nombre", "Apellidos", "Teléfono móvil", "Mutua/aseguradora",
               "Nº de póliza", state_header]
    rows = [[str(2000 + i), f"Nombre{chr(65 + i % 26)}", f"Apellido{i}",
             f"6{i % 10}{i % 7} {100 + i} {200 + i}", FUNDS[i % 4] if i % 3 else "",
             f"P-{7000 + i}" if i % 3 else "", states[i % len(states)]] for i in range(40)]
    return headers, rows


def test_two_synonyms_either_side_of_a_slash_name_the_field() -> None:
    headers, rows = _contacts("Activo", ("Sí", "No"))
    doc = _propose({"Contactos.csv": (headers, rows)})
    column = doc.files["Contactos.csv"].columns["Mutua/aseguradora"]
    assert column.target == "insurance.carrier_name", column.reasons
    kinds, quarantined, records = _derive(doc, "Contactos.csv", headers, rows)
    assert not quarantined and kinds["insurance"] == sum(1 for r in rows if r[4])


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("insurance", "Insurer / Health fund", "carrier_name"),
    ("patient", "Mobile/Cell", "phone_mobile"),
])
def test_a_slash_between_synonyms_in_any_language(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.9, matches[:3]


@pytest.mark.parametrize("header", ["Phone/Email", "First/Last Name", "DNI/NIE"])
def test_a_slash_between_two_fields_names_neither_outright(header: str) -> None:
    assert all(m.score < 0.9 for m in header_matches("patient", header))
