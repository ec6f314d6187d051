"""A Finnish clinic's export, read in its own words with no hand edit: file names (`potilaat`,
`varaukset`, `laskutus`, `viestit`), headers (`Sukunimi`, `Etunimi`, `Syntymäpäivä`,
`Sukupuoli`, `Matkapuhelin`, `Puhelin`, `Katuosoite`, `Postinumero`, `Paikkakunta`, `Luotu`,
`Tila`, `Varausnumero`, `Pvm`, `Alkuaika` / `Loppuaika` with times written `14.30`,
`Palvelu`, `Toimipaikka`, `Huomautukset`, `Laskun numero`, `Maksettu`, `Maksamatta`, `Lähetetty`,
`Viesti`), value words (`Nainen`/`Mies`, `Aktiivinen`/`Passiivinen`, `Toteutunut`, `Peruttu`,
`Ei saapunut`, `Erääntynyt`, `Perinnässä`, `Kyllä`/`Ei`), a yes/no column whose compound header
says text messages (`Tekstiviestilupa`), the office's `Testi Potilas`; and the country from its
numbers and five-digit postcodes, which Finland's numbering plan formats otherwise than its
clinics write them; the birth date read from a henkilötunnus (`DDMMYY`, the century sign, the
check character) where no column gives it."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.mapping import FileMapping, MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.profile import ColumnProfile
from domain.proposal.region import propose_region
from domain.proposal.values import enum_values
from domain.records import empty
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Aino", "Veikko", "Helmi", "Oskari", "Venla", "Eino")
LAST = ("Heikkinen", "Laine", "Hämäläinen", "Lehtonen", "Järvinen", "Leppänen")
# Oulu's and Helsinki's landlines (08, 09) and mobiles, written as clinics do
MOBILES = [f"{('044', '045', '040', '050')[i % 4]} {310 + 7 * i} {5100 + 37 * i}"
           for i in range(30)]
LANDLINES = [f"{('08', '09')[i % 2]} {520 + i} {6100 + 3 * i}" for i in range(30)]
POSTCODES = [("90100", "90570", "00250", "90230")[i % 4] for i in range(30)]

PATIENT_HEADERS = ["Potilasnumero", "Sukunimi", "Etunimi", "Syntymäpäivä", "Sukupuoli",
                   "Matkapuhelin", "Puhelin", "Katuosoite", "Postinumero", "Paikkakunta",
                   "Tekstiviestilupa", "Luotu", "Tila"]
PATIENTS = [[str(700 + i), f"{LAST[i % 6]}{i}", FIRST[i % 6],
             f"{1 + i % 28}.{1 + i % 12}.{1950 + i}", "Nainen" if i % 2 else "Mies",
             MOBILES[i], LANDLINES[i] if i % 3 else "", f"Isokatu {10 + i}", POSTCODES[i],
             "Oulu", "Kyllä" if i % 4 else "Ei", f"{1 + i % 28}.{1 + i % 12}.2019 {8 + i % 9}.05",
             "Passiivinen" if i % 7 == 0 else "Aktiivinen"] for i in range(30)]
VISIT_HEADERS = ["Varausnumero", "Pvm", "Alkuaika", "Loppuaika", "Potilasnumero", "Palvelu",
                 "Tila", "Toimipaikka", "Huomautukset"]
VISIT_STATUSES = ("Toteutunut", "Peruttu", "Ei saapunut", "Varattu")
VISITS = [[f"A{9000 + i}", f"{1 + i % 27}.{1 + i % 11}.2024", f"{8 + i % 8}.{15 * (i % 4):02d}",
           f"{9 + i % 8}.{15 * (i % 4):02d}", str(700 + i % 30),
           ("Osteopatia 45 min", "Alkuhaastattelu", "Jatkokäynti")[i % 3], VISIT_STATUSES[i % 4],
           ("Linnanmaa", "Keskusta")[i % 2], "Kelan lähete" if i % 5 == 0 else ""]
          for i in range(40)]
INVOICE_HEADERS = ["Laskun numero", "Potilasnumero", "Maksettu", "Maksamatta", "Tila"]
INVOICE_STATUSES = ("Maksettu", "Avoin", "Erääntynyt", "Perinnässä")
INVOICES = [[str(31000 + i), str(700 + i), f"{60 + i},00 €" if i % 4 == 0 else "0,00 €",
             "0,00 €" if i % 4 == 0 else f"1\u00a0{100 + i},50 €", INVOICE_STATUSES[i % 4]]
            for i in range(24)]
MESSAGE_HEADERS = ["Lähetetty", "Potilasnumero", "Viestityyppi", "Viesti"]
MESSAGES = [[f"{1 + i % 27}.3.2024 {9 + i % 8}.{10 + i}", str(700 + i % 30),
             "Ajanvarausmuistutus", f"Tervetuloa vastaanotolle {1 + i % 27}.3. klo 10.00"]
            for i in range(25)]


def _doc() -> MappingDocument:
    return _propose({"potilaat.csv": (PATIENT_HEADERS, PATIENTS),
                     "varaukset_2024.csv": (VISIT_HEADERS, VISITS),
                     "laskutus.csv": (INVOICE_HEADERS, INVOICES),
                     "viestit.csv": (MESSAGE_HEADERS, MESSAGES)}, date_order="DMY", country="FI")


def _target(fm: FileMapping, header: str) -> str | None:
    """The column's target, or that of the combination it is read in."""
    return fm.columns[header].target or next(
        (c.target for c in fm.combine if header in c.columns), None)


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Sukunimi", "last_name"), ("patient", "Etunimi", "first_name"),
    ("patient", "Syntymäpäivä", "date_of_birth"), ("patient", "Sukupuoli", "sex"),
    ("patient", "Matkapuhelin", "phone_mobile"), ("patient", "Puhelin", "phone_home"),
    ("patient", "Katuosoite", "address_line1"), ("patient", "Paikkakunta", "city"),
    ("patient", "Postinumero", "postal_code"), ("patient", "Luotu", "created_at"),
    ("provider", "Puhelin", "phone"), ("appointment", "Palvelu", "appointment_type"),
    ("appointment", "Toimipaikka", "location"), ("appointment", "Huomautukset", "notes"),
    ("billing", "Maksamatta", "outstanding_balance"), ("communication", "Viesti", "body"),
    ("communication", "Lähetetty", "occurred_at"),
])
def test_finnish_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_finnish_clinics_files_and_columns_are_read_in_finnish() -> None:
    doc = _doc()
    kinds = {name: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"potilaat.csv": "patient", "varaukset_2024.csv": "appointment",
                     "laskutus.csv": "billing", "viestit.csv": "communication"}
    want = {
        "potilaat.csv": {"Potilasnumero": "source_id", "Sukunimi": "last_name",
                         "Etunimi": "first_name", "Syntymäpäivä": "date_of_birth",
                         "Sukupuoli": "sex", "Matkapuhelin": "phone_mobile",
                         "Puhelin": "phone_home", "Postinumero": "postal_code",
                         "Paikkakunta": "city", "Luotu": "created_at", "Tila": "status"},
        "varaukset_2024.csv": {"Varausnumero": "source_id", "Potilasnumero": "patient_source_id",
                               "Palvelu": "appointment_type", "Tila": "status",
                               "Toimipaikka": "location", "Huomautukset": "notes"},
        "laskutus.csv": {"Laskun numero": "source_id", "Potilasnumero": "patient_source_id",
                         "Maksettu": "last_payment_amount", "Maksamatta": "outstanding_balance",
                         "Tila": "billing_status"},
        "viestit.csv": {"Lähetetty": "occurred_at", "Potilasnumero": "patient_source_id",
                        "Viestityyppi": "subject", "Viesti": "body"},
    }
    for name, columns in want.items():
        fm = doc.files[name]
        for header, field in columns.items():
            assert _target(fm, header) == f"{fm.kind}.{field}", (name, header,
                                                                  fm.columns[header].reasons)
    assert doc.files["varaukset_2024.csv"].columns["Tila"].values == {
        "Toteutunut": "completed", "Peruttu": "cancelled", "Ei saapunut": "no_show",
        "Varattu": "booked"}


