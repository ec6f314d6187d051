"""A Ukrainian clinic's export read with no hand edit: file names (`Пацієнти`, `Візити`, `Огляди`,
`Алергії та діагнози`), headers (`Номер картки`, `Прізвище`, `Ім'я`, `По батькові` the middle name,
`Дата народження`, `Стать`, `Мобільний телефон`, `Ел. пошта`, `Індекс`, `Дата і час`, `Тривалість`,
`Послуга`, `Статус візиту`, `Скарги`, `Код МКХ-10`), value words cut short with a point (`Жін.`,
`Чол.`), `Так`/`Ні`, visit states (`Заплановано`, `Прийшов`, `Завершено`, `Скасовано`,
`Не прийшов`); card numbers with a Cyrillic letter (`К-300`) read as identifiers; `ПІБ` a whole
name, family name first; the birth date from an RNOKPP under a header naming it; `+380` numbers
saying Ukraine (hryvnias)."""

from __future__ import annotations

import pytest

from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool
from tests.mapping.test_failure_classes import Rows, _derive, _propose

FIRST = ("Оксана", "Тарас", "Ірина", "Богдан", "Галина", "Юрій")
MIDDLE = ("Петрівна", "Іванович", "Василівна", "Миколайович", "Олегівна", "Степанович")
LAST = ("Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Мельник", "Кравчук")


def _rnokpp(days: int, serial: int) -> str:
    """Days since 31.12.1899, a serial, the check digit."""
    head = f"{days:05d}{serial:04d}"
    return head + str(sum(int(d) * w for d, w in zip(head, (-1, 5, 7, 9, 4, 6, 10, 5, 7),
                                                     strict=True)) % 11 % 10)


PATIENT_HEADERS = ["Номер картки", "Прізвище", "Ім'я", "По батькові", "Дата народження", "Стать",
                   "РНОКПП", "Мобільний телефон", "Телефон", "Ел. пошта", "Адреса", "Місто",
                   "Індекс", "Дата реєстрації", "Статус"]
PATIENTS = [[f"К-{300 + i}", LAST[i % 6], FIRST[i % 6], MIDDLE[i % 6],
             f"{1 + i % 28:02d}.{1 + i % 12:02d}.{1960 + i}", "Жін." if i % 2 == 0 else "Чол.",
             _rnokpp(22000 + 97 * i, 1000 + i),
             f"+380 {('67', '50', '93', '97')[i % 4]} {200 + i} {10 + i:02d} {30 + i:02d}",
             f"(044) {230 + i}-{10 + i:02d}-{50 + i:02d}" if i % 3 else "", f"pacient{i}@ukr.net",
             f"вул. Хрещатик, {1 + i}, кв. {5 + i}", ("Київ", "Бровари", "Ірпінь")[i % 3],
             f"0{1001 + 13 * i}", f"{1 + i % 28:02d}.{1 + i % 12:02d}.2019",
             "Неактивний" if i % 7 == 0 else "Активний"] for i in range(30)]
VISIT_HEADERS = ["№ запису", "Номер картки", "Пацієнт", "Лікар", "Дата і час", "Тривалість",
                 "Послуга", "Статус візиту", "Примітка"]
STATES = ("Заплановано", "Прийшов", "Завершено", "Скасовано", "Не прийшов")
VISITS = [[str(800 + i), f"К-{300 + i % 30}", f"{LAST[i % 6]} {FIRST[i % 6]} {MIDDLE[i % 6]}",
           ("Гончаренко О.М.", "Литвин В.П.")[i % 2],
           f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025 {8 + i % 9}:{15 * (i % 4):02d}",
           ("30", "45")[i % 2], ("Консультація терапевта", "Повторний прийом", "ЕКГ")[i % 3],
           STATES[i % 5], "" if i % 3 else "направлення"] for i in range(40)]
NOTE_HEADERS = ["Номер картки", "Дата огляду", "Лікар", "Скарги", "Висновок"]
NOTES = [[f"К-{300 + i % 30}", f"{1 + i % 27:02d}.{1 + i % 12:02d}.2024 {9 + i % 8}:40",
          "Гончаренко О.М.", "Кашель, температура 37,5." if i % 2 else "Скарг немає.",
          f"ГРВІ. Контроль через {3 + i % 4} дні."] for i in range(25)]
ALLERGY_HEADERS = ["Номер картки", "Тип", "Назва", "Код МКХ-10", "Активний",
                   "Дата встановлення"]
ALLERGIES = [[f"К-{300 + i % 30}", "Алергія" if i % 2 == 0 else "Діагноз",
              ("Амоксицилін", "Гіпертензія")[i % 2], ("Z88.1", "I10")[i % 2],
              "Так" if i % 3 else "Ні", f"{1 + i % 28:02d}.{1 + i % 12:02d}.2022"]
             for i in range(20)]
FILES: dict[str, tuple[list[str], Rows]] = {"Пацієнти.csv": (PATIENT_HEADERS, PATIENTS), "Візити.csv": (VISIT_HEADERS, VISITS),
         "Огляди.csv": (NOTE_HEADERS, NOTES),
         "Алергії та діагнози.csv": (ALLERGY_HEADERS, ALLERGIES)}


