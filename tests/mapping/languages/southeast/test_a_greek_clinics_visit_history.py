"""A Greek clinic's visit history (`Ιστορικό επισκέψεων`): the patient named by `Κωδικός
ασθενούς` (the formal genitive, beside the spoken `ασθενή`) and the note's text under
`Σημειώσεις` (the plural, as English `Notes` is a note's text), where neither was known and
the file, with no patient and no text, was read as nothing."""

from __future__ import annotations

from domain.mapping import MappingDocument
from tests.mapping.test_failure_classes import _propose

FAMILY = ("Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου", "Βλάχου", "Μακρής")
GIVEN = ("Σοφία", "Δημήτρης", "Ελένη", "Νίκος", "Μαρία", "Γιώργος")
PATIENT_HEADERS = ["Κωδικός", "Επώνυμο", "Όνομα", "Ημ/νία Γέννησης", "Φύλο", "Κινητό"]
PATIENTS = [[str(31000 + i), FAMILY[i % 6], GIVEN[(i + 1) % 6], f"{1 + i % 27:02d}/0{1 + i % 9}/19{60 + i}",
             "Γυναίκα" if i % 2 else "Άνδρας", f"69{40 + i} {100000 + 7 * i}"] for i in range(24)]
NOTE_HEADERS = ["Κωδικός ασθενούς", "Ημερομηνία", "Ιατρός", "Αιτία προσέλευσης", "Διάγνωση",
                "Σημειώσεις"]
NOTES = [[str(31000 + i % 24), f"{1 + i % 27:02d}/0{1 + i % 9}/2024 1{i % 9}:0{i % 6}",
          "Dr. Παπαδόπουλος Ιωάννης", ("Πυρετός", "Βήχας", "Έλεγχος")[i % 3],
          ("Οξεία βρογχίτιδα", "Υπέρταση", "")[i % 3],
          f"Πυρετός 38,{i % 9} από χθες.\nΑντιπυρετικά, επανεξέταση σε {2 + i % 4} ημέρες."]
         for i in range(30)]


def _doc() -> MappingDocument:
    return _propose({"Ασθενείς.csv": (PATIENT_HEADERS, PATIENTS),
                     "Ιστορικό επισκέψεων.csv": (NOTE_HEADERS, NOTES)}, date_order="DMY")


def test_a_greek_visit_history_is_read_as_notes_on_the_patient() -> None:
    notes = _doc().files["Ιστορικό επισκέψεων.csv"]
    assert notes.kind == "clinical_note"
    want = {"Κωδικός ασθενούς": "clinical_note.patient_source_id",
            "Σημειώσεις": "clinical_note.body"}
    for header, target in want.items():
        assert notes.columns[header].target == target, (header, notes.columns[header].reasons)
