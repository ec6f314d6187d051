"""What the mapping language says about one row before its values are validated: the kind it
goes to (a route), the values of combined targets (date + time, name parts, flags), value
maps and parse formats per column, an id for a row that has none, and date-only events placed
at the mapping's time of day. Pure and value-free in its messages: problems name the column
and the format, never the value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid5

import orjson

from domain.ids import NAMESPACE, sealed
from domain.mapping import DROP, ColumnMapping, Combine, FileMapping, Settings
from domain.records.canonical import KIND_FIELDS, visit_outcome
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import fold_enum
from domain.records.parts import read_parts
from domain.records.validation import Invalid, parse_datetime
from domain.records.values.yes_no import NO

# A routed row's fields of its file's kind land on the same-named field of the new kind, or on
# these (a patient's phones land on a lead's typed phones of the same names; a kind with one
# phone takes the first non-empty).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "phone_mobile": ("phone",), "phone_home": ("phone",), "phone_work": ("phone",),
    "phone": ("phone_mobile",), "date_of_birth": (), "primary_provider_source_id": (),
}
DATETIME_NAMES = frozenset({"created_at", "updated_at", "starts_at", "ends_at", "verified_at",
                            "recorded_at", "occurred_at"})
_TIME_DIRECTIVES = re.compile(r"%[HIMSpXcT]")
_DATE_ONLY = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{8}"
    r"|\d{1,2}[ -][A-Za-z]{3,9}[ -]\d{4}|[A-Za-z]{3,9} \d{1,2},? \d{4}")
# What an unset flag holds: no in the one list of yes and no (Polish Nie, Finnish Ei), or nothing
NO_WORDS = NO | {"", "0", "off", "none", "null", "0000-00-00", "0000-00-00 00:00:00", "-"}
SYNTHETIC = "="  # prefix of the keys this module adds to a row: "=appointment.starts_at"


def uses_rules(mapping: FileMapping) -> bool:
    """Whether any part of the language beyond column -> target is used (the fast path of
    derivation skips this module otherwise)."""
    return bool(mapping.combine or mapping.route or mapping.derived_id or mapping.id_prefix
                or mapping.time_of_day
                or any(c.values or c.format or c.split or c.record or c.parts or c.fixed
                       or c.ambiguous
                       for c in mapping.columns.values()))


@dataclass
class PreparedRow:
    kind: str | None  # None: routed to `drop`
    values: dict[str, Any]
    targets: dict[str, tuple[str, str] | None]  # column key -> (kind, field) for this row
    problem: tuple[str, str, str] | None = None  # (column, field, reason)
    notes: list[str] = field(default_factory=list)
    # several values of one cell, each its own record: (kind, field, values, fixed fields)
    many: list[tuple[str, str, list[str], dict[str, str]]] = field(default_factory=list)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


_FOLDED: dict[int, tuple[Mapping[str, str], dict[str, str], bool]] = {}


def lookup(values: Mapping[str, str], raw: str) -> str | None:
    """A value map's entry for this text: exact, then case-insensitive (through the map's
    entries folded once: a map of a thousand patients' names is no scan per row)."""
    if raw in values:
        return values[raw]
    cached = _FOLDED.get(id(values))
    if cached is None or cached[0] is not values:
        if len(_FOLDED) > 256:
            _FOLDED.clear()
        folded: dict[str, str] = {}
        for source, target in values.items():
            folded.setdefault(source.strip().casefold(), target)
        # a map of hashed names (a patient named by name or email) is looked up by hash too
        hashed = any(k.startswith("h:") for k in folded)
        cached = _FOLDED[id(values)] = (values, folded, hashed)
    found = cached[1].get(raw.casefold())
    if found is not None or not cached[2] or not raw.strip():
        return found
    return cached[1].get(sealed(raw))


def _names_several(column: ColumnMapping, text: str) -> bool:
    folded, key = text.casefold(), sealed(text)
    return any(a.strip().casefold() == folded or a == key for a in column.ambiguous)


def routed_kind(mapping: FileMapping, values: Mapping[str, Any]) -> str | None:
    route = mapping.route
    if route is None:
        return mapping.kind
    found = lookup(route.values, _text(_get(values, route.column)))
    if found is None:
        return mapping.kind
    return None if found == DROP else found


