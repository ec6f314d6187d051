"""A Greek clinic's export read in its own words and letters, with no hand edit: file names
(`Ασθενείς`, `Ραντεβού`, `Ιστορικό`, `Αλλεργίες`, and as a vendor transliterates them,
`astheneis`, `rantevou`), headers (`Επώνυμο`, `Όνομα`, `Πατρώνυμο`, `Ημ/νία Γέννησης`, `Φύλο`,
`ΑΜΚΑ`, `Ασφαλιστικός Φορέας`, `Διεύθυνση`, `Πόλη`, `Τ.Κ.`, `Κινητό`, `Σταθερό`,
`Ημ/νία Εγγραφής`, `Κατάσταση`, `Ώρα`, `Διάρκεια`, `Ιατρός`, `Αιτία Επίσκεψης`,
`Σημειώσεις`), value words (`Γυναίκα`/`Άνδρας`, `Ενεργός`/`Ανενεργός`, `Ολοκληρώθηκε`,
`Ακυρώθηκε`, `Δεν προσήλθε`, `Αλλεργία`/`Πάθηση`, `Ναι`/`Όχι` with or without the accent, as
capitals drop it); dates `dd/mm/yyyy` and with the month's name in the genitive
(`15 Μαρτίου 2024`); the birth date an AMKA writes under a header naming it; a Windows-1253
file read as Greek."""

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
from domain.records.normalise import parse_bool, parse_datetime
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Μαρία", "Γιώργος", "Ελένη", "Δημήτρης", "Αικατερίνη", "Νίκος")
LAST = ("Παπαδοπούλου", "Παπαδόπουλος", "Ιωάννου", "Γεωργίου", "Οικονόμου", "Καραγιάννης")
TOWNS = ("Αθήνα", "Πειραιάς", "Θεσσαλονίκη")


def _amka(born: dt.date, serial: int) -> str:
    """An AMKA: the birth date as DDMMYY, four digits, a Luhn check digit."""
    head = f"{born.day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    total = 0
    for i, ch in enumerate(reversed(head)):
        n = int(ch) * (1 if i % 2 else 2)
        total += n - 9 if n > 9 else n
    return head + str(-total % 10)


def _born(i: int) -> dt.date:
    return dt.date(1950 + i, 1 + i % 12, 1 + i % 27)


PATIENT_HEADERS = ["Κωδικός", "Επώνυμο", "Όνομα", "Πατρώνυμο", "Ημ/νία Γέννησης", "Φύλο",
                   "ΑΜΚΑ", "Ασφαλιστικός Φορέας", "Διεύθυνση", "Πόλη", "Τ.Κ.", "Κινητό",
                   "Σταθερό", "Email", "Ημ/νία Εγγραφής", "Κατάσταση"]
PATIENTS = [[str(1200 + i), LAST[i % 6], FIRST[i % 6], ("Ιωάννης", "Κωνσταντίνος")[i % 2],
             _born(i).strftime("%d/%m/%Y"), "Γυναίκα" if i % 2 == 0 else "Άνδρας",
             _amka(_born(i), 1000 + 7 * i), ("ΕΟΠΥΥ", "ΕΦΚΑ", "Ιδιωτική")[i % 3],
             f"Πατησίων {10 + i}", TOWNS[i % 3], f"1{i % 9}4 3{i % 10}",
             f"+30 69{i % 10} {100 + i} {1000 + i}", f"210 {5200000 + 13 * i}",
             f"asthenis{i}@example.gr", f"{1 + i % 28:02d}/{1 + i % 12:02d}/20{10 + i % 12}",
             "Ανενεργός" if i % 7 == 0 else "Ενεργός"] for i in range(30)]
VISIT_HEADERS = ["Α/Α", "Ημερομηνία", "Ώρα", "Διάρκεια", "Κωδ. Ασθενή", "Ιατρός",
                 "Αιτία Επίσκεψης", "Κατάσταση", "Σημειώσεις"]
STATUSES = ("Προγραμματισμένο", "Ολοκληρώθηκε", "Ακυρώθηκε", "Δεν προσήλθε", "Προσήλθε")
VISITS = [[str(880 + i), f"{1 + i % 27:02d}/{1 + i % 12:02d}/2025", f"{8 + i % 9}:{15 * (i % 4):02d}",
           str((1 + i % 3) * 15), str(1200 + i % 30), "Δρ. Αναστασία Βλάχου",
           ("Πρώτη επίσκεψη", "Επανέλεγχος", "Εμβολιασμός")[i % 3], STATUSES[i % 5],
           "νηστεία" if i % 2 else ""] for i in range(40)]
