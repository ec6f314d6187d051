"""Proposals in the mapping language beyond column -> field, each only where the file's own
evidence supports it, each with its reasons (the operator confirms or edits them):

- a date column and a time column make the kind's moment (`combine`);
- date-only moments of events are placed at a stated time of day (`time_of_day`);
- boolean flags that together say an appointment's status (domain.proposal.tables.flags);
- status codes that mean another kind (`route`: prospective patients are leads) and coded
  enumerations (`values`);
- the patient named by chart number (domain.proposal.references);
- an id for child rows that have none, from their parent reference (`derived_id`).
"""

from __future__ import annotations

import re

from domain.mapping import NOT_MIGRATED, Combine, DerivedId, FileMapping, Route
from domain.proposal.cells import propose_parts, propose_side_by_side
from domain.proposal.people.columns import PERSON_LISTS, propose_people
from domain.proposal.people.identity import propose_birth_from_identity
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.references import propose_chart_references
from domain.proposal.satellites.lists import more_lists
from domain.proposal.satellites.unnumbered import propose_unnumbered
from domain.proposal.tables.content import explicit_moment_beside, visit_mode
from domain.proposal.tables.flags import left_out, propose_flags, propose_void
from domain.proposal.tables.forms import propose_note_parts
from domain.proposal.tables.joined import propose_date_parts, propose_joined
from domain.proposal.tables.names import STAFF_WORDS, WITH_STAFF
from domain.proposal.tables.organisations import people_among_organisations
from domain.proposal.text import custom_field_name, phrase, raw_tokens
from domain.proposal.values import enum_word
from domain.proposal.vocabulary import STATUS_CODES
from domain.records.canonical import REFERENCES
from domain.records.empty import means_none
from domain.records.rules import minutes

# The moments that place a record of each kind in time, the first the one it needs.
MOMENTS: dict[str, tuple[str, ...]] = {
    "appointment": ("starts_at", "ends_at"), "communication": ("occurred_at",),
    "clinical_note": ("created_at",), "allergy_condition": ("recorded_at",),
    "document": ("created_at",), "lead": ("created_at",),
    "insurance_verification": ("verified_at",),
}
START_WORDS = ("start", "from", "begin", "begins", "time", "starttid", "alkaa", "alkuaika", "nachalo", "nachala",
               "pochatok", "pocetak", "zacetek", "zaciatok", "enarxi", "baslangic", "inceput")
END_WORDS = ("end", "finish", "until", "to", "ends", "slut", "sluttid", "paattyy", "loppuaika", "okonchanie",
             "okonchaniya", "kinets", "zakinchennya", "zavrsetak", "konec", "koniec", "lixi", "bitis", "sfarsit",
             "krai")
DURATION_WORDS = ("duration", "length", "pattern", "minutes", "mins", "min", "minute", "duracion", "duración", "dauer",
                  "duree", "durée", "duracao", "duração", "durata", "len", "trwania", "dlugosc", "delka", "trvani",
                  "idotartam", "perc", "dlitel", "prodolzhitel", "trivalist", "trajanje", "trvanie", "diarkeia", "sure",
                  "prodalzhitelnost")
# Header words of a time of day, in the languages the vocabulary has
CLOCK_WORDS = ("time", "ora", "orario", "hora", "heure", "uhrzeit", "uhr", "zeit", "tijd", "tid", "klokkeslæt",
               "kellonaika", "klo", "vremya", "chas", "vreme", "vrijeme", "cas", "ura", "saat")
# A start or an end beside a date is a time of day too (`Start` / `Slut`, `Alkaa` / `Päättyy`)
EDGE_WORDS = tuple("start starttid begin end slut sluttid finish alkaa alkuaika paattyy loppuaika".split())
_DOTTED = re.compile(r"(\d{1,2})\.(\d{2})")
NOON = "12:00"  # a date's midday stays on that date in every timezone offset up to ±12 h
SHARE = 0.8  # of a column's values that must have a shape for it to count
SATELLITE_FLOOR = 0.85  # a header names another kind's field (domain.proposal.propose's)

