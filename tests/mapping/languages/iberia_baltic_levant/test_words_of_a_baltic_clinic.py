"""Clinics in Estonia, Latvia and Lithuania, their exports read in their own words with no
hand edit: file names (`patsiendid`, `broneeringud`, `pacienti`, `vizītes`, `pacientai`,
`vizitai`), headers (`Eesnimi`, `Perekonnanimi`, `Isikukood`, `Sugu`, `Mobiil`, `E-post`,
`Postiindeks`; `Vārds`, `Uzvārds`, `Personas kods`, `Dzimums`, `Pasta indekss`; `Vardas`,
`Pavardė`, `Asmens kodas`, `Lytis`, `Pašto kodas`), value words (`Naine`/`Mees`,
`Sieviete`/`Vīrietis`, `Moteris`/`Vyras`, `Toimunud`, `Tühistatud`, `Ei ilmunud`, `Notikusi`,
`Atcelta`, `Neieradās`, `Įvykęs`, `Atšauktas`, `Neatvyko`, `Jah`/`Ei`, `Jā`/`Nē`, `Taip`/`Ne`),
and the birth date read from the personal code where no column gives it: an isikukood or
asmens kodas (`GYYMMDDSSSC`) or a personas kods (`DDMMYY-CNNNN`), each proved by its check
digit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.region import RegionEvidence
from domain.proposal.shapes import classify
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool, parse_date
from tests.mapping.languages.iberia_baltic_levant.clinic import wrong_targets
from tests.mapping.test_failure_classes import _derive, _propose


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False))


def isikukood(born: dt.date, female: bool, serial: int) -> str:
    """An Estonian (or Lithuanian) personal code with its check digit."""
    head = f"{(3 if born.year < 2000 else 5) + female}{born:%y%m%d}{serial:03d}"
    check = _weighted(head, (1, 2, 3, 4, 5, 6, 7, 8, 9, 1)) % 11
    if check == 10:
        check = _weighted(head, (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)) % 11 % 10
    return head + str(check)


def personas_kods(born: dt.date, serial: int) -> str:
    """A Latvian personal code with its century digit and check digit (None: no check fits)."""
    for s in range(serial, serial + 50):
        head = f"{born:%d%m%y}{1 if born.year < 2000 else 2}{s:03d}"
        check = (1101 - _weighted(head, (1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11
        if check < 10:
            return f"{head[:6]}-{head[6:]}{check}"
    raise AssertionError("no serial")


def _born(i: int) -> dt.date:
    return dt.date(1950 + 2 * i, 1 + i % 12, 1 + i % 28)


EE_HEADERS = ["Patsiendi nr", "Eesnimi", "Perekonnanimi", "Isikukood", "Sugu", "Mobiil",
              "E-post", "Aadress", "Linn", "Postiindeks", "Staatus"]
EE = [[str(100 + i), ("Mari", "Jaan", "Kadri", "Toomas")[i % 4], f"Tamm{i}", isikukood(
    _born(i), i % 2 == 0, 200 + i), "Naine" if i % 2 == 0 else "Mees", f"+372 5{i % 9}{10 + i} {1000 + i}",
       f"patsient{i}@example.ee", f"Pärnu mnt {10 + i}", "Tallinn", f"10{100 + i}",
       "Mitteaktiivne" if i % 7 == 0 else "Aktiivne"] for i in range(30)]
EE_VISIT_HEADERS = ["Kuupäev", "Kellaaeg", "Patsiendi nr", "Arst", "Teenus", "Olek", "Märkused"]
EE_VISITS = [[f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025", f"{8 + i % 9}:{15 * (i % 4):02d}",
              str(100 + i % 30), "dr Liis Kask", ("Esmane vastuvõtt", "Kordusvisiit")[i % 2],
              ("Broneeritud", "Toimunud", "Tühistatud", "Ei ilmunud")[i % 4], ""]
             for i in range(40)]
LV_HEADERS = ["Pacienta nr", "Vārds", "Uzvārds", "Personas kods", "Dzimums", "Mobilais tālrunis",
              "E-pasts", "Adrese", "Pilsēta", "Pasta indekss"]
LV = [[str(500 + i), ("Anna", "Jānis", "Līga", "Andris")[i % 4], f"Bērziņš{i}",
       personas_kods(_born(i), 300 + 5 * i), "Sieviete" if i % 2 == 0 else "Vīrietis",
       f"+371 2{i % 9}{100 + i} {300 + i}", f"pacients{i}@example.lv", f"Brīvības iela {10 + i}",
       "Rīga", f"LV-10{10 + i}"] for i in range(30)]
LT_HEADERS = ["Paciento nr", "Vardas", "Pavardė", "Asmens kodas", "Lytis", "Mobilusis telefonas",
              "El. paštas", "Adresas", "Miestas", "Pašto kodas"]
LT = [[str(900 + i), ("Rūta", "Jonas", "Eglė", "Tomas")[i % 4], f"Kazlauskas{i}",
       isikukood(_born(i), i % 2 == 0, 400 + i), "Moteris" if i % 2 == 0 else "Vyras",
       f"+370 6{i % 9}{10 + i} {1000 + i}", f"pacientas{i}@example.lt", f"Gedimino pr. {10 + i}",
       "Vilnius", f"LT-0{1100 + i}"] for i in range(30)]
LT_VISIT_HEADERS = ["Vizito nr", "Paciento nr", "Data", "Laikas", "Gydytojas", "Paslauga", "Būsena",
                    "Pastabos"]
LT_VISITS = [[str(7700 + i), str(900 + i % 30), f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}",
              f"{8 + i % 9}:{15 * (i % 4):02d}", "Gyd. Asta Petrauskienė", "Konsultacija",
              ("Užregistruotas", "Įvykęs", "Atšauktas", "Neatvyko")[i % 4], ""] for i in range(40)]


def _doc() -> MappingDocument:
    return _propose({"patsiendid.csv": (EE_HEADERS, EE),
                     "broneeringud.csv": (EE_VISIT_HEADERS, EE_VISITS),
                     "pacienti.csv": (LV_HEADERS, LV), "pacientai.csv": (LT_HEADERS, LT),
                     "vizitai.csv": (LT_VISIT_HEADERS, LT_VISITS)}, date_order="DMY")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Eesnimi", "first_name"), ("patient", "Perekonnanimi", "last_name"),
    ("patient", "Sünniaeg", "date_of_birth"), ("patient", "Sugu", "sex"),
    ("patient", "Mobiil", "phone_mobile"), ("patient", "Postiindeks", "postal_code"),
    ("patient", "Vārds", "first_name"), ("patient", "Uzvārds", "last_name"),
    ("patient", "Dzimšanas datums", "date_of_birth"), ("patient", "Dzimums", "sex"),
    ("patient", "Pasta indekss", "postal_code"), ("patient", "Pilsēta", "city"),
    ("patient", "Vardas", "first_name"), ("patient", "Pavardė", "last_name"),
    ("patient", "Gimimo data", "date_of_birth"), ("patient", "Lytis", "sex"),
    ("patient", "El. paštas", "email"), ("patient", "Pašto kodas", "postal_code"),
    ("appointment", "Märkused", "notes"), ("appointment", "Pastabos", "notes"),
    ("appointment", "Pakalpojums", "appointment_type"),
    ("patient", "Maakond", "state"), ("patient", "Elukoht", "city"),
    ("patient", "Dzim. datums", "date_of_birth"), ("patient", "Apskritis", "state"),
    ("appointment", "Algusaeg", "starts_at"), ("appointment", "Beigu laiks", "ends_at"),
    ("appointment", "Pradžios laikas", "starts_at"), ("appointment", "Kabinetas", "location"),
])
def test_baltic_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_baltic_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "patsiendid.csv": "patient", "broneeringud.csv": "appointment",
        "pacienti.csv": "patient", "pacientai.csv": "patient", "vizitai.csv": "appointment"}
    assert not wrong_targets(doc, {
        "patsiendid.csv": {"Patsiendi nr": "source_id", "Eesnimi": "first_name",
                           "Perekonnanimi": "last_name", "Isikukood": "date_of_birth",
                           "Sugu": "sex", "Mobiil": "phone_mobile", "E-post": "email",
                           "Linn": "city", "Postiindeks": "postal_code", "Staatus": "status"},
        "broneeringud.csv": {"Patsiendi nr": "patient_source_id", "Arst": "provider_source_id",
                             "Teenus": "appointment_type", "Olek": "status",
                             "Kuupäev": "starts_at"},
        "pacienti.csv": {"Pacienta nr": "source_id", "Vārds": "first_name",
                         "Uzvārds": "last_name", "Personas kods": "date_of_birth",
                         "Dzimums": "sex", "Mobilais tālrunis": "phone_mobile",
                         "E-pasts": "email", "Pilsēta": "city", "Pasta indekss": "postal_code"},
        "pacientai.csv": {"Paciento nr": "source_id", "Vardas": "first_name",
                          "Pavardė": "last_name", "Asmens kodas": "date_of_birth",
                          "Lytis": "sex", "Mobilusis telefonas": "phone_mobile",
                          "El. paštas": "email", "Miestas": "city", "Pašto kodas": "postal_code"},
        "vizitai.csv": {"Vizito nr": "source_id", "Paciento nr": "patient_source_id",
                        "Gydytojas": "provider_source_id", "Paslauga": "appointment_type",
                        "Būsena": "status", "Pastabos": "notes"}})


@pytest.mark.parametrize(("name", "headers", "rows", "country"), [
    ("patsiendid.csv", EE_HEADERS, EE, "EE"), ("pacienti.csv", LV_HEADERS, LV, "LV"),
    ("pacientai.csv", LT_HEADERS, LT, "LT")])
def test_the_baltic_patients_read_their_birth_dates_from_the_code(
        name: str, headers: list[str], rows: list[list[str]], country: str) -> None:
    doc = _doc()
    doc.settings.country = country
    _, quarantined, records = _derive(doc, name, headers, rows)
    assert not quarantined, quarantined[:1]
    patients = [r.fields for r in records if r.kind == "patient"]
    assert [p["date_of_birth"] for p in patients[:3]] == [_born(i).isoformat() for i in range(3)]
    assert patients[0]["sex"] == "female" and patients[1]["sex"] == "male"
    assert patients[1]["phone_mobile"].startswith("+37")


def test_the_baltic_visits_read_their_state_words() -> None:
    doc = _doc()
    for name, headers, rows in (("broneeringud.csv", EE_VISIT_HEADERS, EE_VISITS),
                                ("vizitai.csv", LT_VISIT_HEADERS, LT_VISITS)):
        _, quarantined, records = _derive(doc, name, headers, rows)
        assert not quarantined, quarantined[:1]
        assert [r.fields["status"] for r in records[:4]] == [
            "booked", "completed", "cancelled", "no_show"]
    _, _, records = _derive(doc, "broneeringud.csv", EE_VISIT_HEADERS, EE_VISITS)
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")


@pytest.mark.parametrize(("number", "header", "born"), [
    ("37605030299", "", "1976-05-03"), ("49403136526", "Asmens kodas", "1994-03-13"),
    ("161175-19997", "", "1975-11-16"), ("16117519997", "Personas kods", "1975-11-16"),
    ("٣٧٦٠٥٠٣٠٢٩٩", "Isikukood", "1976-05-03"),
])
def test_a_baltic_personal_code_writes_the_birth_date(number: str, header: str, born: str) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) == born


@pytest.mark.parametrize(("number", "header"), [
    ("37605030298", "Isikukood"),  # the check fails
    ("161175-19996", ""),  # the check fails
    ("320101-12345", "Personas kods"),  # a code given since 2017: no date in it
])
def test_what_is_no_baltic_personal_code_writes_no_date(number: str, header: str) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) is None


def test_baltic_yes_and_no() -> None:
    assert parse_bool("Jah") and parse_bool("Jā") and parse_bool("Taip")
    assert not parse_bool("Ei") and not parse_bool("Nē") and not parse_bool("Ne")


@pytest.mark.parametrize(("text", "country", "day"), [
    ("2024. gada 12. marts", "LV", "2024-03-12"), ("12. marts 2024", "LV", "2024-03-12"),
    ("2024 m. kovo 12 d.", "LT", "2024-03-12"), ("12. märts 2024", "EE", "2024-03-12"),
])
def test_baltic_dates_with_the_months_name(text: str, country: str, day: str) -> None:
    assert parse_date(text, "DMY", country=country)[0].isoformat() == day
    assert "date" in classify(text)[0]


@pytest.mark.parametrize(("phones", "headers", "country"), [
    (["8 612 34567", "8 699 12345", "8 5 212 3456"] * 4, ["Vardas", "Telefonas"], "LT"),
    (["26123456", "29 123 456", "67 123 456"] * 4, ["Vārds", "Tālrunis"], "LV"),
    (["5123 4567", "5512 3456", "612 3456"] * 4, ["Eesnimi", "Telefon"], "EE"),
])
def test_baltic_numbers_written_without_the_code_say_the_country(
        phones: list[str], headers: list[str], country: str) -> None:
    proposal = RegionEvidence(phones=phones, headers=headers).propose()
    assert proposal is not None and (proposal.country, proposal.currency) == (country, "EUR")


def test_a_latvian_export_in_windows_1257_keyed_by_the_personal_code(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Excel's plain CSV on a Latvian machine, the visits naming each patient by personas kods."""
    source = tmp_path / "export"
    source.mkdir()
    codes = [row[3] for row in LV]
    visits = [[f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025", f"{8 + i % 9}:{15 * (i % 4):02d}",
               codes[i % 30], "Dr. Ilze Kalniņa", ("Notikusi", "Atcelta", "Neieradās")[i % 3]]
              for i in range(40)]
    tables = {"pacienti.csv": ([h for h in LV_HEADERS if h != "Pacienta nr"],
                               [row[1:] for row in LV]),
              "vizītes.csv": (["Datums", "Laiks", "Personas kods", "Ārsts", "Statuss"], visits)}
    for name, (headers, rows) in tables.items():
        text = "\n".join(";".join(r) for r in [headers, *rows]) + "\n"
        (source / name).write_bytes(text.encode("cp1257"))
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    assert main(["map", "propose"]) == 0
    capsys.readouterr()
    doc = load_mapping(home / "mapping.yaml")
    assert (doc.settings.country, doc.settings.currency) == ("LV", "EUR")
    patients = doc.files["pacienti.csv"]
    assert patients.columns["Uzvārds"].target == "patient.last_name"
    assert patients.columns["Personas kods"].target == "patient.source_id"
    assert any(c.target == "patient.date_of_birth" for c in patients.combine)
    assert doc.files["vizītes.csv"].kind == "appointment"
    assert doc.files["vizītes.csv"].columns["Personas kods"].target == (
        "appointment.patient_source_id")