def _get(values: Mapping[str, Any], column: str) -> Any:
    if column in values:
        return values[column]
    folded = column.casefold()
    return next((v for k, v in values.items() if k.casefold() == folded), None)


def apply_format(text: str, fmt: str) -> str:
    """The value read with exactly this strptime format, written as ISO 8601 (a date, or a
    local date and time when the format has a time of day). ValueError when it does not fit."""
    moment = dt.datetime.strptime(" ".join(text.split()), fmt)  # noqa: DTZ007 - local time
    if _TIME_DIRECTIVES.search(fmt) and not re.search(r"%[dmyYbBj]", fmt):
        return moment.time().isoformat()  # a time column, combined with a date later
    if _TIME_DIRECTIVES.search(fmt):
        return moment.isoformat()
    return moment.date().isoformat()


def is_date_only(text: str) -> bool:
    return bool(_DATE_ONLY.fullmatch(text.strip()))


def at_time_of_day(text: str, time_of_day: str) -> str:
    """A date-only value placed at the stated time: "2018-06-08" -> "2018-06-08 09:00"."""
    return f"{text.strip()} {time_of_day}" if is_date_only(text) else text


def derived_id(mapping: FileMapping, values: Mapping[str, Any]) -> str | None:
    spec = mapping.derived_id
    if spec is None:
        return None
    parts = [_text(_get(values, c)) for c in spec.columns]
    if spec.content:
        data = orjson.dumps({k: _text(v) for k, v in values.items()}, option=orjson.OPT_SORT_KEYS)
        parts.append(hashlib.sha256(data).hexdigest()[:12])
    if not any(parts):
        return None
    return id_from_parts(parts, spec.digest)


def id_from_parts(parts: Sequence[str], digest: bool) -> str:
    """A derived id from its parts; with `digest` a uuid5 of them, since an id travels into
    logs, streams and Nutshell and a patient's name and birth date must never."""
    if digest:
        return str(uuid5(NAMESPACE, "derived/" + ":".join(parts)))
    return ":".join(parts)


def _column(columns: Mapping[str, ColumnMapping], key: str) -> ColumnMapping | None:
    found = columns.get(key)
    if found is None:
        folded = key.casefold()
        found = next((c for n, c in columns.items() if n.casefold() == folded), None)
    return found


def _split(target: str) -> tuple[str, str] | None:
    kind, _, name = target.partition(".")
    return (kind, name) if name in KIND_FIELDS.get(kind, ()) else None


def retarget(target: tuple[str, str], home: str, kind: str) -> tuple[str, str] | None:
    """Where a column aimed at the file's kind lands when its row is routed to `kind`;
    satellites of the file's kind (insurance on a patient row) do not follow a routed row."""
    if kind == home:
        return target
    if target[0] != home:
        return None
    name = target[1]
    if name in KIND_FIELDS[kind]:
        return (kind, name)
    for alias in FIELD_ALIASES.get(name, ()):
        if alias in KIND_FIELDS[kind]:
            return (kind, alias)
    return None


_DURATION = re.compile(
    r"^(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?|horas?|std|heures?|ore|ora)\s*)?"
    r"(?:(?P<m>\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minutes?|minutos?|minuten|minuti|')?\.?)?$",
    re.I)  # `45'`: minutes with a prime, as Italian diaries write them
_PATTERN = re.compile(r"[X/]{2,}")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def minutes(text: str) -> float | None:
    """A duration in minutes: "45", "45 min", "1 h 30", "1h30m", "1:30", "00:45:00"."""
    t = text.strip()
    if _PATTERN.fullmatch(t):
        # Open Dental's appointment Pattern: one character per 5 minutes (X busy, / free)
        return len(t) * 5.0
    if clock := _CLOCK.match(t):
        return int(clock[1]) * 60 + int(clock[2]) + int(clock[3] or 0) / 60
    found = _DURATION.match(t)
    if not t or not found or not (found["h"] or found["m"]):
        return None
    hours = float((found["h"] or "0").replace(",", "."))
    return hours * 60 + float((found["m"] or "0").replace(",", "."))


