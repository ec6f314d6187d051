"""The mapping document: per source file, its kind and what each column means; plus the
canonical -> Nutshell overrides. It is what the operator confirms; its content hash binds the
confirmation, the sample approval and every derived record.

Serialised as YAML in HOME/mapping.yaml by adapters.stores.mapping_file (domain does no I/O).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ColumnMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target: str | None = None  # "<kind>.<field>" of the canonical model, or None
    custom_field: str | None = None  # proposed Nutshell custom field when target is None
    custom_field_type: str | None = None  # Text | Date | Currency | Number | Decision
    confidence: float = 1.0
    reasons: list[str] = Field(default_factory=list)
    flagged: bool = False  # low confidence: the operator should look


class KeyValueLayout(BaseModel):
    """A key/value table (Open Dental patfield style): one row per record and field name."""

    model_config = ConfigDict(extra="forbid")

    record_column: str  # column holding the owning record's source id (e.g. PatNum)
    name_column: str  # column holding the field name
    value_column: str  # column holding the value


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


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    country: str = "US"  # default region for phone numbers (ISO 3166 alpha-2)
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


class MappingDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    settings: Settings = Field(default_factory=Settings)
    files: dict[str, FileMapping] = Field(default_factory=dict)
    nutshell: dict[str, KindTarget] = Field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> MappingDocument:
        return cls.model_validate(data)

    def content_hash(self) -> str:
        canonical = json.dumps(self.to_data(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