NOTE_HEADERS = ["Α/Α", "Κωδ. Ασθενή", "Ημερομηνία/Ώρα", "Ιατρός", "Κείμενο"]
NOTES = [[str(5000 + i), str(1200 + i % 30), f"{1 + i % 27:02d}/{1 + i % 12:02d}/2024 {7 + i % 10}:05",
          "Δρ. Αναστασία Βλάχου", f"Αρτηριακή πίεση {120 + i}/80.\nΧωρίς ενοχλήματα."]
         for i in range(25)]
ALLERGY_HEADERS = ["Κωδ. Ασθενή", "Τύπος", "Κωδικός ICD-10", "Περιγραφή", "Ενεργό",
                   "Ημ/νία Καταχώρησης"]
ALLERGIES = [[str(1200 + i % 30), "Αλλεργία" if i % 3 == 0 else "Πάθηση",
              ("Z88.0", "E11.9", "I10")[i % 3],
              ("Πενικιλίνη", "Σακχαρώδης διαβήτης τύπου 2", "Υπέρταση")[i % 3],
              ("Ναι", "ΟΧΙ", "Όχι", "ΝΑΙ")[i % 4], f"{1 + i % 28:02d}/{1 + i % 12:02d}/2020"]
             for i in range(20)]


def _doc() -> MappingDocument:
    return _propose({"Ασθενείς.csv": (PATIENT_HEADERS, PATIENTS),
                     "Ραντεβού_2025.csv": (VISIT_HEADERS, VISITS),
                     "Ιστορικό_επισκέψεων.csv": (NOTE_HEADERS, NOTES),
                     "Αλλεργίες_Παθήσεις.csv": (ALLERGY_HEADERS, ALLERGIES)}, date_order="DMY")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Επώνυμο", "last_name"), ("patient", "ΕΠΩΝΥΜΟ", "last_name"),
    ("patient", "Όνομα", "first_name"), ("patient", "Ημερομηνία Γέννησης", "date_of_birth"),
    ("patient", "Ημ. Γέννησης", "date_of_birth"), ("patient", "Φύλο", "sex"),
    ("patient", "Οδός", "address_line1"), ("patient", "Ταχ. Κώδικας", "postal_code"),
    ("patient", "Κινητό τηλέφωνο", "phone_mobile"), ("patient", "Τηλέφωνο", "phone_home"),
    ("patient", "Ηλ. Ταχυδρομείο", "email"), ("patient", "Πόλη", "city"),
    ("insurance", "Ασφαλιστικό Ταμείο", "carrier_name"),
    ("appointment", "Λόγος Επίσκεψης", "appointment_type"), ("clinical_note", "Κείμενο", "body"),
    ("clinical_note", "Ιατρός", "author_source_id"),
    ("allergy_condition", "Διάγνωση", "name"), ("allergy_condition", "Περιγραφή", "name"),
])
def test_greek_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_greek_clinics_files_and_columns_are_read_in_greek() -> None:
    doc = _doc()
    kinds = {name: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"Ασθενείς.csv": "patient", "Ραντεβού_2025.csv": "appointment",
                     "Ιστορικό_επισκέψεων.csv": "clinical_note",
                     "Αλλεργίες_Παθήσεις.csv": "allergy_condition"}
    want = {
        "Ασθενείς.csv": {"Κωδικός": "patient.source_id", "Επώνυμο": "patient.last_name",
                         "Όνομα": "patient.first_name", "Ημ/νία Γέννησης": "patient.date_of_birth",
                         "Φύλο": "patient.sex", "Ασφαλιστικός Φορέας": "insurance.carrier_name",
                         "Διεύθυνση": "patient.address_line1", "Πόλη": "patient.city",
                         "Τ.Κ.": "patient.postal_code", "Κινητό": "patient.phone_mobile",
                         "Σταθερό": "patient.phone_home", "Email": "patient.email",
                         "Ημ/νία Εγγραφής": "patient.created_at",
                         "Κατάσταση": "patient.status"},
        "Ραντεβού_2025.csv": {"Α/Α": "appointment.source_id",
                              "Κωδ. Ασθενή": "appointment.patient_source_id",
                              "Ιατρός": "appointment.provider_source_id",
                              "Αιτία Επίσκεψης": "appointment.appointment_type",
                              "Κατάσταση": "appointment.status",
                              "Σημειώσεις": "appointment.notes"},
        "Ιστορικό_επισκέψεων.csv": {"Α/Α": "clinical_note.source_id",
                                    "Κωδ. Ασθενή": "clinical_note.patient_source_id",
                                    "Ημερομηνία/Ώρα": "clinical_note.created_at",
                                    "Ιατρός": "clinical_note.author_source_id",
                                    "Κείμενο": "clinical_note.body"},
        "Αλλεργίες_Παθήσεις.csv": {"Κωδ. Ασθενή": "allergy_condition.patient_source_id",
                                   "Τύπος": "allergy_condition.kind",
                                   "Κωδικός ICD-10": "allergy_condition.code",
                                   "Περιγραφή": "allergy_condition.name",
                                   "Ενεργό": "allergy_condition.clinical_status",
                                   "Ημ/νία Καταχώρησης": "allergy_condition.recorded_at"},
    }
    for name, columns in want.items():
        fm = doc.files[name]
        for header, target in columns.items():
            column = fm.columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    patients = doc.files["Ασθενείς.csv"]
    assert patients.columns["Φύλο"].values == {"Γυναίκα": "female", "Άνδρας": "male"}
    assert patients.columns["Κατάσταση"].values == {"Ενεργός": "active",
                                                    "Ανενεργός": "inactive"}
    assert patients.columns["Πατρώνυμο"].target != "patient.first_name"
    assert not patients.columns["Τ.Κ."].flagged  # `104 31`: three digits, a space, two
    visits = doc.files["Ραντεβού_2025.csv"]
    assert visits.columns["Κατάσταση"].values == {
        "Προγραμματισμένο": "booked", "Ολοκληρώθηκε": "completed", "Ακυρώθηκε": "cancelled",
        "Δεν προσήλθε": "no_show", "Προσήλθε": "arrived"}
    assert {c.target for c in visits.combine} == {"appointment.starts_at", "appointment.ends_at"}
    allergies = doc.files["Αλλεργίες_Παθήσεις.csv"]
    assert allergies.columns["Τύπος"].values == {"Αλλεργία": "allergy", "Πάθηση": "condition"}
    assert allergies.columns["Ενεργό"].values == {"Ναι": "active", "ΝΑΙ": "active",
                                                 "Όχι": "inactive", "ΟΧΙ": "inactive"}


