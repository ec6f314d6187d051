"""Validation and normalisation of canonical records (pure: no I/O, no network).

`validate_record(kind, raw, settings)` turns the raw values of one record (canonical field
name -> source text) into JSON-friendly canonical values: dates "YYYY-MM-DD", datetimes ISO
8601 with an offset, money as a decimal string plus `currency`, phones E.164, emails lowercase,
enumerations folded to their canonical word. Raw text is kept beside the normalised value where
normalising loses something (phones, unknown enumeration values, re-read dates). Problems name
the field and the reason, never the value: a fatal problem means the record cannot be made.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from domain.mapping import Settings
from domain.records.canonical import ENUMS, KIND_FIELDS, REFERENCES
from domain.records.normalise import (
    Invalid,
    clean_name,
    clean_postal_code,
    clean_text,
    fold_enum,
    is_sentinel_date,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_email,
    parse_int,
    parse_money,
    parse_phone,
)

# --- field types ------------------------------------------------------------------------------

DATE_FIELDS = frozenset({
    "date_of_birth", "effective_from", "effective_to", "last_payment_date", "referred_at",
})
DATETIME_FIELDS = frozenset({
    "created_at", "updated_at", "starts_at", "ends_at", "verified_at", "recorded_at",
    "occurred_at",
})
# Dates that cannot lie ahead of today: a two-digit year is read in the past century if need be.
PAST_FIELDS = frozenset({"date_of_birth"})
MONEY_FIELDS = frozenset({"copay", "outstanding_balance", "last_payment_amount"})
BOOL_FIELDS = frozenset({"is_primary", "active"})
INT_FIELDS = frozenset({"size_bytes", "duration_minutes"})
PHONE_FIELDS = frozenset({"phone_mobile", "phone_home", "phone_work", "phone", "referrer_phone"})
NAME_FIELDS = frozenset({"first_name", "middle_name", "last_name", "preferred_name"})


@functools.cache
def field_type(kind: str, name: str) -> str:
    if (kind, name) in ENUMS:
        return "enum"
    for kind_set, label in ((DATE_FIELDS, "date"), (DATETIME_FIELDS, "datetime"),
                            (MONEY_FIELDS, "money"), (BOOL_FIELDS, "bool"), (INT_FIELDS, "int"),
                            (PHONE_FIELDS, "phone")):
        if name in kind_set:
            return label
    if name in ("email", "referrer_email"):
        return "email"
    if name == "currency":
        return "currency"
    if name == "source_id" or (kind, name) in REFERENCES:
        return "id"
    return "text"


# --- results ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldProblem:
    field: str
    reason: str  # never contains the value
    fatal: bool


@dataclass
class ValidationResult:
    fields: dict[str, Any] = field(default_factory=dict)
    raw_kept: dict[str, str] = field(default_factory=dict)
    problems: list[FieldProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.fatal for p in self.problems)

    @property
    def fatal(self) -> list[FieldProblem]:
        return [p for p in self.problems if p.fatal]




# --- pydantic models of the canonical kinds (the shape every normalised record has) -----------

def _python_type(kind: str, name: str) -> Any:
    kind_of_field = field_type(kind, name)
    if kind_of_field == "bool":
        return bool | None
    if kind_of_field == "int":
        return int | None
    return str | None


def _model(kind: str) -> type[BaseModel]:
    specs: dict[str, Any] = {f: (_python_type(kind, f), None) for f in KIND_FIELDS[kind]}
    name = "".join(part.title() for part in kind.split("_")) + "Record"
    return create_model(name, __config__=ConfigDict(extra="forbid", strict=True), **specs)


RECORD_MODELS: dict[str, type[BaseModel]] = {kind: _model(kind) for kind in KIND_FIELDS}


# --- the entry point --------------------------------------------------------------------------

def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


def validate_record(kind: str, raw: Mapping[str, object], settings: Settings,
                    date_order: str | None = None) -> ValidationResult:
    if kind not in KIND_FIELDS:
        raise ValueError(f"unknown canonical kind {kind!r}")
    order = date_order or settings.date_order
    types = _FIELD_TYPES[kind]
    trimmed, named = _TRIMMED[kind], _NAMED[kind]
    result = ValidationResult()
    fields = result.fields
    has_money = False
    for name, value in raw.items():
        if type(value) is str:
            # Most CSV fields: ids and free text, which only need their spaces tidied.
            if name in trimmed:
                tidied = value.strip()
                if tidied:
                    fields[name] = tidied
                continue
            if name in named:
                tidied = clean_name(value)
                if tidied:
                    fields[name] = tidied
                continue
        kind_of_field = types.get(name)
        if kind_of_field is None:
            result.problems.append(FieldProblem(name, f"not a field of {kind}", False))
            continue
        try:
            normalised = _normalise_as(kind_of_field, kind, name, value, order, settings, result)
        except Invalid as exc:
            text = _as_text(value)
            if text is not None:
                result.raw_kept[name] = text
            fatal = _is_fatal(kind, name)
            reason = str(exc)
            if not fatal and field_type(kind, name) not in ("phone", "enum"):
                reason = f"{reason}: {LEFT_OUT}"
            result.problems.append(FieldProblem(name, reason, fatal))
            continue
        if normalised is not None:
            fields[name] = normalised
            has_money = has_money or name in MONEY_FIELDS
    if "currency" in types and has_money and "currency" not in fields:
        fields["currency"] = settings.currency.upper()
    if not fields.get("source_id"):
        result.problems.append(FieldProblem("source_id", "missing source id", True))
    if not _well_typed(kind, fields):
        try:
            RECORD_MODELS[kind].model_validate(fields)
        except ValidationError as exc:  # a normaliser bug, never a data problem: no values
            for error in exc.errors(include_input=False):
                where = ".".join(str(p) for p in error["loc"])
                result.problems.append(FieldProblem(where, f"wrong type ({error['type']})", True))
    return result


def _well_typed(kind: str, fields: Mapping[str, object]) -> bool:
    """What the kind's strict model accepts without a word: every field its own and of
    exactly its type. Checked first because running the model for every record is a sizeable
    share of a row's cost; anything else still goes to the model, for its exact errors."""
    expected = _VALUE_TYPES[kind]
    for name, value in fields.items():
        if type(value) is not expected.get(name):
            return False
    return True


