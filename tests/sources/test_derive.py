"""Derivation: rows -> canonical records or quarantine, nothing dropped (domain.records.derive)."""

from __future__ import annotations

import pytest

from domain.mapping import ColumnMapping, FileMapping, KeyValueLayout, Settings
from domain.ports import SourceRow
from domain.records.derive import (
    DerivedRecord,
    FileTally,
    Quarantined,
    derive_key_values,
    derive_row,
    row_outcome,
    tally,
)

SETTINGS = Settings()
PATIENTS = FileMapping(kind="patient", columns={
    "ID": ColumnMapping(target="patient.source_id"),
    "First": ColumnMapping(target="patient.first_name"),
    "Email": ColumnMapping(target="patient.email"),
    "DOB": ColumnMapping(target="patient.date_of_birth"),
    "Carrier": ColumnMapping(target="insurance.carrier_name"),
    "Member": ColumnMapping(target="insurance.member_id"),
    "Copay": ColumnMapping(target="insurance.copay"),
    "Occupation": ColumnMapping(custom_field="Occupation", custom_field_type="Text"),
}, date_order="DMY")


def _row(number: int = 1, **values: str) -> SourceRow:
    return SourceRow(number, values)


def test_a_row_with_two_kinds_yields_two_linked_records() -> None:
    row = _row(ID="7", First="Ann", DOB="29/02/1984", Carrier="Humana", Member="H1",
               Copay="$20", Occupation="Nurse", Shoe="9")
    patient, insurance = derive_row("p.csv", PATIENTS, SETTINGS, row)
    assert isinstance(patient, DerivedRecord) and isinstance(insurance, DerivedRecord)
    assert patient.fields == {"source_id": "7", "first_name": "Ann", "date_of_birth": "1984-02-29"}
    assert patient.extra == {"Occupation": "Nurse", "Shoe": "9"}
    assert (patient.file, patient.rows) == ("p.csv", [1])
    assert insurance.kind == "insurance" and insurance.source_id == "7:insurance"
    assert insurance.fields["patient_source_id"] == "7"
    assert insurance.fields["copay"] == "20" and insurance.fields["currency"] == "USD"


def test_empty_secondary_columns_make_no_secondary_record() -> None:
    [patient] = derive_row("p.csv", PATIENTS, SETTINGS, _row(ID="7", First="Ann", Carrier=""))
    assert isinstance(patient, DerivedRecord) and patient.extra == {}


@pytest.mark.parametrize(("values", "field"), [
    ({"ID": "", "First": "Ann"}, "source_id"),
])
def test_invalid_rows_are_quarantined_without_values(values: dict[str, str], field: str) -> None:
    [result] = derive_row("p.csv", PATIENTS, SETTINGS, _row(4, **values))
    assert isinstance(result, Quarantined)
    assert (result.file, result.row, result.kind, result.field) == ("p.csv", 4, "patient", field)
    for value in values.values():
        if len(value) > 2:
            assert value not in result.reason
    assert row_outcome([result], "patient") == "quarantined"


@pytest.mark.parametrize(("values", "field"), [
    ({"ID": "1", "First": "Ann", "Email": "nope@"}, "email"),
    ({"ID": "1", "First": "Ann", "DOB": "30/02/1984"}, "date_of_birth"),
])
def test_one_bad_optional_value_loses_that_field_not_the_patient(values: dict[str, str],
                                                                 field: str) -> None:
    [result] = derive_row("p.csv", PATIENTS, SETTINGS, _row(4, **values))
    assert isinstance(result, DerivedRecord) and result.fields["first_name"] == "Ann"
    assert field not in result.fields and result.raw_kept[field] == values[next(
        k for k in values if k not in ("ID", "First"))]
    assert [w.partition(":")[0] for w in result.warnings] == [field]
    assert all(v not in w for w in result.warnings for v in values.values() if len(v) > 2)
    assert row_outcome([result], "patient") == "derived"


def test_a_bad_secondary_value_keeps_both_records() -> None:
    results = derive_row("p.csv", PATIENTS, SETTINGS, _row(ID="7", Carrier="X", Copay="lots"))
    assert [type(r).__name__ for r in results] == ["DerivedRecord", "DerivedRecord"]
    assert "copay" not in results[1].fields and results[1].raw_kept["copay"] == "lots"
    assert row_outcome(results, "patient") == "derived"


def test_reader_problems_quarantine_only_when_a_mapped_cell_is_hit() -> None:
    hit = SourceRow(2, {"ID": "7", "First": "A\ufffdn"}, problem="undecodable bytes",
                    problem_field="First")
    [q] = derive_row("p.csv", PATIENTS, SETTINGS, hit)
    assert isinstance(q, Quarantined) and q.field == "first_name" and "undecodable" in q.reason
    ragged = SourceRow(3, {"ID": "7", "__extra_cells__": ["x"]}, problem="ragged row",
                       problem_field="__extra_cells__")
    [record] = derive_row("p.csv", PATIENTS, SETTINGS, ragged)
    assert isinstance(record, DerivedRecord)
    assert record.extra == {"__extra_cells__": ["x"]} and record.warnings == ["reader: ragged row"]


