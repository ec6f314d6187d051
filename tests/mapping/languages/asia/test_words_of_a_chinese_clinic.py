"""A Chinese clinic's export read with no hand edit, simplified (mainland) and traditional
(Taiwan), each a class beyond one vendor: headers and file names in characters (`患者编号`,
`姓名`, `性别`, `出生日期`, `手机`, `身份证号`, `预约记录`, `病历`; `病患資料`, `性別`, `手機`);
sex and status words (`男`/`女`, `已到诊`, `已取消`, `爽约`); whole names with no space read
family name first (`王小明`: 王, 小明; `欧阳娜娜`: 欧阳, 娜娜); the birth date read from a
resident identity number whose check holds; Republic of China years (`民國74年3月5日`); and the
GB18030 and Big5 code pages told apart from the Western ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from adapters.sources.csv_source import CsvSource
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool, parse_date
from domain.records.parts import read_parts
from tests.mapping.test_failure_classes import Rows, _derive, _propose

NAMES = ("王小明", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "欧阳娜娜")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _born(i: int) -> dt.date:
    return dt.date(1960 + i, 1 + i % 12, 1 + i % 28)


def _resident_id(born: dt.date, serial: int) -> str:
    body = f"110105{born:%Y%m%d}{serial:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


PATIENT_HEADERS = ["患者编号", "姓名", "性别", "身份证号", "手机", "地址", "建档日期", "备注"]
PATIENTS = [[f"P{2001 + i}", NAMES[i % 8], "男" if i % 2 == 0 else "女",
             _resident_id(_born(i), 100 + 7 * i), f"138{1000 + i:04d}{5000 + i:04d}",
             f"北京市朝阳区建国路{10 + i}号", f"2019-{1 + i % 12:02d}-{1 + i % 27:02d}",
             "青霉素过敏" if i % 5 == 0 else ""] for i in range(24)]
APPOINTMENT_HEADERS = ["预约编号", "患者编号", "预约时间", "医生", "预约项目", "状态", "备注"]
STATES = ("已预约", "已到诊", "已完成", "已取消", "爽约")
APPOINTMENTS = [[f"Y{7001 + i}", f"P{2001 + i % 24}",
                 f"2025-{1 + i % 12:02d}-{1 + i % 27:02d} {9 + i % 8:02d}:{15 * (i % 4):02d}",
                 ("张医生", "李医生")[i % 2], ("洗牙", "补牙", "复诊")[i % 3], STATES[i % 5],
                 "牙痛" if i % 3 == 0 else ""] for i in range(30)]
NOTE_HEADERS = ["记录编号", "患者编号", "就诊日期", "记录人", "病历内容"]
NOTES = [[f"B{9001 + i}", f"P{2001 + i % 24}", f"2024/{1 + i % 12}/{1 + i % 27}", "张医生",
          f"主诉：右下后牙疼痛{i + 1}天。处理：充填。"] for i in range(20)]
FILES: dict[str, tuple[list[str], Rows]] = {"患者信息.csv": (PATIENT_HEADERS, PATIENTS), "预约记录.csv": (APPOINTMENT_HEADERS,
                                                                 APPOINTMENTS),
         "病历.csv": (NOTE_HEADERS, NOTES)}
TW_HEADERS = ["病歷號碼", "姓名", "性別", "出生日期", "手機", "地址", "電子郵件"]
TW_NAMES = ("陳美玲", "林志明", "黃淑芬", "張家豪", "李怡君", "王建宏")
TW_PATIENTS = [[str(30001 + i), TW_NAMES[i % 6], "女" if i % 2 == 0 else "男",
                f"民國{49 + i}年{1 + i % 12}月{1 + i % 28}日", f"0912-{345000 + i}",
                f"台北市大安區復興南路{i + 1}號", f"patient{i}@example.com.tw"] for i in range(18)]


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="YMD", country="CN")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "出生日期", "date_of_birth"), ("patient", "性别", "sex"),
    ("patient", "手机", "phone_mobile"), ("patient", "手机号码", "phone_mobile"),
    ("patient", "联系电话", "phone_home"), ("patient", "地址", "address_line1"),
    ("patient", "邮编", "postal_code"), ("patient", "姓", "last_name"),
    ("patient", "名", "first_name"), ("patient", "性別", "sex"), ("patient", "手機", "phone_mobile"),
    ("patient", "電子郵件", "email"), ("appointment", "预约时间", "starts_at"),
    ("appointment", "状态", "status"), ("appointment", "狀態", "status"),
    ("appointment", "备注", "notes"), ("clinical_note", "病历内容", "body"),
])
def test_chinese_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_chinese_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "患者信息.csv": "patient", "预约记录.csv": "appointment", "病历.csv": "clinical_note"}
    want = {
        "患者信息.csv": {"患者编号": "patient.source_id", "姓名": "patient.last_name",
                     "性别": "patient.sex", "手机": "patient.phone_mobile",
                     "地址": "patient.address_line1", "建档日期": "patient.created_at"},
        "预约记录.csv": {"预约编号": "appointment.source_id",
                     "患者编号": "appointment.patient_source_id",
                     "预约时间": "appointment.starts_at",
                     "医生": "appointment.provider_source_id",
                     "预约项目": "appointment.appointment_type", "状态": "appointment.status",
                     "备注": "appointment.notes"},
        "病历.csv": {"记录编号": "clinical_note.source_id",
                   "患者编号": "clinical_note.patient_source_id",
                   "就诊日期": "clinical_note.created_at",
                   "记录人": "clinical_note.author_source_id", "病历内容": "clinical_note.body"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    patients = doc.files["患者信息.csv"]
    assert patients.columns["性别"].values == {"男": "male", "女": "female"}
    [born] = [c for c in patients.combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["身份证号"] and born.identity
    assert doc.files["预约记录.csv"].columns["状态"].values == {
        "已预约": "booked", "已到诊": "arrived", "已完成": "completed", "已取消": "cancelled",
        "爽约": "no_show"}


def test_the_chinese_rows_derive_family_name_first_with_the_id_cards_birth_date() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "患者信息.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 24 and not quarantined, quarantined[:2]
    people = [r.fields for r in records if r.kind == "patient"]
    assert [p["date_of_birth"] for p in people] == [_born(i).isoformat() for i in range(24)]
    assert [(p["last_name"], p.get("first_name")) for p in people[:2]] == [
        ("王", "小明"), ("李", "娜")]
    assert (people[7]["last_name"], people[7]["first_name"]) == ("欧阳", "娜娜")
    assert people[0]["phone_mobile"] == "+8613810005000"
    kinds, quarantined, records = _derive(doc, "预约记录.csv", APPOINTMENT_HEADERS, APPOINTMENTS)
    assert kinds["appointment"] == 30 and not quarantined, quarantined[:2]
    assert records[3].fields["status"] == "cancelled"
    kinds, quarantined, records = _derive(doc, "病历.csv", NOTE_HEADERS, NOTES)
    assert kinds["clinical_note"] == 20 and not quarantined, quarantined[:2]
    assert records[1].fields["created_at"].startswith("2024-02-02")


def test_a_taiwanese_clinics_traditional_characters_and_republic_years() -> None:
    doc = _propose({"病患資料.csv": (TW_HEADERS, TW_PATIENTS)}, date_order="YMD", country="TW")
    fm = doc.files["病患資料.csv"]
    assert fm.kind == "patient"
    targets = {h: c.target for h, c in fm.columns.items()}
    assert targets == {"病歷號碼": "patient.source_id", "姓名": "patient.last_name",
                       "性別": "patient.sex", "出生日期": "patient.date_of_birth",
                       "手機": "patient.phone_mobile", "地址": "patient.address_line1",
                       "電子郵件": "patient.email"}
    kinds, quarantined, records = _derive(doc, "病患資料.csv", TW_HEADERS, TW_PATIENTS)
    assert kinds["patient"] == 18 and not quarantined, quarantined[:2]
    first = records[0].fields
    assert (first["last_name"], first["first_name"], first["date_of_birth"]) == (
        "陳", "美玲", "1960-01-01")


@pytest.mark.parametrize(("number", "header", "born"), [
    ("11010519850305123X", "", "1985-03-05"), ("110105198503051230", "身份证号", None),
    ("11010519851305123X", "", None),  # month 13
])
def test_a_resident_identity_number_writes_the_birth_date_when_its_check_holds(
        number: str, header: str, born: str | None) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) == born


def test_names_in_characters_with_no_space() -> None:
    china, nowhere = Settings(country="CN"), Settings()
    fields = ("first_name", "last_name", "middle_name")
    assert read_parts("name", "王小明", fields, china) == {"last_name": "王", "first_name": "小明"}
    assert read_parts("name", "司马光", fields, china) == {"last_name": "司马", "first_name": "光"}
    assert read_parts("name", "王小明", fields, nowhere) == {"last_name": "王小明"}  # no guess
    assert read_parts("name", "Wang Xiaoming", fields, china) == {"last_name": "Wang",
                                                                 "first_name": "Xiaoming"}


def test_republic_of_china_years() -> None:
    assert parse_date("民國74年3月5日", "YMD")[0].isoformat() == "1985-03-05"


def test_chinese_yes_and_no() -> None:
    assert parse_bool("是") is True and parse_bool("有") is True
    assert parse_bool("否") is False and parse_bool("无") is False


@pytest.mark.parametrize(("encoding", "name"), [("gb18030", "gb18030"), ("big5", "big5")])
def test_a_chinese_code_page_is_told(tmp_path: Path, encoding: str, name: str) -> None:
    rows = PATIENTS[:6] if encoding == "gb18030" else TW_PATIENTS[:6]
    headers = PATIENT_HEADERS if encoding == "gb18030" else TW_HEADERS
    text = "\r\n".join(",".join(r) for r in [headers, *rows]) + "\r\n"
    path = tmp_path / "患者.csv"
    path.write_bytes(text.encode(encoding))
    source = CsvSource(path)
    assert source.fingerprint().encoding == name
    assert [r.values[headers[1]] for r in source.rows()] == [r[1] for r in rows]
