"""An appointment's `type` whose values only say how the visit happens (Office, Video, Phone)
beside a `reason` naming what it is for (Cough, Annual physical): the reason is the
appointment's type, the mode a custom field. Without a column naming the reason, the mode
stays the type (it is all the export says of it)."""

from __future__ import annotations

import pytest

from tests.mapping.test_failure_classes import _derive, _propose

REASONS = ("Cough", "Annual physical", "Follow up", "Prescription renewal", "Well baby")


def _rows(modes: tuple[str, ...]) -> list[list[str]]:
    return [[str(1 + i), str(100 + i % 20), f"2024-03-{1 + i % 28:02d}", f"{9 + i % 8:02d}:00:00",
             modes[i % len(modes)], REASONS[i % 5]] for i in range(40)]


@pytest.mark.parametrize(("reason", "mode", "modes"), [
    ("reason", "type", ("Office", "Video", "Phone")),
    ("Reason", "Appointment Type", ("In person", "Telehealth")),
    ("Motivo", "Tipo de cita", ("Presencial", "Videollamada", "Telefónica")),
    ("Motif", "Type de rendez-vous", ("Cabinet", "Visio", "Téléphonique")),
])
def test_a_type_saying_how_the_visit_happens_leaves_the_type_to_the_reason(
        reason: str, mode: str, modes: tuple[str, ...]) -> None:
    # the mode before the reason: the first of two equally good headers took the type
    headers = ["appointment_no", "patient_no", "appointment_date", "start_time", mode, reason]
    rows = _rows(modes)
    doc = _propose({"appointments.csv": (headers, rows)})
    columns = doc.files["appointments.csv"].columns
    assert columns[reason].target == "appointment.appointment_type"
    assert columns[mode].target is None and columns[mode].custom_field
    kinds, quarantined, records = _derive(doc, "appointments.csv", headers, rows)
    assert kinds["appointment"] == 40 and not quarantined
    assert records[1].fields["appointment_type"] == "Annual physical"


def test_a_type_of_services_stays_the_type() -> None:
    headers = ["appointment_no", "patient_no", "appointment_date", "start_time", "type", "reason"]
    rows = _rows(("Massage", "Physio", "Acupuncture"))
    columns = _propose({"appointments.csv": (headers, rows)}).files["appointments.csv"].columns
    assert columns["type"].target == "appointment.appointment_type"