def test_the_greek_rows_all_derive_with_their_dates() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "Ασθενείς.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and not quarantined, quarantined[:2]
    patients = [r for r in records if r.kind == "patient"]
    assert patients[1].fields["date_of_birth"] == _born(1).isoformat()
    assert patients[0].fields["sex"] == "female" and patients[1].fields["sex"] == "male"
    assert patients[0].fields["last_name"] == "Παπαδοπούλου"
    assert patients[0].fields["status"] == "inactive"
    kinds, quarantined, records = _derive(doc, "Ραντεβού_2025.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 40 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert records[1].fields["ends_at"].startswith("2025-02-02T09:45")
    kinds, quarantined, records = _derive(doc, "Αλλεργίες_Παθήσεις.csv", ALLERGY_HEADERS,
                                          ALLERGIES)
    assert kinds["allergy_condition"] == 20 and not quarantined, quarantined[:2]
    assert [r.fields.get("clinical_status") for r in records[:4]] == [
        "active", "inactive", "inactive", "active"]


def test_transliterated_file_names_say_their_kinds() -> None:
    doc = _propose({"astheneis.csv": (PATIENT_HEADERS, PATIENTS),
                    "rantevou.csv": (VISIT_HEADERS, VISITS)}, date_order="DMY")
    assert {n: fm.kind for n, fm in doc.files.items()} == {"astheneis.csv": "patient",
                                                           "rantevou.csv": "appointment"}


def test_an_amka_writes_the_birth_date_under_its_header() -> None:
    number = _amka(dt.date(1984, 3, 15), 1234)
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header="ΑΜΚΑ") == "1984-03-15"
    assert birth_date_in(number, today=dt.date(2026, 1, 1), header="Α.Μ.Κ.Α.") == "1984-03-15"
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert birth_date_in(wrong, today=dt.date(2026, 1, 1), header="ΑΜΚΑ") is None