# The fields a record of each kind cannot be made without (besides its source id): a value
# of these that cannot be read quarantines the record.
ESSENTIAL: dict[str, frozenset[str]] = {
    "appointment": frozenset({"starts_at"}), "communication": frozenset({"occurred_at"}),
    "billing": frozenset({"outstanding_balance"}),
}
LEFT_OUT = "left out, kept as written"


def _is_fatal(kind: str, name: str) -> bool:
    # A value that cannot be read is never written into the CRM. It loses the record only
    # when the record is nothing without it; otherwise (a patient's bad email or birth date,
    # an unknown enumeration word, a phone of another plan) the record lands without that
    # field, whose text is kept raw and reported.
    return name in ESSENTIAL.get(kind, ()) or name == "source_id"


_PLAIN_TYPES = frozenset({"id", "text"})

# Every kind's field -> field type, looked up once per field instead of through field_type().
_FIELD_TYPES: dict[str, dict[str, str]] = {
    kind: {name: field_type(kind, name) for name in names} for kind, names in KIND_FIELDS.items()}
# Per kind, the plain fields (ids and free text) that are only trimmed, and the names, which
# also have their inner spaces collapsed.
_TRIMMED: dict[str, frozenset[str]] = {
    kind: frozenset(n for n, t in types.items() if t in _PLAIN_TYPES and n not in NAME_FIELDS
                    and n != "postal_code")  # its postal mark set aside below (`〒`)
    for kind, types in _FIELD_TYPES.items()}
_NAMED: dict[str, frozenset[str]] = {
    kind: frozenset(n for n, t in types.items() if t in _PLAIN_TYPES and n in NAME_FIELDS)
    for kind, types in _FIELD_TYPES.items()}
# Per kind, the Python type each field holds once normalised (what RECORD_MODELS expect).
_VALUE_TYPES: dict[str, dict[str, type]] = {
    kind: {n: bool if t == "bool" else int if t == "int" else str for n, t in types.items()}
    for kind, types in _FIELD_TYPES.items()}


def _normalise_as(kind_of_field: str, kind: str, name: str, value: object,  # noqa: PLR0917
                  order: str, settings: Settings, result: ValidationResult) -> Any:
    if type(value) is str:
        text: str | None = value if value.strip() else None  # as _as_text(), without its tests
    else:
        if kind_of_field == "bool" and isinstance(value, bool):
            return value
        if kind_of_field == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        text = _as_text(value)
    if text is None:
        return None
    if kind_of_field == "id":
        return text.strip()
    if kind_of_field == "text":
        if name == "postal_code":
            return clean_postal_code(text)
        return clean_name(text) if name in NAME_FIELDS else clean_text(text)
    if kind_of_field == "date":
        if is_sentinel_date(text):
            return None
        day, note = parse_date(text, order, past=name in PAST_FIELDS, country=settings.country)
        if note:
            result.raw_kept[name] = text
            result.problems.append(FieldProblem(name, note, False))
        return day.isoformat()
    if kind_of_field == "datetime":
        if is_sentinel_date(text):
            return None
        moment, note = parse_datetime(text, order, settings)
        if note:
            result.raw_kept[name] = text
            result.problems.append(FieldProblem(name, note, False))
        return moment
    if kind_of_field == "money":
        return parse_money(text, settings.country)
    if kind_of_field == "currency":
        code = text.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise Invalid("not an ISO 4217 currency code")
        return code
    if kind_of_field == "bool":
        return parse_bool(text)
    if kind_of_field == "int":
        return parse_int(text)
    if kind_of_field == "email":
        return parse_email(text)
    if kind_of_field == "phone":
        result.raw_kept[name] = text
        return parse_phone(text, settings.country)
    # enumeration
    folded = fold_enum(kind, name, text)
    if folded is None:
        raise Invalid("unknown value for this enumeration, kept raw")
    if folded != text:
        result.raw_kept[name] = text
    return folded
