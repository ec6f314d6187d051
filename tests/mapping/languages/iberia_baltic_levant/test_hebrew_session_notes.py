"""An Israeli clinic's session notes read as clinical notes, a class beyond one vendor (Hebrew
practice software writes `תיעוד מפגשים`, a summary `סיכום טיפול` on a treatment date
`תאריך הטיפול`): without these words the notes were read as a second patient list, every note
lost and each row a made-up patient. Also the patient number abbreviated `מס' מטופל` (as `No.`
for number) and the health fund or insurer as `גורם מממן` (the funding body)."""

from __future__ import annotations

import pytest

from domain.mapping import MappingDocument
from domain.proposal.match import header_matches
from tests.mapping.test_failure_classes import _propose

FIRST = ("רחל", "יעל", "מיכל", "דוד", "יוסי")
LAST = ("ביטון", "כהן", "לוי", "מזרחי", "פרץ")
PATIENTS = [[str(501 + i), FIRST[i % 5], LAST[i % 5], f"{1 + i % 27:02d}/{1 + i % 12:02d}/1960",
             f"053-78715{i:02d}", ("חיפה", "תל אביב-יפו")[i % 2],
             ("כללית", "מכבי", "מאוחדת", "פרטי")[i % 4]] for i in range(30)]
NOTES = [[str(501 + i % 30), f"{1 + i % 27:02d}/01/2024", ("דנה כהן", "אורי לוי")[i % 2],
          f"שיפור בטווח התנועה, המשך תרגול.\nכאב {i % 10} מתוך 10."] for i in range(25)]


def _doc() -> MappingDocument:
    return _propose({
        "מטופלים.csv": (["מס' מטופל", "שם פרטי", "שם משפחה", "תאריך לידה", "טלפון נייד", "עיר",
                         "גורם מממן"], PATIENTS),
        "תיעוד מפגשים.csv": (["מס' מטופל", "תאריך הטיפול", "מטפל/ת", "סיכום טיפול"], NOTES)},
        date_order="DMY")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("clinical_note", "תאריך טיפול", "created_at"), ("clinical_note", "סיכום", "body"),
    ("insurance", "גורם מממן", "carrier_name"), ("clinical_note", "מס' מטופל", "patient_source_id"),
])
def test_hebrew_session_note_headers_name_their_fields(kind: str, header: str,
                                                       field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_hebrew_session_notes_are_notes_of_their_patients() -> None:
    doc = _doc()
    assert {name: fm.kind for name, fm in doc.files.items()} == {
        "מטופלים.csv": "patient", "תיעוד מפגשים.csv": "clinical_note"}
    want = {
        "מטופלים.csv": {"מס' מטופל": "patient.source_id", "גורם מממן": "insurance.carrier_name"},
        "תיעוד מפגשים.csv": {"מס' מטופל": "clinical_note.patient_source_id",
                             "תאריך הטיפול": "clinical_note.created_at",
                             "מטפל/ת": "clinical_note.author_source_id",
                             "סיכום טיפול": "clinical_note.body"},
    }
    for name, columns in want.items():
        for header, target in columns.items():
            column = doc.files[name].columns[header]
            assert column.target == target, (name, header, column.reasons)
