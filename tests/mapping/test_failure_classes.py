"""One test per failure class that stopped exports never seen before (issue: the whole path
lands >= 98%): each builds a small export of that shape, lets the proposal map it with no hand
edit, derives every row and counts what would land. Before the fix each of these landed 0% of
the rows of its kind (or put them in the wrong kind)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from domain.mapping import MappingDocument, Settings
from domain.ports import SourceRow
from domain.proposal.propose import propose
from domain.records.derive import DerivedRecord, Quarantined, derive_row
from tests.mapping.test_proposal import profile_of

Rows = Sequence[Sequence[str]]


def _propose(files: dict[str, tuple[list[str], Rows]], **settings: object) -> MappingDocument:
    return propose({name: (headers, profile_of(headers, rows))
                    for name, (headers, rows) in files.items()},
                   Settings.model_validate(settings))


def _derive(doc: MappingDocument, name: str, headers: list[str], rows: Rows
            ) -> tuple[Counter[str], list[Quarantined], list[DerivedRecord]]:
    kinds: Counter[str] = Counter()
    quarantined: list[Quarantined] = []
    records: list[DerivedRecord] = []
    for number, row in enumerate(rows, start=1):
        for result in derive_row(name, doc.files[name], doc.settings,
                                 SourceRow(number, dict(zip(headers, row, strict=True)))):
            if isinstance(result, DerivedRecord):
                kinds[result.kind] += 1
                records.append(result)
            else:
                quarantined.append(result)
    return kinds, quarantined, records


HOURS = ("9:00 am", "11:15 am", "2:30 pm", "4:45 pm")


def test_appointment_date_and_start_time_in_two_columns() -> None:
    headers = ["Appointment ID", "Patient ID", "Appointment date", "Start time", "Duration"]
    rows = [[f"A{i}", str(i % 7), f"{1 + i % 28:02d}/{1 + i % 12:02d}/2018", HOURS[i % 4],
             "30"] for i in range(60)]
    doc = _propose({"appointments.csv": (headers, rows)}, date_order="DMY")
    kinds, quarantined, records = _derive(doc, "appointments.csv", headers, rows)
    assert kinds["appointment"] == 60 and not quarantined
    first = next(r for r in records if r.source_id == "A1")  # 02/02/2018 11:15 am
    assert first.fields["starts_at"].startswith("2018-02-02T11:15:00")


def test_child_table_with_no_id_column_of_its_own() -> None:
    headers = ["Client ID", "Balance", "Last payment"]
    rows = [[str(i), f"{i * 7 % 90}.50", "2021-03-04"] for i in range(40)]
    doc = _propose({"client balances.csv": (headers, rows)})
    assert doc.files["client balances.csv"].kind == "billing"
    kinds, quarantined, records = _derive(doc, "client balances.csv", headers, rows)
    assert kinds["billing"] == 40 and not quarantined
    assert len({r.source_id for r in records}) == 40  # distinct, stable ids


def test_a_status_code_that_means_another_kind() -> None:
    headers = ["PatNum", "LName", "FName", "Birthdate", "PatStatus", "WirelessPhone"]
    statuses = ["0", "0", "0", "6", "1", "5", "0", "2"]
    rows = [[str(i), "Lee", "Ann", "1980-01-02", statuses[i % 8], "555-201-0000"]
            for i in range(80)]
    doc = _propose({"patient.txt": (headers, rows)})
    kinds, quarantined, records = _derive(doc, "patient.txt", headers, rows)
    assert not quarantined
    assert kinds == {"patient": 70, "lead": 10}
    deceased = [r for r in records if r.kind == "patient" and r.fields.get("status") == "deceased"]
    assert len(deceased) == 10


def test_two_boolean_flags_that_together_make_a_status() -> None:
    headers = ["id", "patient_id", "starts_at", "did_not_arrive", "patient_arrived"]
    flags = [("0", "1"), ("1", "0"), ("0", "0"), ("0", "1")]
    rows = [[str(i), str(i % 5), "2020-01-02T09:00:00Z", *flags[i % 4]] for i in range(40)]
    doc = _propose({"appointments.csv": (headers, rows)})
    kinds, quarantined, records = _derive(doc, "appointments.csv", headers, rows)
    assert kinds["appointment"] == 40 and not quarantined
    statuses = Counter(r.fields.get("status") for r in records)
    assert statuses == {"arrived": 20, "no_show": 10, "booked": 10}


def test_vendor_custom_field_headers_with_a_prefix() -> None:
    headers = ["Patient ID", "First name", "Last name", "Insurance coverage: Fund name",
               "Insurance coverage: Member number", "Custom: Occupation"]
    rows = [[str(i), "Ann", "Lee", "Medibank", f"M{i:06d}", "Nurse"] for i in range(30)]
    doc = _propose({"patients.csv": (headers, rows)})
    columns = doc.files["patients.csv"].columns
    assert columns["Insurance coverage: Fund name"].target == "insurance.carrier_name"
    assert columns["Insurance coverage: Member number"].target == "insurance.member_id"
    assert columns["Custom: Occupation"].custom_field == "Occupation"
    kinds, quarantined, _ = _derive(doc, "patients.csv", headers, rows)
    assert kinds == {"patient": 30, "insurance": 30} and not quarantined


def test_communications_with_a_date_but_no_time() -> None:
    headers = ["Communication ID", "Client ID", "Date", "Type", "Subject"]
    rows = [[str(i), str(i % 5), f"2021-0{1 + i % 9}-1{i % 10}", "Email", "Reminder"]
            for i in range(30)]
    doc = _propose({"communications.csv": (headers, rows)}, timezone="Europe/London")
    fm = doc.files["communications.csv"]
    assert fm.time_of_day is not None
    kinds, quarantined, records = _derive(doc, "communications.csv", headers, rows)
    assert kinds["communication"] == 30 and not quarantined
    # a time of day, so the activity reaches Nutshell ("communication has no time" before)
    assert all(f"T{fm.time_of_day}:00" in r.fields["occurred_at"] for r in records)


def test_several_allergies_in_one_cell_with_words_that_mean_none() -> None:
    headers = ["Nº ficha", "Nombre", "Apellidos", "Alergias"]
    cells = ["Penicilina; Látex", "Ninguna", "Ninguna conocida", "Polen", "", "Látex;Polen"]
    rows = [[str(i), "Ana", "Ruiz", cells[i % 6]] for i in range(60)]
    doc = _propose({"Pacientes.csv": (headers, rows)}, clinical_content=True)
    kinds, quarantined, records = _derive(doc, "Pacientes.csv", headers, rows)
    assert not quarantined
    assert kinds == {"patient": 60, "allergy_condition": 10 * (2 + 1 + 2)}
    allergies = [r for r in records if r.kind == "allergy_condition"]
    assert {r.fields["name"] for r in allergies} == {"Penicilina", "Látex", "Polen"}
    assert all(r.fields["kind"] == "allergy" for r in allergies)
    first = [r for r in allergies if r.fields["patient_source_id"] == "0"]
    assert len({r.source_id for r in first}) == 2  # one record each, ids without the value
    assert not any("Penicilina" in r.source_id for r in allergies)


def test_an_end_from_the_start_and_a_duration() -> None:
    headers = ["Cita", "Nº ficha", "Fecha", "Hora", "Duración (min)"]
    rows = [[f"C{i}", str(i % 9), f"{1 + i % 28:02d}/03/2025", f"{9 + i % 8}:{15 * (i % 4):02d}",
             ("30", "45", "60")[i % 3]] for i in range(45)]
    doc = _propose({"Citas.csv": (headers, rows)}, date_order="DMY", timezone="Europe/Madrid")
    kinds, quarantined, records = _derive(doc, "Citas.csv", headers, rows)
    assert kinds["appointment"] == 45 and not quarantined
    first = next(r for r in records if r.source_id == "C1")  # 02/03/2025 10:15, 45 min
    assert first.fields["starts_at"] == "2025-03-02T10:15:00+01:00"
    assert first.fields["ends_at"] == "2025-03-02T11:00:00+01:00"


def test_a_file_with_nothing_of_its_kind_to_migrate_is_left_out_and_said_so() -> None:
    headers = ["ProcNum", "PatNum", "AptNum", "ProcDate", "ProvNum", "CodeNum", "ProcFee"]
    rows = [[str(i), str(i % 9), str(i % 20), "2024-05-06", "1", str(100 + i % 7), "85.00"]
            for i in range(50)]
    doc = _propose({"procedurelog.csv": (headers, rows)})
    fm = doc.files["procedurelog.csv"]
    assert fm.kind == "none" and "nothing to migrate" in fm.reasons[-1]
    kinds, quarantined, _ = _derive(doc, "procedurelog.csv", headers, rows)
    assert not kinds and not quarantined  # dropped on purpose, counted as such


def test_a_file_kind_comes_from_its_columns_not_a_misleading_name() -> None:
    headers = ["Invoice Number", "Patient ID", "Invoice Date", "Total", "Amount Paid",
               "Balance Due"]
    rows = [[f"INV{i:04d}", str(i % 9), "2021-03-04", f"{i * 3}.50", "10.00", f"{i}.25"]
            for i in range(30)]
    doc = _propose({"allergy history.csv": (headers, rows)})
    fm = doc.files["allergy history.csv"]
    assert fm.kind == "billing"  # invoices, not allergies
    assert fm.columns["Invoice Number"].target == "billing.source_id"
    kinds, quarantined, _ = _derive(doc, "allergy history.csv", headers, rows)
    assert kinds == {"billing": 30} and not quarantined


def test_a_name_column_is_no_reference_by_id_and_a_referral_date_rides_along() -> None:
    headers = ["Client ID", "First Name", "Last Name", "GP Name", "Referred By",
               "Referral Date"]
    rows = [[str(i), "Ann", "Lee", ("Dr Hugh Grant", "Dr Mary Shaw")[i % 2], "Dr Who",
             "2024-01-1" + str(i % 9)] for i in range(30)]
    doc = _propose({"Clients.csv": (headers, rows)})
    columns = doc.files["Clients.csv"].columns
    assert columns["GP Name"].target is None and columns["GP Name"].custom_field == "GP Name"
    assert columns["Referral Date"].target == "referral.referred_at"
    kinds, quarantined, _ = _derive(doc, "Clients.csv", headers, rows)
    assert kinds == {"patient": 30, "referral": 30} and not quarantined


def test_yes_no_values_are_no_reference_and_a_slot_pattern_is_a_length() -> None:
    from domain.records.rules import minutes

    assert (minutes("/XXXX/"), minutes("//XX//"), minutes("45 min")) == (30.0, 30.0, 45.0)
    headers = ["Nº ficha", "Nombre", "Apellidos", "Seguro médico"]
    rows = [[str(i), "Ana", "Ruiz", ("Sí", "No")[i % 2]] for i in range(30)]
    doc = _propose({"Pacientes.csv": (headers, rows)})
    insured = doc.files["Pacientes.csv"].columns["Seguro médico"]
    assert insured.target is None or not insured.target.endswith("_source_id")


def test_a_length_in_minutes_under_an_abbreviated_header_makes_the_end() -> None:
    headers = ["Appt", "Start Date Time", "Mins", "Patient No."]
    rows = [[str(50000 + i), f"2024-01-{1 + i % 28:02d} 12:00", f"{15 * (1 + i % 4)} min",
             str(1000 + i)] for i in range(30)]
    doc = _propose({"appointments_report.csv": (headers, rows)})
    kinds, quarantined, records = _derive(doc, "appointments_report.csv", headers, rows)
    assert not quarantined and kinds["appointment"] == 30
    first = next(r for r in records if r.source_id == "50001")  # 12:00 for 30 min
    assert first.fields["ends_at"].startswith("2024-01-02T12:30")


def test_an_abbreviated_practitioner_header_is_the_visits_provider() -> None:
    headers = ["Appt ID", "Client ID", "Start", "Pract"]
    staff = ("Dr. Hannah Price", "Tom Okafor", "Priya Nair")
    rows = [[str(i), str(200 + i), f"2024-02-{1 + i % 28:02d} 10:00", staff[i % 3]]
            for i in range(30)]
    doc = _propose({"Appointments.csv": (headers, rows)})
    assert doc.files["Appointments.csv"].columns["Pract"].target == (
        "appointment.provider_source_id")