def test_a_patient_list_with_no_birth_date_reads_it_from_the_amka() -> None:
    headers = [h for h in PATIENT_HEADERS if h != "Ημ/νία Γέννησης"]
    rows = [[v for h, v in zip(PATIENT_HEADERS, row, strict=True) if h != "Ημ/νία Γέννησης"]
            for row in PATIENTS]
    doc = _propose({"Ασθενείς.csv": (headers, rows)}, date_order="DMY")
    [born] = [c for c in doc.files["Ασθενείς.csv"].combine
              if c.target == "patient.date_of_birth"]
    assert born.columns == ["ΑΜΚΑ"] and born.identity


@pytest.mark.parametrize(("text", "moment"), [
    ("15 Μαρτίου 2024", "2024-03-15T00:00"), ("3 Ιαν 2025 10:30", "2025-01-03T10:30"),
    ("28 ΝΟΕΜΒΡΙΟΥ 2023", "2023-11-28T00:00"), ("02/03/2024 14:20", "2024-03-02T14:20"),
])
def test_greek_dates(text: str, moment: str) -> None:
    assert parse_datetime(text, "DMY", Settings(country="GR"))[0].startswith(moment)


def test_the_offices_greek_test_patient_is_no_one() -> None:
    assert empty.test_person("patient", {"first_name": "Ασθενής", "last_name": "ΔΟΚΙΜΑΣΤΙΚΟΣ"})
    assert empty.test_person("patient", {"first_name": "Ασθενής", "last_name": "Τεστ"})
    assert empty.test_person("patient", {"first_name": "Μαρία", "last_name": "Παπαδοπούλου"}) is None


def test_greek_yes_and_no() -> None:
    for word in ("Ναι", "ΝΑΙ", "ναι"):
        assert parse_bool(word) is True, word
    for word in ("Όχι", "ΟΧΙ", "όχι"):
        assert parse_bool(word) is False, word


def test_greek_numbers_and_names_say_greece_and_euros() -> None:
    proposal = propose_region(["+30 694 123 4567", "210 5234567", "+30 2310 555 666"],
                              ["Ελλάδα"], ["104 31", "54621"], [])
    assert proposal is not None and (proposal.country, proposal.currency) == ("GR", "EUR")


def test_a_windows_1253_export_reads_as_greek(tmp_path: Path) -> None:
    text = "".join(";".join(row) + "\r\n" for row in [PATIENT_HEADERS, *PATIENTS[:8]])
    path = tmp_path / "astheneis.csv"
    path.write_bytes(text.encode("cp1253"))
    facts = scan_file(path)
    assert facts.encoding == "windows-1253"
    assert read_sample(path, facts.encoding).startswith("Κωδικός;Επώνυμο;Όνομα")


def test_a_windows_1253_export_in_capitals_reads_as_greek(tmp_path: Path) -> None:
    # capitals carry no accents: every letter is a Cyrillic capital in Windows-1251 too
    rows = [[h.upper() for h in PATIENT_HEADERS[:7]]] + [
        [row[0], row[1].upper(), row[2].upper(), row[3].upper(), row[4], "ΓΥΝΑΙΚΑ", "ΑΝΔΡΑΣ"]
        for row in PATIENTS[:8]]
    path = tmp_path / "ASTHENEIS.csv"
    path.write_bytes("".join(";".join(row) + "\r\n" for row in rows).encode("cp1253"))
    assert scan_file(path).encoding == "windows-1253"


def test_a_whole_name_column_in_greek_is_the_patients_name() -> None:
    headers = ["ID", "Ονοματεπώνυμο", "Email"]
    rows = [[str(i), FIRST[i % 6] + " " + LAST[i % 5], f"p{i}@example.com"] for i in range(30)]
    doc = _propose({"patients.csv": (headers, rows)})
    column = doc.files["patients.csv"].columns["Ονοματεπώνυμο"]
    assert (column.target, column.parts) == ("patient.last_name", "name"), column.reasons
    fields = _derive(doc, "patients.csv", headers, rows)[2][0].fields
    assert (fields["first_name"], fields["last_name"]) == ("Μαρία", "Παπαδοπούλου")
