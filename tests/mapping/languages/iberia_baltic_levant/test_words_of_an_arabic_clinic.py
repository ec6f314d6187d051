"""A clinic in the Gulf (UAE), its export read in Arabic with no hand edit: file names
(`المرضى`, `المواعيد`, `الفواتير`), headers compared in Latin letters (`الاسم الأول`,
`اسم العائلة`, `تاريخ الميلاد`, `الجنس`, `الجوال`, `البريد الإلكتروني`, `المدينة`, `الحالة`,
`رقم الملف`, `رقم الموعد`, `الطبيب`, `نوع الزيارة`, `ملاحظات`), value words (`ذكر`/`أنثى`,
`نشط`/`غير نشط`, `محجوز`, `مكتمل`, `ملغى`, `لم يحضر`, `مدفوع`), and numbers written in
Arabic-Indic digits (`٠٥٠ ١٢٣ ٤٥٦٧`, `١٢/٠٣/٢٠٢٤`, `١٠:٣٠ م`, `٣٥٠٫٠٠ د.إ`) read as the
digits they are; a Hijri birth date beside the Gregorian one is not read as a year 14xx."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.proposal.region import RegionEvidence
from domain.records.normalise import Invalid, parse_date, parse_datetime, parse_money, parse_phone
from domain.records.values.digits import ascii_digits
from tests.mapping.languages.iberia_baltic_levant.clinic import wrong_targets
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("محمد", "فاطمة", "أحمد", "مريم", "خالد", "نورة")
LAST = ("الهاشمي", "المنصوري", "الكعبي", "الظاهري", "النعيمي", "السويدي")


def arabic(text: str) -> str:
    """The text with its digits written in Arabic-Indic digits."""
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


PATIENT_HEADERS = ["رقم الملف", "الاسم الأول", "اسم العائلة", "تاريخ الميلاد",
                   "تاريخ الميلاد (هجري)", "الجنس", "رقم الهوية", "الجوال", "البريد الإلكتروني",
                   "المدينة", "الحالة"]
PATIENTS = [[arabic(str(5100 + i)), FIRST[i % 6], LAST[i % 6],
             arabic(f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1960 + i}"),
             arabic(f"{1380 + i}/{1 + i % 12:02d}/{1 + i % 28:02d}"),
             "ذكر" if i % 2 == 0 else "أنثى", f"784-{1960 + i}-{1234500 + i}-{i % 10}",
             arabic(f"05{(0, 2, 4, 5, 6, 8)[i % 6]} {100 + i} {4000 + i}"), f"patient{i}@example.ae",
             ("دبي", "الشارقة", "عجمان")[i % 3], "غير نشط" if i % 7 == 0 else "نشط"]
            for i in range(30)]
VISIT_HEADERS = ["رقم الموعد", "رقم الملف", "التاريخ", "الوقت", "الطبيب", "نوع الزيارة",
                 "الحالة", "ملاحظات"]
STATES = ("محجوز", "مكتمل", "ملغى", "لم يحضر")
VISITS = [[arabic(str(7000 + i)), arabic(str(5100 + i % 30)),
           arabic(f"{1 + i % 27:02d}/{1 + i % 12:02d}/2025"),
           arabic(f"{1 + i % 11}:{15 * (i % 4):02d}") + (" ص" if i % 2 else " م"),
           "د. سارة العلي", ("كشف", "متابعة", "استشارة")[i % 3], STATES[i % 4],
           "صائم" if i % 5 == 0 else ""] for i in range(40)]
INVOICE_HEADERS = ["رقم الفاتورة", "رقم الملف", "المبلغ المتبقي", "الحالة"]
INVOICES = [[arabic(str(9900 + i)), arabic(str(5100 + i)),
             arabic(f"{350 + i}٫00") + " د.إ" if i % 2 else "0", ("مدفوع", "غير مدفوع")[i % 2]]
            for i in range(20)]


def _doc() -> MappingDocument:
    return _propose({"المرضى.csv": (PATIENT_HEADERS, PATIENTS),
                     "المواعيد_2025.csv": (VISIT_HEADERS, VISITS),
                     "الفواتير.csv": (INVOICE_HEADERS, INVOICES)}, date_order="DMY", country="AE")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "الاسم الأول", "first_name"), ("patient", "اسم العائلة", "last_name"),
    ("patient", "تاريخ الميلاد", "date_of_birth"), ("patient", "الجنس", "sex"),
    ("patient", "الجوال", "phone_mobile"), ("patient", "البريد الإلكتروني", "email"),
    ("patient", "المدينة", "city"), ("appointment", "ملاحظات", "notes"),
    ("appointment", "نوع الزيارة", "appointment_type"),
    ("appointment", "تاريخ الموعد", "starts_at"), ("appointment", "وقت الانتهاء", "ends_at"),
    ("appointment", "العيادة", "location"), ("appointment", "الفرع", "location"),
])
def test_arabic_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_an_arabic_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "المرضى.csv": "patient", "المواعيد_2025.csv": "appointment", "الفواتير.csv": "billing"}
    assert not wrong_targets(doc, {
        "المرضى.csv": {"رقم الملف": "source_id", "الاسم الأول": "first_name",
                       "اسم العائلة": "last_name", "تاريخ الميلاد": "date_of_birth",
                       "الجنس": "sex", "الجوال": "phone_mobile", "البريد الإلكتروني": "email",
                       "المدينة": "city", "الحالة": "status"},
        "المواعيد_2025.csv": {"رقم الموعد": "source_id", "رقم الملف": "patient_source_id",
                              "الطبيب": "provider_source_id", "نوع الزيارة": "appointment_type",
                              "الحالة": "status", "ملاحظات": "notes"},
        "الفواتير.csv": {"رقم الملف": "patient_source_id",
                         "المبلغ المتبقي": "outstanding_balance", "الحالة": "billing_status"}})
    hijri = doc.files["المرضى.csv"].columns["تاريخ الميلاد (هجري)"]
    assert hijri.target is None and hijri.custom_field_type == "Text", hijri.reasons


def test_the_arabic_rows_read_with_arabic_indic_digits() -> None:
    doc = _doc()
    _, quarantined, records = _derive(doc, "المرضى.csv", PATIENT_HEADERS, PATIENTS)
    assert not quarantined, quarantined[:1]
    patients = [r.fields for r in records if r.kind == "patient"]
    assert patients[1]["date_of_birth"] == "1961-02-02" and patients[1]["sex"] == "female"
    assert patients[0]["sex"] == "male" and patients[0]["status"] == "inactive"
    assert patients[1]["status"] == "active" and patients[1]["phone_mobile"] == "+971521014001"
    _, quarantined, records = _derive(doc, "المواعيد_2025.csv", VISIT_HEADERS, VISITS)
    assert not quarantined, quarantined[:1]
    assert records[1].fields["starts_at"].startswith("2025-02-02T02:15")  # ص: the morning
    assert records[2].fields["starts_at"].startswith("2025-03-03T15:30")  # م: the evening
    assert [r.fields["status"] for r in records[:4]] == [
        "booked", "completed", "cancelled", "no_show"]
    _, quarantined, records = _derive(doc, "الفواتير.csv", INVOICE_HEADERS, INVOICES)
    assert not quarantined, quarantined[:1]
    assert records[1].fields["outstanding_balance"] == "351.00"
    assert [r.fields["billing_status"] for r in records[:2]] == ["paid", "current"]


@pytest.mark.parametrize(("text", "digits"), [
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"), ("۰۱۲۳۴۵۶۷۸۹", "0123456789"), ("١٢٫٥٠", "12.50"),
    ("١٠:٣٠ م", "10:30 PM"), ("محمد", "محمد"), ("12/03/2024", "12/03/2024"),
])
def test_other_scripts_digits_read_as_digits(text: str, digits: str) -> None:
    assert ascii_digits(text) == digits


def test_values_in_arabic_indic_and_persian_digits() -> None:
    assert parse_date("١٢/٠٣/٢٠٢٤", "DMY")[0].isoformat() == "2024-03-12"
    assert parse_date("۱۲/۰۳/۲۰۲۴", "DMY")[0].isoformat() == "2024-03-12"
    assert parse_datetime("١٢/٠٣/٢٠٢٤ ١٠:٣٠ ص", "DMY", Settings())[0].startswith(
        "2024-03-12T10:30")
    assert parse_phone("٠٥٠ ١٢٣ ٤٥٦٧", "AE") == "+971501234567"
    assert parse_phone("+٩٦٦ ٥٥ ١٢٣ ٤٥٦٧", "SA") == "+966551234567"
    assert parse_money("١٬٢٥٠٫٠٠ د.إ", "AE") == "1250.00"
    assert parse_money("350 ر.س", "SA") == "350" and parse_money("120 ج.م", "EG") == "120"


@pytest.mark.parametrize("text", ["1445/09/12", "١٤٤٥/٠٩/١٢", "12/09/1445"])
def test_a_hijri_date_is_no_gregorian_date(text: str) -> None:
    with pytest.raises(Invalid):
        parse_date(text, "DMY")


@pytest.mark.parametrize(("phones", "country", "currency"), [
    ([arabic(f"05{(0, 2, 4, 5, 6, 8)[i % 6]} {100 + i} {4000 + i}") for i in range(20)], "AE", "AED"),
    (["0100 123 4567", "0111 987 6543", "02 2345 6789", "0122 111 2233"] * 3, "EG", "EGP"),
    (["055 123 4567", "050 987 6543", "011 234 5678", "053 111 2233"] * 3, "SA", "SAR"),
])
def test_numbers_under_arabic_headers_are_read_in_the_arab_states_plans(
        phones: list[str], country: str, currency: str) -> None:
    # `050 123 4567` is a Groningen number too, `0100 123 4567` grouped as Italy groups hers
    proposal = RegionEvidence(phones=phones, headers=PATIENT_HEADERS).propose()
    assert proposal is not None and (proposal.country, proposal.currency) == (country, currency)


def test_an_arabic_export_in_windows_1256(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Excel's plain CSV on an Arabic machine (ASCII digits: the code page has no others)."""
    source = tmp_path / "export"
    source.mkdir()
    latin = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
    for name, (headers, rows) in {"المرضى.csv": (PATIENT_HEADERS, PATIENTS),
                                  "المواعيد.csv": (VISIT_HEADERS, VISITS)}.items():
        text = "\n".join(";".join(r) for r in [headers, *rows]).translate(latin) + "\n"
        (source / name).write_bytes(text.replace(" ص", " AM").replace(" م", " PM").encode("cp1256"))
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    assert main(["map", "propose"]) == 0
    capsys.readouterr()
    doc = load_mapping(home / "mapping.yaml")
    assert (doc.settings.country, doc.settings.currency) == ("AE", "AED")
    patients = doc.files["المرضى.csv"]
    assert patients.columns["اسم العائلة"].target == "patient.last_name"
    assert patients.columns["تاريخ الميلاد"].target == "patient.date_of_birth"
    assert patients.columns["تاريخ الميلاد (هجري)"].custom_field_type == "Text"
    visits = doc.files["المواعيد.csv"]
    assert visits.kind == "appointment"
    assert visits.columns["رقم الملف"].target == "appointment.patient_source_id"
