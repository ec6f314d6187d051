"""Columns that said the wrong field until their words or values were read as a clinic means
them: an invoice's paid and left-to-pay amounts beside its total, a visit's place (`Service
Location`) and reason, a staff column whose values are roles (a doctor beside a desk) whatever
its header, a claim number named after the accident scheme paying it (and one with no payer
beside it: a claim, no cover), a staff member who can be booked. Each test writes its own small
export and reads the proposal and the records it derives."""

from __future__ import annotations

from domain.mapping import MappingDocument
from tests.mapping.test_failure_classes import _derive, _propose

PEOPLE = ("Garnier Lucie", "Roux Paul", "Faure Inès", "Blanc Hugo", "Henry Zoé", "Morel Léa")


def _targets(doc: MappingDocument, name: str) -> dict[str, str | None]:
    return {h: c.target for h, c in doc.files[name].columns.items()}


def test_an_invoice_list_in_french_keeps_paid_and_left_to_pay_not_the_total() -> None:
    headers = ["N° facture", "Date", "ID patient", "Montant", "Réglé", "Reste à payer", "Statut"]
    rows = [[f"F-{i:04d}", f"{1 + i % 28:02d}/03/2024", f"{900 + i % 6}", "1 234,50 €",
             "1 000,00 €" if i % 2 else "1 234,50 €", "234,50 €" if i % 2 else "0,00 €",
             "Partiellement réglée" if i % 2 else "Payée"] for i in range(24)]
    doc = _propose({"factures.csv": (headers, rows)}, date_order="DMY", country="FR",
                   currency="EUR")
    got = _targets(doc, "factures.csv")
    assert got["Réglé"] == "billing.last_payment_amount"
    assert got["Reste à payer"] == "billing.outstanding_balance"
    assert got["Montant"] is None  # the invoice's total: neither what was paid nor what is owed


def test_an_invoice_list_in_english_owes_its_due_column_not_its_amount() -> None:
    # `Amount` is one word off `amount due`: beside a bare `Due`, the due column is what is owed
    headers = ["Invoice", "Issued on", "Client ID", "Amount", "Paid", "Due", "State"]
    rows = [[f"INV{700 + i}", f"{1 + i % 28:02d}/06/2023", f"{40 + i % 7}", "£480.00",
             "£80.00" if i % 3 else "£480.00", "£400.00" if i % 3 else "£0.00",
             "Part paid" if i % 3 else "Settled"] for i in range(21)]
    doc = _propose({"bills.csv": (headers, rows)}, date_order="DMY", country="GB",
                   currency="GBP")
    got = _targets(doc, "bills.csv")
    assert got["Due"] == "billing.outstanding_balance"
    assert got["Amount"] is None  # the invoice's total
    assert got["Paid"] == "billing.last_payment_amount"


def test_a_visits_place_and_reason_are_its_location_and_type() -> None:
    headers = ["Appt ID", "Date", "Patient ID", "Service Location", "Appointment Reason"]
    rows = [[f"A{i}", f"2024-05-{1 + i % 28:02d} 09:00", f"{100 + i % 9}",
             ("Main Street Clinic", "Westside Office")[i % 2],
             ("Annual physical", "Follow-up", "Sick visit")[i % 3]] for i in range(30)]
    got = _targets(_propose({"appointments.csv": (headers, rows)}), "appointments.csv")
    assert got["Service Location"] == "appointment.location"
    assert got["Appointment Reason"] == "appointment.appointment_type"


def test_staff_roles_are_read_from_their_values_beside_a_specialty() -> None:
    headers = ["Nom", "Prénom", "Profession", "Spécialité", "E-mail"]
    rows = [["Laurent", "Louis", "Médecin", "Médecine générale", "l@x.example.fr"],
            ["Martin", "Arthur", "Médecin", "Pédiatrie", "a@x.example.fr"],
            ["Dubois", "Gabriel", "Secrétaire médicale", "", "g@x.example.fr"],
            ["Nguyen", "Amélie", "Assistante", "", "n@x.example.fr"]]
    doc = _propose({"praticiens.csv": (headers, rows)}, country="FR")
    got = _targets(doc, "praticiens.csv")
    assert (got["Profession"], got["Spécialité"]) == ("provider.role", "provider.specialty")
    typed = ["Provider Name", "Type", "Email"]
    staff = [["Dana Reyes", "Normal Provider", "d@x.example.com"],
             ["Omar Haddad", "Normal Provider", "o@x.example.com"],
             ["Kim Lowe", "Staff", "k@x.example.com"]]
    doc = _propose({"staff.csv": (typed, staff)})
    assert _targets(doc, "staff.csv")["Type"] == "provider.role"
    _, _, records = _derive(doc, "staff.csv", typed, staff)
    assert [r.fields.get("role") for r in records] == ["provider", "provider", "other"]


def test_a_claim_number_named_after_the_accident_scheme_is_the_member_number() -> None:
    headers = ["Id", "First name", "Last name", "Birth date", "Funder", "WSIB claim number"]
    rows = [[f"c{i}", p.split()[1], p.split()[0], f"19{60 + i}-04-0{1 + i % 9}",
             "WSIB" if i % 2 else "Private", f"CL{48120 + 7 * i}" if i % 2 else ""]
            for i, p in enumerate(PEOPLE * 4)]
    got = _targets(_propose({"clients.csv": (headers, rows)}), "clients.csv")
    assert got["WSIB claim number"] == "insurance.member_id"


def test_a_claim_number_with_no_payer_beside_it_is_a_claim_not_a_cover() -> None:
    # no column names who pays: the number is one claim's, and no insurance record is made
    headers = ["Client no", "Given name", "Surname", "DOB", "Town", "WCB claim no"]
    rows = [[f"{310 + i}", p.split()[1], p.split()[0], f"0{1 + i % 9}/1{i % 3}/19{55 + i}",
             ("Nelson", "Motueka")[i % 2], f"WB{60231 + 11 * i}" if i % 3 else ""]
            for i, p in enumerate(PEOPLE * 4)]
    doc = _propose({"customers.csv": (headers, rows)}, date_order="DMY")
    column = doc.files["customers.csv"].columns["WCB claim no"]
    assert (column.target, column.custom_field, column.fixed) == (None, "WCB Claim No", {})
    kinds, _, _ = _derive(doc, "customers.csv", headers, rows)
    assert "insurance" not in kinds


def test_a_staff_member_who_can_be_booked_is_an_active_one() -> None:
    headers = ["Staff member", "Position", "E-mail", "Bookable"]
    rows = [["Aroha Tane", "Osteopath", "aroha@x.example.nz", "Y"],
            ["Liam Berg", "Osteopath", "liam@x.example.nz", "Y"],
            ["Mere Hohaia", "Front desk", "mere@x.example.nz", "N"]]
    doc = _propose({"team.csv": (headers, rows)})
    assert _targets(doc, "team.csv")["Bookable"] == "provider.active"
    _, _, records = _derive(doc, "team.csv", headers, rows)
    assert [r.fields.get("active") for r in records] == [True, True, False]
