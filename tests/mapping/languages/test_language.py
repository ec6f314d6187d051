"""The mapping language (domain.mapping, domain.records.rules) through derivation: each part on
rows like the ones that stopped real exports (issue: exports never seen before)."""

from __future__ import annotations

import pytest

from adapters.stores.mapping_file import dump_mapping, parse_mapping
from domain.errors import SourceError
from domain.mapping import (
    ColumnMapping,
    Combine,
    DerivedId,
    FileMapping,
    MappingDocument,
    Route,
    Settings,
)
from domain.ports import SourceRow
from domain.records.derive import DerivedRecord, FileTally, Quarantined, derive_row, tally

SETTINGS = Settings(timezone="Australia/Sydney")


def _one(mapping: FileMapping, number: int = 1, **values: str) -> DerivedRecord | Quarantined:
    results = derive_row("f.csv", mapping, SETTINGS, SourceRow(number, values))
    assert len(results) == 1, results
    return results[0]


APPOINTMENTS = FileMapping(kind="appointment", columns={
    "ID": ColumnMapping(target="appointment.source_id"),
    "Client": ColumnMapping(target="appointment.patient_source_id"),
    "Date": ColumnMapping(), "Start": ColumnMapping(),
}, combine=[Combine(target="appointment.starts_at", columns=["Date", "Start"],
                    format="%d/%m/%Y %I:%M %p")])


def test_date_and_start_time_in_two_columns_make_one_moment() -> None:
    record = _one(APPOINTMENTS, ID="a1", Client="7", Date="06/08/2018", Start="11:15 am")
    assert isinstance(record, DerivedRecord)
    assert record.fields["starts_at"] == "2018-08-06T11:15:00+10:00"
    # the parts stay readable in extra; the combined key does not leak into it
    assert record.extra == {"Date": "06/08/2018", "Start": "11:15 am"}


def test_a_value_that_does_not_fit_its_format_is_quarantined_naming_columns_not_values() -> None:
    result = _one(APPOINTMENTS, 3, ID="a1", Client="7", Date="2018-08-06", Start="11:15 am")
    assert isinstance(result, Quarantined)
    assert result.field == "starts_at" and "Date, Start" in result.reason
    assert "2018" not in result.reason


def test_per_column_format_reads_the_stated_order_only() -> None:
    mapping = FileMapping(kind="patient", columns={
        "ID": ColumnMapping(target="patient.source_id"),
        "Born": ColumnMapping(target="patient.date_of_birth", format="%m.%d.%Y")})
    record = _one(mapping, ID="1", Born="02.13.1984")
    assert isinstance(record, DerivedRecord) and record.fields["date_of_birth"] == "1984-02-13"


def test_name_parts_join_into_one_field() -> None:
    mapping = FileMapping(kind="provider", columns={
        "ID": ColumnMapping(target="provider.source_id"),
        "Given": ColumnMapping(), "Second given": ColumnMapping()},
        combine=[Combine(target="provider.first_name", columns=["Given", "Second given"])])
    record = _one(mapping, ID="9", Given="Mary", **{"Second given": "Jo"})
    assert isinstance(record, DerivedRecord) and record.fields["first_name"] == "Mary Jo"


def test_value_map_turns_codes_into_canonical_words() -> None:
    mapping = FileMapping(kind="patient", columns={
        "ID": ColumnMapping(target="patient.source_id"),
        "Gender": ColumnMapping(target="patient.sex", values={"1": "male", "2": "female"})})
    record = _one(mapping, ID="1", Gender="2")
    assert isinstance(record, DerivedRecord) and record.fields["sex"] == "female"
    unlisted = _one(mapping, ID="2", Gender="9")  # not in the map: passes as it is
    assert isinstance(unlisted, DerivedRecord) and unlisted.raw_kept["sex"] == "9"


def test_two_boolean_flags_make_one_status() -> None:
    flags = {"1|0": "no_show", "0|1": "arrived", "0|0": "booked"}
    mapping = FileMapping(kind="appointment", columns={
        "ID": ColumnMapping(target="appointment.source_id"),
        "did_not_arrive": ColumnMapping(), "patient_arrived": ColumnMapping()},
        combine=[Combine(target="appointment.status", separator="|", values=flags,
                         columns=["did_not_arrive", "patient_arrived"])])
    got = {}
    for dna, arrived in (("1", "0"), ("0", "1"), ("0", "0")):
        record = _one(mapping, ID="x", did_not_arrive=dna, patient_arrived=arrived)
        assert isinstance(record, DerivedRecord)
        got[(dna, arrived)] = record.fields["status"]
    assert got == {("1", "0"): "no_show", ("0", "1"): "arrived", ("0", "0"): "booked"}


PATIENTS = FileMapping(kind="patient", columns={
    "PatNum": ColumnMapping(target="patient.source_id"),
    "FName": ColumnMapping(target="patient.first_name"),
    "WirelessPhone": ColumnMapping(target="patient.phone_mobile"),
    "PatStatus": ColumnMapping(target="patient.status",
                               values={"0": "active", "1": "inactive", "5": "deceased"}),
    "CarrierName": ColumnMapping(target="insurance.carrier_name"),
}, route=Route(column="PatStatus", values={"6": "lead", "4": "drop"}))