def _doc() -> MappingDocument:
    return _propose(FILES, date_order="DMY", country="UA")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Прізвище", "last_name"), ("patient", "Ім’я", "first_name"),
    ("patient", "По батькові", "middle_name"), ("patient", "Дата народження", "date_of_birth"),
    ("patient", "Стать", "sex"), ("patient", "Домашній телефон", "phone_home"),
    ("patient", "Населений пункт", "city"), ("appointment", "Кабінет", "location"),
    ("billing", "Заборгованість", "outstanding_balance"),
])
def test_ukrainian_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_ukrainian_clinics_files_and_columns_are_read_in_ukrainian() -> None:
    doc = _doc()
    assert {name: fm.kind for name, fm in doc.files.items()} == {
        "Пацієнти.csv": "patient", "Візити.csv": "appointment", "Огляди.csv": "clinical_note",
        "Алергії та діагнози.csv": "allergy_condition"}
    want = {
        "Пацієнти.csv": {"Номер картки": "patient.source_id", "Прізвище": "patient.last_name",
                         "Ім'я": "patient.first_name", "По батькові": "patient.middle_name",
                         "Стать": "patient.sex", "Мобільний телефон": "patient.phone_mobile",
                         "Ел. пошта": "patient.email", "Місто": "patient.city",
                         "Індекс": "patient.postal_code", "Статус": "patient.status"},
        "Візити.csv": {"№ запису": "appointment.source_id",
                       "Номер картки": "appointment.patient_source_id",
                       "Лікар": "appointment.provider_source_id",
                       "Дата і час": "appointment.starts_at",
                       "Послуга": "appointment.appointment_type",
                       "Статус візиту": "appointment.status", "Примітка": "appointment.notes"},
        "Огляди.csv": {"Номер картки": "clinical_note.patient_source_id",
                       "Дата огляду": "clinical_note.created_at", "Скарги": "clinical_note.body"},
        "Алергії та діагнози.csv": {"Тип": "allergy_condition.kind",
                                    "Назва": "allergy_condition.name",
                                    "Код МКХ-10": "allergy_condition.code",
                                    "Активний": "allergy_condition.clinical_status"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.reasons)
    assert doc.files["Пацієнти.csv"].columns["Стать"].values == {"Жін.": "female",
                                                                 "Чол.": "male"}
    assert doc.files["Візити.csv"].columns["Статус візиту"].values == {
        "Заплановано": "booked", "Прийшов": "arrived", "Завершено": "completed",
        "Скасовано": "cancelled", "Не прийшов": "no_show"}
    assert {c.target for c in doc.files["Візити.csv"].combine} == {"appointment.ends_at"}
    allergies = doc.files["Алергії та діагнози.csv"].columns
    assert allergies["Активний"].values == {"Так": "active", "Ні": "inactive"}


def test_the_ukrainian_rows_derive_with_their_values() -> None:
    doc = _doc()
    kinds, held, records = _derive(doc, "Пацієнти.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and not held
    assert [r.fields["sex"] for r in records[:2]] == ["female", "male"]
    assert [r.fields["status"] for r in records[:2]] == ["inactive", "active"]
    kinds, held, records = _derive(doc, "Візити.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not held
    assert records[1].fields["patient_source_id"] == "К-301"
    assert records[1].fields["ends_at"].startswith("2025-02-02T10:00")
    assert [r.fields["status"] for r in records[:5]] == [
        "booked", "arrived", "completed", "cancelled", "no_show"]


def test_a_pib_cell_is_family_given_and_fathers_name_and_rnokpp_the_birth_date() -> None:
    headers = ["Код", "ПІБ", "РНОКПП", "Телефон"]
    rows = [[str(10 + i), f"{LAST[i % 6]} {FIRST[i % 6]} {MIDDLE[i % 6]}",
             _rnokpp(22000 + 97 * i, 2000 + i), f"+380 67 {400 + i} {10 + i:02d} {20 + i:02d}"]
            for i in range(20)]
    doc = _propose({"Пацієнти.csv": (headers, rows)}, date_order="DMY", country="UA")
    fm = doc.files["Пацієнти.csv"]
    assert fm.columns["ПІБ"].target == "patient.last_name" and fm.columns["ПІБ"].parts == "name"
    [born] = [c for c in fm.combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["РНОКПП"] and born.identity
    _, held, records = _derive(doc, "Пацієнти.csv", headers, rows)
    assert not held
    first = records[0].fields
    assert (first["last_name"], first["first_name"], first["middle_name"]) == (
        "Шевченко", "Оксана", "Петрівна")
    assert first["date_of_birth"] == "1960-03-26"


@pytest.mark.parametrize(("number", "header", "born"), [
    ("2200010003", "РНОКПП", "1960-03-26"), ("2200010003", "ІПН", "1960-03-26"),
    ("2200010003", "Ідентифікаційний код", "1960-03-26"),
    ("2200010004", "РНОКПП", None),  # the check fails
    ("2200010003", "", None),  # ten digits alone: any number passes one check in ten
])
def test_an_rnokpp_writes_the_birth_date_under_its_header(number: str, header: str,
                                                          born: str | None) -> None:
    assert birth_date_in(number, header=header) == born


def test_ukrainian_numbers_say_ukraine_and_yes_and_no() -> None:
    phones = [r[7] for r in PATIENTS] + [r[8] for r in PATIENTS if r[8]]
    region = propose_region(phones, postcodes=[r[12] for r in PATIENTS])
    assert region is not None and (region.country, region.currency) == ("UA", "UAH")
    assert parse_bool("Так") is True and parse_bool("Ні") is False
