"""A Russian clinic's export read with no hand edit (Cyrillic headers and values, compared in Latin
letters on both sides): file names (`Пациенты`, `Записи на приём`, `Протоколы осмотров`,
`Аллергии и диагнозы`, `Счета`), headers (`№ карты`, `Фамилия`, `Имя`, `Отчество` the middle name,
`Дата рождения`/`Д.р.`, `Пол`, `Полис ОМС`, `Моб. телефон`, `Индекс`, `Архив`), value words
(`Ж`/`М`, `Да`/`Нет`, `Записан`, `Пришёл`, `Отменён`, `Неявка`, `Оплачен`, `Просрочен`); a whole
name `Фамилия Имя Отчество` in one cell (`ФИО`), family name first; the country from `+7` and
`8 (495)` numbers and six-digit postcodes (roubles); and a Windows-1251 file told as such."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.sources.text_detect import scan_file
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from domain.records.normalise import parse_bool, parse_datetime
from tests.mapping.test_failure_classes import Rows, _derive, _propose

FIRST = ("Анна", "Сергей", "Ольга", "Дмитрий", "Наталья", "Алексей")
MIDDLE = ("Сергеевна", "Петрович", "Игоревна", "Александрович", "Викторовна", "Николаевич")
LAST = ("Иванова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев")


def _snils(n: int) -> str:
    """A SNILS (`123-456-789 01`) with its check number."""
    d = f"{n:09d}"
    s = sum(int(c) * (9 - k) for k, c in enumerate(d)) % 101
    return f"{d[:3]}-{d[3:6]}-{d[6:]} {0 if s == 100 else s:02d}"


PATIENT_HEADERS = ["№ карты", "Фамилия", "Имя", "Отчество", "Дата рождения", "Пол", "СНИЛС",
                   "Полис ОМС", "Страховая компания", "Адрес", "Город", "Индекс",
                   "Моб. телефон", "Домашний телефон", "E-mail", "Дата регистрации", "Архив"]
PATIENTS = [[str(1200 + i), LAST[i % 6], FIRST[i % 6], MIDDLE[i % 6],
             f"{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i}", "Ж" if i % 2 == 0 else "М",
             _snils(112233000 + 4455 * i), f"{7700500000000000 + 31 * i}",
             ("СОГАЗ-Мед", "Ингосстрах-М", "РЕСО-Мед")[i % 3],
             f"ул. Ленина, д. {1 + i}, кв. {10 + i}", ("Москва", "Химки", "Подольск")[i % 3],
             f"1{25000 + 17 * i}", f"+7 (9{10 + i % 80}) {100 + i}-{10 + i:02d}-{20 + i:02d}",
             f"8 (495) {200 + i}-{30 + i:02d}-{40 + i:02d}" if i % 3 else "",
             f"pacient{i}@mail.ru", f"{1 + i % 28:02d}.{1 + i % 12:02d}.20{10 + i % 12} 09:{10 + i}",
             "Да" if i % 7 == 0 else "Нет"] for i in range(30)]
VISIT_HEADERS = ["№ записи", "№ карты", "Пациент", "Врач", "Дата и время приёма",
                 "Длительность, мин", "Услуга", "Статус", "Комментарий"]
STATES = ("Записан", "Пришёл", "Приём завершён", "Отменён", "Неявка")
VISITS = [[str(50000 + i), str(1200 + i % 30), f"{LAST[i % 6]} {FIRST[i % 6]} {MIDDLE[i % 6]}",
           ("Петров И.В.", "Сидорова Е.А.")[i % 2],
           f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025 {9 + i % 8}:{15 * (i % 4):02d}",
           str((1 + i % 3) * 15), ("Первичный приём терапевта", "Повторный приём",
                                   "УЗИ брюшной полости")[i % 3],
           STATES[i % 5], "натощак" if i % 2 else ""] for i in range(40)]
NOTE_HEADERS = ["№ протокола", "№ карты", "Дата осмотра", "Врач", "Жалобы и анамнез"]
NOTES = [[str(7000 + i), str(1200 + i % 30),
          f"{1 + i % 27:02d}.{1 + i % 12:02d}.2024 {8 + i % 10}:05", "Петров И.В.",
          f"Жалобы на головную боль. АД {120 + i}/80.\nРекомендовано: контроль."]
         for i in range(25)]
DIAG_HEADERS = ["№ карты", "Тип", "Код МКБ-10", "Наименование", "Актуально", "Дата записи"]
DIAGS = [[str(1200 + i % 30), "Аллергия" if i % 3 == 0 else "Диагноз",
          ("Z88.0", "I10", "K29.5")[i % 3],
          ("Пенициллин", "Гипертоническая болезнь", "Хронический гастрит")[i % 3],
          "Да" if i % 4 else "Нет", f"{1 + i % 28:02d}.{1 + i % 12:02d}.2021"] for i in range(20)]
INVOICE_HEADERS = ["№ счёта", "№ карты", "Дата оплаты", "Оплачено, руб.", "Долг, руб.",
                   "Статус оплаты"]
PAY = ("Оплачен", "Не оплачен", "Просрочен")
INVOICES = [[str(9100 + i), str(1200 + i), f"{1 + i % 27:02d}.03.2025",
             f"{1500 + i} ₽" if i % 3 == 0 else "0,00 ₽",
             "0,00 ₽" if i % 3 == 0 else f"{2 + i} 400,00 ₽", PAY[i % 3]] for i in range(24)]
FILES: dict[str, tuple[list[str], Rows]] = {"Пациенты.csv": (PATIENT_HEADERS, PATIENTS),
         "Записи на приём.csv": (VISIT_HEADERS, VISITS),
         "Протоколы осмотров.csv": (NOTE_HEADERS, NOTES),
         "Аллергии и диагнозы.csv": (DIAG_HEADERS, DIAGS), "Счета.csv": (INVOICE_HEADERS, INVOICES)}


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="DMY", country="RU")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Фамилия", "last_name"), ("patient", "Имя", "first_name"),
    ("patient", "Отчество", "middle_name"), ("patient", "Д.р.", "date_of_birth"),
    ("patient", "Дата рожд.", "date_of_birth"), ("patient", "Пол", "sex"),
    ("patient", "Тел.", "phone_home"), ("patient", "Сотовый телефон", "phone_mobile"),
    ("patient", "Эл. почта", "email"), ("patient", "Населённый пункт", "city"),
    ("patient", "Почтовый индекс", "postal_code"), ("insurance", "Номер полиса", "member_id"),
    ("appointment", "Дата приёма", "starts_at"), ("appointment", "Кабинет", "location"),
    ("appointment", "Примечание", "notes"), ("allergy_condition", "Код МКБ", "code"),
    ("billing", "Задолженность", "outstanding_balance"),
    ("billing", "Долг (руб.)", "outstanding_balance"),  # the currency beside the word says nothing
])
def test_russian_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_russian_clinics_files_and_columns_are_read_in_russian() -> None:
    doc = _doc()
    assert {name: fm.kind for name, fm in doc.files.items()} == {
        "Пациенты.csv": "patient", "Записи на приём.csv": "appointment",
        "Протоколы осмотров.csv": "clinical_note", "Аллергии и диагнозы.csv": "allergy_condition",
        "Счета.csv": "billing"}
    want = {
        "Пациенты.csv": {"№ карты": "patient.source_id", "Фамилия": "patient.last_name",
                         "Имя": "patient.first_name", "Отчество": "patient.middle_name",
                         "Дата рождения": "patient.date_of_birth", "Пол": "patient.sex",
                         "Полис ОМС": "insurance.member_id",
                         "Страховая компания": "insurance.carrier_name",
                         "Город": "patient.city", "Индекс": "patient.postal_code",
                         "Моб. телефон": "patient.phone_mobile",
                         "Домашний телефон": "patient.phone_home",
                         "Дата регистрации": "patient.created_at", "Архив": "patient.status"},
        "Записи на приём.csv": {"№ записи": "appointment.source_id",
                                "№ карты": "appointment.patient_source_id",
                                "Врач": "appointment.provider_source_id",
                                "Дата и время приёма": "appointment.starts_at",
                                "Услуга": "appointment.appointment_type",
                                "Статус": "appointment.status",
                                "Комментарий": "appointment.notes"},
        "Протоколы осмотров.csv": {"№ протокола": "clinical_note.source_id",
                                   "Дата осмотра": "clinical_note.created_at",
                                   "Врач": "clinical_note.author_source_id",
                                   "Жалобы и анамнез": "clinical_note.body"},
        "Аллергии и диагнозы.csv": {"Тип": "allergy_condition.kind",
                                    "Код МКБ-10": "allergy_condition.code",
                                    "Наименование": "allergy_condition.name",
                                    "Актуально": "allergy_condition.clinical_status"},
        "Счета.csv": {"№ счёта": "billing.source_id", "Долг, руб.": "billing.outstanding_balance",
                      "Статус оплаты": "billing.billing_status"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.reasons)
    patients = doc.files["Пациенты.csv"].columns
    assert patients["Пол"].values == {"Ж": "female", "М": "male"}
    assert not patients["Индекс"].flagged, patients["Индекс"].reasons  # six digits: postcodes
    assert patients["Архив"].values == {"Да": "inactive", "Нет": "active"}
    assert doc.files["Записи на приём.csv"].columns["Статус"].values == {
        "Записан": "booked", "Пришёл": "arrived", "Приём завершён": "completed",
        "Отменён": "cancelled", "Неявка": "no_show"}
    assert doc.files["Счета.csv"].columns["Статус оплаты"].values == {
        "Оплачен": "paid", "Не оплачен": "current", "Просрочен": "overdue"}


def test_the_russian_rows_derive_with_their_values() -> None:
    doc = _doc()
    kinds, held, records = _derive(doc, "Пациенты.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and kinds["insurance"] == 30 and not held
    first = records[0].fields
    assert (first["last_name"], first["first_name"], first["middle_name"]) == (
        "Иванова", "Анна", "Сергеевна")
    assert first["date_of_birth"] == "1950-01-01" and first["sex"] == "female"
    assert first["status"] == "inactive" and first["phone_mobile"].startswith("+7910")
    kinds, held, records = _derive(doc, "Записи на приём.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not held
    assert records[1].fields["starts_at"].startswith("2025-02-02T10:15")
    assert records[1].fields["ends_at"].startswith("2025-02-02T10:45")
    assert [r.fields["status"] for r in records[:5]] == [
        "booked", "arrived", "completed", "cancelled", "no_show"]
    kinds, held, records = _derive(doc, "Счета.csv", INVOICE_HEADERS, INVOICES)
    assert kinds["billing"] == 24 and not held
    assert records[1].fields["outstanding_balance"] == "3400.00"


def test_a_russian_whole_name_is_family_given_and_fathers_name() -> None:
    headers = ["Код пациента", "ФИО", "Д.р.", "Тел."]
    rows = [[str(10 + i), f"{LAST[i % 6]} {FIRST[i % 6]} {MIDDLE[i % 6]}",
             f"{1 + i % 28:02d}.03.19{60 + i}", f"+7 916 {300 + i} {10 + i:02d} {20 + i:02d}"]
            for i in range(20)]
    doc = _propose({"Пациенты.csv": (headers, rows)}, date_order="DMY", country="RU")
    columns = doc.files["Пациенты.csv"].columns
    assert columns["ФИО"].target == "patient.last_name" and columns["ФИО"].parts == "name"
    assert columns["Д.р."].target == "patient.date_of_birth"
    _, held, records = _derive(doc, "Пациенты.csv", headers, rows)
    assert not held
    assert {k: records[0].fields[k] for k in ("last_name", "first_name", "middle_name")} == {
        "last_name": "Иванова", "first_name": "Анна", "middle_name": "Сергеевна"}


def test_russian_numbers_and_postcodes_say_russia() -> None:
    phones = [r[12] for r in PATIENTS] + [r[13] for r in PATIENTS if r[13]]
    region = propose_region(phones, postcodes=[r[11] for r in PATIENTS])
    assert region is not None and (region.country, region.currency) == ("RU", "RUB")


def test_russian_yes_and_no() -> None:
    assert parse_bool("Да") is True and parse_bool("да") is True
    assert parse_bool("Нет") is False


def test_a_windows_1251_export_is_read_as_cyrillic(tmp_path: Path) -> None:
    lines = [";".join(PATIENT_HEADERS[:6])] + [";".join(r[:6]) for r in PATIENTS[:5]]
    path = tmp_path / "Пациенты.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1251"))
    assert scan_file(path).encoding == "windows-1251"


@pytest.mark.parametrize(("text", "country", "moment"), [
    ("3 января 2025 г.", "RU", "2025-01-03T00:00"),  # `г.`, the year
    ("3 января 2025 г. 10:30", "RU", "2025-01-03T10:30"), ("12 березня 2024", "UA", "2024-03-12T00:00"),
    ("12. ožujka 2024.", "HR", "2024-03-12T00:00"),  # a point closing the date
    ("12. ožujka 2024. 14:15", "HR", "2024-03-12T14:15"), ("5. mart 2023.", "RS", "2023-03-05T00:00"),
    ("5. марта 2023.", "RS", "2023-03-05T00:00"), ("7. marca 2024", "SK", "2024-03-07T00:00"),
])
def test_slavic_dates_with_the_months_name(text: str, country: str, moment: str) -> None:
    assert parse_datetime(text, "DMY", Settings(country=country))[0].startswith(moment)


def test_a_column_of_russian_word_dates_is_the_birth_date() -> None:
    headers = ["№ карты", "Фамилия", "Имя", "Дата рождения"]
    months = ("января", "февраля", "марта", "апреля", "мая", "июня")
    rows = [[str(100 + i), LAST[i % 6], FIRST[i % 6], f"{1 + i} {months[i % 6]} 19{50 + i} г."]
            for i in range(20)]
    doc = _propose({"Пациенты.csv": (headers, rows)}, date_order="DMY", country="RU")
    assert doc.files["Пациенты.csv"].columns["Дата рождения"].target == "patient.date_of_birth"
    _, held, records = _derive(doc, "Пациенты.csv", headers, rows)
    assert not held and records[2].fields["date_of_birth"] == "1952-03-03"
