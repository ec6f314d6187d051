"""A problem list's type column written in short codes in capitals (`ALRG`, `PROB`, `DRG`): a
code is read as the one sort whose words it abbreviates, letter by letter from the first, so
the allergies and problems are their kind's sort and the drugs are left out, said so (no kind
of the migration holds them). A code that could abbreviate words of two sorts names none.
A small export built here."""

from __future__ import annotations

from domain.mapping import DROP
from domain.proposal.tables.content import value_kind
from tests.mapping.test_failure_classes import _derive, _propose

CODES = ("ALRG", "PROB", "DRG", "PROB")


def test_coded_types_give_the_sort_and_leave_drugs_out() -> None:
    headers = ["Chart", "Entry Category", "Description", "Noted On"]
    rows = [[f"C{4400 + i % 17}", CODES[i % 4], ("Penicillin", "Asthma", "Atorvastatin 20mg",
                                                 "Gout")[i % 4], f"2023-0{1 + i % 9}-15"]
            for i in range(48)]
    doc = _propose({"clinical_list.csv": (headers, rows)})
    fm = doc.files["clinical_list.csv"]
    assert fm.kind == "allergy_condition"
    category = fm.columns["Entry Category"]
    assert category.target == "allergy_condition.kind", category.reasons
    assert category.values == {"ALRG": "allergy", "PROB": "condition"}
    assert fm.route is not None and fm.route.values == {"DRG": DROP}
    kinds, quarantined, records = _derive(doc, "clinical_list.csv", headers, rows)
    assert not quarantined and kinds["allergy_condition"] == 36
    assert {r.fields["kind"] for r in records} == {"allergy", "condition"}


def test_a_code_of_two_sorts_names_none() -> None:
    # `PRO`: problem (kept) or procedure (left out); lower case is a word, no code
    assert value_kind("PRO") is None
    assert value_kind("Alg") is None
    assert value_kind("PRB") == "allergy_condition" and value_kind("IMM") == DROP
