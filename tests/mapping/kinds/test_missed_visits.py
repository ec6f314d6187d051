"""What became of a visit, told apart between cancelled and missed: a status in words of the
clinic's language or with its reason in it (`Cancelled by patient`, `Broken - patient
cancelled`, `Did Not Attend`, `Non presentato`, `Disdetto`), and a `broken` flag or status
beside a column saying why (`broken_reason`, `Cancellation Reason`): a broken visit the patient
cancelled is cancelled, one they did not come to is a no-show."""

from __future__ import annotations

from collections import Counter

from domain.records.derive import DerivedRecord
from tests.mapping.test_failure_classes import _derive, _propose

WHY = ("Patient cancelled", "No show", "Car trouble", "Cancelled by phone", "Did not arrive")


def _statuses(name: str, headers: list[str], rows: list[list[str]]) -> dict[str, str]:
    doc = _propose({name: (headers, rows)}, date_order="MDY")
    kinds, quarantined, records = _derive(doc, name, headers, rows)
    assert not quarantined and kinds["appointment"] == len(rows)
    return {r.source_id: str(r.fields.get("status")) for r in records
            if isinstance(r, DerivedRecord)}


def test_a_broken_flag_with_its_reason_splits_into_cancelled_and_no_show() -> None:
    headers = ["appt_id", "patient_id", "start_time", "arrived", "completed", "broken",
               "broken_reason"]
    rows = []
    for i in range(40):
        broken = i % 4 == 0
        rows.append([str(9000 + i), str(100 + i % 9), f"03/{1 + i % 28:02d}/2024 09:30",
                     "N" if broken else "Y", "N" if broken or i % 3 == 0 else "Y",
                     "Y" if broken else "N", WHY[i // 4 % 5] if broken else ""])
    got = _statuses("appointments.txt", headers, rows)
    broken = Counter(got[r[0]] for r in rows if r[5] == "Y")
    # "Patient cancelled", "Cancelled by phone": cancelled; "No show", "Did not arrive" and a
    # reason saying neither ("Car trouble"): missed, as the flag says
    assert broken == Counter({"cancelled": 4, "no_show": 6})
    assert got["9000"] == "cancelled" and got["9004"] == "no_show" and got["9008"] == "no_show"
    assert {got[r[0]] for r in rows if r[5] == "N"} <= {"completed", "arrived"}


def test_a_status_with_a_cancellation_reason_column_says_which() -> None:
    headers = ["Appointment ID", "Patient ID", "Date", "Time", "Status", "Cancellation Reason"]
    statuses = ("Completed", "Broken", "Scheduled", "Broken", "Completed")
    rows = [[f"A{i}", str(100 + i % 9), f"04/{1 + i % 28:02d}/2024", "10:00 AM",
             statuses[i % 5], WHY[i // 5 % 5] if statuses[i % 5] == "Broken" else ""]
            for i in range(30)]
    got = _statuses("Appointments.csv", headers, rows)
    assert got["A1"] == got["A3"] == "cancelled"  # Broken, "Patient cancelled"
    assert got["A6"] == got["A8"] == "no_show"  # Broken, "No show"
    assert got["A11"] == "no_show"  # Broken, "Car trouble": as the status says
    assert got["A16"] == "cancelled"  # Broken, "Cancelled by phone"
    assert got["A0"] == "completed" and got["A2"] == "booked"


def test_statuses_in_words_and_languages() -> None:
    headers = ["Appointment ID", "Patient ID", "Start", "Status"]
    said = {"Cancelled by patient": "cancelled", "Broken - patient cancelled": "cancelled",
            "Did Not Attend": "no_show", "Patient no-show": "no_show",
            "Non presentato": "no_show", "Disdetto": "cancelled", "Eseguito": "completed",
            "Nicht erschienen": "no_show", "Abgesagt": "cancelled", "Cancelled - DNA": "no_show",
            "Missed appointment": "no_show", "In sala d'attesa": "arrived", "Not seen": "no_show"}
    words = list(said)
    rows = [[f"V{i}", str(100 + i % 9), f"2024-05-{1 + i % 28:02d} 11:00", words[i % len(words)]]
            for i in range(48)]
    got = _statuses("visits.csv", headers, rows)
    assert {r[3]: got[r[0]] for r in rows} == said