# What a record of these kinds is for: without one of these fields it carries nothing.
ESSENTIAL: dict[str, tuple[str, ...]] = {
    "clinical_note": ("body", "title"), "allergy_condition": ("name", "code"),
    "document": ("filename", "path", "description"),
}
YES_NO = frozenset("yes no y n sí si oui non ja nein sim não nao true false nej".split())
NAME_WORDS = frozenset({"name", "names", "nombre", "nom", "nome"})
SEPARATORS = ";|,/"  # between several values of one cell, the likeliest first
SPLIT_KINDS = frozenset({"allergy_condition"})
KIND_WORDS = {"allergy": frozenset({"allergy", "allergies", "alergia", "alergias", "allergie",
                                    "allergien", "intolerance"}),
              "condition": frozenset({"condition", "conditions", "problem", "problems",
                                      "diagnosis", "diagnoses", "alert", "alerts"})}
# A waitlisted person has not started care: a lead until their first visit. Values are read
# without accents (`intéressé` is `interesse`).
LEAD_WORDS = frozenset({"prospect", "prospective", "lead", "enquiry", "inquiry", "potential",
                        "interested", "waitlist", "waitlisted", "potencial", "potentiel",
                        "potenziale", "interesado", "interesada", "interesse", "interessee",
                        "interessato", "interessata", "interessado", "interessada",
                        "interessent", "interessiert", "prospecto", "prospecta"})


def _time_words(field: str) -> tuple[str, ...]:
    return END_WORDS if field == "ends_at" else START_WORDS


