"""IDENT (Russia, dental clinic in Moscow, Russian): the patient list, the schedule, the payments
and the staff saved from the program's reports as semicolon CSV in Windows-1251, the code page
of Russian Windows and Excel. The name in one cell, family name first with the patronymic
(`Иванова Елена Сергеевна`), the doctor as surname and initials (`Соколов Д. А.`); dates
`08.01.2024`, times `09:30`; the address in one cell (`г. Москва, ул. Тверская, д. 12, кв. 34`);
phones `+7 (916) 123-45-67`; the SNILS (`123-456-789 01`, its check over weights 9..1 mod 101);
voluntary insurance (ДМС) with the insurer and the policy number; roubles `12 500,00` with a
space between thousands; yes/no as `Да`/`Нет`. Dirty: a patient entered twice, a test patient,
a break (`Перерыв`) blocked in the schedule, a payment of a card not in the list."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout9.common import rename_native, snils
from tools.zoo.holdout9.places import (
    RU_FIRST,
    RU_LAST,
    RU_PATRONYMIC,
    RU_PLACES,
    RU_STREETS,
    ru_phone,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

WIN = Layout(encoding="cp1251", delimiter=";")
STATUS = {"completed": ("Завершён", "Пациент принят"), "arrived": ("Пациент пришёл",),
          "booked": ("Запланирован", "Подтверждён"), "cancelled": ("Отменён",),
          "no_show": ("Не пришёл",)}
SERVICES = ("Консультация стоматолога", "Лечение кариеса", "Профессиональная гигиена",
            "Удаление зуба", "Эндодонтическое лечение", "Контрольный осмотр", "Имплантация")
INSURERS = ("СОГАЗ", "Ингосстрах", "РЕСО-Гарантия", "АльфаСтрахование", "Ренессанс")
ROLES = (("Врач-стоматолог-терапевт", "Терапевтическая стоматология"),
         ("Врач-стоматолог-хирург", "Хирургическая стоматология"),
         ("Врач-ортодонт", "Ортодонтия"), ("Гигиенист стоматологический", "Гигиена"),
         ("Врач-стоматолог-ортопед", "Ортопедия"))


def _rub(amount: Decimal) -> str:
    return fmt.money(amount, "", thousands=" ", decimal=",")


def ident_ru() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout9/ident-ru", "de", patients=128, providers=5, staff=1,
                   visits=236)
    rename_native(w, RU_FIRST, RU_LAST, RU_PLACES,
                  lambda rng: f"{rng.choice(RU_STREETS)}, д. {rng.randrange(1, 120)}"
                              f"{'' if rng.random() < .2 else f', кв. {rng.randrange(1, 300)}'}",
                  ru_phone, ("example.ru", "example.com", "example.org"))
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.middle = rng.choice(RU_PATRONYMIC)[1 if p.sex == "female" else 0]
    cards = [str(1001 + i * 2) for i in range(len(w.patients))]
    cols = {"Номер карты": "patient.source_id",
            "ФИО": "patient.last_name (Фамилия Имя Отчество: family, given name and patronymic "
                   "in one column)",
            "Дата рождения": "patient.date_of_birth (DD.MM.YYYY)",
            "Пол": "patient.sex (Ж / М)", "Мобильный телефон": "patient.phone_mobile",
            "Домашний телефон": "patient.phone_home", "E-mail": "patient.email",
            "Адрес": "patient.address_line1 (town, street, house and flat in one cell)",
            "СНИЛС": "custom", "Страховая компания": "insurance.carrier_name",
            "Полис ДМС": "insurance.member_id",
            "Дата создания": "patient.created_at (DD.MM.YYYY HH:MM)",
            "Откуда узнал": "custom", "Согласие на SMS": "patient.contact_preference (Да: sms)",
            "Комментарий": "custom"}
    rows: list[list[str]] = []
    insured = 0
    for i, p in enumerate(w.patients):
        dms = rng.random() < .3
        insured += dms
        town = "г. Москва" if p.city == "Москва" else f"{p.state}, г. {p.city}"
        rows.append([cards[i], f"{p.last} {p.first} {p.middle}", fmt.dmy(p.dob, "."),
                     "Ж" if p.sex == "female" else "М", p.mobile, p.home,
                     p.email if rng.random() < .6 else "", f"{town}, {p.line1}",
                     snils(rng) if rng.random() < .7 else "",
                     rng.choice(INSURERS) if dms else "",
                     f"{rng.randrange(10, 99)}-{rng.randrange(10**6, 10**7)}" if dms else "",
                     f"{fmt.dmy(p.created.date(), '.')} {fmt.time24(p.created)}",
                     rng.choice(("", "Яндекс.Карты", "Сайт", "Рекомендация", "ПроДокторов",
                                 "Проходил мимо")),
                     rng.choice(("Да", "Да", "Нет")),
                     rng.choice(("", "", "", "", "Боится уколов", "VIP", "Аллергия на "
                                 "лидокаин"))])
    twice = duplicate(rows, 14, 70, {0: "9001", 4: "", 11: "12.09.2024 17:40"},
                      "the same patient entered again under a new card (same name, date of "
                      "birth and SNILS)")
    rows.insert(118, ["1", "Тестовый Пациент Тестович", "01.01.1900", "М", "", "", "", "",
                      "", "", "", "01.01.2016 09:00", "", "Нет", "тест, не удалять"])
    patients = Table("Пациенты.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured},
                     bad_rows=[{"row": 119, "reason": "the clinic's test patient, no person"}],
                     duplicate_rows=[twice], layout=WIN,
                     notes=["the patronymic after the given name in the ФИО cell",
                            "ДМС: voluntary health insurance, the insurer and policy number"])
    doctors = [f"{p.last} {p.first[0]}. {p.middle[0]}." for p in w.providers]
    st_cols = {"ФИО": "provider.last_name (Фамилия Имя Отчество in one column)",
               "Должность": "provider.role", "Отделение": "provider.specialty",
               "Мобильный телефон": "provider.phone", "E-mail": "provider.email",
               "Работает": "provider.active (Да / Нет)"}
    st_rows = [[f"{p.last} {p.first} {p.middle}", ROLES[k][0], ROLES[k][1], p.mobile, p.email,
                "Да" if k < 4 else "Нет"] for k, p in enumerate(w.providers)]
    st_rows.append([f"{w.staff[0].last} {w.staff[0].first} {w.staff[0].middle}",
                    "Администратор", "Регистратура", w.staff[0].mobile, w.staff[0].email,
                    "Да"])
    staff = Table("Сотрудники.csv", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                  layout=WIN, notes=["no id column; the schedule names the doctor by surname "
                                     "and initials", "an administrator beside the doctors"])
    ap_cols = {"Дата": "appointment.starts_at (date part, DD.MM.YYYY)",
               "Начало": "appointment.starts_at (time part, HH:MM)",
               "Окончание": "appointment.ends_at (time part, HH:MM)",
               "Врач": "appointment.provider_source_id (by name, Фамилия И. О.)",
               "Кресло": "appointment.location", "Номер карты": "appointment.patient_source_id",
               "Пациент": "drop", "Услуга": "appointment.appointment_type",
               "Статус": "appointment.status", "Комментарий": "appointment.notes"}
    ap_rows: list[list[str]] = []
    for v in w.visits:
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        ap_rows.append([fmt.dmy(v.start.date(), "."), fmt.time24(v.start), fmt.time24(end),
                        doctors[v.provider], rng.choice(("Кресло 1", "Кресло 2", "Кресло 3")),
                        cards[v.patient], f"{p.last} {p.first[0]}. {p.middle[0]}.",
                        rng.choice(SERVICES), rng.choice(STATUS[v.status]),
                        rng.choice(("", "", "", "первичный", "по ДМС", "позвонить накануне"))])
    ap_rows.insert(77, ["20.03.2024", "13:00", "14:00", doctors[1], "Кресло 2", "", "",
                        "Перерыв", "Запланирован", "обед"])
    schedule = Table("Расписание.csv", "appointment", ap_cols, ap_rows,
                     {"appointment": len(w.visits)},
                     bad_rows=[{"row": 78, "reason": "a lunch break blocked in the schedule "
                                "(Перерыв), no patient"}],
                     layout=WIN, notes=["no id of their own"])
    pay_cols = {"№ счёта": "billing.source_id", "Дата": "billing.last_payment_date (DD.MM.YYYY)",
                "Номер карты": "billing.patient_source_id", "Пациент": "drop",
                "Сумма": "custom", "Скидка": "custom",
                "Оплачено": "billing.last_payment_amount (12 500,00)",
                "Долг": "billing.outstanding_balance (12 500,00)",
                "Способ оплаты": "custom"}
    pay_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .55:
            continue
        total = Decimal(rng.choice((2500, 4800, 6900, 12500, 35000, 48000)))
        disc = total * Decimal("0.05") if rng.random() < .2 else Decimal(0)
        paid = total - disc if rng.random() < .75 else Decimal(rng.choice((0, 2000, 5000)))
        pay_rows.append([str(24000 + len(pay_rows)),
                         fmt.dmy(p.created.date() + timedelta(days=rng.randrange(1, 600)), "."),
                         cards[i], f"{p.last} {p.first} {p.middle}", _rub(total), _rub(disc),
                         _rub(paid), _rub(total - disc - paid),
                         rng.choice(("Наличные", "Банковская карта", "СБП", "Безнал (ДМС)"))])
    pay_rows.insert(22, ["24999", "03.04.2024", "5551", "Петров П. П.", _rub(Decimal(2500)),
                         _rub(Decimal(0)), _rub(Decimal(2500)), _rub(Decimal(0)), "Наличные"])
    payments = Table("Счета и оплаты.csv", "billing", pay_cols, pay_rows,
                     {"billing": len(pay_rows) - 1},
                     bad_rows=[{"row": 23, "reason": "an invoice of a card not in the patient "
                                "list"}],
                     layout=WIN, notes=["money without a currency sign, space-grouped"])
    meta = {"export": "ident-ru", "vendor": "IDENT", "country": "RU", "language": "ru",
            "currency": "RUB", "date_order": "DMY", "half": "holdout9"}
    return meta, [patients, staff, schedule, payments]
