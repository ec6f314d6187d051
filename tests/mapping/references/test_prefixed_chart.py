"""A chart number under a prefix most of its table's headers share (`APPT_CHART` beside
`APPT_ID`, `APPT_START`): read without the prefix, it names the patient each visit belongs to,
as `Chart #` does. A small export built here."""

from __future__ import annotations

from tests.mapping.test_failure_classes import _derive, _propose


def test_a_prefixed_chart_number_is_the_visits_patient() -> None:
    headers = ["APPT_ID", "APPT_START", "APPT_DURATION", "APPT_CHART", "APPT_MEMO"]
    rows = [[str(3300000 + i), f"01/{10 + i % 18}/2024 09:{15 * (i % 4):02d} AM", "30",
             f"J{587000 + i % 23}", ""] for i in range(40)]
    doc = _propose({"SCHEDULER_APPOINTMENTS.txt": (headers, rows)})
    chart = doc.files["SCHEDULER_APPOINTMENTS.txt"].columns["APPT_CHART"]
    assert chart.target == "appointment.patient_source_id", chart.reasons
    kinds, quarantined, records = _derive(doc, "SCHEDULER_APPOINTMENTS.txt", headers, rows)
    assert kinds["appointment"] == 40 and not quarantined
    assert records[0].fields["patient_source_id"] == "J587000"
