"""The oracle's source side: rows read through the mapping keep their file, row and column;
the declared transformations only; every column accounted for exactly once."""

from __future__ import annotations

from domain.mapping import ColumnMapping, FileMapping, KeyValueLayout, MappingDocument, Settings
from domain.oracle.ledger import ledger, summary, unaccounted
from domain.oracle.source import SourceReader


def _doc() -> MappingDocument:
    cols = {
        "ID": ColumnMapping(target="patient.source_id"),
        "First": ColumnMapping(target="patient.first_name"),
        "Last": ColumnMapping(target="patient.last_name"),
        "DOB": ColumnMapping(target="patient.date_of_birth"),
        "Cell": ColumnMapping(target="patient.phone_mobile"),
        "Cell 2": ColumnMapping(target="patient.phone_mobile"),
        "Race": ColumnMapping(custom_field="Race", custom_field_type="Text"),
        "Title": ColumnMapping(reasons=["no Nutshell place for an honorific"]),
        "Carrier": ColumnMapping(target="insurance.carrier_name"),
        "Practice": ColumnMapping(target="patient.company_source_id"),
        "Stray": ColumnMapping(flagged=True),
    }
    kv = FileMapping(kind="patient", key_value=KeyValueLayout(
        record_column="PatNum", name_column="FieldName", value_column="FieldValue"),
        key_values={"Pronouns": ColumnMapping(custom_field="Pronouns"),
                    "Chart": ColumnMapping(target="patient.chart_number")})
    appts = FileMapping(kind="appointment", columns={
        "ID": ColumnMapping(target="appointment.source_id"),
        "Room": ColumnMapping(target="appointment.location"),
        "Colour": ColumnMapping(custom_field="Colour")})
    return MappingDocument(settings=Settings(date_order="DMY", country="US"),
                           files={"p.csv": FileMapping(kind="patient", columns=cols),
                                  "kv.csv": kv, "a.csv": appts})


ROWS = [
    {"n": 2, "v": {"ID": "7", "First": "Ada", "Last": "Byron", "DOB": "10/12/1815",
                   "Cell": "(617) 555-0123", "Cell 2": "617-555-0199", "Race": "White",
                   "Title": "", "Carrier": "Aetna", "Practice": "C1", "Stray": "x",
                   "Unmapped": "y"}},
    {"n": 3, "v": {"ID": "", "First": "No id"}},
    {"n": 4, "erased": True},
]


def _reader() -> SourceReader:
    reader = SourceReader(_doc())
    reader.read_file("p.csv", ROWS)
    reader.read_file("kv.csv", [
        {"n": 1, "v": {"PatNum": "7", "FieldName": "Pronouns", "FieldValue": "she/her"}},
        {"n": 2, "v": {"PatNum": "7", "FieldName": "Chart", "FieldValue": "C-77"}},
        {"n": 3, "v": {"PatNum": "7", "FieldName": "Shoe size", "FieldValue": "5"}}])
    reader.read_file("a.csv", [{"n": 1, "v": {"ID": "A1", "Room": "2", "Colour": "red"}}])
    return reader


def test_values_keep_their_cell_and_only_the_declared_transformations() -> None:
    rec = _reader().records[("patient", "7")]
    assert rec.values["date_of_birth"] == "1815-12-10"  # the mapping's day-first order
    assert rec.values["phone_mobile"] == "+16175550123"  # E.164
    assert rec.values["first_name"] == "Ada"
    assert rec.cells["phone_mobile"].column == "Cell" and rec.cells["phone_mobile"].row == 2
    # a second column for the same field is kept, so its values must reach Nutshell too
    assert rec.values["dup:phone_mobile:Cell 2"] == "+16175550199"
    # vendor columns sent as custom fields, from both layouts
    assert rec.values["cf:Race"] == "White" and rec.values["cf:Pronouns"] == "she/her"
    assert rec.values["chart_number"] == "C-77"
    assert rec.cells["chart_number"].column == "FieldValue[Chart]"


def test_secondary_kinds_of_a_row_and_rows_without_id() -> None:
    reader = _reader()
    policy = reader.records[("insurance", "7:insurance")]
    assert policy.values["patient_source_id"] == "7"
    assert policy.values["carrier_name"] == "Aetna"
    assert ("patient", "") not in reader.records  # no id: derivation quarantines it
    assert len([k for k in reader.records if k[0] == "patient"]) == 1


def test_every_column_has_exactly_one_status() -> None:
    reader = _reader()
    lines = ledger(_doc(), reader.columns, reader.filled, reader.not_read)
    status = {(line.file, line.column): line.status for line in lines}
    assert status[("p.csv", "First")] == "combined"  # first + last make the name
    assert status[("p.csv", "DOB")] == "custom"
    assert status[("p.csv", "Cell")] == "combined"  # two columns for one field
    assert status[("p.csv", "Race")] == "custom"
    assert status[("p.csv", "Title")] == "dropped"
    assert status[("p.csv", "Practice")] == "joined"
    assert status[("p.csv", "ID")] == "custom"  # Clinic Patient ID
    assert status[("p.csv", "Carrier")] == "custom"
    assert status[("kv.csv", "Pronouns")] == "custom"
    assert status[("kv.csv", "PatNum")] == "joined"
    assert status[("a.csv", "Room")] == "standard"
    assert status[("a.csv", "ID")] == "joined"  # the activity's identity: the cross-reference
    bad = {(line.file, line.column) for line in unaccounted(lines)}
    # not named, flagged without a target, a key nobody mapped, a custom field on activities
    assert bad == {("p.csv", "Unmapped"), ("p.csv", "Stray"), ("kv.csv", "Shoe size"),
                   ("a.csv", "Colour")}
    assert summary(lines)["unaccounted"] == 4
    assert len(lines) == len({(line.file, line.column) for line in lines})  # one line each


def test_unaccounted_when_clinical_kinds_are_not_opted_in_are_dropped_with_why() -> None:
    doc = MappingDocument(files={"n.csv": FileMapping(kind="clinical_note", columns={
        "ID": ColumnMapping(target="clinical_note.source_id"),
        "Text": ColumnMapping(target="clinical_note.body")})})
    reader = SourceReader(doc)
    reader.read_file("n.csv", [{"n": 1, "v": {"ID": "N1", "Text": "pain"}}])
    lines = ledger(doc, reader.columns, reader.filled, reader.not_read)
    assert {line.status for line in lines} == {"dropped"}
    assert all("clinical content not opted in" in line.detail for line in lines)


def test_fhir_resources_through_the_standard_s_mapping() -> None:
    doc = MappingDocument(files={"bundle.json": FileMapping(kind="fhir")})
    reader = SourceReader(doc)
    patient = {"resourceType": "Patient", "id": "p1", "birthDate": "1984-02-29",
               "name": [{"given": ["Ada"], "family": "Byron"}], "gender": "female"}
    reader.read_file("bundle.json", [{"n": 1, "v": {"fullUrl": "urn:uuid:p1",
                                                   "resource": patient}}])
    [(kind, sid)] = list(reader.records)
    rec = reader.records[(kind, sid)]
    assert kind == "patient" and rec.values["date_of_birth"] == "1984-02-29"
    assert rec.values["sex"] == "female" and rec.values["first_name"] == "Ada"
    assert rec.cells["date_of_birth"].column == "Patient.date_of_birth"
    [line] = ledger(doc, reader.columns, reader.filled, reader.not_read)
    assert line.status == "standard" and reader.not_read == {}
