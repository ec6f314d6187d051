"""A vendor profile is a prior, never a gate: it says what the columns it knows mean, and the
proposal judges every other column (a profile that met a column it did not know used to make it
a custom field, whatever it held) and adds what the profile cannot say (flags, codes, moments
from a date and a time, ids for child rows)."""

from __future__ import annotations

from domain.mapping import FileMapping
from domain.proposal.match import name_score
from domain.records.canonical import KINDS


def with_prior(prior: FileMapping, proposed: FileMapping, unknown: set[str]) -> FileMapping:
    """`prior` (a profile's mapping) with the proposal's judgement of the `unknown` columns;
    `proposed` was made for the prior's kind."""
    merged = prior.model_copy(deep=True)
    if prior.key_value is not None or prior.kind != proposed.kind:
        return merged  # a key/value table's fields are the profile's own list
    # two columns the profile reads as one field (`Suburb` and `City`, either of which its
    # vendor writes) both in this file: which is which is the proposal's to judge
    aimed: dict[tuple[str, int | None], list[str]] = {}
    for h, c in prior.columns.items():
        if h not in unknown and c.target:
            aimed.setdefault((c.target, c.record), []).append(h)
    shared = {h for hs in aimed.values() if len(hs) > 1 for h in hs}
    unknown = unknown | shared
    # a target is taken once per record of its kind on the row (`record`: side by side)
    taken = {(c.target, c.record) for h, c in prior.columns.items()
             if h not in unknown and c.target}
    for header in [h for h in proposed.columns if h in unknown]:  # in the file's order
        column = proposed.columns[header]
        if column.target and (column.target, column.record) in taken:
            continue
        merged.columns[header] = column.model_copy(deep=True)
        merged.columns[header].reasons.append(
            f"profile {prior.profile} reads it and another column as one field: judged by "
            "the proposal" if header in shared else
            f"not in profile {prior.profile}: judged by the proposal")
        if column.target:
            taken.add((column.target, column.record))
    known = set(prior.columns) - unknown
    for item in proposed.combine:
        # taken when the profile says nothing else about its columns (a date column the
        # profile reads as the start, beside a time column it does not know)
        # an end from a start and a length: the start keeps its own target
        feeds = item.columns[-1:] if item.plus_duration else item.columns
        held = [merged.columns[c] for c in feeds if c in known and c in merged.columns]
        if any(c.target not in (None, item.target) for c in held):
            continue
        if (item.target, None) in taken and not any(c.target == item.target for c in held):
            continue
        for column in held:
            column.target = None
            column.reasons.append(f"read into {item.target} with the other columns")
        merged.combine.append(item.model_copy(deep=True))
        taken.add((item.target, None))
    for header, column in proposed.columns.items():
        mine = merged.columns.get(header)
        if header in known and mine is not None and column.values and (
                mine.target == column.target and not mine.values):
            mine.values = dict(column.values)
            mine.reasons += [r for r in column.reasons if r.startswith("codes of")]
    merged.route = merged.route or proposed.route
    merged.time_of_day = merged.time_of_day or proposed.time_of_day
    own = merged.column_of(f"{merged.kind}.source_id")
    # no id column, or the proposal's ids for the rows whose id cell is blank (the same column)
    if merged.derived_id is None and (own is None or own == proposed.column_of(
            f"{merged.kind}.source_id")):
        merged.derived_id = proposed.derived_id
    return merged


def named_otherwise(file_name: str, kind: str) -> str | None:
    """The kind the file's (or its sheet's) name says, when it says one and not the profile's
    (`Export.xlsx#Practitioners` whose columns a patient profile also has): the name wins."""
    if kind not in KINDS or name_score(file_name, kind)[0]:
        return None
    scores = {k: name_score(file_name, k)[0] for k in KINDS}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else None
