"""A Thai clinic's export read with no hand edit, each a class beyond one vendor: headers and
file names in Thai letters, written without spaces (`ชื่อ`, `นามสกุล`, `วันเกิด`, `เพศ`,
`เบอร์โทรศัพท์`, `นัดหมาย`, `ประวัติแพ้ยา`), `HN` as the patient's number; sex and status words
(`ชาย`/`หญิง`, `มาตามนัด`, `ยกเลิก`, `ไม่มาตามนัด`); dates in Buddhist-era years (`05/03/2528` is
5 March 1985); and Windows-874 (TIS-620) told from the Western code pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from adapters.sources.csv_source import CsvSource
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.records.normalise import parse_bool, parse_date, parse_datetime
from tests.mapping.test_failure_classes import Rows, _derive, _propose

GIVEN = ("สมชาย", "สมหญิง", "วิชัย", "มาลี", "ประเสริฐ", "สุดา")
FAMILY = ("ใจดี", "รักไทย", "ศรีสุข", "บุญมา", "แสงทอง", "วงศ์ใหญ่")


def _born(i: int) -> dt.date:
    return dt.date(1955 + 2 * i, 1 + i % 12, 1 + i % 28)


PATIENT_HEADERS = ["HN", "ชื่อ", "นามสกุล", "เพศ", "วันเกิด", "เบอร์โทรศัพท์", "ที่อยู่", "จังหวัด",
                   "รหัสไปรษณีย์", "สิทธิการรักษา", "วันที่ลงทะเบียน"]
PATIENTS = [[f"{66000 + i:06d}", GIVEN[i % 6], FAMILY[i % 6], "ชาย" if i % 2 == 0 else "หญิง",
             f"{_born(i).day:02d}/{_born(i).month:02d}/{_born(i).year + 543}",
             f"08{i % 10}-{200 + i}-{4000 + i}", f"{i + 1} ถนนสุขุมวิท แขวงคลองเตย",
             ("กรุงเทพมหานคร", "เชียงใหม่", "ขอนแก่น")[i % 3], f"{10110 + i}",
             ("ประกันสังคม", "บัตรทอง", "ชำระเงินเอง")[i % 3],
             f"{1 + i % 27:02d}/{1 + i % 12:02d}/2563"] for i in range(24)]
APPOINTMENT_HEADERS = ["รหัสนัดหมาย", "HN", "วันที่นัด", "เวลานัด", "แพทย์", "บริการ", "สถานะ",
                       "หมายเหตุ"]
STATES = ("นัดแล้ว", "มาตามนัด", "เสร็จสิ้น", "ยกเลิก", "ไม่มาตามนัด")
APPOINTMENTS = [[f"AP{5001 + i}", f"{66000 + i % 24:06d}",
                 f"{1 + i % 27:02d}/{1 + i % 12:02d}/2568", f"{9 + i % 8:02d}:{15 * (i % 4):02d}",
                 ("ทพ.วิทยา", "ทพญ.อรุณี")[i % 2], ("ขูดหินปูน", "อุดฟัน", "ถอนฟัน")[i % 3],
                 STATES[i % 5], "ปวดฟัน" if i % 3 == 0 else ""] for i in range(30)]
ALLERGY_HEADERS = ["HN", "ชื่อยาที่แพ้", "อาการ", "วันที่บันทึก"]
ALLERGIES = [[f"{66000 + i % 24:06d}", ("เพนนิซิลลิน", "แอสไพริน", "ซัลฟา")[i % 3],
              ("ผื่นคัน", "หายใจลำบาก")[i % 2], f"{1 + i % 27:02d}/{1 + i % 12:02d}/2565"]
             for i in range(12)]
FILES: dict[str, tuple[list[str], Rows]] = {"ทะเบียนผู้ป่วย.csv": (PATIENT_HEADERS, PATIENTS),
         "นัดหมาย.csv": (APPOINTMENT_HEADERS, APPOINTMENTS),
         "ประวัติแพ้ยา.csv": (ALLERGY_HEADERS, ALLERGIES)}


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="DMY", country="TH")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "ชื่อ", "first_name"), ("patient", "นามสกุล", "last_name"),
    ("patient", "วันเกิด", "date_of_birth"), ("patient", "เพศ", "sex"),
    ("patient", "เบอร์มือถือ", "phone_mobile"), ("patient", "ที่อยู่", "address_line1"),
    ("patient", "รหัสไปรษณีย์", "postal_code"), ("patient", "อีเมล", "email"),
    ("appointment", "วันที่นัด", "starts_at"), ("appointment", "สถานะ", "status"),
    ("appointment", "หมายเหตุ", "notes"),
])
def test_thai_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_thai_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "ทะเบียนผู้ป่วย.csv": "patient", "นัดหมาย.csv": "appointment",
        "ประวัติแพ้ยา.csv": "allergy_condition"}
    want = {
        "ทะเบียนผู้ป่วย.csv": {
            "HN": "patient.source_id", "ชื่อ": "patient.first_name",
            "นามสกุล": "patient.last_name", "เพศ": "patient.sex",
            "วันเกิด": "patient.date_of_birth", "เบอร์โทรศัพท์": "patient.phone_home",
            "ที่อยู่": "patient.address_line1", "จังหวัด": "patient.state",
            "รหัสไปรษณีย์": "patient.postal_code", "สิทธิการรักษา": "insurance.carrier_name",
            "วันที่ลงทะเบียน": "patient.created_at"},
        "นัดหมาย.csv": {"รหัสนัดหมาย": "appointment.source_id",
                        "HN": "appointment.patient_source_id",
                        "แพทย์": "appointment.provider_source_id",
                        "บริการ": "appointment.appointment_type", "สถานะ": "appointment.status",
                        "หมายเหตุ": "appointment.notes"},
        "ประวัติแพ้ยา.csv": {"HN": "allergy_condition.patient_source_id",
                             "ชื่อยาที่แพ้": "allergy_condition.name",
                             "วันที่บันทึก": "allergy_condition.recorded_at"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    assert doc.files["ทะเบียนผู้ป่วย.csv"].columns["เพศ"].values == {"ชาย": "male",
                                                                    "หญิง": "female"}
    assert doc.files["นัดหมาย.csv"].columns["สถานะ"].values == {
        "นัดแล้ว": "booked", "มาตามนัด": "arrived", "เสร็จสิ้น": "completed", "ยกเลิก": "cancelled",
        "ไม่มาตามนัด": "no_show"}
    visits = doc.files["นัดหมาย.csv"]
    assert {c.target for c in visits.combine} >= {"appointment.starts_at"}


def test_the_thai_rows_derive_with_buddhist_years_read() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "ทะเบียนผู้ป่วย.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 24 and not quarantined, quarantined[:2]
    people = [r.fields for r in records if r.kind == "patient"]
    assert [p["date_of_birth"] for p in people] == [_born(i).isoformat() for i in range(24)]
    assert (people[0]["first_name"], people[0]["last_name"]) == ("สมชาย", "ใจดี")
    assert people[0]["phone_home"] == "+66802004000"
    assert people[0]["created_at"].startswith("2020-01-01")
    kinds, quarantined, records = _derive(doc, "นัดหมาย.csv", APPOINTMENT_HEADERS, APPOINTMENTS)
    assert kinds["appointment"] == 30 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2025-02-02T10:15")


@pytest.mark.parametrize(("text", "day"), [
    ("05/03/2528", "1985-03-05"), ("5/3/2528", "1985-03-05"), ("2528/03/05", "1985-03-05"),
    ("05/03/1985", "1985-03-05"),
])
def test_buddhist_era_years(text: str, day: str) -> None:
    assert parse_date(text, "DMY")[0].isoformat() == day
    assert parse_datetime(f"{text} 14:30", "DMY", Settings())[0].startswith(f"{day}T14:30")


def test_an_iso_date_is_read_as_written() -> None:
    assert parse_date("2528-03-05", "DMY")[0].isoformat() == "2528-03-05"


def test_thai_yes_and_no() -> None:
    assert parse_bool("ใช่") is True and parse_bool("มี") is True
    assert parse_bool("ไม่ใช่") is False and parse_bool("ไม่มี") is False


def test_the_thai_code_page_is_told(tmp_path: Path) -> None:
    text = "\r\n".join(",".join(r) for r in [PATIENT_HEADERS, *PATIENTS[:6]]) + "\r\n"
    path = tmp_path / "ผู้ป่วย.csv"
    path.write_bytes(text.encode("cp874"))
    source = CsvSource(path)
    assert source.fingerprint().encoding == "windows-874"
    assert [r.values["ชื่อ"] for r in source.rows()] == list(GIVEN[:6])
