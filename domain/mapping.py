"""The mapping document: per source file, its kind and what each column means; plus the
canonical -> Nutshell overrides. It is what the operator confirms; its content hash binds the
confirmation, the sample approval and every derived record.

Serialised as YAML in HOME/mapping.yaml by adapters.stores.mapping_file (domain does no I/O).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.records.canonical import KIND_FIELDS, KINDS

DROP = "drop"  # a route's word for rows left out on purpose
NOT_MIGRATED = "none"  # a file's kind when it holds nothing to migrate (its rows are dropped)


class ColumnMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target: str | None = None  # "<kind>.<field>" of the canonical model, or None
    custom_field: str | None = None  # proposed Nutshell custom field when target is None
    custom_field_type: str | None = None  # Text | Date | Currency | Number | Decision
    confidence: float = 1.0
    reasons: list[str] = Field(default_factory=list)
    flagged: bool = False  # low confidence: the operator should look
    # Source value -> canonical value (an enumeration's word, a code's meaning), matched
    # case-insensitively on the trimmed text; a value not listed passes unchanged.
    values: dict[str, str] = Field(default_factory=dict)
    # How the values are written (strptime directives, e.g. "%d/%m/%Y"): read with exactly
    # this format instead of guessing; a value it does not fit is quarantined naming the column.
    format: str | None = None
    # Several values in one cell (allergies "Penicillin; Latex"): the characters that separate
    # them; each value makes its own record of the target's kind (a kind other than the
    # file's), with `fixed` fields; a value mapped to "" by `values` ("None") makes none.
    split: str | None = None
    # Without `split`: fields of the column's record (of a kind other than the file's) that
    # its header names, set when the cell has a value and no column gives them (`Medicare Card
    # Number`: the carrier is Medicare).
    fixed: dict[str, str] = Field(default_factory=dict)
    # Several records of the target's kind side by side on one row (a secondary insurance's
    # columns beside the primary's): the column belongs to record number `record` (2, 3...)
    # of that kind; columns without it make the first. Only for kinds other than the row's.
    record: int | None = Field(default=None, ge=2)
    # One cell holding several fields of its record, read apart: `name` (`LAST, FIRST M`,
    # `Jane Roe, LCSW`), `place` (`City, ST ZIP`, `Town POSTCODE`), `phones` (`M: 021 555
    # 1234; H: 09 555 6789`). The target takes its own part; the other parts fill the fields
    # no other column gives.
    parts: Literal["name", "place", "phones"] | None = None
    # Values naming several records (two patients called Jane Smith): a row holding one is
    # quarantined, naming the column, rather than linked to either.
    ambiguous: list[str] = Field(default_factory=list)


class KeyValueLayout(BaseModel):
    """A key/value table (Open Dental patfield style): one row per record and field name."""

    model_config = ConfigDict(extra="forbid")

    record_column: str  # column holding the owning record's source id (e.g. PatNum)
    name_column: str  # column holding the field name
    value_column: str  # column holding the value


class Combine(BaseModel):
    """One target from several columns: date + time, name parts, address lines, or flags that
    together make a status (their values joined, then read through `values`)."""

    model_config = ConfigDict(extra="forbid")

    target: str  # "<kind>.<field>"
    columns: list[str]  # in the order they are joined; empty cells are skipped
    separator: str = " "
    values: dict[str, str] = Field(default_factory=dict)  # joined value -> canonical value
    format: str | None = None  # strptime format of the joined value
    # Each column read as a flag: "1" when it holds anything but a no-word (a date set, "Y",
    # "x"), else "0"; `values` then maps "1|0"... (`Cancelled At` set: cancelled).
    as_flags: bool = False
    # The last column is a duration ("45", "45 min", "1:30", "00:45:00") added to the moment
    # the other columns make: an end from a start and a length.
    plus_duration: bool = False
    # A column saying why a visit was missed or cancelled (`broken_reason`, `Cancellation
    # reason`): where the combined status is one of the two, the reason's words say which
    # ("Patient cancelled": cancelled; "No show": missed).
    reason: str | None = None
    # The joined value is a national identity number that writes the birth date (a Swedish
    # personnummer): the date read from it, where the export has no birth date column.
    identity: bool = False
    reasons: list[str] = Field(default_factory=list)


class Route(BaseModel):
    """Rows sent to another kind by a column's value (Open Dental PatStatus 6 -> lead);
    `drop` leaves the row out of the migration on purpose (counted as dropped, not lost)."""

    model_config = ConfigDict(extra="forbid")

    column: str
    values: dict[str, str]  # source value -> canonical kind, or "drop"
    reasons: list[str] = Field(default_factory=list)


class DerivedId(BaseModel):
    """The id of a row that has none of its own: the named columns (the parent's reference)
    and, with `content`, a digest of the whole row, so that the id survives a re-export."""

    model_config = ConfigDict(extra="forbid")

    columns: list[str]
    content: bool = True
    digest: bool = False  # the id is a uuid5 of the columns' values (a patient's name, birth date)
    reasons: list[str] = Field(default_factory=list)


class FileMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str  # a canonical kind, or "fhir" (FHIR resources map by the standard)
    profile: str | None = None  # vendor profile the mapping came from, if any
    confidence: float = 1.0  # of the kind
    reasons: list[str] = Field(default_factory=list)
    columns: dict[str, ColumnMapping] = Field(default_factory=dict)
    key_value: KeyValueLayout | None = None
    key_values: dict[str, ColumnMapping] = Field(default_factory=dict)
    date_order: Literal["DMY", "MDY", "YMD"] | None = None  # None: the settings' default
    combine: list[Combine] = Field(default_factory=list)
    route: Route | None = None
    derived_id: DerivedId | None = None
    id_prefix: str | None = None  # ids of tables that restart their numbering (employees)
    # The same table delivered again (a CSV and its XLSX twin): not read, its rows counted
    # as dropped; names the file that is read.
    twin_of: str | None = None
    # Date-only values of datetime fields (a communication's date) are placed at this local
    # time of day ("HH:MM"); without it they stay at midnight.
    time_of_day: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")

    @property
    def skipped(self) -> bool:
        """Not read at all: a twin of another file, or a file of no kind to migrate."""
        return self.twin_of is not None or self.kind == NOT_MIGRATED

    def column_of(self, target: str) -> str | None:
        """The first column mapped to `target` (a qualified field), if any."""
        return next((h for h, c in self.columns.items() if c.target == target), None)

    @field_validator("route")
    @classmethod
    def _route_kinds(cls, route: Route | None) -> Route | None:
        if route is not None:
            wrong = sorted({k for k in route.values.values() if k not in (*KINDS, DROP)})
            if wrong:
                raise ValueError(f"route values name no canonical kind: {', '.join(wrong)} "
                                 f"(kinds: {', '.join(KINDS)}, or {DROP})")
        return route

    @field_validator("combine")
    @classmethod
    def _combine_targets(cls, combine: list[Combine]) -> list[Combine]:
        for item in combine:
            kind, _, name = item.target.partition(".")
            if name not in KIND_FIELDS.get(kind, ()):
                raise ValueError(f"combine target {item.target} is no canonical field")
            if not item.columns:
                raise ValueError(f"combine target {item.target} names no column")
        return combine


# Parts of the language added after the first release: left out of the document's data (so
# out of its hash) while unused, so mappings confirmed before keep their hash.
_LATER_FILE_KEYS = ("combine", "route", "derived_id", "id_prefix", "twin_of", "time_of_day")
_LATER_COLUMN_KEYS = ("values", "format", "split", "fixed", "record", "parts", "ambiguous")


def _drop_unused(data: dict[str, Any]) -> dict[str, Any]:
    for fm in data.get("files", {}).values():
        for key in _LATER_FILE_KEYS:
            if fm.get(key) in (None, []):
                fm.pop(key, None)
        for item in fm.get("combine", []):
            if not item.get("identity"):
                item.pop("identity", None)
        for col in [*fm.get("columns", {}).values(), *fm.get("key_values", {}).values()]:
            for key in _LATER_COLUMN_KEYS:
                if col.get(key) in (None, {}, []):
                    col.pop(key, None)
    return data


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    country: str = "US"  # default region for phone numbers (ISO 3166 alpha-2)
    # why `country` (and currency, date order) were proposed: shown for confirmation
    country_reasons: list[str] = Field(default_factory=list)
    currency: str = "USD"
    date_order: Literal["DMY", "MDY", "YMD"] = "MDY"
    timezone: str = "UTC"
    clinical_content: bool = False  # PHI opt-in: notes, allergies/conditions, documents
    future_appointments_as_tasks: bool = False
    propagate_deletes: bool = False  # delta window: source deletes become Nutshell deletes
    # A live Nutshell record already holding a record's external key (an earlier import) is
    # updated in place, its previous values kept for rollback, instead of created again.
    adopt_existing: bool = True


class KindTarget(BaseModel):
    """Overrides of the default canonical -> Nutshell map for one kind."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    entity: str | None = None  # contacts | accounts | leads | activities | notes
    field_names: dict[str, str] = Field(default_factory=dict)  # canonical field -> Nutshell name
    custom_field_types: dict[str, str] = Field(default_factory=dict)
    choices: dict[str, list[str]] = Field(default_factory=dict)
    # Activities: an appointment type or a channel -> the Nutshell activity type (by name) it
    # lands as, where the operator chooses other than a type of the same name or the default.
    activity_types: dict[str, str] = Field(default_factory=dict)


class MappingDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    settings: Settings = Field(default_factory=Settings)
    files: dict[str, FileMapping] = Field(default_factory=dict)
    nutshell: dict[str, KindTarget] = Field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return _drop_unused(self.model_dump(mode="json"))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> MappingDocument:
        return cls.model_validate(data)

    def content_hash(self) -> str:
        canonical = json.dumps(self.to_data(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
