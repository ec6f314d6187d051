"""eGabinet (Poland, private outpatient clinic in Kraków, Polish): the patient file list, the
visit history saved per year and the diagnoses (ICD-10) downloaded as `;`-separated CSV in the
Windows Central European code page (cp1250), plus the staff. Imię and Nazwisko apart, the
PESEL (with its check digit), dates DD.MM.RRRR; women's surnames in -ska/-cka; nine-digit
phones; street, house and flat number apart (`ul. Długa 12/4`); `Tak`/`Nie` consents for SMS
and marketing; a legal guardian for children. Visits with the date and hour in one cell, the
month named in Polish (`12 stycznia 2024, 10:30`), the patient as `Nazwisko Imię` in one column,
status words (`Zrealizowana`, `Odwołana`, `Nieobecność`, `Zaplanowana`), prices `150,00 zł`.
Diagnoses without an id of their own. Dirty: a test patient, the same patient keyed twice,
a visit on a day that does not exist, a blank line."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout6.common import (
    PL_FEMALE,
    PL_FIRST,
    PL_LAST,
    PL_PLACES,
    PL_STREETS,
    pesel,
    pl_phone,
    zloty,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

PL = Layout(encoding="cp1250", delimiter=";")
MONTHS = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
          "września", "października", "listopada", "grudnia")
STATUS = {"completed": ("Zrealizowana",), "arrived": ("W trakcie",),
          "booked": ("Zaplanowana", "Potwierdzona"), "cancelled": ("Odwołana",),
          "no_show": ("Nieobecność",)}
SERVICES = (("Konsultacja internistyczna", 180), ("Wizyta kontrolna", 120),
            ("Konsultacja kardiologiczna", 250), ("USG jamy brzusznej", 200),
            ("EKG z opisem", 80), ("Szczepienie", 60))
ICD = (("I10", "Nadciśnienie samoistne"), ("E11", "Cukrzyca typu 2"),
       ("J45", "Astma oskrzelowa"), ("E03.9", "Niedoczynność tarczycy"),
       ("M54.5", "Ból okolicy lędźwiowej"), ("Z88.0", "Uczulenie na penicylinę"),
       ("J30.1", "Alergiczny nieżyt nosa wywołany pyłkami"))


def _female_surname(last: str) -> str:
    for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if last.endswith(male):
            return last[: -len(male)] + female
    return last


def _pl_when(t: Any) -> str:
    return f"{t.day} {MONTHS[t.month - 1]} {t.year}, {t:%H:%M}"


def egabinet_pl() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout6/egabinet-pl", "de", patients=112, providers=3, staff=1,
                   visits=240, start=date(2024, 2, 5))
    rename(w, PL_FIRST, PL_LAST, PL_PLACES, PL_STREETS, pl_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in PL_FEMALE else "male"
        if p.sex == "female":
            p.last = _female_surname(p.last)
            p.email = p.email.rsplit("@", 1)[0][:-1] + "a@" + p.email.rsplit("@", 1)[1] \
                if p.email.split("@")[0].endswith(("ski", "cki")) else p.email
    ids = [str(1 + 2 * i) for i in range(len(w.patients))]
    cols = {"ID pacjenta": "patient.source_id", "Imię": "patient.first_name",
            "Drugie imię": "patient.middle_name", "Nazwisko": "patient.last_name",
            "PESEL": "custom", "Data urodzenia": "patient.date_of_birth (DD.MM.RRRR)",
            "Płeć": "patient.sex (K / M)", "Telefon komórkowy": "patient.phone_mobile",
            "Telefon stacjonarny": "patient.phone_home", "E-mail": "patient.email",
            "Ulica": "patient.address_line1 (street; house and flat number apart)",
            "Nr domu": "patient.address_line1 (house number)",
            "Nr lokalu": "patient.address_line1 (flat number)",
            "Kod pocztowy": "patient.postal_code", "Miejscowość": "patient.city",
            "Województwo": "patient.state",
            "Zgoda na SMS": "patient.contact_preference (Tak: sms, Nie: none)",
            "Zgoda marketingowa": "custom", "Przedstawiciel ustawowy": "custom",
            "Uwagi": "custom", "Data rejestracji": "patient.created_at (DD.MM.RRRR)"}
    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        street, _, _num = p.line1.rpartition(" ")
        child = p.dob.year >= 2008
        rows.append([ids[i], p.first, rng.choice(("", "", "", "Maria", "Jan")), p.last,
                     pesel(rng, p.dob, p.sex == "female"), fmt.dmy(p.dob, "."),
                     "K" if p.sex == "female" else "M", p.mobile, p.home, p.email, street,
                     str(rng.randrange(1, 120)), str(rng.randrange(1, 40)) if rng.random() < .6
                     else "", p.postcode, p.city, p.state,
                     rng.choice(("Tak", "Tak", "Nie")), rng.choice(("Tak", "Nie")),
                     f"{rng.choice(sorted(PL_FEMALE))} {_female_surname(p.last)} (matka)"
                     if child else "",
                     rng.choice(("", "", "", "Prosi o kontakt SMS", "Pacjent z polecenia",
                                 "Ubezpieczenie Medicover")), fmt.dmy(p.created.date(), ".")])
    rows[27][5] = ""
    rows[64][9] = ""
    twice = duplicate(rows, 51, 80, {0: "901", 8: "", 20: "07.01.2025"},
                      "the same patient keyed again at the desk (same name, PESEL and mobile; a "
                      "new id)")
    rows.insert(100, [])
    rows.append(["999", "Test", "", "Testowy", "00000000000", "01.01.1900", "M", "500 000 000",
                 "", "test@example.com", "ul. Testowa", "1", "", "00-000", "Kraków",
                 "małopolskie", "Nie", "Nie", "", "KONTO TESTOWE", "01.03.2019"])
    bad = [{"row": 101, "reason": "a blank line"},
           {"row": len(rows), "reason": "a test patient (Test Testowy, 01.01.1900)"}]
    patients = Table("pacjenci.csv", "patient", cols, rows, {"patient": len(w.patients)},
                     bad_rows=bad, duplicate_rows=[twice], layout=PL,
                     notes=["PESEL kept as a custom field", "the address in three columns"])
    by_year: dict[int, list[list[str]]] = {2024: [], 2025: []}
    vi_cols = {"Data i godzina": "appointment.starts_at (D miesiąca RRRR, GG:MM in one cell)",
               "Czas trwania": "appointment.ends_at (start plus minutes, `30 min`)",
               "ID pacjenta": "appointment.patient_source_id",
               "Pacjent": "drop", "Lekarz": "appointment.provider_source_id (by name, "
                                            "lek. Imię Nazwisko)",
               "Usługa": "appointment.appointment_type", "Status": "appointment.status",
               "Gabinet": "appointment.location", "Cena": "custom",
               "Opis": "appointment.notes"}
    docs = [f"{'lek.' if k < 2 else 'mgr'} {p.first} {p.last}" for k, p in enumerate(w.providers)]
    for v in w.visits:
        p = w.patients[v.patient]
        name, price = rng.choice(SERVICES)
        by_year[v.start.year].append([_pl_when(v.start), f"{v.minutes} min", ids[v.patient],
                                      f"{p.last} {p.first}", docs[v.provider], name,
                                      rng.choice(STATUS[v.status]),
                                      rng.choice(("Gabinet 1", "Gabinet 2", "Gabinet USG")),
                                      zloty(Decimal(price)),
                                      rng.choice(("", "", "Pierwsza wizyta", "Kontrola wyników",
                                                  "Skierowanie od lekarza POZ"))])
    feb = by_year[2025][20]
    feb[0] = "30 lutego 2025, " + feb[0].rsplit(", ", 1)[1]
    visits = [Table(f"wizyty_{y}.csv", "appointment", dict(vi_cols), by_year[y],
                    {"appointment": len(by_year[y]) - (y == 2025)},
                    bad_rows=[{"row": 21, "reason": "a visit dated 30 February: a date that "
                               "does not exist"}] if y == 2025 else [], layout=PL,
                    notes=[f"the visits of {y}; the other year's are in the other file",
                           "Zrealizowana: completed; Odwołana: cancelled; Nieobecność: no-show"])
              for y in (2024, 2025)]
    dx_cols = {"ID pacjenta": "allergy_condition.patient_source_id",
               "Data rozpoznania": "allergy_condition.recorded_at (DD.MM.RRRR)",
               "Kod ICD-10": "allergy_condition.code",
               "Rozpoznanie": "allergy_condition.name",
               "Rodzaj": "allergy_condition.kind (Choroba przewlekła: condition; Alergia: "
                         "allergy)",
               "Lekarz": "custom"}
    dx_rows = []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            code, text = rng.choice(ICD)
            dx_rows.append([ids[i], fmt.dmy((p.created + timedelta(days=rng.randrange(400)))
                                            .date(), "."), code, text,
                            "Alergia" if code in ("Z88.0", "J30.1") else "Choroba przewlekła",
                            rng.choice(docs[:2])])
    diagnoses = Table("rozpoznania.csv", "allergy_condition", dx_cols, dx_rows,
                      {"allergy_condition": len(dx_rows)}, layout=PL,
                      notes=["no id of their own: a diagnosis is its patient, date and code"])
    st_cols = {"Imię": "provider.first_name", "Nazwisko": "provider.last_name",
               "Stanowisko": "provider.role", "Specjalizacja": "provider.specialty",
               "Numer PWZ": "provider.license_number", "E-mail": "provider.email",
               "Telefon": "provider.phone", "Aktywny": "provider.active (Tak / Nie)"}
    jobs = (("Lekarz", "Choroby wewnętrzne"), ("Lekarz", "Kardiologia"),
            ("Pielęgniarka", ""), ("Rejestratorka", ""))
    st_rows = [[p.first, p.last, jobs[k][0], jobs[k][1],
                str(rng.randrange(1000000, 9999999)) if k < 3 else "",
                f"{fmt_mail(p.first)}@przychodnia-dluga.example.pl", p.mobile, "Tak"]
               for k, p in enumerate(w.providers + w.staff)]
    staff = Table("personel.csv", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                  layout=PL, notes=["a nurse and a receptionist beside the doctors"])
    meta = {"export": "egabinet-pl", "vendor": "eGabinet", "country": "PL", "currency": "PLN",
            "date_order": "DMY", "language": "pl", "half": "holdout6"}
    return meta, [patients, *visits, diagnoses, staff]


def fmt_mail(first: str) -> str:
    return first.lower().translate(str.maketrans("ąćęłńóśźż", "acelnoszz"))
