"""A kind of visit or referral is named in words: a column of bare numbers whose header
resembles `category` (`catid`) is the id of a vendor's own list of types, and leaves the type
to the column that names it (`title`: Review, Standard Consult). A small export built here."""

from __future__ import annotations

from tests.mapping.test_failure_classes import _propose

TYPES = ("Review", "Standard Consult", "Initial Consultation", "Extended")


def test_bare_numbers_are_no_appointment_type_and_the_named_one_is() -> None:
    headers = ["pc_eid", "pc_catid", "pc_pid", "pc_title", "pc_eventDate", "pc_startTime"]
    rows = [[str(1 + i), str(9 + i % 4), str(70 + i % 11), TYPES[i % 4],
             f"2024-01-{1 + i % 28:02d}", f"{9 + i % 8:02d}:15:00"] for i in range(40)]
    columns = _propose({"openemr_postcalendar_events.csv": (headers, rows)}).files[
        "openemr_postcalendar_events.csv"].columns
    assert columns["pc_catid"].target != "appointment.appointment_type"
    assert columns["pc_title"].target == "appointment.appointment_type", columns["pc_title"].reasons


def test_a_service_code_of_a_code_set_stays_the_type() -> None:
    headers = ["Appointment ID", "Client ID", "Date", "Start", "Service Code"]
    rows = [[str(700 + i), str(20 + i % 9), f"2024-02-{1 + i % 28:02d}", "10:00",
             ("90837", "90834", "90791")[i % 3]] for i in range(30)]
    columns = _propose({"appointments.csv": (headers, rows)}).files["appointments.csv"].columns
    assert columns["Service Code"].target == "appointment.appointment_type"