def propose_moment(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    """Date + time columns into the kind's moments (start, and end when there is an end time);
    a date-only moment at a stated time of day."""
    fields = MOMENTS.get(fm.kind, ())
    cols = {h: profile.columns.get(h, ColumnProfile()) for h in headers}
    dates = [h for h, c in cols.items() if c.non_empty and c.share("date") >= SHARE]
    # a length written as a clock (`Durata` 00:30) is no time of day: propose_duration reads it
    times = [h for h, c in cols.items() if c.non_empty and (
        c.share("time") >= SHARE or _dotted_times(h, c)) and not _mentions(h, DURATION_WORDS)]
    day: str | None = None
    for position, field in enumerate(fields):
        target = f"{fm.kind}.{field}"
        current = fm.column_of(target)
        if current is not None and not cols[current].non_empty and times:
            left_out(fm.columns[current], "empty: the date and time columns say it")
            current = None
        if current is not None and dates and explicit_moment_beside(fm, current, field, times):
            current = None  # `time` (a timestamp) beside `eventDate` + `startTime`
        if current is not None and current not in dates + times:
            continue  # a full date and time already
        time_col = current if current in times else None
        if time_col is None:
            free = [t for t in times if fm.columns[t].target in (None, target)
                    and not any(t in c.columns for c in fm.combine)]
            fitting = [t for t in free if _mentions(t, _time_words(field))]
            chosen = fitting or (free if position == 0 else [])
            time_col = chosen[0] if chosen else None
        if day is None:
            day = current if current in dates else (
                _closest(dates, ("date", "day", "start", field.replace("_", " ")))
                if dates and (current is None or current in times) else None)
        if day is not None and time_col is not None:
            for column in {day, time_col}:
                left_out(fm.columns[column], f"read into {target} with the other column")
            fm.combine.append(Combine(target=target, columns=[day, time_col], reasons=[
                f"'{day}' holds dates and '{time_col}' times of day: together they are "
                f"{target}"]))
        elif position == 0 and day is not None:
            if current is None:
                fm.columns[day].target = target
                fm.columns[day].custom_field = None
                fm.columns[day].custom_field_type = None
                fm.columns[day].reasons.append(f"the only date of a {fm.kind}: its {field}")
            fm.time_of_day = NOON
            fm.reasons.append(f"'{day}' has dates without a time of day: {target} is placed "
                              f"at {NOON} local time (edit time_of_day to change)")
            return


def _dotted_times(header: str, col: ColumnProfile) -> bool:
    """`9.30` under a header saying time of day (`Ora`, `Hora`, `Time`) or a start or end
    (`Start`, `Slut`): times written with a point, as Italian and Danish diaries do; without
    such a header they are decimals or amounts."""
    seen = [v.strip() for v in col.distinct if v.strip()]
    return bool(seen) and not col.distinct_overflow and _mentions(
        header, CLOCK_WORDS + EDGE_WORDS) and sum(
        1 for v in seen if (m := _DOTTED.fullmatch(v)) and int(m[1]) < 24 and int(m[2]) < 60
    ) >= SHARE * len(seen)


def propose_duration(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    """An appointment's end from its start and a length column ("Duration (min)": 45)."""
    end = fm.column_of("appointment.ends_at")
    if fm.kind != "appointment" or (end is not None and _mentions(end, END_WORDS)) or any(
            c.target == "appointment.ends_at" for c in fm.combine):
        return  # an end column of its own (`End Time`) says it better
    start = next((c for c in fm.combine if c.target == "appointment.starts_at"), None)
    start_cols = list(start.columns) if start else [
        c for c in [fm.column_of("appointment.starts_at")] if c]
    if not start_cols:
        return
    for header in headers:
        col = profile.columns.get(header, ColumnProfile())
        seen = [v for v in col.distinct if v.strip()]
        if (header in start_cols or not seen or not _mentions(header, DURATION_WORDS)
                or sum(minutes(v) is not None for v in seen) < SHARE * len(seen)):
            continue
        column = fm.columns[header]
        column.target = None
        column.custom_field = None
        column.custom_field_type = None
        column.flagged = False
        column.reasons.append("the appointment's length: its end is the start plus it")
        if end is not None:  # `DateTimeArrived` read as the end: the length says it better
            fm.columns[end].target = None
            fm.columns[end].custom_field = custom_field_name(end)
            fm.columns[end].custom_field_type = "Text"
            fm.columns[end].reasons.append("not the end: the start plus the length is")
        fm.combine.append(Combine(target="appointment.ends_at", columns=[*start_cols, header],
                                  separator=start.separator if start else " ",
                                  format=start.format if start else None, plus_duration=True,
                                  reasons=[f"the end is the start plus '{header}' (minutes)"]))
        return


def _mentions(header: str, words: tuple[str, ...]) -> bool:
    tokens = set(phrase(header).tokens)
    return any(w in tokens for w in words)


def _closest(headers: list[str], words: tuple[str, ...]) -> str:
    def score(header: str) -> int:
        text = " ".join(phrase(header).tokens)
        return max((len(w) for w in words if w in text), default=0)
    return max(headers, key=score)


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
        if column.target == "patient.status" and not column.values:
            # the vocabulary's words in the clinic's language (`Inactivo`, `Alta` discharged):
            # without a value map the record keeps them raw, with no status
            said = {v: w for v in col.distinct if v not in route and (w := enum_word(
                "patient", "status", v)) and w != v.strip().casefold()}
            mapped = dict(sorted((said | mapped).items()))
        if mapped and column.target == "patient.status":
            column.values = mapped
            column.reasons.append(f"values of '{header}': " + ", ".join(
                f"{v} = {w}" for v, w in sorted(mapped.items())))
        if route and fm.route is None:
            fm.route = Route(column=header, values=route, reasons=[
                f"'{header}' values {', '.join(sorted(route))} mean a prospect: those rows "
                "are leads"])


NAMED_KINDS = frozenset({"company"})  # kinds whose records one name identifies


def propose_derived_id(fm: FileMapping, profile: FileProfile) -> None:
    """A child table with no id of its own: ids from the parent reference (and the row's
    content when the parent has several rows)."""
    if fm.key_value is not None or fm.column_of(f"{fm.kind}.source_id"):
        return
    refs = [c for c, m in fm.columns.items() if m.target and m.target.startswith(f"{fm.kind}.")
            and (fm.kind, m.target.split(".", 1)[1]) in REFERENCES]
    name = fm.column_of(f"{fm.kind}.name") if fm.kind in NAMED_KINDS else None
    if not refs and name is not None:
        # an address book of hospitals and funds with no id column: each is known by its
        # name (as other files name it), or every row would be held as missing an id
        col = profile.columns.get(name, ColumnProfile())
        once = col.non_empty > 0 and col.unique_ratio >= 0.999 and not col.empty
        fm.derived_id = DerivedId(columns=[name], content=not once, reasons=[
            f"no column holds the {fm.kind}'s own id: its name '{name}' is"
            + ("" if once else ", with a digest of the row")])
        return
    if not refs:
        return
    parent = refs[0]
    col = profile.columns.get(parent, ColumnProfile())
    once = col.non_empty > 0 and col.unique_ratio >= 0.999 and not col.empty
    fm.derived_id = DerivedId(columns=[parent], content=not once, reasons=[
        f"no column holds the {fm.kind}'s own id: made from '{parent}'"
        + (" (one row each)" if once else " and a digest of the row")])


# The fields that tell one record of a kind from another where the export gives no id (the
# design's ids are uuid5s of natural keys), the first one needed.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "company": ("name", "postal_code"),
    "provider": ("last_name", "first_name"),
    "patient": ("last_name", "first_name", "date_of_birth"),
    "lead": ("last_name", "first_name", "email"),
}


def propose_natural_id(fm: FileMapping, profile: FileProfile) -> None:
    """A kind that is nobody's child with no id column, or an id column blank on some rows
    (clients added since the last numbering): ids from what tells its records apart, used
    only where the row's own id is blank."""
    keys = NATURAL_KEYS.get(fm.kind)
    if keys is None or fm.derived_id is not None or fm.key_value is not None:
        return
    own = fm.column_of(f"{fm.kind}.source_id")
    blank = profile.columns.get(own, ColumnProfile()).empty if own else 0
    if own is not None and not blank:
        return
    columns = [h for k in keys if (h := fm.column_of(f"{fm.kind}.{k}")) is not None]
    if not fm.column_of(f"{fm.kind}.{keys[0]}"):
        return
    said = (f"'{own}' is blank on {blank} rows: theirs" if own else
            f"no column holds the {fm.kind}'s own id: each one's")
    # a digest, so a patient's name and birth date never stand in logs and Nutshell as an id
    # (files naming them find the digest through domain.proposal.tables.names)
    digest = fm.kind in PERSON_LISTS
    fm.derived_id = DerivedId(columns=columns, content=False, digest=digest, reasons=[
        f"{said} made from {', '.join(repr(c) for c in columns)}, what tells them apart"])


def propose_split(fm: FileMapping, profile: FileProfile) -> None:
    """A column of another kind's records holding several values per cell (allergies
    "Penicillin; Latex"): one record per value, words meaning none make none."""
    more_lists(fm, SPLIT_KINDS, SATELLITE_FLOOR)
    for header, column in fm.columns.items():
        if not column.target or column.target.startswith(f"{fm.kind}."):
            continue
        kind = column.target.split(".", 1)[0]
        col = profile.columns.get(header, ColumnProfile())
        seen = [v for v in col.distinct if v.strip()]
        # `N/A` says none: its slash separates nothing
        used = "".join(sep for sep in SEPARATORS
                       if any(sep in v for v in seen if not means_none(v)))
        if kind not in SPLIT_KINDS or not seen:
            continue
        nones = {v: "" for v in seen if means_none(v)}
        column.split = used or SEPARATORS[0]
        column.values = {**column.values, **nones}
        words = set(phrase(header).tokens)
        sort = next((k for k, ws in KIND_WORDS.items() if words & ws), None)
        if sort:
            column.fixed = {"kind": sort}
        column.reasons.append(
            f"several values per cell, separated by {column.split!r}: one {kind} each"
            + (f"; {', '.join(sorted(nones))} mean none" if nones else ""))


def propose_nothing_to_migrate(fm: FileMapping) -> None:
    """A file whose columns hold none of what makes a record of its kind worth moving (a
    procedure log read as notes has ids and dates, but no note): kind `none`, rows dropped,
    said so; the operator may name a kind instead."""
    needs = ESSENTIAL.get(fm.kind)
    if not needs:
        return
    held = {c.target for c in fm.columns.values() if c.target} | {c.target for c in fm.combine}
    if held & {f"{fm.kind}.{n}" for n in needs}:
        return
    fm.reasons.append(f"read as {fm.kind}, but no column holds its "
                      f"{' or '.join(needs)}: nothing to migrate (kind: {NOT_MIGRATED})")
    fm.kind = NOT_MIGRATED
    fm.confidence = min(fm.confidence, 0.6)


def demote_names_as_references(fm: FileMapping, profile: FileProfile) -> None:
    """A `... Name` column of people's names is no reference by id (`GP Name` is not the
    primary provider's id): a custom field, kept readable."""
    for header, column in fm.columns.items():
        if not column.target or "." not in column.target:
            continue
        kind, name = column.target.split(".", 1)
        words = set(phrase(header).tokens)
        if (kind, name) not in REFERENCES or not words & NAME_WORDS:
            continue
        if fm.kind in WITH_STAFF and words & STAFF_WORDS:
            continue  # a visit's `Practitioner Name` names the clinic's own staff, as they do
        seen = [v for v in profile.columns.get(header, ColumnProfile()).distinct if v.strip()]
        names = [v for v in seen if " " in v.strip() and not any(c.isdigit() for c in v)]
        if not seen or len(names) < SHARE * len(seen):
            continue
        column.target = None
        column.custom_field = custom_field_name(header)
        column.custom_field_type = "Text"
        column.reasons.append(f"holds people's names, not the ids {kind}.{name} takes: "
                              "a custom field")
    for header, column in fm.columns.items():
        # yes/no values are no reference (`Seguro médico`: Sí/No is not a provider's id)
        if not column.target or "." not in column.target:
            continue
        kind, name = column.target.split(".", 1)
        words = {v.strip().casefold()
                 for v in profile.columns.get(header, ColumnProfile()).distinct if v.strip()}
        # nor are 0/1 under a header named like a flag (`IsNewPatient`, `has_insurance`)
        flag = words <= {"0", "1"} and raw_tokens(header)[:1] in (["is"], ["has"])
        if (kind, name) in REFERENCES and words and (words <= YES_NO or flag):
            column.target = None
            column.custom_field = custom_field_name(header)
            column.custom_field_type = "Text"
            column.reasons.append(f"holds yes/no values, not the ids {kind}.{name} takes: "
                                  "a custom field")


def propose_rules(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    if fm.kind == "fhir" or fm.key_value is not None:
        return
    propose_people(fm, profile)
    demote_names_as_references(fm, profile)
    propose_chart_references(fm, profile)
    propose_flags(fm, headers, profile)
    propose_birth_from_identity(fm, headers, profile)
    propose_date_parts(fm, headers, profile)
    propose_moment(fm, headers, profile)
    propose_duration(fm, headers, profile)
    propose_codes(fm, profile)
    propose_void(fm, profile)
    visit_mode(fm, profile)
    propose_derived_id(fm, profile)
    people_among_organisations(fm, profile)
    propose_split(fm, profile)
    propose_side_by_side(fm)
    propose_unnumbered(fm, profile)
    propose_parts(fm, profile)
    propose_joined(fm, headers, profile)
    propose_note_parts(fm, headers, profile)
    propose_natural_id(fm, profile)
    propose_nothing_to_migrate(fm)
