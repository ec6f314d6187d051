"""A Korean clinic's receipts and diagnoses read as billing and conditions, a class beyond one
vendor (the Korean EMR exports `수납내역` and `상병내역` by those names): without these words both
files were read as patients, their chart number as a patient's own id, and every receipt and
diagnosis lost. Words: receipts `수납` (`수납일자`, `수납액`, `미수금`), diagnoses `상병`/`진단`
(`상병코드`, `상병명`, `진단일자`), and the insurance class `보험유형`."""

from __future__ import annotations

import pytest

from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from tests.mapping.test_failure_classes import _propose

NAMES = ("김민준", "이서연", "박지호", "최유진", "남궁민")
PATIENTS = [[str(10001 + i), NAMES[i % 5], f"010-{2000 + i}-{3000 + i}",
             ("건강보험", "의료급여", "일반")[i % 3]] for i in range(30)]
RECEIPTS = [[f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}", str(10001 + i % 30), NAMES[i % 5],
             f"{20000 + 1000 * i:,}", f"{1000 * (i + 1):,}", "0" if i % 4 else "5,000",
             ("카드", "현금")[i % 2], ""] for i in range(25)]
DIAGNOSES = [[str(10001 + i % 30), f"2023-{1 + i % 9:02d}-{10 + i % 9}", ("J00", "K21.9")[i % 2],
              ("급성 비인두염", "위-식도역류병")[i % 2], ("주", "부")[i % 2], "이서연"]
             for i in range(25)]


def _doc() -> MappingDocument:
    return _propose({
        "환자명단.csv": (["차트번호", "수진자명", "휴대전화", "보험유형"], PATIENTS),
        "수납내역.csv": (["수납일자", "차트번호", "수진자명", "총진료비", "수납액", "미수금",
                       "결제수단", "비고"], RECEIPTS),
        "상병내역.csv": (["차트번호", "진단일자", "상병코드", "상병명", "주/부", "진료의"],
                      DIAGNOSES)}, date_order="YMD")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("billing", "수납일", "last_payment_date"), ("billing", "수납금액", "last_payment_amount"),
    ("billing", "미수액", "outstanding_balance"), ("allergy_condition", "진단일", "recorded_at"),
    ("allergy_condition", "진단명", "name"), ("insurance", "보험유형", "plan_type"),
])
def test_korean_receipt_and_diagnosis_headers_name_their_fields(kind: str, header: str,
                                                                field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_korean_receipts_and_diagnoses_are_linked_to_their_patients() -> None:
    doc = _doc()
    assert {name: fm.kind for name, fm in doc.files.items()} == {
        "환자명단.csv": "patient", "수납내역.csv": "billing", "상병내역.csv": "allergy_condition"}
    want = {
        "환자명단.csv": {"차트번호": "patient.source_id", "보험유형": "insurance.plan_type"},
        "수납내역.csv": {"수납일자": "billing.last_payment_date",
                     "차트번호": "billing.patient_source_id",
                     "수납액": "billing.last_payment_amount",
                     "미수금": "billing.outstanding_balance"},
        "상병내역.csv": {"차트번호": "allergy_condition.patient_source_id",
                     "진단일자": "allergy_condition.recorded_at",
                     "상병코드": "allergy_condition.code", "상병명": "allergy_condition.name"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.reasons)
