"""A clinic in Israel, its export read in Hebrew with no hand edit: file names (`מטופלים`,
`תורים`, `חשבוניות`), headers compared in Latin letters (`שם פרטי`, `שם משפחה`, `ת.ז.`,
`תאריך לידה`, `מין`, `טלפון נייד`, `דוא"ל`, `כתובת`, `עיר`, `מיקוד`, `קופת חולים`, `סטטוס`,
`מספר תיק`, `תאריך`, `שעה`, `רופא`, `סוג ביקור`, `הערות`), value words (`זכר`/`נקבה`,
`פעיל`/`לא פעיל`, `נקבע`, `בוצע`, `בוטל`, `לא הגיע`, `כן`/`לא`), dates written dd/mm/yyyy
or with the month's name (`12 במרץ 2024`), 050-1234567 numbers read as Israel's, shekels (`₪`,
`ש"ח`); the identity number (nine digits, its check digit) is kept as written, writes no birth
date, and names the patient in a diary keyed by it; Excel's plain CSV in Windows-1255."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from domain.proposal.region import RegionEvidence
from domain.proposal.shapes import classify
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool, parse_date, parse_money
from tests.mapping.languages.iberia_baltic_levant.clinic import wrong_targets
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("נועה", "יוסי", "מיכל", "דוד", "שירה", "אורי")
LAST = ("כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם")


def teudat_zehut(body: int) -> str:
    """Eight digits and their check digit (digits weighted 1, 2 alternately, digit sums)."""
    digits = f"{body:08d}"
    total = sum(sum(divmod(int(d) * (1 + i % 2), 10)) for i, d in enumerate(digits))
    return digits + str(-total % 10)


PATIENT_HEADERS = ["מספר תיק", "שם פרטי", "שם משפחה", "ת.ז.", "תאריך לידה", "מין", "טלפון נייד",
                   'דוא"ל', "כתובת", "עיר", "מיקוד", "קופת חולים", "סטטוס"]
PATIENTS = [[str(300 + i), FIRST[i % 6], LAST[i % 6], teudat_zehut(3012345 + 97 * i),
             f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1955 + i}", "נקבה" if i % 2 == 0 else "זכר",
             f"05{(0, 2, 4)[i % 3]}-{3100000 + 7 * i}", f"patient{i}@example.co.il",
             f"הרצל {10 + i}", ("תל אביב-יפו", "רמת גן", "חולון")[i % 3], f"{6100000 + i}",
             ("כללית", "מכבי", "מאוחדת", "לאומית")[i % 4],
             "לא פעיל" if i % 7 == 0 else "פעיל"] for i in range(30)]
VISIT_HEADERS = ["מספר תור", "מספר תיק", "תאריך", "שעה", "רופא", "סוג ביקור", "סטטוס", "הערות"]
STATES = ("נקבע", "בוצע", "בוטל", "לא הגיע")
VISITS = [[str(4400 + i), str(300 + i % 30), f"{1 + i % 27:02d}/{1 + i % 12:02d}/2025",
           f"{8 + i % 9}:{15 * (i % 4):02d}", 'ד"ר רונית שמש', ("ביקור ראשון", "ביקורת")[i % 2],
           STATES[i % 4], "להביא הפניה" if i % 5 == 0 else ""] for i in range(40)]


def _doc() -> MappingDocument:
    return _propose({"מטופלים.csv": (PATIENT_HEADERS, PATIENTS),
                     "תורים_2025.csv": (VISIT_HEADERS, VISITS)}, date_order="DMY", country="IL")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "שם פרטי", "first_name"), ("patient", "שם משפחה", "last_name"),
    ("patient", "תאריך לידה", "date_of_birth"), ("patient", "מין", "sex"),
    ("patient", "טלפון נייד", "phone_mobile"), ("patient", 'דוא"ל', "email"),
    ("patient", "כתובת", "address_line1"), ("patient", "עיר", "city"),
    ("patient", "מיקוד", "postal_code"), ("insurance", "קופת חולים", "carrier_name"),
    ("appointment", "הערות", "notes"), ("appointment", "סוג ביקור", "appointment_type"),
    ("patient", "תאריך יצירה", "created_at"), ("appointment", "תאריך התור", "starts_at"),
    ("appointment", "שעת סיום", "ends_at"), ("appointment", "סניף", "location"),
])
def test_hebrew_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_hebrew_clinics_files_and_columns() -> None:
    doc = _doc()
    assert {n: fm.kind for n, fm in doc.files.items()} == {
        "מטופלים.csv": "patient", "תורים_2025.csv": "appointment"}
    assert not wrong_targets(doc, {
        "מטופלים.csv": {"מספר תיק": "source_id", "שם פרטי": "first_name",
                        "שם משפחה": "last_name", "תאריך לידה": "date_of_birth", "מין": "sex",
                        "טלפון נייד": "phone_mobile", 'דוא"ל': "email",
                        "כתובת": "address_line1", "עיר": "city", "מיקוד": "postal_code",
                        "קופת חולים": "insurance.carrier_name", "סטטוס": "status"},
        "תורים_2025.csv": {"מספר תור": "source_id", "מספר תיק": "patient_source_id",
                           "רופא": "provider_source_id", "סוג ביקור": "appointment_type",
                           "סטטוס": "status", "הערות": "notes"}})
    patients = doc.files["מטופלים.csv"]
    assert patients.columns["ת.ז."].target is None
    assert not any(c.target == "patient.date_of_birth" and "ת.ז." in c.columns
                   for c in patients.combine)


def test_the_hebrew_rows_read_with_their_dates_phones_and_words() -> None:
    doc = _doc()
    _, quarantined, records = _derive(doc, "מטופלים.csv", PATIENT_HEADERS, PATIENTS)
    assert not quarantined, quarantined[:1]
    patients = [r.fields for r in records if r.kind == "patient"]
    assert patients[1]["date_of_birth"] == "1956-02-02" and patients[1]["sex"] == "male"
    assert patients[0]["sex"] == "female" and patients[0]["status"] == "inactive"
    assert patients[1]["status"] == "active" and patients[1]["phone_mobile"] == "+972523100007"
    _, quarantined, records = _derive(doc, "תורים_2025.csv", VISIT_HEADERS, VISITS)
    assert not quarantined, quarantined[:1]
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert [r.fields["status"] for r in records[:4]] == [
        "booked", "completed", "cancelled", "no_show"]


def test_an_israeli_identity_number_writes_no_birth_date() -> None:
    assert birth_date_in(teudat_zehut(3012345), header="ת.ז.") is None
    assert birth_date_in(teudat_zehut(3012345), header="תעודת זהות") is None


def test_hebrew_yes_no_and_shekels() -> None:
    assert parse_bool("כן") is True and parse_bool("לא") is False
    assert parse_money("₪ 250", "IL") == "250" and parse_money('1,250.50 ש"ח', "IL") == "1250.50"


@pytest.mark.parametrize(("text", "day"), [
    ("12 במרץ 2024", "2024-03-12"), ("12 מרץ 2024", "2024-03-12"), ("3 באוקטובר 2023", "2023-10-03"),
])
def test_hebrew_dates_with_the_months_name(text: str, day: str) -> None:
    assert parse_date(text, "DMY", country="IL")[0].isoformat() == day
    assert "date" in classify(text)[0]


def test_numbers_under_hebrew_headers_are_israels() -> None:
    phones = [row[PATIENT_HEADERS.index("טלפון נייד")] for row in PATIENTS]
    proposal = RegionEvidence(phones=phones, headers=PATIENT_HEADERS).propose()
    assert proposal is not None and (proposal.country, proposal.currency) == ("IL", "ILS")


def test_an_israeli_export_in_windows_1255_keyed_by_the_identity_number(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Excel's plain CSV on a Hebrew machine, the diary naming each patient by ת.ז. alone."""
    source = tmp_path / "export"
    source.mkdir()
    ids = [row[3] for row in PATIENTS]
    tables = {"מטופלים.csv": (PATIENT_HEADERS, PATIENTS),
              "תורים.csv": (["תאריך", "שעה", "ת.ז.", "רופא", "סטטוס"],
                            [row[2:4] + [ids[i % 30]] + row[4:5] + row[6:7]
                             for i, row in enumerate(VISITS)])}
    for name, (headers, rows) in tables.items():
        text = "\n".join(",".join(r) for r in [headers, *rows]) + "\n"
        (source / name).write_bytes(text.encode("cp1255"))
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    assert main(["map", "propose"]) == 0
    capsys.readouterr()
    doc = load_mapping(home / "mapping.yaml")
    assert (doc.settings.country, doc.settings.currency) == ("IL", "ILS")
    assert doc.files["מטופלים.csv"].columns["שם משפחה"].target == "patient.last_name"
    visits = doc.files["תורים.csv"]
    assert visits.kind == "appointment"
    assert visits.columns["ת.ז."].target == "appointment.patient_source_id"
    # the patient's own id is the file number: each identity number read as its row's
    assert visits.columns["ת.ז."].values[ids[1]] == PATIENTS[1][0]
    assert visits.columns["סטטוס"].target == "appointment.status"
