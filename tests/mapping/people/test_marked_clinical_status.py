"""An allergy or condition table's column named after a status (`archived`, `Inactive`,
`Résolu`) holding marks (1/0, Y/N, X) is the entry's clinical status: marked rows are that
status, the others active; not a custom field of 0s and 1s. A column of clinical status
words of its own stays the status."""

from __future__ import annotations

import pytest

from tests.mapping.test_failure_classes import _derive, _propose

SUBSTANCES = ("Penicillin", "Peanuts", "Latex", "Codeine", "Bee stings", "Shellfish")


@pytest.mark.parametrize(("header", "marks", "status"), [
    ("archived", ("0", "1"), "inactive"),
    ("Inactive", ("N", "Y"), "inactive"),
    ("Archivé", ("non", "oui"), "inactive"),
    ("Resolved", ("no", "yes"), "resolved"),
])
def test_a_marked_status_column_is_the_clinical_status(header: str, marks: tuple[str, str],
                                                       status: str) -> None:
    headers = ["allergy_id", "patient_id", "entry_date", "description", header]
    rows = [[str(500 + i), str(1 + i % 20), f"2022-0{1 + i % 9}-1{i % 10}", SUBSTANCES[i % 6],
             marks[1] if i % 4 == 0 else marks[0]] for i in range(30)]
    doc = _propose({"allergies.csv": (headers, rows)})
    fm = doc.files["allergies.csv"]
    assert fm.kind == "allergy_condition"
    assert fm.columns[header].target == "allergy_condition.clinical_status"
    kinds, quarantined, records = _derive(doc, "allergies.csv", headers, rows)
    assert kinds["allergy_condition"] == 30 and not quarantined
    assert records[0].fields["clinical_status"] == status
    assert records[1].fields["clinical_status"] == "active"


def test_a_status_column_of_its_own_stays_the_clinical_status() -> None:
    headers = ["allergy_id", "patient_id", "description", "clinical_status", "archived"]
    rows = [[str(500 + i), str(1 + i % 20), SUBSTANCES[i % 6], ("active", "resolved")[i % 2],
             ("0", "1")[i % 3 == 0]] for i in range(30)]
    fm = _propose({"allergies.csv": (headers, rows)}).files["allergies.csv"]
    assert fm.columns["clinical_status"].target == "allergy_condition.clinical_status"
    assert fm.columns["archived"].target is None
