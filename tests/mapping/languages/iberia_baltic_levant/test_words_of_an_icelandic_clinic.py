"""A clinic in Iceland, its export read in Icelandic with no hand edit: file names
(`sjuklingar`, `timabokanir`), headers (`Kennitala`, `Fornafn`, `Eftirnafn`, `Kyn`,
`Farsími`, `Netfang`, `Heimilisfang`, `Póstnúmer`, `Staður`, `Dagsetning`, `Tími`, `Læknir`,
`Þjónusta`, `Staða`, `Athugasemdir`), value words (`Kona`/`Karl`, `Bókað`, `Mætti`,
`Afbókað`, `Mætti ekki`, `Já`/`Nei`), +354 numbers, and the birth date read from the kennitala
(`DDMMYY-RRCX`: its check digit C and its century X) where no column gives it."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.region import RegionEvidence
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool
from tests.mapping.languages.iberia_baltic_levant.clinic import wrong_targets
from tests.mapping.test_failure_classes import _derive, _propose


def kennitala(born: dt.date, serial: int) -> str:
    """A person's kennitala: the first serial from `serial` on whose check digit is a digit."""
    for s in range(serial, serial + 20):
        head = f"{born:%d%m%y}{s % 100:02d}"
        rest = sum(int(d) * w for d, w in zip(head, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        if rest != 1:
            return f"{head[:6]}-{head[6:]}{(11 - rest) % 11}{str(born.year)[1]}"
    raise AssertionError("no serial")


def _born(i: int) -> dt.date:
    return dt.date(1948 + 2 * i, 1 + i % 12, 1 + i % 28)


PATIENT_HEADERS = ["Kennitala", "Fornafn", "Eftirnafn", "Kyn", "Farsími", "Netfang",
                   "Heimilisfang", "Póstnúmer", "Staður", "Staða"]
PATIENTS = [[kennitala(_born(i), 20 + 3 * i), ("Guðrún", "Jón", "Sigríður", "Ólafur")[i % 4],
             ("Jónsdóttir", "Sigurðsson", "Ólafsdóttir", "Magnússon")[i % 4],
             "Kona" if i % 2 == 0 else "Karl", f"+354 {(6, 7, 8)[i % 3]}{20 + i} {1000 + i}",
             f"sjuklingur{i}@example.is", f"Laugavegur {10 + i}", ("101", "105", "200")[i % 3],
             ("Reykjavík", "Reykjavík", "Kópavogur")[i % 3], "Óvirkur" if i % 7 == 0 else "Virkur"]
            for i in range(30)]
VISIT_HEADERS = ["Dagsetning", "Tími", "Kennitala", "Læknir", "Þjónusta", "Staða", "Athugasemdir"]
VISITS = [[f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025", f"{8 + i % 9}:{15 * (i % 4):02d}",
           PATIENTS[i % 30][0], "Anna Jónsdóttir", ("Skoðun", "Endurkoma")[i % 2],
           ("Bókað", "Mætti", "Afbókað", "Mætti ekki")[i % 4], ""] for i in range(40)]


def _doc() -> MappingDocument:
    return _propose({"sjuklingar.csv": (PATIENT_HEADERS, PATIENTS),
                     "timabokanir_2025.csv": (VISIT_HEADERS, VISITS)}, date_order="DMY",
                    country="IS")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Fornafn", "first_name"), ("patient", "Eftirnafn", "last_name"),
    ("patient", "Kyn", "sex"), ("patient", "Farsími", "phone_mobile"),
    ("patient", "Netfang", "email"), ("patient", "Heimilisfang", "address_line1"),
    ("patient", "Póstnúmer", "postal_code"), ("patient", "Fæðingardagur", "date_of_birth"),
    ("appointment", "Athugasemdir", "notes"), ("appointment", "Þjónusta", "appointment_type"),
    ("appointment", "Upphaf", "starts_at"), ("appointment", "Stöð", "location"),
])
def test_icelandic_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_an_icelandic_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "sjuklingar.csv": "patient", "timabokanir_2025.csv": "appointment"}
    assert not wrong_targets(doc, {
        "sjuklingar.csv": {"Fornafn": "first_name",
                           "Eftirnafn": "last_name", "Kyn": "sex", "Farsími": "phone_mobile",
                           "Netfang": "email", "Heimilisfang": "address_line1",
                           "Póstnúmer": "postal_code", "Staður": "city", "Staða": "status"},
        "timabokanir_2025.csv": {"Kennitala": "patient_source_id",
                                 "Læknir": "provider_source_id", "Þjónusta": "appointment_type",
                                 "Staða": "status", "Athugasemdir": "notes"}})
    # the kennitala is how an Icelandic clinic knows its people: the patient's id, where no
    # other is, and the birth date read from it
    patients = doc.files["sjuklingar.csv"]
    assert patients.columns["Kennitala"].target == "patient.source_id"
    [born] = [c for c in patients.combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["Kennitala"] and born.identity


def test_the_icelandic_rows_read_with_the_kennitala_birth_date() -> None:
    doc = _doc()
    _, quarantined, records = _derive(doc, "sjuklingar.csv", PATIENT_HEADERS, PATIENTS)
    assert not quarantined, quarantined[:1]
    patients = [r.fields for r in records if r.kind == "patient"]
    assert [p["date_of_birth"] for p in patients[:3]] == [_born(i).isoformat() for i in range(3)]
    assert patients[1]["source_id"] == PATIENTS[1][0]
    assert patients[0]["sex"] == "female" and patients[1]["sex"] == "male"
    assert patients[0]["status"] == "inactive" and patients[1]["status"] == "active"
    assert patients[1]["phone_mobile"] == "+3547211001"
    _, quarantined, records = _derive(doc, "timabokanir_2025.csv", VISIT_HEADERS, VISITS)
    assert not quarantined, quarantined[:1]
    assert [r.fields["status"] for r in records[:4]] == [
        "booked", "completed", "cancelled", "no_show"]
    assert records[1].fields["patient_source_id"] == PATIENTS[1][0]


@pytest.mark.parametrize(("number", "header", "born"), [
    ("010130-2989", "", "1930-01-01"), ("1201743399", "Kennitala", "1974-01-12"),
    ("120174-3399", "kt.", "1974-01-12"),
])
def test_a_kennitala_writes_the_birth_date(number: str, header: str, born: str) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) == born


@pytest.mark.parametrize(("number", "header"), [
    ("010130-2979", ""),  # the check fails
    ("520174-3399", "Kennitala"),  # a company's (the day plus 40)
])
def test_what_is_no_kennitala_writes_no_date(number: str, header: str) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header=header) != (
        "1930-01-01" if number.startswith("0101") else "1974-01-12")


def test_icelandic_yes_and_no() -> None:
    assert parse_bool("Já") is True and parse_bool("Nei") is False


def test_icelandic_numbers_written_without_the_code_say_iceland() -> None:
    proposal = RegionEvidence(phones=["620 1000", "777 1234", "551 2345", "899 0011"] * 4,
                              postcodes=["101", "200"], headers=["Nafn", "Sími"]).propose()
    assert proposal is not None and (proposal.country, proposal.currency) == ("IS", "ISK")
