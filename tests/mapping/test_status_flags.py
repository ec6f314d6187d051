"""An appointment's outcome in yes/no flags (`arrived`, `completed`, `broken`) beside a
confirmation status (`Confirmed`, `Left message`): the flags make the status, the first set
one in the vocabulary's order winning, and the confirmation stays readable as a custom field."""

from __future__ import annotations

from tests.mapping.test_failure_classes import _derive, _propose

CONFIRMATIONS = ("Confirmed", "Left message", "Unconfirmed")
# (arrived, completed, broken) -> the status they say
OUTCOMES = {("Y", "Y", "N"): "completed", ("Y", "N", "N"): "arrived",
            ("N", "N", "Y"): "no_show", ("N", "N", "N"): "booked"}


def test_arrived_completed_and_broken_flags_make_the_status_beside_a_confirmation() -> None:
    headers = ["appointment_id", "patient_id", "start_time", "end_time", "confirmation_status",
               "arrived", "completed", "broken"]
    flags = list(OUTCOMES)
    rows = [[str(i + 1), str(90 + i % 7), f"2024-01-{i % 28 + 1:02d} 09:00:00",
             f"2024-01-{i % 28 + 1:02d} 09:30:00", CONFIRMATIONS[i % 3], *flags[i % 4]]
            for i in range(24)]
    doc = _propose({"appointment.txt": (headers, rows)})
    fm = doc.files["appointment.txt"]
    confirmation = fm.columns["confirmation_status"]
    assert confirmation.target is None and confirmation.custom_field
    combine = next(c for c in fm.combine if c.target == "appointment.status")
    assert combine.columns == ["arrived", "completed", "broken"] and combine.as_flags
    _, quarantined, records = _derive(doc, "appointment.txt", headers, rows)
    assert not quarantined
    said = {r.source_id: r.fields.get("status") for r in records if r.kind == "appointment"}
    assert said == {row[0]: OUTCOMES[tuple(row[5:])] for row in rows}


def test_a_confirmation_with_no_flags_beside_it_is_left_as_it_was() -> None:
    headers = ["appointment_id", "patient_id", "start_time", "status"]
    rows = [[str(i + 1), str(90 + i), f"2024-01-{i % 28 + 1:02d} 09:00:00",
             ("Booked", "Arrived", "Cancelled")[i % 3]] for i in range(12)]
    doc = _propose({"appointments.csv": (headers, rows)})
    assert doc.files["appointments.csv"].columns["status"].target == "appointment.status"


def test_waitlisted_and_prospect_statuses_route_their_rows_to_leads() -> None:
    headers = ["Client", "Date of Birth", "Status", "Email"]
    statuses = ("Active", "Inactive", "Prospect", "Active", "Waitlist", "Discharged")
    rows = [[f"Family{i}, Name{chr(65 + i % 26)}", f"0{1 + i % 9}/1{i % 3}/1980",
             statuses[i % 6], f"c{i}@example.ca"] for i in range(36)]
    doc = _propose({"Client List.csv": (headers, rows)})
    kinds, quarantined, _ = _derive(doc, "Client List.csv", headers, rows)
    assert not quarantined
    assert kinds["lead"] == 12 and kinds["patient"] == 24


def test_a_description_is_the_visits_type_and_the_notes_title_and_date_appointed_its_booking() -> None:
    headers = ["appointment_id", "patient_id", "start_time", "description", "date_appointed"]
    types = ("Crown Prep", "Periodic Exam", "Root Canal", "Emergency")
    rows = [[str(i + 1), str(90 + i % 7), f"2024-02-{i % 28 + 1:02d} 09:00:00", types[i % 4],
             f"2024-01-{i % 28 + 1:02d} 08:30:00"] for i in range(24)]
    doc = _propose({"appointment.txt": (headers, rows)})
    columns = doc.files["appointment.txt"].columns
    assert columns["description"].target == "appointment.appointment_type"
    assert columns["date_appointed"].target == "appointment.created_at"
    headers = ["note_id", "patient_id", "date_entered", "description", "note_text"]
    rows = [[str(i + 1), str(90 + i % 7), f"2024-01-{i % 28 + 1:02d} 17:34:00",
             ("Hygiene Note", "Progress Note")[i % 2], f"Reviewed home care, visit {i}."]
            for i in range(24)]
    doc = _propose({"progress_notes.txt": (headers, rows)})
    assert doc.files["progress_notes.txt"].columns["description"].target == "clinical_note.title"
