"""A book of enquiries (callers not yet patients) whose `Outcome` column says where each one
stands: the lead's status, its words read as the lead statuses (a call to return or one
unanswered is still an open enquiry; not interested is lost), not a custom field. In an
appointment book the same header stays the visit's status."""

from __future__ import annotations

from tests.mapping.test_failure_classes import _derive, _propose

OUTCOMES = ("Callback", "No answer", "Not interested", "Left message", "Won")
FIRST = ("Priya", "Tom", "Grace", "Owen", "Leah", "Rhys", "Hannah")
LAST = ("Okafor", "Jenkins", "Hughes", "Bennett", "Murphy", "Doyle")
HEADERS = ["Enquiry Date", "Name", "Phone", "Email", "Enquiry About", "Outcome"]


def _enquiries(header: str) -> tuple[list[str], list[list[str]]]:
    headers = [header if h == "Outcome" else h for h in HEADERS]
    rows = [[f"2023-0{1 + i % 9}-1{i % 9}", f"{FIRST[i % 7]} {LAST[i % 6]}",
             f"0161 496 {1000 + i}", f"caller{i}@example.org",
             "Knee pain" if i % 2 else "Massage", OUTCOMES[i % 5]] for i in range(30)]
    return headers, rows


def test_an_enquirys_outcome_is_the_leads_status() -> None:
    for header in ("Outcome", "Call Outcome"):
        headers, rows = _enquiries(header)
        doc = _propose({"enquiries.csv": (headers, rows)}, country="GB")
        fm = doc.files["enquiries.csv"]
        assert fm.kind == "lead"
        assert fm.columns[header].target == "lead.status"
        kinds, quarantined, records = _derive(doc, "enquiries.csv", headers, rows)
        assert kinds["lead"] == 30 and not quarantined
        said = {r.fields.get("status") for r in records[:5]}
        assert said == {"inquiry", "lost", "converted"}
        assert [r.fields.get("status") for r in records[:5]] == [
            "inquiry", "inquiry", "lost", "inquiry", "converted"]


def test_an_appointments_outcome_stays_its_status() -> None:
    headers = ["Appt ID", "Patient ID", "Date", "Time", "Outcome"]
    rows = [[f"B{i}", str(40 + i % 9), f"2024-02-{1 + i % 27:02d}", "10:30",
             ("Attended", "DNA", "Cancelled")[i % 3]] for i in range(30)]
    doc = _propose({"appointments.csv": (headers, rows)}, country="GB")
    assert doc.files["appointments.csv"].columns["Outcome"].target == "appointment.status"
