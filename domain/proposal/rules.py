"""Proposals in the mapping language beyond column -> field, each only where the file's own
evidence supports it, each with its reasons (the operator confirms or edits them):

- a date column and a time column make the kind's moment (`combine`);
- date-only moments of events are placed at a stated time of day (`time_of_day`);
- boolean flags that together say an appointment's status (`combine` with a value map);
- status codes that mean another kind (`route`: prospective patients are leads) and coded
  enumerations (`values`);
- an id for child rows that have none, from their parent reference (`derived_id`).
"""

from __future__ import annotations

import re
from itertools import product

from domain.mapping import ColumnMapping, Combine, DerivedId, FileMapping, Route
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.text import phrase
from domain.proposal.vocabulary import BOOLEAN_TRUE, STATUS_CODES
from domain.records.canonical import REFERENCES

# The moment that places a record of each kind in time.
MOMENT: dict[str, str] = {
    "appointment": "starts_at", "communication": "occurred_at", "clinical_note": "created_at",
    "allergy_condition": "recorded_at", "document": "created_at", "lead": "created_at",
    "insurance_verification": "verified_at",
}
NOON = "12:00"  # a date's midday stays on that date in every timezone offset up to ±12 h
SHARE = 0.8  # of a column's values that must have a shape for it to count

# Words of flag headers, by the appointment status a set flag means (the first set one wins,
# in this order).
FLAG_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("cancelled", frozenset({"cancelled", "canceled", "cancellation", "cancel"})),
    ("no_show", frozenset({"dna", "noshow", "no show", "did not arrive", "did not attend",
                           "not arrived", "missed", "failed to attend", "no_show"})),
    ("arrived", frozenset({"arrived", "attended", "checked in", "patient arrived", "showed",
                           "show", "present"})),
)
LEAD_WORDS = frozenset({"prospect", "prospective", "lead", "enquiry", "inquiry", "potential",
                        "interested"})


def _target_column(fm: FileMapping, target: str) -> str | None:
    return next((c for c, m in fm.columns.items() if m.target == target), None)


def _left_out(column: ColumnMapping, reason: str) -> None:
    column.target = None
    column.custom_field = None
    column.custom_field_type = None
    column.flagged = False
    column.reasons.append(reason)


