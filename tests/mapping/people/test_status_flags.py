"""An appointment's outcome in yes/no flags (`arrived`, `completed`, `broken`) beside a
confirmation status (`Confirmed`, `Left message`): the flags make the status, the first set
one in the vocabulary's order winning, and the confirmation stays readable as a custom field.
A patient's flag refusing a channel (`Do not text`, `Reservert mot SMS`) says the opposite of a
reminder flag: set, not that channel; unset, that channel is open."""

from __future__ import annotations

import pytest

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


# (header, its yes, its no) of a column refusing text messages
REFUSALS = {"en": ("Do not text", "Yes", "No"), "nb": ("Reservert mot SMS", "Ja", "Nei"),
            "opt-out": ("SMS opt-out", "Y", "N")}


@pytest.mark.parametrize("language", sorted(REFUSALS))
def test_a_flag_refusing_text_messages_is_no_text_where_set_and_text_where_not(
        language: str) -> None:
    header, yes, no = REFUSALS[language]
    headers = ["Client no", "Surname", "Given name", "Mobile", header]
    rows = [[str(300 + i), f"Family{chr(65 + i % 26)}", f"Given{chr(66 + i % 20)}",
             f"0412 555 {100 + i:03d}", yes if i % 3 == 0 else no] for i in range(24)]
    doc = _propose({"clients.csv": (headers, rows)})
    combine = next(c for c in doc.files["clients.csv"].combine
                   if c.target == "patient.contact_preference")
    assert combine.columns == [header]
    _, quarantined, records = _derive(doc, "clients.csv", headers, rows)
    assert not quarantined
    said = {r.source_id: r.fields.get("contact_preference") for r in records}
    assert said == {row[0]: "none" if row[4] == yes else "sms" for row in rows}


def test_a_channel_asked_for_wins_over_one_only_not_refused() -> None:
    headers = ["Client no", "Surname", "Given name", "Email reminders", "Do not text"]
    # (email reminders, do not text) -> the preference
    said = {("Yes", "Yes"): "email", ("No", "Yes"): "none", ("No", "No"): "sms",
            ("Yes", "No"): "email"}
    rows = [[str(300 + i), f"Family{chr(65 + i % 26)}", f"Given{chr(66 + i % 20)}",
             *list(said)[i % 4]] for i in range(24)]
    doc = _propose({"clients.csv": (headers, rows)})
    _, quarantined, records = _derive(doc, "clients.csv", headers, rows)
    assert not quarantined
    assert {r.source_id: r.fields.get("contact_preference") for r in records} == {
        row[0]: said[(row[3], row[4])] for row in rows}
