"""A patient list with no birth date column whose national identity number writes the birth
date (a Swedish personnummer `19660326-6468`, with its check digit; a Danish CPR number
`090559-4692`, which has none, only under a header naming it; a Finnish henkilötunnus
`181181-404D`, with its check character): the date is read from the
number (`combine` with `identity`), and the number stays a column of its own, as written.

Only where no column gives the birth date: an export with both (a Polish list with `PESEL` and
`Data urodzenia`) keeps its own date, and the number is the custom field it was."""

from __future__ import annotations

from domain.mapping import Combine, FileMapping
from domain.proposal.profile import FileProfile
from domain.records.national_ids.birth import birth_date_in

TARGET = "patient.date_of_birth"
SHARE = 0.9  # of the values seen that must write a birth date
MIN_VALUES = 5


def propose_birth_from_identity(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    if fm.kind != "patient" or fm.column_of(TARGET) is not None or any(
            c.target == TARGET for c in fm.combine):
        return
    for header in headers:
        column, col = fm.columns.get(header), profile.columns.get(header)
        # the number may be the patient's id too (a kennitala, where no other id is)
        if column is None or col is None or column.target not in (None, "patient.source_id"):
            continue
        seen = {v: n for v, n in col.distinct.items() if v.strip()}
        total = sum(seen.values())
        born = sum(n for v, n in seen.items() if birth_date_in(v, header=header))
        if total < MIN_VALUES or born < SHARE * total or col.empty > col.non_empty:
            continue
        column.flagged = False
        fm.combine.append(Combine(target=TARGET, columns=[header], identity=True, reasons=[
            f"'{header}' holds national identity numbers that write the birth date "
            f"({born} of {total} seen): the birth date read from them; "
            "the number itself kept as written"]))
        return
