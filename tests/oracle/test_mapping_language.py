"""The oracle reads files mapped with the whole mapping language (routes, value maps, combined
targets, derived ids, id prefixes, split cells, twins) and finds the same records as derivation,
every value still naming the columns it came from."""

from __future__ import annotations

from domain.mapping import (
    ColumnMapping,
    Combine,
    FileMapping,
    MappingDocument,
    Route,
    Settings,
)
from domain.oracle.ledger import ledger, unaccounted
from domain.oracle.source import SourceReader
from domain.ports import SourceRow
from domain.records.derive import DerivedRecord, derive_row

FILE = FileMapping(
    kind="patient", id_prefix="emp-",
    columns={
        "PatNum": ColumnMapping(target="patient.source_id"),
        "Given": ColumnMapping(target="patient.first_name"),
        "Family": ColumnMapping(target="patient.last_name"),
        "Gender": ColumnMapping(target="patient.sex", values={"F": "female", "M": "male"}),
        "Allergies": ColumnMapping(target="allergy_condition.name", split=";",
                                   fixed={"kind": "allergy"}, values={"none": ""}),
        "PatStatus": ColumnMapping(),
    },
    combine=[Combine(target="patient.created_at", columns=["Day", "Time"])],
    route=Route(column="PatStatus", values={"6": "lead", "9": "drop"}))
DOC = MappingDocument(settings=Settings(date_order="DMY", timezone="Europe/Paris"),
                      files={"pat.csv": FILE,
                             "pat.xlsx": FileMapping(kind="patient", twin_of="pat.csv")})
ROWS = [
    {"n": 1, "v": {"PatNum": "1", "Given": "Ada", "Family": "Byron", "Gender": "F",
                   "Allergies": "Latex; Penicillin", "PatStatus": "0", "Day": "02/01/2020",
                   "Time": "10:30"}},
    {"n": 2, "v": {"PatNum": "2", "Given": "Bo", "Family": "Lee", "Gender": "M",
                   "Allergies": "none", "PatStatus": "6", "Day": "", "Time": ""}},
    {"n": 3, "v": {"PatNum": "3", "Given": "Cy", "Family": "Dee", "Gender": "M",
                   "Allergies": "", "PatStatus": "9", "Day": "", "Time": ""}},
]


def test_the_oracle_finds_the_records_derivation_makes() -> None:
    reader = SourceReader(DOC)
    reader.read_file("pat.csv", ROWS)
    reader.read_file("pat.xlsx", ROWS)
    derived = {(r.kind, r.source_id): r for row in ROWS for r in derive_row(
        "pat.csv", FILE, DOC.settings, SourceRow(row["n"], row["v"], None, None))
        if isinstance(r, DerivedRecord)}
    assert set(reader.records) == set(derived)
    assert ("lead", "emp-2") in reader.records and ("patient", "emp-3") not in reader.records
    ada = reader.records[("patient", "emp-1")]
    assert ada.values["sex"] == "female" and ada.cells["sex"].column == "Gender"
    assert ada.values["created_at"] == derived[("patient", "emp-1")].fields["created_at"]
    assert ada.values["created_at"].startswith("2020-01-02T10:30:00+01:00")
    assert ada.cells["created_at"].column == "Day+Time"
    allergies = sorted(r.values["name"] for r in reader.records.values()
                       if r.kind == "allergy_condition")
    assert allergies == ["Latex", "Penicillin"]
    assert reader.not_read["pat.xlsx"].startswith("the same table as pat.csv")


def test_the_language_s_columns_are_in_the_ledger() -> None:
    reader = SourceReader(DOC)
    reader.read_file("pat.csv", ROWS)
    reader.read_file("pat.xlsx", ROWS)
    lines = ledger(DOC, reader.columns, reader.filled, reader.not_read)
    status = {(line.file, line.column): line.status for line in lines}
    assert status[("pat.csv", "Day")] == status[("pat.csv", "Time")] == "combined"
    assert status[("pat.csv", "PatStatus")] == "combined"  # decides the row's kind
    assert {s for (f, _), s in status.items() if f == "pat.xlsx"} == {"dropped"}
    assert unaccounted(lines) == []