def test_tally_balances_rows() -> None:
    t = FileTally()
    for row in [_row(1, ID="1"), _row(2, ID=""), _row(3, ID="3", Carrier="Y")]:
        tally(t, derive_row("p.csv", PATIENTS, SETTINGS, row), "patient")
    assert (t.rows_read, t.rows_derived, t.rows_quarantined) == (3, 2, 1)
    assert t.balanced and t.records == {"patient": 2, "insurance": 1}


PATFIELD = FileMapping(
    kind="patient",
    key_value=KeyValueLayout(record_column="PatNum", name_column="FieldName",
                             value_column="FieldValue"),
    key_values={"Preferred Name": ColumnMapping(target="patient.preferred_name"),
                "Birthday Card": ColumnMapping(target="patient.date_of_birth"),
                "Birthplace": ColumnMapping(custom_field="Birthplace")},
)


def _kv(number: int, pat: str, name: str, value: str) -> SourceRow:
    return SourceRow(number, {"PatNum": pat, "FieldName": name, "FieldValue": value})


def test_key_value_rows_group_into_partial_records() -> None:
    rows = [_kv(1, "5", "Preferred Name", "Annie"), _kv(2, "5", "Birthplace", "Boston"),
            _kv(3, "6", "Hobby", "Chess"), _kv(4, "", "Birthplace", "Nowhere"),
            _kv(5, "6", "Birthday Card", "not a date")]
    results = list(derive_key_values("patfield.txt", PATFIELD, SETTINGS, rows))
    first, second, orphan_row, third_q = results[:4]
    assert isinstance(first, DerivedRecord) and first.partial and first.rows == [1, 2]
    assert first.fields == {"source_id": "5", "preferred_name": "Annie"}
    assert first.extra == {"Birthplace": "Boston"}
    assert isinstance(second, DerivedRecord) and second.extra == {"Hobby": "Chess"}
    assert isinstance(orphan_row, Quarantined) and orphan_row.row == 4
    assert isinstance(third_q, Quarantined) and third_q.field == "date_of_birth"
    assert third_q.row == 5 and "not a date" not in third_q.reason
    # every row is accounted for exactly once
    derived_rows = [n for r in results if isinstance(r, DerivedRecord) for n in r.rows]
    quarantined_rows = [r.row for r in results if isinstance(r, Quarantined)]
    assert sorted(derived_rows + quarantined_rows) == [1, 2, 3, 4, 5]


def test_key_value_needs_a_layout() -> None:
    with pytest.raises(ValueError, match="key_value"):
        list(derive_key_values("x", PATIENTS, SETTINGS, []))


FHIR = FileMapping(kind="fhir")


def test_fhir_entries_derive_through_the_standard_mapping() -> None:
    entry = {"fullUrl": "urn:uuid:p1", "resource": {
        "resourceType": "Patient", "id": "p1", "birthDate": "1984-02-29",
        "name": [{"family": "Lee", "given": ["Ann"]}], "gender": "female"}}
    observation = {"fullUrl": None, "resource": {"resourceType": "Observation", "id": "o1"}}
    t = FileTally()
    [patient] = derive_row("b.json", FHIR, SETTINGS, SourceRow(1, entry))
    tally(t, [patient], "fhir")
    assert isinstance(patient, DerivedRecord) and patient.kind == "patient"
    assert patient.fields["date_of_birth"] == "1984-02-29" and patient.fields["sex"] == "female"
    ignored = derive_row("b.json", FHIR, SETTINGS, SourceRow(2, observation))
    tally(t, ignored, "fhir")
    assert all(isinstance(r, Quarantined) and r.ignored for r in ignored)
    assert (t.rows_read, t.rows_derived, t.rows_quarantined, t.rows_ignored) == (2, 1, 1, 1)


def test_fhir_reader_problems_are_quarantined() -> None:
    row = SourceRow(3, {"fullUrl": None, "resource": None}, problem="entry 3: not JSON",
                    problem_field="resource")
    [q] = derive_row("b.json", FHIR, SETTINGS, row)
    assert isinstance(q, Quarantined) and q.reason.startswith("reader:") and not q.ignored


def test_two_columns_for_one_field_keep_the_other_in_extra() -> None:
    mapping = FileMapping(kind="patient", columns={
        "ID": ColumnMapping(target="patient.source_id"),
        "Mobile": ColumnMapping(target="patient.phone_mobile"),
        "Cell": ColumnMapping(target="patient.phone_mobile")})
    [record] = derive_row("p.csv", mapping, SETTINGS,
                          _row(ID="1", Mobile="", Cell="508 828 7000"))
    assert isinstance(record, DerivedRecord) and record.fields["phone_mobile"] == "+15088287000"
    [record] = derive_row("p.csv", mapping, SETTINGS,
                          _row(ID="1", Mobile="508 828 7000", Cell="617 555 0100"))
    assert isinstance(record, DerivedRecord) and record.extra == {"Cell": "617 555 0100"}
    assert record.warnings


def test_key_value_row_with_an_undecodable_value_is_quarantined() -> None:
    bad = SourceRow(1, {"PatNum": "5", "FieldName": "Birthplace", "FieldValue": "B\ufffd"},
                    problem="undecodable bytes", problem_field="FieldValue")
    results = list(derive_key_values("patfield.txt", PATFIELD, SETTINGS,
                                     [bad, _kv(2, "5", "Preferred Name", "Annie")]))
    assert isinstance(results[0], Quarantined) and results[0].row == 1
    assert isinstance(results[1], DerivedRecord) and results[1].rows == [2]