def test_a_compound_header_saying_text_messages_is_the_contact_preference() -> None:
    doc = _doc()
    fm = doc.files["potilaat.csv"]
    [preference] = [c for c in fm.combine if c.target == "patient.contact_preference"]
    assert preference.columns == ["Tekstiviestilupa"] and preference.as_flags
    _, quarantined, records = _derive(doc, "potilaat.csv", PATIENT_HEADERS, PATIENTS)
    assert not quarantined, quarantined[:1]
    assert [r.fields.get("contact_preference") for r in records[:2]] == ["none", "sms"]
    assert records[1].fields["sex"] == "female" and records[0].fields["sex"] == "male"
    assert records[0].fields["status"] == "inactive" and records[1].fields["status"] == "active"
    assert records[1].fields["date_of_birth"] == "1951-02-02"
    assert records[1].fields["created_at"].startswith("2019-02-02T09:05")


def test_dotted_start_and_end_times_under_finnish_headers_join_the_date() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "varaukset_2024.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not quarantined, quarantined[:1]
    first = records[1].fields
    assert first["starts_at"].startswith("2024-02-02T09:15")
    assert first["ends_at"].startswith("2024-02-02T10:15")


def test_finnish_money_and_invoice_status_words() -> None:
    doc = _doc()
    _, quarantined, records = _derive(doc, "laskutus.csv", INVOICE_HEADERS, INVOICES)
    assert not quarantined, quarantined[:1]
    assert [r.fields.get("billing_status") for r in records[:4]] == [
        "paid", "current", "overdue", "collections"]
    assert float(records[1].fields["outstanding_balance"]) == 1101.5


