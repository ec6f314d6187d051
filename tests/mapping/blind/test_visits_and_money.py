"""An appointment list and an invoice list whose headers name nothing: the start and the end
are moments on the same days, the end later; the moments before them are when each was
booked; the status words are the vocabulary's; the amounts with most zeros are the balance."""

from __future__ import annotations

from domain.proposal.propose import propose_file
from tests.mapping.test_proposal import profile_of


def test_start_end_and_booking_of_an_appointment() -> None:
    headers = ["Qorvu", "Plim", "Strell", "Yibzo", "Vutch"]
    rows = [[str(50 + i), f"2024-{1 + i % 12:02d}-{10 + i % 15} {8 + i % 8:02d}:{15 * (i % 4):02d}",
             f"2024-{1 + i % 12:02d}-{10 + i % 15} {9 + i % 8:02d}:{15 * (i % 4):02d}",
             f"2023-12-{1 + i % 28:02d} 12:00", ("Booked", "Arrived", "Cancelled")[i % 3]]
            for i in range(30)]
    fm = propose_file("appointments.csv", headers, profile_of(headers, rows), kind="appointment")
    assert fm.columns["Plim"].target == "appointment.starts_at"
    assert fm.columns["Strell"].target == "appointment.ends_at"
    assert fm.columns["Yibzo"].target == "appointment.created_at"
    assert fm.columns["Vutch"].target == "appointment.status"


def test_the_balance_of_an_invoice_list() -> None:
    headers = ["Nerk", "Fambo", "Glisk", "Trommel"]
    rows = [[f"F-{i:04d}", f"{40 + i},50 €", f"{40 + i},50 €" if i % 3 else "0,00 €",
             "0,00 €" if i % 3 else f"{40 + i},50 €"] for i in range(24)]
    fm = propose_file("invoices.csv", headers, profile_of(headers, rows), kind="billing")
    assert fm.columns["Trommel"].target == "billing.outstanding_balance"
    assert fm.columns["Fambo"].target is None


def test_a_date_with_two_times_of_day_is_the_start_and_the_end() -> None:
    headers = ["Qorvu", "Plim", "Zeck", "Strell"]
    rows = [[str(50 + i), f"{10 + i % 15}/{1 + i % 12:02d}/2024", f"{8 + i % 8}:{15 * (i % 4):02d}",
             f"{9 + i % 8}:{15 * (i % 4):02d}"] for i in range(30)]
    fm = propose_file("appointments.csv", headers, profile_of(headers, rows), kind="appointment")
    ends = next(c for c in fm.combine if c.target == "appointment.ends_at")
    assert ends.columns == ["Plim", "Strell"]
    starts = next(c for c in fm.combine if c.target == "appointment.starts_at")
    assert starts.columns == ["Plim", "Zeck"]
