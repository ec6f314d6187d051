"""Which raw rows of a source file are a patient's, found the way derivation finds them.

A row is a patient's when deriving it through the confirmed mapping yields a record or a
quarantine naming them: their patient record (or its quarantine, a duplicate of their id
included), or a record of another kind whose `patient_source_id` is theirs. This is what the
record streams' keys follow (adapters.stores.shredding_mapper), applied to rows rather than to the
records saved, so it also finds rows in an export extracted after the patient was forgotten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from domain.mapping import FileMapping, Settings
from domain.ports import SourceRow
from domain.records.derive import DerivedRecord, Result, derive_key_values, derive_row


def patients_named(result: Result) -> set[str]:
    """The patient source ids one derivation result names."""
    named: set[str] = set()
    if result.kind == "patient" and result.source_id:
        named.add(result.source_id)
    if isinstance(result, DerivedRecord):
        patient = result.fields.get("patient_source_id")
        if patient not in (None, ""):
            named.add(str(patient))
    return named


def _rows_of(result: Result) -> list[int]:
    return list(result.rows) if isinstance(result, DerivedRecord) else [result.row]


def patient_rows(file_name: str, mapping: FileMapping, settings: Settings,
                 rows: Iterable[SourceRow], wanted: Callable[[str], bool]) -> Iterator[int]:
    """Numbers of the rows whose derivation names a patient for whom `wanted` is true."""
    if mapping.key_value is not None:
        results: Iterable[Result] = derive_key_values(file_name, mapping, settings, rows)
    else:
        results = (r for row in rows for r in derive_row(file_name, mapping, settings, row))
    for result in results:
        if any(wanted(patient) for patient in patients_named(result)):
            yield from _rows_of(result)
