"""A date named after a visit on a record of another kind (a patient's first or last
appointment) is that visit's date, not when the record was made; on exports built here."""

from __future__ import annotations

import pytest

from tests.mapping.test_failure_classes import _propose


@pytest.mark.parametrize("header", ["date_of_first_appointment", "First Visit", "Last Booking"])
def test_a_patients_visit_date_is_not_its_creation(header: str) -> None:
    headers = ["id", "first_name", "last_name", "date_of_birth", header]
    rows = [[str(5100 + i), f"Ida{i}", f"Quill{i}", f"1966-0{1 + i % 9}-1{i % 9}",
             f"2019-0{1 + i % 9}-2{i % 8}"] for i in range(40)]
    doc = _propose({"patients.csv": (headers, rows)})
    column = doc.files["patients.csv"].columns[header]
    assert column.target != "patient.created_at"
    assert column.target is None and column.custom_field


def test_an_appointments_own_booking_date_is_still_its_creation() -> None:
    headers = ["appointment_id", "patient_id", "start_time", "date_appointed"]
    rows = [[str(i + 1), str(90 + i % 7), f"2024-02-{i % 28 + 1:02d} 09:00:00",
             f"2024-01-{i % 28 + 1:02d} 08:30:00"] for i in range(24)]
    doc = _propose({"appointment.txt": (headers, rows)})
    assert doc.files["appointment.txt"].columns["date_appointed"].target == "appointment.created_at"