def test_finnish_numbers_and_postcodes_say_finland() -> None:
    proposal = propose_region(MOBILES + LANDLINES, [], POSTCODES)
    assert proposal is not None and (proposal.country, proposal.currency) == ("FI", "EUR")


def test_postcodes_rule_out_no_country_they_fit() -> None:
    # New Zealand's numbers with its four-digit postcodes stay New Zealand's
    phones = [f"09 {300 + i} {4100 + i}" for i in range(20)]
    proposal = propose_region(phones, [], [f"{1010 + i}" for i in range(20)])
    assert proposal is not None and proposal.country == "NZ"


@pytest.mark.parametrize(("target", "values", "said"), [
    ("patient.sex", ["Nainen", "Mies"], {"Nainen": "female", "Mies": "male"}),
    ("appointment.status", ["Saapunut", "Peruttu (asiakas)", "Vahvistettu"],
     {"Saapunut": "arrived", "Peruttu (asiakas)": "cancelled", "Vahvistettu": "booked"}),
    ("provider.role", ["Fysioterapeutti", "Sairaanhoitaja", "Vastaanottosihteeri"],
     {"Fysioterapeutti": "provider", "Sairaanhoitaja": "nurse",
      "Vastaanottosihteeri": "front_desk"}),
])
def test_finnish_value_words_get_a_value_map(target: str, values: list[str],
                                             said: dict[str, str]) -> None:
    col = ColumnProfile(distinct={v: 1 for v in values})
    assert enum_values(target, col) == said
    assert parse_bool("Kyllä") is True and parse_bool("Ei") is False


def test_the_offices_finnish_test_patient_is_no_one() -> None:
    assert empty.test_person("patient", {"first_name": "Testi", "last_name": "Potilas"})
    assert empty.test_person("patient", {"first_name": "Asiakas", "last_name": "Testi"})
    assert empty.test_person("patient", {"first_name": "Aino", "last_name": "Testinen"}) is None


def _hetu(day: int, month: int, year: int, number: int) -> str:
    """A henkilötunnus of that birth date, its check character computed as Finland's."""
    sign = {18: "+", 19: "-", 20: "A"}[year // 100]
    digits = f"{day:02d}{month:02d}{year % 100:02d}{number:03d}"
    return f"{digits[:6]}{sign}{digits[6:]}{'0123456789ABCDEFHJKLMNPRSTUVWXY'[int(digits) % 31]}"


@pytest.mark.parametrize(("number", "born"), [
    (_hetu(9, 5, 1959, 234), "1959-05-09"), (_hetu(28, 2, 2012, 77), "2012-02-28"),
    (_hetu(1, 12, 1899, 5), "1899-12-01"), ("090559Y234" + _hetu(9, 5, 1959, 234)[-1],
                                            "1959-05-09"),  # a 1900s sign since 2023
    (_hetu(9, 5, 1959, 234)[:-1] + "Q", None),  # a check character no number has
    ("310299-1234", None),  # no such date, no check character of the kind
])
def test_a_henkilotunnus_writes_the_birth_date(number: str, born: str | None) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1)) == born


def test_a_patient_list_without_a_birth_date_reads_it_from_the_henkilotunnus() -> None:
    headers = ["Asiakasnro", "Sukunimi", "Etunimi", "Henkilötunnus", "Matkapuhelin"]
    rows = [[str(50 + i), LAST[i % 6], FIRST[i % 6], _hetu(1 + i % 28, 1 + i % 12, 1940 + i, i),
             MOBILES[i]] for i in range(20)]
    doc = _propose({"asiakasrekisteri.csv": (headers, rows)}, date_order="DMY", country="FI")
    fm = doc.files["asiakasrekisteri.csv"]
    [born] = [c for c in fm.combine if c.target == "patient.date_of_birth"]
    assert born.columns == ["Henkilötunnus"] and born.identity
    _, quarantined, records = _derive(doc, "asiakasrekisteri.csv", headers, rows)
    assert not quarantined and records[2].fields["date_of_birth"] == "1942-03-03"
