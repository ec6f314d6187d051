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


def test_a_contacts_state_routes_prospects_to_leads_and_reads_discharged_as_inactive() -> None:
    states = ("En tratamiento", "Alta", "Potencial", "En tratamiento", "Interesada", "Alta")
    headers, rows = _contacts("Estado del contacto", states)
    doc = _propose({"Contactos.csv": (headers, rows)})
    fm = doc.files["Contactos.csv"]
    column = fm.columns["Estado del contacto"]
    assert column.target == "patient.status", column.reasons
    assert column.values == {"Alta": "inactive", "En tratamiento": "active"}
    assert fm.route is not None and fm.route.values == {"Potencial": "lead",
                                                        "Interesada": "lead"}
    kinds, quarantined, records = _derive(doc, "Contactos.csv", headers, rows)
    leads = sum(1 for r in rows if r[6] in ("Potencial", "Interesada"))
    assert not quarantined and kinds["lead"] == leads and kinds["patient"] == 40 - leads
    statuses = {r.source_id: r.fields.get("status") for r in records if r.kind == "patient"}
    assert statuses["2001"] == "inactive" and statuses["2000"] == "active"


@pytest.mark.parametrize("header", ["Servicio", "Tipo de servicio", "Servizio", "Serviço"])
def test_the_service_booked_is_the_appointments_type(header: str) -> None:
    headers = ["Fecha", "Hora", "Nº Historia", header]
    services = ("Primera visita", "Revisión", "Punción seca", "Fisioterapia - sesión")
    rows = [[f"{1 + i % 28:02d}/0{1 + i % 9}/2024", f"{9 + i % 8}:00", str(2000 + i % 30),
             services[i % 4]] for i in range(40)]
    doc = _propose({"Citas.csv": (headers, rows)}, date_order="DMY")
    assert doc.files["Citas.csv"].columns[header].target == "appointment.appointment_type"


@pytest.mark.parametrize("header", ["Cobrado", "Importe cobrado", "Encaissé", "Incassato",
                                    "Gezahlt"])
def test_money_named_by_a_participle_meaning_paid_is_the_last_payment(header: str) -> None:
    headers = ["Nº Factura", "Nº Historia", header, "Pendiente"]
    rows = [[f"2024/{i:04d}", str(2000 + i % 30), f"{1 + i % 3}.{i % 1000:03d},{i % 100:02d} €",
             f"{i % 90},00 €"] for i in range(1, 31)]
    doc = _propose({"Facturas.csv": (headers, rows)}, country="ES")
    assert doc.files["Facturas.csv"].columns[header].target == "billing.last_payment_amount"
    kinds, quarantined, records = _derive(doc, "Facturas.csv", headers, rows)
    assert not quarantined and kinds["billing"] == 30
    first = next(r for r in records if r.source_id == "2024/0001")
    assert first.fields["last_payment_amount"] == "2001.01"


@pytest.mark.parametrize("header", ["Categoría profesional", "Staff category",
                                    "Catégorie professionnelle"])
def test_a_staff_category_is_the_role(header: str) -> None:
    headers = ["Nombre", "Apellidos", header, "Email"]
    rows = [["Elena", "Jiménez", "Fisioterapeuta", "elena@clinica.example.es"],
            ["Andrés", "Muñoz", "Fisioterapeuta", "andres@clinica.example.es"],
            ["Raúl", "Hernández", "Podólogo", "raul@clinica.example.es"],
            ["Marta", "Gil", "Recepción", "marta@clinica.example.es"]]
    doc = _propose({"Usuarios.csv": (headers, rows)})
    column = doc.files["Usuarios.csv"].columns[header]
    assert column.target == "provider.role", column.reasons
    assert column.values == {"Fisioterapeuta": "provider", "Podólogo": "provider",
                             "Recepción": "front_desk"}


def test_an_invoices_amount_beside_what_is_open_is_no_payment() -> None:
    """`Betrag` (the amount invoiced) is not what was paid, though `bezahlter Betrag` is."""
    headers = ["Rechnungsnummer", "Patienten-Nr.", "Betrag", "Offen"]
    rows = [[f"RE-{i:04d}", f"P-{1000 + i}", f"{100 + i},50 €", "0,00 €" if i % 2 else "20,00 €"]
            for i in range(30)]
    doc = _propose({"Rechnungen.csv": (headers, rows)})
    assert doc.files["Rechnungen.csv"].columns["Betrag"].target != "billing.last_payment_amount"