def _plus_duration(item: Combine, values: Mapping[str, Any], settings: Settings | None,
                   order: str) -> tuple[str | None, str | None]:
    *moment_cols, length_col = item.columns
    start = item.separator.join(p for c in moment_cols if (p := _text(_get(values, c))))
    length = _text(_get(values, length_col))
    if not start or not length:
        return None, None
    added = minutes(length)
    if added is None:
        return None, f"column {length_col}: not a duration"
    try:
        if item.format:
            start = apply_format(start, item.format)
        moment, _ = parse_datetime(start, order, settings or Settings())
    except (ValueError, Invalid):
        return None, f"columns {', '.join(moment_cols)}: not a date and time"
    end = dt.datetime.fromisoformat(moment) + dt.timedelta(minutes=added)
    return end.isoformat(), None


def _combined(item: Combine, values: Mapping[str, Any], settings: Settings | None = None,
              order: str = "MDY") -> tuple[str | None, str | None]:
    """(joined value, problem) of one combine."""
    if item.plus_duration and len(item.columns) >= 2:
        return _plus_duration(item, values, settings, order)
    parts = [_text(_get(values, c)) for c in item.columns]
    if item.as_flags:
        parts = ["0" if p.casefold() in NO_WORDS else "1" for p in parts]
    joined = item.separator.join(p for p in parts if p)
    if item.values:
        # flags: every part counts, empty ones too ("1|" is not "|1")
        found = lookup(item.values, item.separator.join(parts))
        joined = found if found is not None else joined
    if item.reason and joined:
        joined = _refined(item, joined, values)
    if item.identity:  # a number writing no date leaves the date unknown: it is kept as written
        return (birth_date_in(joined, header=item.columns[0]) if joined else None), None
    if not joined:
        return None, None
    if item.format:
        try:
            joined = apply_format(joined, item.format)
        except ValueError:
            return None, f"columns {', '.join(item.columns)} do not fit the format {item.format}"
    return joined, None


MISSED = ("no_show", "cancelled")


def _refined(item: Combine, joined: str, values: Mapping[str, Any]) -> str:
    """A missed or cancelled visit (`Broken`, a broken flag set) whose reason column says
    which of the two it was ("Patient cancelled", "No show"); any other status, or a reason
    saying neither ("Car trouble"), stays as the status said."""
    kind, _, name = item.target.partition(".")
    if (kind, name) != ("appointment", "status") or fold_enum(kind, name, joined) not in MISSED:
        return joined
    said = visit_outcome(_text(_get(values, item.reason or "")))
    return said if said in MISSED else joined