def propose_moment(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    """Date + time columns into the kind's moment; a date-only moment at a stated time."""
    field = MOMENT.get(fm.kind)
    if field is None:
        return
    target = f"{fm.kind}.{field}"
    cols = {h: profile.columns.get(h, ColumnProfile()) for h in headers}
    dates = [h for h, c in cols.items() if c.non_empty and c.share("date") >= SHARE]
    times = [h for h, c in cols.items() if c.non_empty and c.share("time") >= SHARE]
    current = _target_column(fm, target)
    date_col = current if current in dates else None
    if date_col is None and current is None and dates:
        date_col = _closest(dates, ("date", "day", "start", field.replace("_", " ")))
    if date_col is not None and times and (current is None or current == date_col
                                           or current in times):
        time_col = _closest(times, ("start time", "time", "start", "from"))
        for column in (date_col, time_col):
            _left_out(fm.columns[column], f"read into {target} with "
                      f"'{time_col if column == date_col else date_col}'")
        fm.combine.append(Combine(target=target, columns=[date_col, time_col], reasons=[
            f"'{date_col}' holds dates and '{time_col}' times of day: together they are "
            f"{target}"]))
        return
    if date_col is not None and current is None:
        fm.columns[date_col].target = target
        fm.columns[date_col].custom_field = None
        fm.columns[date_col].reasons.append(f"the only date of a {fm.kind}: its {field}")
        current = date_col
    if current is not None and cols[current].share("date") >= SHARE:
        fm.time_of_day = NOON
        fm.reasons.append(f"'{current}' has dates without a time of day: {target} is placed "
                          f"at {NOON} local time (edit time_of_day to change)")


def _closest(headers: list[str], words: tuple[str, ...]) -> str:
    def score(header: str) -> int:
        text = " ".join(phrase(header).tokens)
        return max((len(w) for w in words if w in text), default=0)
    return max(headers, key=score)


def _flag_meaning(header: str) -> str | None:
    text = " ".join(phrase(header).tokens)
    compact = text.replace(" ", "")
    for status, words in FLAG_WORDS:
        if any(w in text or w.replace(" ", "") == compact for w in words):
            return status
    return None


def _boolean(col: ColumnProfile) -> bool:
    return bool(col.distinct) and not col.distinct_overflow and len(col.distinct) <= 3 and (
        col.share("boolean") >= SHARE or all(v.casefold() in BOOLEAN_TRUE | {"0", "false", "no",
                                                                            "n", "f", ""}
                                             for v in col.distinct))


def propose_flags(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    """Appointment flags (`did_not_arrive`, `patient_arrived`) into its status."""
    if fm.kind != "appointment":
        return
    flags = [(h, m) for h in headers
             if _boolean(profile.columns.get(h, ColumnProfile()))
             and (m := _flag_meaning(h)) is not None]
    status = _target_column(fm, "appointment.status")
    if status is not None and status not in [h for h, _ in flags]:
        return  # a status column of its own says it better
    if not flags or len(flags) > 3:
        return
    observed = [sorted(profile.columns[h].distinct) + [""] for h, _ in flags]
    values: dict[str, str] = {}
    for combo in product(*observed):
        status = next((m for (_, m), v in zip(flags, combo, strict=True)
                       if v.casefold() in BOOLEAN_TRUE), "booked")
        values["|".join(combo)] = status
    columns = [h for h, _ in flags]
    for h in columns:
        _left_out(fm.columns[h], "read into appointment.status with the other flags")
    fm.combine.append(Combine(target="appointment.status", columns=columns, separator="|",
                              values=values, reasons=[
        "flags " + ", ".join(f"'{h}' ({m})" for h, m in flags) + " together say the status; "
        "none set: booked"]))


def propose_codes(fm: FileMapping, profile: FileProfile) -> None:
    """Status columns whose codes the vocabulary knows (a vendor's numeric codes) get a value
    map; values meaning a prospect route the row to a lead."""
    if fm.kind != "patient":
        return
    for header, column in fm.columns.items():
        col = profile.columns.get(header, ColumnProfile())
        if not col.distinct or col.distinct_overflow:
            continue
        codes = STATUS_CODES.get(re.sub(r"[\W_]+", "", header.casefold()), {})
        words = {v: codes.get(v) or codes.get(v.casefold()) for v in col.distinct}
        route = {v: "lead" for v, w in words.items() if w == "lead"}
        route |= {v: "lead" for v in col.distinct
                  if column.target == "patient.status"
                  and set(phrase(v).tokens) & LEAD_WORDS}
        mapped = {v: w for v, w in words.items() if w and w != "lead"}
        if mapped and column.target == "patient.status":
            column.values = mapped
            column.reasons.append(f"codes of '{header}': " + ", ".join(
                f"{v} = {w}" for v, w in sorted(mapped.items())))
        if route and fm.route is None:
            fm.route = Route(column=header, values=route, reasons=[
                f"'{header}' values {', '.join(sorted(route))} mean a prospect: those rows "
                "are leads"])


def propose_derived_id(fm: FileMapping, profile: FileProfile) -> None:
    """A child table with no id of its own: ids from the parent reference (and the row's
    content when the parent has several rows)."""
    if fm.key_value is not None or _target_column(fm, f"{fm.kind}.source_id"):
        return
    refs = [c for c, m in fm.columns.items() if m.target and m.target.startswith(f"{fm.kind}.")
            and (fm.kind, m.target.split(".", 1)[1]) in REFERENCES]
    if not refs:
        return
    parent = refs[0]
    col = profile.columns.get(parent, ColumnProfile())
    once = col.non_empty > 0 and col.unique_ratio >= 0.999 and not col.empty
    fm.derived_id = DerivedId(columns=[parent], content=not once, reasons=[
        f"no column holds the {fm.kind}'s own id: made from '{parent}'"
        + (" (one row each)" if once else " and a digest of the row")])


def propose_rules(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    if fm.kind == "fhir" or fm.key_value is not None:
        return
    propose_flags(fm, headers, profile)
    propose_moment(fm, headers, profile)
    propose_codes(fm, profile)
    propose_derived_id(fm, profile)
