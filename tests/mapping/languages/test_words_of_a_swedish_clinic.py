"""A Swedish clinic's export read with no hand edit, each a class beyond one vendor: Swedish
headers, file names, status, role, sex and yes/no words (`Efternamn`, `Kön` Kvinna/Man,
`Fakturor`, `Avbokad`, `Nej`); an `Aktiv` flag beside an `Avregistrerad` one making the status
together; the birth date read from a national identity number where no column gives it (the
number kept as written), so a patient registered again under a new number is one person; and
phone numbers grouped as Sweden writes them (`070-123 45 67`) saying the country."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.ports import SourceRow
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from domain.records.check import Checker
from domain.records.national_ids.birth import birth_date_in
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Anna", "Erik", "Karin", "Lars", "Maria", "Nils", "Sofia", "Per", "Eva", "Johan")
LAST = ("Larsson", "Nilsson", "Holm", "Berg", "Ek", "Lund", "Sjöberg", "Öberg", "Ahmed",
        "Karlsson", "Jonsson")


def _luhn_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def _personnummer(i: int) -> str:
    born = f"{50 + i % 45:02d}{1 + i % 12:02d}{1 + i % 28:02d}"
    serial = f"{100 + i:03d}"
    return f"19{born}-{serial}{_luhn_digit(born + serial)}"


def _patients(n: int = 30) -> tuple[list[str], list[list[str]]]:
    headers = ["Patientnr", "Personnummer", "Förnamn", "Efternamn", "Kön", "Mobiltelefon",
               "Telefon hem", "E-post", "Utdelningsadress", "Postnummer", "Postort", "Aktiv",
               "Avregistrerad", "SMS-påminnelse"]
    rows = [[str(3000 + i), _personnummer(i), FIRST[i % 10], LAST[i % 11],
             "Kvinna" if i % 2 else "Man", f"07{i % 10} {100 + i}-{10 + i % 90} {20 + i % 70}",
             f"018-{10 + i} {20 + i % 70} {30 + i % 60}" if i % 3 else "",
             f"p{i}@example.se", f"Storgatan {i + 1}", f"75{i % 10} {10 + i % 80}", "Uppsala",
             "Ja" if i % 4 else "Nej", "Ja" if i % 5 == 0 else "Nej",
             "Ja" if i % 2 else "Nej"] for i in range(n)]
    return headers, rows


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Efternamn", "last_name"), ("patient", "Kön", "sex"),
    ("patient", "Telefon hem", "phone_home"), ("patient", "Utdelningsadress", "address_line1"),
    ("patient", "E-post", "email"), ("patient", "Födelsedatum", "date_of_birth"),
    ("appointment", "Sluttid", "ends_at"), ("appointment", "Bokningsnr", "source_id"),
    ("clinical_note", "Rubrik", "title"), ("clinical_note", "Anteckning", "body"),
    ("clinical_note", "Datum och tid", "created_at"),
    ("clinical_note", "Signerad av", "author_source_id"),
    ("billing", "Fakturanr", "source_id"), ("billing", "Kvar att betala", "outstanding_balance"),
    ("billing", "Betalt", "last_payment_amount"), ("provider", "Yrke", "role"),
    ("provider", "Legitimationsnr", "license_number"),
])
def test_swedish_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_swedish_patient_list_maps_and_its_two_flags_make_the_status() -> None:
    headers, rows = _patients()
    doc = _propose({"Patienter.txt": (headers, rows)}, date_order="YMD")
    fm = doc.files["Patienter.txt"]
    assert fm.kind == "patient"
    targets = {h: c.target for h, c in fm.columns.items()}
    assert targets["Efternamn"] == "patient.last_name"
    # the words the record's reader does not know get a value map (`Man` it knows)
    assert targets["Kön"] == "patient.sex" and fm.columns["Kön"].values == {"Kvinna": "female"}
    assert targets["Telefon hem"] == "patient.phone_home"
    assert targets["Utdelningsadress"] == "patient.address_line1"
    status = next(c for c in fm.combine if c.target == "patient.status")
    assert set(status.columns) == {"Aktiv", "Avregistrerad"}
    kinds, quarantined, records = _derive(doc, "Patienter.txt", headers, rows)
    assert not quarantined and kinds["patient"] == 30
    by_id = {r.source_id: r.fields for r in records}
    assert by_id["3001"]["status"] == "active"  # Aktiv Ja, Avregistrerad Nej
    assert by_id["3004"]["status"] == "inactive"  # Aktiv Nej, Avregistrerad Nej
    assert by_id["3005"]["status"] == "inactive"  # Aktiv Ja, Avregistrerad Ja: left
    assert by_id["3001"]["sex"] == "female" and by_id["3002"]["sex"] == "male"
    # `Nej` is no: only those who said yes to SMS reminders get them
    assert by_id["3001"]["contact_preference"] == "sms"
    assert by_id["3002"].get("contact_preference") in (None, "none")


def test_the_birth_date_is_read_from_the_identity_number_and_the_number_kept() -> None:
    headers, rows = _patients()
    doc = _propose({"Patienter.txt": (headers, rows)}, date_order="YMD")
    fm = doc.files["Patienter.txt"]
    combine = next(c for c in fm.combine if c.target == "patient.date_of_birth")
    assert combine.columns == ["Personnummer"] and combine.identity
    assert fm.columns["Personnummer"].custom_field  # the number itself is not lost
    kinds, quarantined, records = _derive(doc, "Patienter.txt", headers, rows)
    first = next(r for r in records if r.source_id == "3000")
    assert first.fields["date_of_birth"] == "1950-01-01"
    assert first.extra["Personnummer"] == rows[0][1]


def test_a_birth_date_column_beside_the_number_keeps_its_own() -> None:
    headers, rows = _patients()
    headers = [*headers, "Födelsedatum"]
    rows = [[*r, f"19{60 + i % 30}-0{1 + i % 9}-1{i % 10}"] for i, r in enumerate(rows)]
    doc = _propose({"Patienter.txt": (headers, rows)}, date_order="YMD")
    fm = doc.files["Patienter.txt"]
    assert fm.columns["Födelsedatum"].target == "patient.date_of_birth"
    assert not any(c.target == "patient.date_of_birth" for c in fm.combine)


def test_a_patient_registered_again_under_a_new_number_is_held_back() -> None:
    headers, rows = _patients()
    again = list(rows[7])
    again[0], again[7] = "3999", ""  # a new patient number, the e-mail left out
    rows.append(again)
    doc = _propose({"Patienter.txt": (headers, rows)}, date_order="YMD", country="SE")
    check = Checker(doc).check_file("Patienter.txt", (
        SourceRow(n, dict(zip(headers, row, strict=True))) for n, row in enumerate(rows, 1)))
    assert check.records["patient"] == 30
    assert [r.reason for r in check.reasons.values()] == [
        "the same person as patient 3007 (name, birth date and email or phone equal): "
        "entered twice under a new id"]


@pytest.mark.parametrize(("number", "born"), [
    ("19660326-6468", "1966-03-26"), ("196603266468", "1966-03-26"),
    ("660326-6468", "1966-03-26"), ("660326+6468", "1866-03-26"),
    ("19660386-6465", "1966-03-26"),  # a coordination number: the day plus 60
    ("19660326-6469", None),  # the check digit wrong
    ("44051401458", "1944-05-14"), ("02270803628", None),  # PESEL, right and wrong
    ("8001015009087", "1980-01-01"),  # South African ID
    ("2001", None), ("753 20", None), ("12345678901", None),
])
def test_identity_numbers_that_write_the_birth_date(number: str, born: str | None) -> None:
    assert birth_date_in(number, today=dt.date(2026, 1, 1)) == born


def test_phones_grouped_as_sweden_writes_them_say_sweden() -> None:
    phones = [f"07{i % 10}-{100 + i * 7} {10 + i % 89} {20 + i % 79}" for i in range(40)]
    phones += [f"018-{10 + i} {20 + i % 70} {30 + i % 60}" for i in range(20)]
    proposal = propose_region(phones)
    assert proposal is not None and proposal.country == "SE" and proposal.currency == "SEK"


@pytest.mark.parametrize(("name", "headers", "row", "kind"), [
    ("Personal.txt", ["Förnamn", "Efternamn", "Yrke", "Legitimationsnr", "E-post", "Mobil",
                      "Aktiv"],
     lambda i: [FIRST[i % 10], LAST[i % 11], ("Tandläkare", "Tandhygienist", "Tandsköterska",
                                              "Receptionist")[i % 4], str(280110 + i),
                f"s{i}@klinik.example.se", f"07{i % 10}-{100 + i} {10 + i} {20 + i}",
                "Ja" if i % 3 else "Nej"], "provider"),
    ("Journalanteckningar.txt", ["Datum och tid", "Patientnr", "Signerad av", "Rubrik",
                                 "Anteckning"],
     lambda i: [f"2024-01-{1 + i % 28:02d} 1{i % 10}:15", str(3000 + i), "Per Svensson",
                "Undersökning", f"Karies {i} distalt, fyllning lagd."], "clinical_note"),
])
def test_swedish_file_names_and_headers_say_the_kind(name: str, headers: list[str], row: object,
                                                     kind: str) -> None:
    rows = [row(i) for i in range(12)]  # type: ignore[operator]
    doc = _propose({name: (headers, rows)}, date_order="YMD")
    assert doc.files[name].kind == kind, doc.files[name].reasons


def test_status_sex_and_yes_no_words_of_the_clinics_language_are_read() -> None:
    visits = ("Bokad", "Genomförd", "Avbokad", "Uteblev", "Ankommen")
    b_headers = ["Bokningsnr", "Datum", "Starttid", "Patientnr", "Status"]
    b_rows = [[str(80000 + i), f"2024-02-{1 + i % 28:02d}", f"{8 + i % 9}:30", str(3000 + i),
               visits[i % 5]] for i in range(20)]
    i_headers = ["Fakturanr", "Patientnr", "Status"]
    bills = ("Betald", "Delbetald", "Obetald", "Påminnelse")
    i_rows = [[str(510000 + i), str(3000 + i), bills[i % 4]] for i in range(20)]
    s_headers = ["Förnamn", "Efternamn", "Yrke", "Aktiv"]
    s_rows = [[FIRST[i], LAST[i], "Tandläkare", "Ja" if i % 2 else "Nej"] for i in range(6)]
    p_headers = ["Nº Historia", "Nombre", "Apellidos", "Sexo"]
    p_rows = [[str(2000 + i), FIRST[i % 10], LAST[i % 11], ("Mujer", "Hombre")[i % 2]]
              for i in range(20)]
    doc = _propose({"Bokningar.txt": (b_headers, b_rows), "Fakturor.txt": (i_headers, i_rows),
                    "Personal.txt": (s_headers, s_rows), "Pacientes.csv": (p_headers, p_rows)},
                   date_order="YMD")
    assert doc.files["Fakturor.txt"].kind == "billing"
    read = {}
    for name, headers, rows, field in (
            ("Bokningar.txt", b_headers, b_rows, "status"),
            ("Fakturor.txt", i_headers, i_rows, "billing_status"),
            ("Personal.txt", s_headers, s_rows, "active"),
            ("Pacientes.csv", p_headers, p_rows, "sex")):
        _, quarantined, records = _derive(doc, name, headers, rows)
        assert not quarantined, quarantined[:1]
        read[name] = [r.fields.get(field) for r in records[:5]]
    assert read["Bokningar.txt"] == ["booked", "completed", "cancelled", "no_show", "arrived"]
    assert read["Fakturor.txt"][:4] == ["paid", "current", "current", "overdue"]
    assert read["Personal.txt"][:2] == [False, True]
    assert read["Pacientes.csv"][:2] == ["female", "male"]
