"""A column of amounts is no reference, whatever its header resembles (`Pris`, a price, is one
letter off `praxis`): it stays a field of the row's own or a custom field. A small export built
here."""

from __future__ import annotations

from tests.mapping.test_failure_classes import _propose


def test_a_price_whose_header_resembles_a_practice_is_no_company_reference() -> None:
    headers = ["Booking ID", "Client ID", "Start", "Pris"]
    rows = [[str(500 + i), str(40 + i % 9), f"2024-02-{1 + i % 28:02d} 10:00",
             f"{450 + 25 * (i % 4)},00"] for i in range(30)]
    doc = _propose({"bookings.csv": (headers, rows)}, country="DK")
    price = doc.files["bookings.csv"].columns["Pris"]
    assert price.target != "appointment.company_source_id", price.reasons
