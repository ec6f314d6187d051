"""A figure an export gives twice is taken once: a patient list's balance column beside a file
of the balances (an aged-debtors report, an account list) would make two billing records per
patient and count each balance twice. The file given over to that kind holds it; the copy on
the other file's rows is left out, said so, and the operator may take it back."""

from __future__ import annotations

from domain.mapping import MappingDocument

# Kinds of which a patient has one figure, not a list: a second file giving it is a copy.
ONE_PER_PATIENT = frozenset({"billing"})


def take_once(doc: MappingDocument) -> None:
    """Satellite columns of a one-per-patient kind on a file of another kind are left out
    when a file of that kind is in the export (read, not a twin)."""
    own = {fm.kind: name for name, fm in sorted(doc.files.items())
           if fm.kind in ONE_PER_PATIENT and not fm.twin_of and not fm.skipped}
    for fm in doc.files.values():
        if fm.kind in ONE_PER_PATIENT or fm.twin_of:
            continue
        for header, column in fm.columns.items():
            kind = (column.target or "").partition(".")[0]
            if kind in own and kind != fm.kind:
                column.reasons.append(
                    f"{own[kind]} holds each patient's {kind}: taken from there once, not "
                    f"again from this file's '{header}' (set the target to take it here)")
                column.target = None
                column.custom_field = None
                column.custom_field_type = None
