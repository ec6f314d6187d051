"""A Japanese clinic's export read with no hand edit, each a class beyond one vendor: headers and
file names in kanji and kana (`患者番号`, `氏名`, `生年月日`, `電話番号`, `予約`, `カルテ`), the kana
reading (`フリガナ`) kept as a custom field, not a name; sex and status words (`男`/`女`, `来院`,
`キャンセル`, `無断キャンセル`); dates written `1985/03/05`, `1985年3月5日` or in the era
(`昭和60年3月5日`, `S60.3.5`) and full-width digits (`０９０`); whole names family name first,
one without a space kept whole rather than cut at a guess."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from adapters.sources.csv_source import CsvSource
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.proposal.text import similarity
from domain.proposal.values import enum_word
from domain.records.normalise import parse_bool, parse_date, parse_datetime
from domain.records.parts import read_parts
from tests.mapping.test_failure_classes import Rows, _derive, _propose

FAMILY = ("山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村")
GIVEN = ("太郎", "花子", "一郎", "美咲", "健太", "由美", "翔", "さくら")
KANA = ("ヤマダ タロウ", "サトウ ハナコ", "スズキ イチロウ", "タカハシ ミサキ", "タナカ ケンタ",
        "イトウ ユミ", "ワタナベ ショウ", "ナカムラ サクラ")
ERA = {"S": 1925, "H": 1988, "R": 2018}


def _born(i: int) -> dt.date:
    return dt.date(1950 + 2 * i, 1 + i % 12, 1 + i % 28)


def _written(born: dt.date, i: int) -> str:
    """The birth date as Japanese software writes it: slashes, kanji, or the era."""
    era, start = ("S", 1925) if born.year < 1989 else ("H", 1988)
    return (f"{born.year}/{born.month:02d}/{born.day:02d}",
            f"{born.year}年{born.month}月{born.day}日",
            f"{'昭和' if era == 'S' else '平成'}{born.year - start}年{born.month}月{born.day}日",
            f"{era}{born.year - start}.{born.month}.{born.day}")[i % 4]


def _wide(text: str) -> str:
    return text.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))


PATIENT_HEADERS = ["患者番号", "氏名", "フリガナ", "性別", "生年月日", "郵便番号", "住所",
                   "電話番号", "携帯電話", "保険者番号", "記号", "初診日"]
PATIENTS = [[str(1001 + i), f"{FAMILY[i % 8]}　{GIVEN[i % 8]}", KANA[i % 8],
             "男" if i % 2 == 0 else "女", _written(_born(i), i), f"〒{150 + i}-{1000 + 7 * i}",
             f"東京都渋谷区神南{1 + i % 3}-{i + 1}-{2 + i % 5}", f"03-{3400 + i}-{5600 + i}",
             _wide(f"090-{1200 + i}-{3400 + i}") if i % 3 == 0 else f"090-{1200 + i}-{3400 + i}",
             f"{1300 + i:08d}", f"協{10 + i % 5}", f"2015/{1 + i % 12:02d}/{1 + i % 27:02d}"]
            for i in range(20)]
APPOINTMENT_HEADERS = ["予約番号", "患者番号", "予約日時", "担当医", "診療内容", "状態", "備考"]
STATES = ("予約", "来院", "キャンセル", "無断キャンセル", "会計済")
APPOINTMENTS = [[str(5001 + i), str(1001 + i % 20),
                 f"2025/{1 + i % 12:02d}/{1 + i % 27:02d} {9 + i % 8}:{15 * (i % 4):02d}",
                 ("佐々木 医師", "小林 医師")[i % 2], ("定期検診", "虫歯治療", "クリーニング")[i % 3],
                 STATES[i % 5], "痛みあり" if i % 4 == 0 else ""] for i in range(30)]
NOTE_HEADERS = ["記録番号", "患者番号", "記載日", "記載者", "内容"]
NOTES = [[str(9001 + i), str(1001 + i % 20), f"2024年{1 + i % 12}月{1 + i % 27}日",
          "佐々木 医師", f"右下6番 う蝕処置。次回{i + 1}週間後。"] for i in range(20)]
ALLERGY_HEADERS = ["患者番号", "区分", "名称", "登録日"]
ALLERGIES = [[str(1001 + i % 20), "アレルギー" if i % 2 == 0 else "既往歴",
              ("ペニシリン", "高血圧症", "ラテックス", "糖尿病")[i % 4],
              f"2020/{1 + i % 12:02d}/{1 + i % 27:02d}"] for i in range(16)]
STAFF_HEADERS = ["スタッフID", "氏名", "職種", "メールアドレス", "在籍"]
STAFF = [["S01", "佐々木　誠", "歯科医師", "sasaki@example.jp", "はい"],
         ["S02", "小林　恵", "歯科衛生士", "kobayashi@example.jp", "はい"],
         ["S03", "加藤　愛", "受付", "kato@example.jp", "いいえ"],
         ["S04", "吉田　健", "歯科医師", "yoshida@example.jp", "はい"]]
FILES: dict[str, tuple[list[str], Rows]] = {"スタッフ一覧.csv": (STAFF_HEADERS, STAFF),"患者一覧.csv": (PATIENT_HEADERS, PATIENTS),
         "予約一覧_2025.csv": (APPOINTMENT_HEADERS, APPOINTMENTS),
         "カルテ.csv": (NOTE_HEADERS, NOTES), "アレルギー・既往歴.csv": (ALLERGY_HEADERS, ALLERGIES)}


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="YMD", country="JP")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "姓", "last_name"), ("patient", "名", "first_name"),
    ("patient", "生年月日", "date_of_birth"), ("patient", "性別", "sex"),
    ("patient", "電話番号", "phone_home"), ("patient", "携帯電話", "phone_mobile"),
    ("patient", "郵便番号", "postal_code"), ("patient", "住所", "address_line1"),
    ("patient", "メールアドレス", "email"), ("insurance", "保険者番号", "carrier_name"),
    ("appointment", "予約日時", "starts_at"), ("appointment", "状態", "status"),
    ("appointment", "備考", "notes"), ("clinical_note", "内容", "body"),
    ("allergy_condition", "名称", "name"),
])
def test_japanese_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_run_of_kanji_meets_the_words_it_holds_and_not_a_shared_syllable() -> None:
    assert similarity("電話番号", "電話番号") == 1.0
    assert similarity("電話番号", "电话号码") < 0.85  # 番号 and 号码 share a syllable only
    assert 0.5 <= similarity("携帯電話", "電話") < 0.85  # holds it: a partial match
    assert similarity("生年月日", "予約日時") < 0.5  # `ri` (日) and `yue` (月, 約) alike


def test_a_japanese_clinics_files_and_columns() -> None:
    doc = _doc()
    kinds = {name: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"スタッフ一覧.csv": "provider", "患者一覧.csv": "patient", "予約一覧_2025.csv": "appointment",
                     "カルテ.csv": "clinical_note", "アレルギー・既往歴.csv": "allergy_condition"}
    want = {
        "患者一覧.csv": {"患者番号": "patient.source_id", "性別": "patient.sex",
                     "生年月日": "patient.date_of_birth", "郵便番号": "patient.postal_code",
                     "住所": "patient.address_line1", "電話番号": "patient.phone_home",
                     "携帯電話": "patient.phone_mobile", "保険者番号": "insurance.carrier_name",
                     "記号": "insurance.group_number", "初診日": "patient.created_at"},
        "予約一覧_2025.csv": {"予約番号": "appointment.source_id",
                          "患者番号": "appointment.patient_source_id",
                          "予約日時": "appointment.starts_at",
                          "担当医": "appointment.provider_source_id",
                          "診療内容": "appointment.appointment_type",
                          "状態": "appointment.status", "備考": "appointment.notes"},
        "カルテ.csv": {"記録番号": "clinical_note.source_id",
                    "患者番号": "clinical_note.patient_source_id",
                    "記載日": "clinical_note.created_at",
                    "記載者": "clinical_note.author_source_id", "内容": "clinical_note.body"},
        "アレルギー・既往歴.csv": {"患者番号": "allergy_condition.patient_source_id",
                            "区分": "allergy_condition.kind",
                            "名称": "allergy_condition.name",
                            "登録日": "allergy_condition.recorded_at"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    patients = doc.files["患者一覧.csv"]
    assert patients.columns["フリガナ"].target in (None, "patient.custom")
    assert patients.columns["性別"].values == {"男": "male", "女": "female"}
    assert patients.columns["氏名"].target == "patient.last_name"  # whole names, read apart
    assert patients.columns["氏名"].parts == "name"
    visits = doc.files["予約一覧_2025.csv"]
    assert visits.columns["状態"].values == {"予約": "booked", "来院": "arrived",
                                           "キャンセル": "cancelled", "無断キャンセル": "no_show",
                                           "会計済": "completed"}
    staff = doc.files["スタッフ一覧.csv"].columns
    assert {h: c.target for h, c in staff.items()} == {
        "スタッフID": "provider.source_id", "氏名": "provider.last_name", "職種": "provider.role",
        "メールアドレス": "provider.email", "在籍": "provider.active"}
    assert staff["職種"].values == {"歯科医師": "provider", "歯科衛生士": "nurse",
                                  "受付": "front_desk"}
    kinds_of = doc.files["アレルギー・既往歴.csv"].columns["区分"].values
    assert kinds_of == {"アレルギー": "allergy", "既往歴": "condition"}


def test_the_japanese_rows_derive_with_their_dates_and_names() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "患者一覧.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 20 and not quarantined, quarantined[:2]
    people = [r.fields for r in records if r.kind == "patient"]
    assert [p["date_of_birth"] for p in people] == [_born(i).isoformat() for i in range(20)]
    assert (people[0]["last_name"], people[0]["first_name"]) == ("山田", "太郎")
    assert people[0]["sex"] == "male" and people[1]["sex"] == "female"
    assert people[0]["postal_code"] == "150-1000"  # the postal mark 〒 set aside
    assert people[0]["phone_mobile"].replace(" ", "").endswith("9012003400")
    kinds, quarantined, records = _derive(doc, "予約一覧_2025.csv", APPOINTMENT_HEADERS,
                                          APPOINTMENTS)
    assert kinds["appointment"] == 30 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2025-02-02T10:15")
    kinds, quarantined, records = _derive(doc, "スタッフ一覧.csv", STAFF_HEADERS, STAFF)
    assert kinds["provider"] == 4 and not quarantined, quarantined[:2]
    assert [(r.fields["last_name"], r.fields["first_name"], r.fields.get("active"))
            for r in records[2:3]] == [("加藤", "愛", False)]
    kinds, quarantined, records = _derive(doc, "カルテ.csv", NOTE_HEADERS, NOTES)
    assert kinds["clinical_note"] == 20 and not quarantined, quarantined[:2]
    assert records[0].fields["created_at"].startswith("2024-01-01")


@pytest.mark.parametrize(("text", "day"), [
    ("1985/03/05", "1985-03-05"), ("1985年3月5日", "1985-03-05"), ("昭和60年3月5日", "1985-03-05"),
    ("S60.3.5", "1985-03-05"), ("S60/03/05", "1985-03-05"), ("平成元年1月8日", "1989-01-08"),
    ("H1.1.8", "1989-01-08"), ("令和5年4月1日", "2023-04-01"), ("R5.4.1", "2023-04-01"),
    ("大正15年12月1日", "1926-12-01"), ("１９８５/０３/０５", "1985-03-05"),
    ("１９８５年３月５日", "1985-03-05"),
])
def test_japanese_dates_in_the_calendar_and_the_era(text: str, day: str) -> None:
    assert parse_date(text, "YMD")[0].isoformat() == day
    assert parse_date(text, "DMY")[0].isoformat() == day  # the order says nothing of these


@pytest.mark.parametrize(("text", "moment"), [
    ("2025年4月1日 10:30", "2025-04-01T10:30"), ("2025/04/01 １０:３０", "2025-04-01T10:30"),
    ("2025/04/01(火) 10:30", "2025-04-01T10:30"), ("2025年4月1日（火） 10時30分", "2025-04-01T10:30"),
    ("2025/04/01 午後2:30", "2025-04-01T14:30"), ("R7.4.1 9時", "2025-04-01T09:00"),
])
def test_a_japanese_date_and_time(text: str, moment: str) -> None:
    assert parse_datetime(text, "YMD", Settings())[0].startswith(moment)


def test_a_status_in_half_width_katakana() -> None:
    assert enum_word("appointment", "status", "ｷｬﾝｾﾙ") == "cancelled"


def test_a_japanese_whole_name_is_family_name_first_and_one_without_a_space_kept_whole() -> None:
    japan = Settings(country="JP")
    fields = ("first_name", "last_name", "middle_name")
    assert read_parts("name", "山田　太郎", fields, japan) == {"last_name": "山田",
                                                            "first_name": "太郎"}
    assert read_parts("name", "山田太郎", fields, japan) == {"last_name": "山田太郎"}


def test_japanese_yes_and_no() -> None:
    assert parse_bool("はい") is True and parse_bool("有") is True
    assert parse_bool("いいえ") is False and parse_bool("無") is False


@pytest.mark.parametrize(("encoding", "name"), [("cp932", "shift_jis"),
                                                ("utf-8-sig", "utf-8-sig")])
def test_a_japanese_export_in_shift_jis_or_with_a_bom_is_told(tmp_path: Path, encoding: str,
                                                               name: str) -> None:
    rows = PATIENTS[:6]  # the full-width digits and 〒 of Japanese text in the code page too
    text = "\r\n".join(",".join(r) for r in [PATIENT_HEADERS, *rows]) + "\r\n"
    path = tmp_path / "患者一覧.csv"
    path.write_bytes(text.encode(encoding))
    source = CsvSource(path)
    assert source.fingerprint().encoding == name
    assert [list(r.values.values()) for r in source.rows()] == rows
