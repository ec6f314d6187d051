"""The proposal engine on small exports built here: kinds, targets, custom fields, conflicts,
date order, value evidence, key/value tables and the whole document."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.mapping import FileMapping, MappingDocument
from domain.mapping import Settings as MappingSettings
from domain.proposal.propose import ColumnProfiler, FileProfile, propose, propose_file


def profile_of(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> FileProfile:
    profiler = ColumnProfiler(list(headers))
    for row in rows:
        profiler.add(dict(zip(headers, row, strict=True)))
    return profiler.profile()


def propose_rows(name: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> FileMapping:
    return propose_file(name, headers, profile_of(headers, rows))


PATIENT_HEADERS = ["Pt ID", "First Name", "Surname", "DOB", "Gender", "E-mail", "Cell", "Zip"]
PATIENT_ROWS = [
    [str(i), f"Ann{i % 7}", f"Lee{i % 5}", f"{(i % 28) + 1:02d}/{(i % 12) + 1:02d}/19{50 + i % 40}",
     "FM"[i % 2], f"p{i}@example.org", f"(555) 201-{1000 + i}", f"{10000 + i}"]
    for i in range(40)
]


def test_a_patient_file_is_recognised_and_mapped() -> None:
    fm = propose_rows("Patients Export.csv", PATIENT_HEADERS, PATIENT_ROWS)
    assert fm.kind == "patient" and fm.confidence >= 0.9
    targets = {h: c.target for h, c in fm.columns.items()}
    assert targets == {
        "Pt ID": "patient.source_id", "First Name": "patient.first_name",
        "Surname": "patient.last_name", "DOB": "patient.date_of_birth", "Gender": "patient.sex",
        "E-mail": "patient.email", "Cell": "patient.phone_mobile", "Zip": "patient.postal_code",
    }
    dob = fm.columns["DOB"]
    assert dob.reasons[0].startswith("header 'DOB' is a synonym of patient.date_of_birth")
    assert "100% of values are dates" in dob.reasons
    assert any("day > 12 in position 1" in r for r in dob.reasons)
    assert fm.date_order == "DMY"
    assert all(0.0 <= c.confidence <= 1.0 for c in fm.columns.values())


def test_the_kind_comes_from_the_headers_when_the_file_name_says_nothing() -> None:
    headers = ["Appt ID", "PatNum", "Provider", "Start", "End", "Visit Type", "Status"]
    rows = [[f"A{i}", str(i % 9), f"P{i % 3}", f"2024-05-{i % 28 + 1:02d}T09:00:00",
             f"2024-05-{i % 28 + 1:02d}T09:30:00", "Review", ("Booked", "Completed")[i % 2]]
            for i in range(30)]
    fm = propose_rows("export_0001.csv", headers, rows)
    assert fm.kind == "appointment"
    assert fm.columns["PatNum"].target == "appointment.patient_source_id"
    assert fm.columns["Start"].target == "appointment.starts_at"
    assert fm.columns["Status"].target == "appointment.status"
    assert any("headers are appointment fields" in r for r in fm.reasons)


def test_no_target_is_proposed_twice_and_the_loser_is_flagged() -> None:
    headers = ["Email", "Email Address", "Name"]
    rows = [[f"a{i}@example.org", f"b{i}@example.org", f"Ann {i}"] for i in range(20)]
    fm = propose_rows("patients.csv", headers, rows)
    targets = [c.target for c in fm.columns.values() if c.target]
    assert len(targets) == len(set(targets))
    losers = [c for c in fm.columns.values() if any("fits it better" in r for r in c.reasons)]
    assert len(losers) == 1 and losers[0].flagged and losers[0].target != "patient.email"


@pytest.mark.parametrize(("values", "cf_type", "choices"), [
    (["2021-01-05", "2022-03-04"], "Date", []),
    (["$12.50", "$1,200.00"], "Currency", []),
    (["3", "5", "3", "12"], "Number", []),
    (["Single", "Married", "Single", "Married", "Single"], "Decision", ["Married", "Single"]),
    (["likes jazz and long walks", "allergic to the cat next door"], "Text", []),
])
def test_columns_with_no_home_become_typed_custom_fields(
        values: list[str], cf_type: str, choices: list[str]) -> None:
    headers = ["Patient ID", "Favourite Colour Zzq"]
    free_text = cf_type == "Text"  # every row says something different
    rows = [[str(i), f"{v} ({i})" if free_text else v] for i, v in enumerate(values * 4)]
    fm = propose_rows("patients.csv", headers, rows)
    column = fm.columns["Favourite Colour Zzq"]
    assert column.target is None
    assert column.custom_field == "Favourite Colour Zzq"
    assert column.custom_field_type == cf_type
    if choices:
        assert any(", ".join(choices) in r for r in column.reasons)


def test_an_empty_column_with_no_home_is_left_out_and_flagged() -> None:
    fm = propose_rows("patients.csv", ["Patient ID", "Legacy Flag Qqx"], [["1", ""], ["2", ""]])
    column = fm.columns["Legacy Flag Qqx"]
    assert (column.target, column.custom_field, column.flagged) == (None, None, True)


def test_values_alone_can_propose_a_field_with_low_confidence() -> None:
    fm = propose_rows("patients.csv", ["Patient ID", "Contact"],
                      [[str(i), f"x{i}@example.org"] for i in range(10)])
    column = fm.columns["Contact"]
    assert column.target == "patient.email" and column.flagged and column.confidence < 0.7


def test_values_that_contradict_the_header_lower_the_confidence() -> None:
    good = propose_rows("patients.csv", ["DOB"], [["1980-01-02"]] * 5).columns["DOB"]
    bad = propose_rows("patients.csv", ["DOB"], [["someone@example.org"]] * 5).columns["DOB"]
    assert bad.confidence < good.confidence and bad.flagged and not good.flagged


def test_date_order_is_left_to_the_settings_when_not_proven() -> None:
    fm = propose_rows("patients.csv", ["Patient ID", "DOB"],
                      [["1", "01/02/1980"], ["2", "03/04/1990"]])
    assert fm.date_order is None
    assert any("not proven" in r for r in fm.reasons)
    assert propose_rows("patients.csv", ["DOB"], [["1980-01-02"]]).date_order == "YMD"
    assert propose_rows("patients.csv", ["DOB"], [["12/31/1980"]]).date_order == "MDY"


def test_a_key_value_table_is_proposed_per_field_name() -> None:
    headers = ["PatFieldNum", "PatNum", "FieldName", "FieldValue"]
    rows = []
    for i in range(80):
        rows.append([str(3 * i), str(i), "Referral Source", ("Google", "Friend")[i % 2]])
        rows.append([str(3 * i + 1), str(i), "Email 2", f"alt{i}@example.org"])
        rows.append([str(3 * i + 2), str(i), "Nick Name", f"Bo{i % 4}"])
    fm = propose_rows("patfield.csv", headers, rows)
    assert fm.kind == "patient"
    assert fm.key_value is not None
    assert (fm.key_value.record_column, fm.key_value.name_column, fm.key_value.value_column) == (
        "PatNum", "FieldName", "FieldValue")
    assert set(fm.key_values) == {"Referral Source", "Email 2", "Nick Name"}
    assert fm.key_values["Email 2"].target == "patient.email"
    assert fm.key_values["Nick Name"].target == "patient.preferred_name"
    referral = fm.key_values["Referral Source"]
    assert referral.target is None and referral.custom_field_type == "Decision"
    assert all(c.target is None for c in fm.columns.values())


def test_the_document_keeps_settings_and_lists_custom_field_choices() -> None:
    headers = ["Patient ID", "Marital Status"]
    rows = [[str(i), ("Single", "Married")[i % 2]] for i in range(10)]
    chosen = MappingSettings(country="AU", currency="AUD", date_order="DMY")
    doc = propose({"clients.csv": (headers, profile_of(headers, rows))}, chosen)
    assert isinstance(doc, MappingDocument) and doc.settings == chosen
    assert doc.files["clients.csv"].kind == "patient"
    assert doc.nutshell["patient"].custom_field_types == {"Marital Status": "Decision"}
    assert doc.nutshell["patient"].choices == {"Marital Status": ["Married", "Single"]}
    assert MappingDocument.from_data(doc.to_data()).content_hash() == doc.content_hash()


def test_flagged_means_low_confidence_or_a_lost_contest() -> None:
    fm = propose_rows("patients.csv", PATIENT_HEADERS + ["Email"], [r + ["z@example.org"] for r in PATIENT_ROWS])
    for column in fm.columns.values():
        lost = any("fits it better" in r for r in column.reasons)
        assert column.flagged == (column.confidence < 0.7 or lost), column


def test_the_engine_is_pure_and_never_reads_profiles() -> None:
    root = Path(__file__).resolve().parents[2] / "domain" / "proposal"
    sources = [p.read_text(encoding="utf-8") for p in root.glob("*.py")]
    assert len(sources) >= 8  # the package is where it is said to be
    for text in sources:
        assert not re.search(r"^\s*(import|from)\s+(os|io|pathlib|yaml|adapters|consumers)\b",
                             text, re.MULTILINE)
        assert not re.search(r"\bopen\(|adapters[./]profiles|\.yaml", text)


HEADER_WORDS = ["Patient", "ID", "DOB", "Email", "Phone", "Home", "Mobile", "Name", "First",
                "Last", "Date", "Status", "Notes", "Code", "Zip", "Fecha", "Nom", "Qqz", "#", "_"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(HEADER_WORDS), min_size=1, max_size=3).map(" ".join),
                min_size=1, max_size=8, unique=True),
       st.sampled_from(["patients.csv", "appointments.csv", "data.csv"]))
def test_any_headers_give_a_consistent_mapping(headers: list[str], name: str) -> None:
    rows = [[f"v{i}{j}" for j in range(len(headers))] for i in range(5)]
    fm = propose_rows(name, headers, rows)
    assert set(fm.columns) == set(headers)
    targets = [c.target for c in fm.columns.values() if c.target]
    assert len(targets) == len(set(targets))
    for column in fm.columns.values():
        assert 0.0 <= column.confidence <= 1.0 and column.reasons
        assert column.flagged == (column.confidence < 0.7 or any("fits it better" in r
                                                                 for r in column.reasons))
        assert column.target is None or column.custom_field is None


def test_a_small_ordinary_file_is_not_taken_for_a_key_value_table() -> None:
    headers = ["Patient ID", "Name", "Value"]
    rows = [[str(i), f"Person {i}", f"{i}.00"] for i in range(30)]
    fm = propose_rows("patients.csv", headers, rows)
    assert fm.key_value is None and not fm.key_values
    assert fm.columns["Patient ID"].target == "patient.source_id"


def test_a_consultation_part_that_lost_a_field_to_a_rival_is_not_left_doubted() -> None:
    # a draw Hypothesis once made above: `Patient Notes` read into the note's body
    headers = ["Patient", "Patient Notes", "Patient Name Notes"]
    rows = [[f"v{i}{j}" for j in range(len(headers))] for i in range(5)]
    fm = propose_rows("appointments.csv", headers, rows)
    column = fm.columns["Patient Notes"]
    assert column.flagged == (column.confidence < 0.7 or any("fits it better" in r
                                                             for r in column.reasons))
