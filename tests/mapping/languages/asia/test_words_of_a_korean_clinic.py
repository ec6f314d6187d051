"""A Korean clinic's export read with no hand edit, each a class beyond one vendor: headers and
file names in Hangul (`환자번호`, `이름`, `성별`, `생년월일`, `주민등록번호`, `휴대폰`, `예약`,
`진료기록`), spaced or not (`휴대폰 번호`); sex and status words (`남`/`여`, `내원`, `취소`,
`노쇼`); a name in Hangul family name first, with no space cut after its first syllable (two for
the double family names); the birth date read from a resident registration number; dates
written `1985년 3월 5일` or `1985. 3. 5.`; and EUC-KR (CP949) told from the Western code pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from adapters.sources.csv_source import CsvSource
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool, parse_date, parse_datetime
from domain.records.parts import read_parts
from tests.mapping.test_failure_classes import Rows, _derive, _propose

NAMES = ("김민수", "이영희", "박지훈", "최수진", "정우성", "강하늘", "조은비", "남궁민")
_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def _born(i: int) -> dt.date:
    return dt.date(1958 + 3 * i, 1 + i % 12, 1 + i % 28)


def _registration_number(born: dt.date, male: bool, serial: int) -> str:
    century = (1 if male else 2) + (2 if born.year >= 2000 else 0)
    body = f"{born:%y%m%d}{century}{serial:05d}"
    check = (11 - sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11) % 10
    return f"{body[:6]}-{body[6:]}{check}"


PATIENT_HEADERS = ["환자번호", "이름", "성별", "생년월일", "주민등록번호", "휴대폰 번호", "주소",
                   "우편번호", "등록일"]
PATIENTS = [[str(10001 + i), NAMES[i % 8], "남" if i % 2 == 0 else "여",
             (f"{_born(i).year}년 {_born(i).month}월 {_born(i).day}일",
              f"{_born(i).year}. {_born(i).month}. {_born(i).day}.",
              _born(i).isoformat())[i % 3],
             _registration_number(_born(i), i % 2 == 0, 1000 + i),
             f"010-{2000 + i}-{3000 + i}", f"서울특별시 강남구 테헤란로 {100 + i}",
             f"{6000 + i}", f"2018-{1 + i % 12:02d}-{1 + i % 27:02d}"] for i in range(20)]
APPOINTMENT_HEADERS = ["예약번호", "환자번호", "예약일시", "담당의", "진료내용", "예약상태", "메모"]
STATES = ("예약", "내원", "진료완료", "취소", "노쇼")
APPOINTMENTS = [[str(50001 + i), str(10001 + i % 20),
                 f"2025-{1 + i % 12:02d}-{1 + i % 27:02d} {9 + i % 8}:{15 * (i % 4):02d}",
                 ("김원장", "이원장")[i % 2], ("스케일링", "충치치료", "정기검진")[i % 3],
                 STATES[i % 5], "통증 호소" if i % 4 == 0 else ""] for i in range(30)]
NOTE_HEADERS = ["기록번호", "환자번호", "진료일", "작성자", "내용"]
NOTES = [[str(90001 + i), str(10001 + i % 20), f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}",
          "김원장", f"하악 우측 어금니 충전. {i + 1}주 후 재내원."] for i in range(20)]
FILES: dict[str, tuple[list[str], Rows]] = {"환자목록.csv": (PATIENT_HEADERS, PATIENTS),
         "예약.csv": (APPOINTMENT_HEADERS, APPOINTMENTS), "진료기록.csv": (NOTE_HEADERS, NOTES)}


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="YMD", country="KR")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "생년월일", "date_of_birth"), ("patient", "성별", "sex"),
    ("patient", "휴대폰", "phone_mobile"), ("patient", "휴대폰 번호", "phone_mobile"),
    ("patient", "휴대폰번호", "phone_mobile"), ("patient", "전화번호", "phone_home"),
    ("patient", "주소", "address_line1"), ("patient", "우편번호", "postal_code"),
    ("patient", "이메일", "email"), ("patient", "성", "last_name"),
    ("appointment", "예약일시", "starts_at"), ("appointment", "예약상태", "status"),
    ("appointment", "상태", "status"), ("clinical_note", "내용", "body"),
])
def test_korean_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_korean_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "환자목록.csv": "patient", "예약.csv": "appointment", "진료기록.csv": "clinical_note"}
    want = {
        "환자목록.csv": {"환자번호": "patient.source_id", "이름": "patient.last_name",
                     "성별": "patient.sex", "생년월일": "patient.date_of_birth",
                     "휴대폰 번호": "patient.phone_mobile", "주소": "patient.address_line1",
                     "우편번호": "patient.postal_code", "등록일": "patient.created_at"},
        "예약.csv": {"예약번호": "appointment.source_id",
                   "환자번호": "appointment.patient_source_id",
                   "예약일시": "appointment.starts_at", "담당의": "appointment.provider_source_id",
                   "진료내용": "appointment.appointment_type", "예약상태": "appointment.status",
                   "메모": "appointment.notes"},
        "진료기록.csv": {"기록번호": "clinical_note.source_id",
                     "환자번호": "clinical_note.patient_source_id",
                     "진료일": "clinical_note.created_at",
                     "작성자": "clinical_note.author_source_id", "내용": "clinical_note.body"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    patients = doc.files["환자목록.csv"]
    assert patients.columns["성별"].values == {"남": "male", "여": "female"}
    assert doc.files["예약.csv"].columns["예약상태"].values == {
        "예약": "booked", "내원": "arrived", "진료완료": "completed", "취소": "cancelled",
        "노쇼": "no_show"}


def test_the_korean_rows_derive_family_name_first() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "환자목록.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 20 and not quarantined, quarantined[:2]
    people = [r.fields for r in records if r.kind == "patient"]
    assert [p["date_of_birth"] for p in people] == [_born(i).isoformat() for i in range(20)]
    assert [(p["last_name"], p["first_name"]) for p in people[:2]] == [("김", "민수"),
                                                                       ("이", "영희")]
    assert (people[7]["last_name"], people[7]["first_name"]) == ("남궁", "민")
    assert people[0]["phone_mobile"] == "+821020003000" and people[1]["sex"] == "female"
    kinds, quarantined, records = _derive(doc, "예약.csv", APPOINTMENT_HEADERS, APPOINTMENTS)
    assert kinds["appointment"] == 30 and not quarantined, quarantined[:2]
    assert [r.fields["status"] for r in records[:5]] == [
        "booked", "arrived", "completed", "cancelled", "no_show"]


def test_a_registration_number_alone_writes_the_birth_date() -> None:
    headers = [h for h in PATIENT_HEADERS if h != "생년월일"]
    rows = [[v for h, v in zip(PATIENT_HEADERS, row, strict=True) if h != "생년월일"]
            for row in PATIENTS]
    doc = _propose({"환자목록.csv": (headers, rows)}, date_order="YMD", country="KR")
    [born] = [c for c in doc.files["환자목록.csv"].combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["주민등록번호"] and born.identity


@pytest.mark.parametrize(("number", "header", "born"), [
    ("850305-1234561", "", "1985-03-05"),  # its check digit holds
    ("050101-3234566", "", "2005-01-01"),  # 3: a man born in the 2000s
    ("850305-1234560", "", None),  # the check fails, no header names it
    ("850305-1234560", "주민등록번호", "1985-03-05"),  # given since 2020: no check digit
])
def test_a_resident_registration_number_writes_the_birth_date(
        number: str, header: str, born: str | None) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) == born


@pytest.mark.parametrize(("text", "day"), [
    ("1985년 3월 5일", "1985-03-05"), ("1985년3월5일", "1985-03-05"), ("1985. 3. 5.", "1985-03-05"),
])
def test_korean_dates(text: str, day: str) -> None:
    assert parse_date(text, "YMD")[0].isoformat() == day


def test_a_korean_moment_with_its_weekday_and_afternoon() -> None:
    assert parse_datetime("2025년 4월 1일 (화) 오후 2:30", "YMD", Settings())[0].startswith(
        "2025-04-01T14:30")
    assert parse_datetime("2025-04-01 14시 30분", "YMD", Settings())[0].startswith(
        "2025-04-01T14:30")


def test_a_name_in_hangul_with_no_space_is_cut_after_the_family_name() -> None:
    fields = ("first_name", "last_name", "middle_name")
    assert read_parts("name", "김민수", fields, Settings()) == {"last_name": "김",
                                                              "first_name": "민수"}
    assert read_parts("name", "김 민수", fields, Settings()) == {"last_name": "김",
                                                               "first_name": "민수"}


def test_korean_yes_and_no() -> None:
    assert parse_bool("예") is True
    assert parse_bool("아니오") is False and parse_bool("아니요") is False


def test_the_korean_code_page_is_told(tmp_path: Path) -> None:
    text = "\r\n".join(",".join(r) for r in [PATIENT_HEADERS, *PATIENTS[:6]]) + "\r\n"
    path = tmp_path / "환자.csv"
    path.write_bytes(text.encode("cp949"))
    source = CsvSource(path)
    assert source.fingerprint().encoding == "euc-kr"
    assert [r.values["이름"] for r in source.rows()] == list(NAMES[:6])
