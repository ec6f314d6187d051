"""The fields a record of a kind is nothing without, read from the values of a file whose
headers name nothing: a note's body, an allergy's name, a message's text and moment, a balance.
A field a header named, or the proposal's value rules found, is never taken from its column.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.mapping import NOT_MIGRATED, FileMapping
from domain.proposal.blind import columns as looks
from domain.proposal.people.references import retarget
from domain.proposal.profile import ColumnProfile, FileProfile

Test = Callable[[ColumnProfile], bool]
# Per kind, in order: the field and what its column's values look like; the first free column
# passing the test takes it (the longest, for a text). A moment follows its record's essence.
BY_VALUES: dict[str, tuple[tuple[str, Test, str], ...]] = {
    "clinical_note": (("body", looks.free_text, "long free texts"),
                      ("created_at", looks.dates, "dates")),
    "communication": (("body", looks.free_text, "long free texts"),
                      ("occurred_at", looks.dates, "dates")),
    "allergy_condition": (("name", looks.words, "short texts in words, no one's name"),
                          ("recorded_at", looks.dates, "dates")),
    "insurance": (("carrier_name", looks.labels, "names many rows share"),),
    "appointment": (("starts_at", looks.moments, "dates with a time of day"),),
    "billing": (("outstanding_balance", looks.money, "amounts of money"),
                ("last_payment_date", looks.dates, "dates")),
}
LONGEST = frozenset({"body"})
LAST = frozenset({"outstanding_balance"})  # of several amounts, the balance comes last


def _free(fm: FileMapping, header: str) -> bool:
    combined = {c for item in fm.combine for c in item.columns}
    return fm.columns[header].target is None and header not in combined


def fill_by_values(fm: FileMapping, kind: str, profile: FileProfile) -> None:
    """The kind's essential fields no column holds, from the free columns' values; a file the
    proposal found nothing of its kind in (`none`) is of that kind again when they are found."""
    wanted = BY_VALUES.get(kind, ())
    for field, test, said in wanted:
        target = f"{kind}.{field}"
        if fm.column_of(target) is not None or any(c.target == target for c in fm.combine):
            continue
        fitting = [h for h in fm.columns if _free(fm, h)
                   and test(profile.columns.get(h, ColumnProfile()))]
        if not fitting:
            continue
        if field in LONGEST:
            fitting.sort(key=lambda h: -profile.columns[h].mean_length)
        header = fitting[-1] if field in LAST else fitting[0]
        retarget(fm.columns[header], target, 0.6,
                 f"its values are {said}: the {kind}'s {field.replace('_', ' ')} (its header "
                 "names nothing)")
        if fm.kind == NOT_MIGRATED and field == wanted[0][0]:
            fm.kind = kind
            fm.reasons = [r for r in fm.reasons if not r.startswith(f"read as {kind}, but")]
