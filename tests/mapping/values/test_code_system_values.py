"""A column whose header reads as an allergy's code system (`TYPECODE`, `Code type`) but whose
values are bare numbers (a vendor's own type codes: 0, 13, 14) is no code system: those are
named (SNOMED, ICD-10, RxNorm). A column of named systems stays the code system."""

from __future__ import annotations

import pytest

from tests.mapping.test_failure_classes import _propose

SUBSTANCES = ("Penicillin", "Peanuts", "Latex", "Codeine", "Bee stings", "Shellfish")


@pytest.mark.parametrize(("header", "values", "target"), [
    ("TYPECODE", ("0", "13", "14", "8"), None),
    ("Code type", ("0", "13", "14", "8"), None),
    ("Code type", ("SNOMED", "RxNorm"), "allergy_condition.code_system"),
])
def test_bare_numbers_name_no_code_system(header: str, values: tuple[str, ...],
                                          target: str | None) -> None:
    headers = ["allergy_id", "patient_id", "description", header]
    rows = [[str(500 + i), str(1 + i % 20), SUBSTANCES[i % 6], values[i % len(values)]]
            for i in range(30)]
    fm = _propose({"allergies.csv": (headers, rows)}).files["allergies.csv"]
    assert fm.kind == "allergy_condition"
    assert fm.columns[header].target == target