def prepare_row(mapping: FileMapping, values: Mapping[str, Any],
                settings: Settings | None = None) -> PreparedRow:
    kind = routed_kind(mapping, values)
    if kind is None:
        return PreparedRow(None, dict(values), {})
    out: dict[str, Any] = {}
    targets: dict[str, tuple[str, str] | None] = {}
    many: list[tuple[str, str, list[str], dict[str, str]]] = []
    parts: list[tuple[tuple[str, str], str]] = []  # fields read from another field's cell
    routed = kind != mapping.kind
    for key, value in values.items():
        column = _column(mapping.columns, key)
        target = _split(column.target) if column is not None and column.target else None
        if target is not None:
            target = retarget(target, mapping.kind, kind)
        if routed and mapping.route is not None and key.casefold() == mapping.route.column.casefold():
            target = None  # the code that routed the row says nothing more to the new kind
        if column is not None and column.record and target is not None and target[0] != kind:
            target = (slot(target[0], column.record), target[1])
        text = _text(value) if isinstance(value, str) else value
        if (column is not None and column.split and target is not None
                and target[0] != kind and isinstance(text, str)):
            items = _split_cell(text, column.split, column.values)
            if items:
                many.append((target[0], target[1], items, dict(column.fixed)))
            out[key] = value
            targets[key] = None  # the cell stays in extra as it was
            continue
        if column is not None and isinstance(text, str) and text:
            if column.ambiguous and target is not None and _names_several(column, text):
                return PreparedRow(kind, out, targets, problem=(
                    key, target[1], f"column {key}: names several records, which one is "
                                    "not known"))
            if column.values:
                mapped = lookup(column.values, text)
                text = mapped if mapped is not None else text
            if column.format and target is not None:
                try:
                    text = apply_format(text, column.format)
                except ValueError:
                    return PreparedRow(kind, out, targets, problem=(
                        key, target[1], f"column {key}: does not fit the format {column.format}"))
        if column is not None and column.parts and target is not None and isinstance(
                text, str) and text:
            found = read_parts(column.parts, text, KIND_FIELDS[target[0].split("#")[0]], settings, key)
            if found:
                text = found.pop(target[1], "")
                parts += [((target[0], name), part) for name, part in found.items()]
        if column is not None and column.fixed and target is not None and target[0] != kind \
                and isinstance(text, str) and text:
            # what the column's header says of its record (`Medicare Card Number`: the
            # carrier), where no column of the row gives it
            parts += [((target[0], name), fixed) for name, fixed in column.fixed.items()]
        if (mapping.time_of_day and target is not None and target[1] in DATETIME_NAMES
                and isinstance(text, str)):
            text = at_time_of_day(text, mapping.time_of_day)
        out[key] = text if isinstance(value, str) else value
        targets[key] = target
    for item in mapping.combine:
        target = _split(item.target)
        if target is None:
            continue
        target = retarget(target, mapping.kind, kind)
        if target is None:
            continue
        order = mapping.date_order or (settings.date_order if settings else "MDY")
        joined, problem = _combined(item, values, settings, order)
        if problem is not None:
            return PreparedRow(kind, out, targets, problem=(item.columns[0], target[1], problem))
        if joined is None:
            continue
        if mapping.time_of_day and target[1] in DATETIME_NAMES:
            joined = at_time_of_day(joined, mapping.time_of_day)
        key = SYNTHETIC + item.target
        # a combined target takes the place of any single column aimed at it
        for other, aimed in targets.items():
            if aimed == target:
                targets[other] = None
        out[key] = joined
        targets[key] = target
    for aimed, part in parts:
        # a part fills its field only where no column of its own gives it
        if not any(t == aimed and _text(out.get(k)) for k, t in targets.items()):
            key = f"{SYNTHETIC}{aimed[0]}.{aimed[1]}"
            out[key] = part
            targets[key] = aimed
    if (kind, "source_id") not in targets.values() or not any(
            _text(out.get(k)) for k, t in targets.items() if t == (kind, "source_id")):
        made = derived_id(mapping, values)
        if made is not None:
            key = f"{SYNTHETIC}{kind}.source_id"
            out[key] = made
            targets[key] = (kind, "source_id")
    if mapping.id_prefix:
        for key, aimed in targets.items():
            if aimed == (kind, "source_id") and _text(out.get(key)):
                out[key] = f"{mapping.id_prefix}{_text(out[key])}"
    return PreparedRow(kind, out, targets, many=many)


def _split_cell(text: str, separators: str, values: Mapping[str, str]) -> list[str]:
    pattern = "[" + re.escape(separators) + "\n]"
    out: list[str] = []
    for part in re.split(pattern, text):
        item = part.strip()
        mapped = lookup(values, item) if values and item else None
        item = (mapped if mapped is not None else item).strip()
        if item and item.casefold() not in {o.casefold() for o in out}:
            out.append(item)
    return out


def slot(kind: str, record: int) -> str:
    """The key of record number `record` of a kind on one row: "insurance#2"."""
    return f"{kind}#{record}"


def satellite(key: str, primary_id: str) -> tuple[str, str]:
    """(kind, default source id) of a row's record of another kind: "insurance" ->
    "<primary>:insurance", the second side by side "insurance#2" -> "<primary>:insurance:2"."""
    kind, _, record = key.partition("#")
    return kind, f"{primary_id}:{kind}" + (f":{record}" if record else "")


def item_id(primary_id: str, kind: str, item: str) -> str:
    """A record made from one value of a cell: its parent and a digest of the value (never the
    value itself: ids are logged)."""
    digest = hashlib.sha256(item.casefold().encode()).hexdigest()[:10]
    return f"{primary_id}:{kind}:{digest}"
