"""A Bulgarian clinic's export read in its own words and letters, with no hand edit: file names
(`Пациенти`, `Часове`, `Амбулаторни листове`, `Алергии`, and as a vendor transliterates them,
`patsienti`, `chasove`), headers (`Име`, `Презиме`, `Фамилия`, `ЕГН`, `Дата на раждане`, `Пол`,
`РЗОК`, `Мобилен телефон`, `Телефон`, `Имейл`, `Адрес`, `Град`, `Пощенски код`,
`Дата на регистрация`, `Статус`, `Дата`, `Час`, `Продължителност (мин)`, `Лекар`, `Услуга`,
`Бележка`, `Анамнеза`, `Диагноза`, `МКБ код`), value words (`Ж`/`М`, `жена`/`мъж`,
`Активен`/`Неактивен`/`Починал`, `Записан`, `Потвърден`, `Дошъл`, `Приключен`, `Отказан`,
`Неявил се`, `Алергия`/`Заболяване`, `Да`/`Не`); dates `dd.mm.yyyy` with or without the year's
`г.`, and with the month's name (`15 март 2024 г.`); `+359` numbers; the birth date an EGN writes
(the month raised by 40 since 2000, a weighted check digit); a Windows-1251 file read as Cyrillic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from adapters.sources.text_detect import read_sample, scan_file
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from domain.records import empty
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool, parse_date, parse_datetime
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Мария", "Георги", "Елена", "Димитър", "Цветелина", "Стоян")
MIDDLE = ("Иванова", "Петров", "Николова", "Тодоров", "Стефанова", "Христов")
LAST = ("Петрова", "Иванов", "Димитрова", "Георгиев", "Костадинова", "Пенчев")
TOWNS = ("София", "Пловдив", "Варна")


def _egn(born: dt.date, serial: int) -> str:
    """A ten-digit EGN: YYMMDD (the month plus 40 since 2000), three digits, the check digit."""
    month = born.month + (40 if born.year >= 2000 else 0)
    head = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial:03d}"
    total = sum(int(d) * w for d, w in zip(head, (2, 4, 8, 5, 10, 9, 7, 3, 6), strict=True))
    return head + str(total % 11 % 10)


def _born(i: int) -> dt.date:
    return dt.date(1950 + 2 * i, 1 + i % 12, 1 + i % 27)


PATIENT_HEADERS = ["№ пациент", "Име", "Презиме", "Фамилия", "ЕГН", "Дата на раждане", "Пол", "РЗОК",
                   "Мобилен телефон", "Телефон", "Имейл", "Адрес", "Град", "Пощенски код",
                   "Дата на регистрация", "Статус"]
PATIENTS = [[str(100 + i), FIRST[i % 6], MIDDLE[i % 6], LAST[i % 6], _egn(_born(i), 100 + 3 * i),
             _born(i).strftime("%d.%m.%Y") + (" г." if i % 2 else ""), ("Ж", "М")[i % 2],
             ("София-град", "Пловдив", "Варна")[i % 3], f"+359 8{7 + i % 3} {100 + i} {1000 + i}",
             f"02 {900 + i} {1000 + i}" if i % 3 else "", f"patsient{i}@example.bg",
             f"ул. „Шипка“ № {i + 1}", TOWNS[i % 3], str(1000 + 10 * i),
             f"{1 + i % 28:02d}.{1 + i % 12:02d}.20{10 + i % 12}",
             ("Неактивен", "Активен", "Активен", "Починал", "Активен")[i % 5]] for i in range(30)]
VISIT_HEADERS = ["№ на час", "Дата", "Час", "Продължителност (мин)", "№ пациент", "Лекар", "Услуга",
                 "Статус", "Бележка"]
STATUSES = ("Записан", "Потвърден", "Дошъл", "Приключен", "Отказан", "Неявил се")
VISITS = [[str(4100 + i), f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025", f"{8 + i % 9:02d}:{15 * (i % 4):02d}",
           str((1 + i % 3) * 15), str(100 + i % 30), "д-р Иван Петков",
           ("Първичен преглед", "Вторичен преглед", "Профилактичен преглед")[i % 3], STATUSES[i % 6],
           "на гладно" if i % 2 else ""] for i in range(42)]
NOTE_HEADERS = ["Амбулаторен лист №", "№ пациент", "Дата и час", "Лекар", "Анамнеза"]
NOTES = [[str(8100 + i), str(100 + i % 30), f"{1 + i % 27:02d}.{1 + i % 12:02d}.2024 {7 + i % 10:02d}:05",
          "д-р Иван Петков", f"RR {120 + i}/80 mmHg.\nБез оплаквания."] for i in range(25)]
ALLERGY_HEADERS = ["№ пациент", "Вид", "МКБ код", "Диагноза", "Активно", "Дата на въвеждане"]
ALLERGIES = [[str(100 + i % 30), "Алергия" if i % 3 == 0 else "Заболяване", ("Z88.0", "E11.9", "I10")[i % 3],
              ("Пеницилин", "Захарен диабет тип 2", "Артериална хипертония")[i % 3],
              ("Да", "Не", "НЕ", "ДА")[i % 4], f"{1 + i % 28:02d}.{1 + i % 12:02d}.2020"] for i in range(20)]


def _doc() -> MappingDocument:
    return _propose({"Пациенти.csv": (PATIENT_HEADERS, PATIENTS),
                     "Часове_2025.csv": (VISIT_HEADERS, VISITS),
                     "Амбулаторни листове.csv": (NOTE_HEADERS, NOTES),
                     "Алергии.csv": (ALLERGY_HEADERS, ALLERGIES)}, date_order="DMY")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Фамилия", "last_name"), ("patient", "ФАМИЛИЯ", "last_name"),
    ("patient", "Име", "first_name"),
    ("patient", "Дата на раждане", "date_of_birth"), ("patient", "Рождена дата", "date_of_birth"),
    ("patient", "Пол", "sex"), ("patient", "GSM", "phone_mobile"), ("patient", "E-mail", "email"),
    ("patient", "Пощенски код", "postal_code"), ("patient", "Населено място", "city"),
    ("patient", "Област", "state"), ("insurance", "Здравноосигурителен номер", "member_id"),
    ("appointment", "Бележки", "notes"), ("clinical_note", "Лекар", "author_source_id"),
    ("allergy_condition", "Наименование", "name"), ("allergy_condition", "Код по МКБ", "code"),
])
def test_bulgarian_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_bulgarian_clinics_files_and_columns_are_read_in_bulgarian() -> None:
    doc = _doc()
    kinds = {name: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"Пациенти.csv": "patient", "Часове_2025.csv": "appointment",
                     "Амбулаторни листове.csv": "clinical_note", "Алергии.csv": "allergy_condition"}
    want = {
        "Пациенти.csv": {"№ пациент": "patient.source_id", "Име": "patient.first_name",
                         "Презиме": "patient.middle_name", "Фамилия": "patient.last_name",
                         "Дата на раждане": "patient.date_of_birth", "Пол": "patient.sex",
                         "РЗОК": "insurance.carrier_name", "Мобилен телефон": "patient.phone_mobile",
                         "Телефон": "patient.phone_home", "Имейл": "patient.email",
                         "Адрес": "patient.address_line1", "Град": "patient.city",
                         "Пощенски код": "patient.postal_code",
                         "Дата на регистрация": "patient.created_at", "Статус": "patient.status"},
        "Часове_2025.csv": {"№ на час": "appointment.source_id",
                            "№ пациент": "appointment.patient_source_id",
                            "Лекар": "appointment.provider_source_id",
                            "Услуга": "appointment.appointment_type",
                            "Статус": "appointment.status", "Бележка": "appointment.notes"},
        "Амбулаторни листове.csv": {"Амбулаторен лист №": "clinical_note.source_id",
                                    "№ пациент": "clinical_note.patient_source_id",
                                    "Дата и час": "clinical_note.created_at",
                                    "Лекар": "clinical_note.author_source_id",
                                    "Анамнеза": "clinical_note.body"},
        "Алергии.csv": {"№ пациент": "allergy_condition.patient_source_id",
                        "Вид": "allergy_condition.kind", "МКБ код": "allergy_condition.code",
                        "Диагноза": "allergy_condition.name",
                        "Активно": "allergy_condition.clinical_status",
                        "Дата на въвеждане": "allergy_condition.recorded_at"},
    }
    for name, columns in want.items():
        fm = doc.files[name]
        for header, target in columns.items():
            column = fm.columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    assert doc.files["Пациенти.csv"].columns["Пол"].values == {"Ж": "female", "М": "male"}
    # `Презиме` is the father's name beside `Фамилия` (in Serbian it is the family name itself)
    visits = doc.files["Часове_2025.csv"]
    assert visits.columns["Статус"].values == {
        "Записан": "booked", "Потвърден": "booked", "Дошъл": "arrived", "Приключен": "completed",
        "Отказан": "cancelled", "Неявил се": "no_show"}
    assert {c.target for c in visits.combine} == {"appointment.starts_at", "appointment.ends_at"}
    allergies = doc.files["Алергии.csv"]
    assert allergies.columns["Вид"].values == {"Алергия": "allergy", "Заболяване": "condition"}
    assert allergies.columns["Активно"].values == {"Да": "active", "ДА": "active",
                                                  "Не": "inactive", "НЕ": "inactive"}


def test_the_bulgarian_rows_all_derive_with_their_dates() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "Пациенти.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and not quarantined, quarantined[:2]
    patients = [r for r in records if r.kind == "patient"]
    assert [p.fields["date_of_birth"] for p in patients[:2]] == [_born(0).isoformat(),
                                                                  _born(1).isoformat()]
    assert patients[0].fields["sex"] == "female" and patients[1].fields["sex"] == "male"
    assert [p.fields["status"] for p in patients[:4]] == ["inactive", "active", "active", "deceased"]
    assert patients[4].fields["first_name"] == "Цветелина"
    assert patients[0].fields["phone_mobile"] == "+359871001000"
    kinds, quarantined, records = _derive(doc, "Часове_2025.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 42 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert records[1].fields["ends_at"].startswith("2025-02-02T09:45")
    kinds, quarantined, records = _derive(doc, "Амбулаторни листове.csv", NOTE_HEADERS, NOTES)
    assert kinds["clinical_note"] == 25 and not quarantined, quarantined[:2]


def test_transliterated_file_names_say_their_kinds() -> None:
    doc = _propose({"patsienti.csv": (PATIENT_HEADERS, PATIENTS),
                    "chasove.csv": (VISIT_HEADERS, VISITS)}, date_order="DMY")
    assert {n: fm.kind for n, fm in doc.files.items()} == {"patsienti.csv": "patient",
                                                           "chasove.csv": "appointment"}


def test_an_egn_writes_the_birth_date_its_check_digit_proves() -> None:
    today = dt.date(2026, 1, 1)
    assert birth_date_in(_egn(dt.date(1984, 3, 15), 123), today) == "1984-03-15"
    assert birth_date_in(_egn(dt.date(2005, 12, 1), 42), today, header="ЕГН") == "2005-12-01"
    right = _egn(dt.date(2005, 12, 1), 42)
    assert birth_date_in(right[:9] + str((int(right[9]) + 1) % 10), today) is None


def test_a_patient_list_with_no_birth_date_reads_it_from_the_egn() -> None:
    headers = [h for h in PATIENT_HEADERS if h != "Дата на раждане"]
    rows = [[v for h, v in zip(PATIENT_HEADERS, row, strict=True) if h != "Дата на раждане"]
            for row in PATIENTS]
    doc = _propose({"Пациенти.csv": (headers, rows)}, date_order="DMY")
    [born] = [c for c in doc.files["Пациенти.csv"].combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["ЕГН"] and born.identity


@pytest.mark.parametrize(("text", "moment"), [
    ("15 март 2024 г.", "2024-03-15T00:00"), ("3 яну 2025 10:30", "2025-01-03T10:30"),
    ("28 НОЕМВРИ 2023", "2023-11-28T00:00"), ("02.03.2024 г. 14:20", "2024-03-02T14:20"),
    ("02.03.2024 14:20", "2024-03-02T14:20"),
])
def test_bulgarian_dates(text: str, moment: str) -> None:
    assert parse_datetime(text, "DMY", Settings(country="BG"))[0].startswith(moment)


def test_a_numeric_date_with_the_years_mark() -> None:
    assert parse_date("03.02.1985 г.", "DMY")[0] == dt.date(1985, 2, 3)
    assert parse_date("03.02.1985г.", "DMY")[0] == dt.date(1985, 2, 3)


def test_the_offices_bulgarian_test_patient_is_no_one() -> None:
    assert empty.test_person("patient", {"first_name": "Пациент", "last_name": "Тестов"})
    assert empty.test_person("patient", {"first_name": "ПАЦИЕНТ", "last_name": "ТЕСТ"})
    assert empty.test_person("patient", {"first_name": "Мария", "last_name": "Петрова"}) is None


def test_bulgarian_yes_and_no() -> None:
    assert parse_bool("Да") is True and parse_bool("ДА") is True
    assert parse_bool("Не") is False and parse_bool("НЕ") is False


def test_bulgarian_numbers_and_names_say_bulgaria() -> None:
    proposal = propose_region(["+359 88 123 4567", "02 912 3456", "0899 765 432"],
                              ["България"], ["1000", "4000"], [])
    assert proposal is not None and proposal.country == "BG"


def test_a_windows_1251_export_reads_as_cyrillic(tmp_path: Path) -> None:
    text = "".join(";".join(row) + "\r\n" for row in [PATIENT_HEADERS, *PATIENTS[:8]])
    path = tmp_path / "patsienti.csv"
    path.write_bytes(text.encode("cp1251"))
    facts = scan_file(path)
    assert facts.encoding == "windows-1251"
    assert read_sample(path, facts.encoding).startswith("№ пациент;Име;Презиме;Фамилия;ЕГН")


def test_a_whole_name_column_in_bulgarian_is_the_patients_name() -> None:
    headers = ["ID", "Трите имена", "Email"]
    rows = [[str(i), FIRST[i % 6] + " " + MIDDLE[i % 6] + " " + LAST[i % 5], f"p{i}@example.com"] for i in range(30)]
    doc = _propose({"patients.csv": (headers, rows)})
    column = doc.files["patients.csv"].columns["Трите имена"]
    assert (column.target, column.parts) == ("patient.last_name", "name"), column.reasons
    fields = _derive(doc, "patients.csv", headers, rows)[2][0].fields
    assert (fields["first_name"], fields["last_name"]) == ("Мария", "Петрова")
    assert fields.get("middle_name") == "Иванова"
