"""A Japanese clinic's bills (`会計一覧`: 会計日, 入金額, 未収金), amounts in whole yen: read as
billing by the file name's word and the columns' own words, where no billing word was known
and the file was read by its values alone (whole yen looked like anything but money)."""

from __future__ import annotations

from domain.mapping import MappingDocument
from tests.mapping.test_failure_classes import _propose

FAMILY = ("山本", "田中", "伊藤", "佐藤", "鈴木", "高橋")
GIVEN = ("陽菜", "悠真", "結衣", "蓮", "美咲", "大翔")
PATIENT_HEADERS = ["患者番号", "氏名", "生年月日", "性別", "電話番号"]
PATIENTS = [[f"{i + 1:06d}", f"{FAMILY[i % 6]}　{GIVEN[i % 5]}", f"19{60 + i}/0{1 + i % 9}/1{i % 9}",
             "女" if i % 2 else "男", f"090-{1000 + i}-{2000 + i}"] for i in range(24)]
BILL_HEADERS = ["会計日", "患者番号", "患者氏名", "保険点数", "請求額", "入金額", "未収金",
                "支払方法"]
BILLS = [[f"2023/0{1 + i % 9}/{10 + i % 18}", f"{1 + i % 24:06d}",
          f"{FAMILY[i % 6]}　{GIVEN[i % 5]}", str(200 + 37 * i), f"{(2 + i % 7) * 320:,}",
          f"{(2 + i % 7) * 320:,}" if i % 4 else "0", "0" if i % 4 else f"{(2 + i % 7) * 320:,}",
          ("現金", "クレジットカード", "QR決済", "電子マネー")[i % 4]] for i in range(30)]


def _doc() -> MappingDocument:
    return _propose({"患者一覧.csv": (PATIENT_HEADERS, PATIENTS),
                     "会計一覧.csv": (BILL_HEADERS, BILLS)}, date_order="YMD")


def test_a_japanese_clinics_bills_are_read_as_billing() -> None:
    bills = _doc().files["会計一覧.csv"]
    assert bills.kind == "billing"
    want = {"会計日": "billing.last_payment_date", "患者番号": "billing.patient_source_id",
            "入金額": "billing.last_payment_amount", "未収金": "billing.outstanding_balance"}
    for header, target in want.items():
        assert bills.columns[header].target == target, (header, bills.columns[header].reasons)
