"""A Vietnamese clinic's export read with no hand edit, each a class beyond one vendor: headers
and file names of short syllables (`Mã BN`, `Họ và tên`, `Ngày sinh`, `Giới tính`,
`Số điện thoại`, `Lịch hẹn`, `Bệnh án`), read as words the vocabulary writes and not clipped to
longer ones (`tên` is no `tentry`); sex and status words (`Nam`/`Nữ`, `Đã đến`, `Đã hủy`,
`Không đến`); whole names family name first with the given name last (`Nguyễn Văn An`)."""

from __future__ import annotations

import pytest

from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.proposal.text import phrase
from domain.records.normalise import parse_bool
from domain.records.parts import read_parts
from tests.mapping.test_failure_classes import Rows, _derive, _propose

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ")
MIDDLE = ("Văn", "Thị", "Minh", "Thị", "Đức", "Ngọc")
GIVEN = ("An", "Lan", "Tuấn", "Hương", "Dũng", "Mai")

PATIENT_HEADERS = ["Mã BN", "Họ và tên", "Ngày sinh", "Giới tính", "Số điện thoại", "Địa chỉ",
                   "Email", "Ngày tạo"]
PATIENTS = [[f"BN{1001 + i}", f"{FAMILY[i % 6]} {MIDDLE[i % 6]} {GIVEN[i % 6]}",
             f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1960 + i}", "Nam" if i % 2 == 0 else "Nữ",
             f"09{i % 10}{1000000 + 3 * i}", f"{i + 1} Lê Lợi, Quận 1, TP. Hồ Chí Minh",
             f"benhnhan{i}@example.vn", f"{1 + i % 27:02d}/{1 + i % 12:02d}/2020"]
            for i in range(24)]
APPOINTMENT_HEADERS = ["Mã lịch hẹn", "Mã BN", "Ngày hẹn", "Bác sĩ", "Dịch vụ", "Trạng thái",
                       "Ghi chú"]
STATES = ("Đã đặt", "Đã đến", "Hoàn thành", "Đã hủy", "Không đến")
APPOINTMENTS = [[f"LH{5001 + i}", f"BN{1001 + i % 24}",
                 f"{1 + i % 27:02d}/{1 + i % 12:02d}/2025 {8 + i % 9:02d}:{15 * (i % 4):02d}",
                 ("BS. Nguyễn Hải", "BS. Trần Thu")[i % 2], ("Cạo vôi", "Trám răng", "Khám")[i % 3],
                 STATES[i % 5], "Đau răng" if i % 3 == 0 else ""] for i in range(30)]
NOTE_HEADERS = ["Mã BN", "Ngày khám", "Bác sĩ", "Nội dung"]
NOTES = [[f"BN{1001 + i % 24}", f"{1 + i % 27:02d}/{1 + i % 12:02d}/2024", "BS. Nguyễn Hải",
          f"Sâu răng 36, trám composite. Tái khám sau {i + 1} tuần."] for i in range(20)]
FILES: dict[str, tuple[list[str], Rows]] = {"Danh sách bệnh nhân.csv": (PATIENT_HEADERS, PATIENTS),
         "Lịch hẹn.csv": (APPOINTMENT_HEADERS, APPOINTMENTS), "Bệnh án.csv": (NOTE_HEADERS, NOTES)}


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="DMY", country="VN")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Ngày sinh", "date_of_birth"), ("patient", "Giới tính", "sex"),
    ("patient", "Số điện thoại", "phone_home"), ("patient", "Di động", "phone_mobile"),
    ("patient", "Địa chỉ", "address_line1"), ("patient", "Họ", "last_name"),
    ("patient", "Tên", "first_name"), ("appointment", "Ngày hẹn", "starts_at"),
    ("appointment", "Trạng thái", "status"), ("appointment", "Ghi chú", "notes"),
    ("clinical_note", "Nội dung", "body"),
])
def test_vietnamese_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_vietnamese_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "Danh sách bệnh nhân.csv": "patient", "Lịch hẹn.csv": "appointment",
        "Bệnh án.csv": "clinical_note"}
    want = {
        "Danh sách bệnh nhân.csv": {
            "Mã BN": "patient.source_id", "Họ và tên": "patient.last_name",
            "Ngày sinh": "patient.date_of_birth", "Giới tính": "patient.sex",
            "Số điện thoại": "patient.phone_home", "Địa chỉ": "patient.address_line1",
            "Email": "patient.email", "Ngày tạo": "patient.created_at"},
        "Lịch hẹn.csv": {"Mã lịch hẹn": "appointment.source_id",
                         "Mã BN": "appointment.patient_source_id",
                         "Ngày hẹn": "appointment.starts_at",
                         "Bác sĩ": "appointment.provider_source_id",
                         "Dịch vụ": "appointment.appointment_type",
                         "Trạng thái": "appointment.status", "Ghi chú": "appointment.notes"},
        "Bệnh án.csv": {"Mã BN": "clinical_note.patient_source_id",
                        "Ngày khám": "clinical_note.created_at",
                        "Bác sĩ": "clinical_note.author_source_id",
                        "Nội dung": "clinical_note.body"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    assert doc.files["Danh sách bệnh nhân.csv"].columns["Giới tính"].values == {
        "Nam": "male", "Nữ": "female"}
    assert doc.files["Lịch hẹn.csv"].columns["Trạng thái"].values == {
        "Đã đặt": "booked", "Đã đến": "arrived", "Hoàn thành": "completed",
        "Đã hủy": "cancelled", "Không đến": "no_show"}


def test_the_vietnamese_rows_derive_with_the_given_name_last() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "Danh sách bệnh nhân.csv", PATIENT_HEADERS,
                                          PATIENTS)
    assert kinds["patient"] == 24 and not quarantined, quarantined[:2]
    first = records[0].fields
    assert (first["last_name"], first.get("middle_name"), first["first_name"]) == (
        "Nguyễn", "Văn", "An")
    assert first["date_of_birth"] == "1960-01-01" and first["sex"] == "male"
    assert first["phone_home"] == "+84901000000"
    kinds, quarantined, records = _derive(doc, "Lịch hẹn.csv", APPOINTMENT_HEADERS, APPOINTMENTS)
    assert kinds["appointment"] == 30 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")


def test_short_syllables_are_the_words_written_not_clipped() -> None:
    assert phrase("Họ và tên").tokens[-1] == "ten"  # not `tentry`


def test_a_vietnamese_name_in_one_cell() -> None:
    fields = ("first_name", "last_name", "middle_name")
    assert read_parts("name", "Trần Thị Ngọc Lan", fields, Settings(country="VN")) == {
        "last_name": "Trần", "middle_name": "Thị Ngọc", "first_name": "Lan"}


def test_vietnamese_yes_and_no() -> None:
    assert parse_bool("Có") is True and parse_bool("Không") is False