def test_a_status_code_routes_the_row_to_another_kind() -> None:
    lead = _one(PATIENTS, PatNum="12", FName="Ann", WirelessPhone="+61 412 345 678",
                PatStatus="6", CarrierName="Medibank")
    assert isinstance(lead, DerivedRecord) and lead.kind == "lead"
    assert lead.fields["phone_mobile"] == "+61412345678" and "status" not in lead.fields
    patient = derive_row("f.csv", PATIENTS, SETTINGS, SourceRow(2, {
        "PatNum": "13", "FName": "Bo", "PatStatus": "0", "CarrierName": "Medibank"}))
    assert [r.kind for r in patient] == ["patient", "insurance"]
    assert patient[0].fields["status"] == "active"  # type: ignore[union-attr]


def test_routed_and_dropped_rows_balance_per_file() -> None:
    tally_ = FileTally()
    for number, status in enumerate(("0", "6", "4", "0"), start=1):
        values = {"PatNum": str(number), "FName": "X", "PatStatus": status}
        tally(tally_, derive_row("f.csv", PATIENTS, SETTINGS, SourceRow(number, values)),
              "patient")
    assert (tally_.rows_read, tally_.rows_derived, tally_.rows_dropped) == (4, 3, 1)
    assert tally_.records == {"patient": 2, "lead": 1} and tally_.balanced


def test_child_rows_without_ids_get_stable_ids_from_the_parent_and_the_row() -> None:
    mapping = FileMapping(kind="billing", columns={
        "client_id": ColumnMapping(target="billing.patient_source_id"),
        "balance": ColumnMapping(target="billing.outstanding_balance")},
        derived_id=DerivedId(columns=["client_id"]))
    first = _one(mapping, client_id="44", balance="12.50")
    again = _one(mapping, 9, client_id="44", balance="12.50")  # same row re-exported
    other = _one(mapping, client_id="44", balance="0.00")
    assert isinstance(first, DerivedRecord) and isinstance(other, DerivedRecord)
    assert isinstance(again, DerivedRecord)
    assert first.source_id.startswith("44:") and first.source_id == again.source_id
    assert other.source_id != first.source_id


def test_date_only_events_are_placed_at_the_stated_time_of_day() -> None:
    mapping = FileMapping(kind="communication", time_of_day="09:30", columns={
        "ID": ColumnMapping(target="communication.source_id"),
        "Date": ColumnMapping(target="communication.occurred_at")}, date_order="DMY")
    record = _one(mapping, ID="c1", Date="06/08/2018")
    assert isinstance(record, DerivedRecord)
    assert record.fields["occurred_at"] == "2018-08-06T09:30:00+10:00"
    timed = _one(mapping, ID="c2", Date="06/08/2018 14:05")  # a time given wins
    assert isinstance(timed, DerivedRecord)
    assert timed.fields["occurred_at"] == "2018-08-06T14:05:00+10:00"


def test_an_id_prefix_keeps_tables_that_restart_numbering_apart() -> None:
    mapping = FileMapping(kind="provider", id_prefix="employee-", columns={
        "EmployeeNum": ColumnMapping(target="provider.source_id")})
    record = _one(mapping, EmployeeNum="3")
    assert isinstance(record, DerivedRecord) and record.source_id == "employee-3"


def test_every_part_round_trips_through_yaml_and_is_bound_by_the_hash() -> None:
    doc = MappingDocument(files={"appointments.csv": APPOINTMENTS, "patients.csv": PATIENTS,
                                 "patients.xlsx": FileMapping(kind="patient",
                                                              twin_of="patients.csv")})
    loaded = parse_mapping(dump_mapping(doc))
    assert loaded == doc and loaded.content_hash() == doc.content_hash()
    edited = doc.model_copy(deep=True)
    assert edited.files["patients.csv"].route is not None
    edited.files["patients.csv"].route.values["6"] = "patient"
    assert edited.content_hash() != doc.content_hash()
    plain = MappingDocument(files={"p.csv": FileMapping(kind="patient")})
    # documents that use none of it keep the keys (and hash) they had before the language grew
    assert "route" not in plain.to_data()["files"]["p.csv"]


@pytest.mark.parametrize("text", [
    "files:\n  p.csv:\n    kind: patient\n    route: {column: S, values: {'6': leed}}\n",
    "files:\n  p.csv:\n    kind: patient\n    time_of_day: '9am'\n",
    "files:\n  p.csv:\n    kind: patient\n    combine: [{target: patient.nope, columns: [A]}]\n",
])
def test_a_wrong_edit_is_refused_with_the_place_it_is_at(text: str) -> None:
    with pytest.raises(SourceError, match="p.csv"):
        parse_mapping(text)


def test_map_show_json_carries_the_language_parts_a_file_uses() -> None:
    from consumers.views.mapping import mapping_json

    data = mapping_json(MappingDocument(files={"appointments.csv": APPOINTMENTS,
                                               "patients.csv": PATIENTS}))
    appointments, patients = data["files"]["appointments.csv"], data["files"]["patients.csv"]
    assert appointments["combine"][0]["columns"] == ["Date", "Start"]
    assert "route" not in appointments and patients["route"]["values"] == {"6": "lead",
                                                                           "4": "drop"}
    assert patients["columns"]["PatStatus"]["values"]["5"] == "deceased"
    assert "values" not in patients["columns"]["FName"]
