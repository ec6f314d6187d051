"""Vendor profiles: ready-made mappings recognised from a file's headers.

A profile is a small YAML file (see cliniko.yaml for the commented format): per file of the
vendor's export, the canonical kind, file-name patterns, and what each column means. Several
spellings of one column may be listed (front-desk systems differ); matching is
case-insensitive on the normalised headers (adapters.sources.headers). Operators write their
own profile the same way and load it with `load_profile_file`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from adapters.sources.headers import normalise_header
from domain.errors import SourceError
from domain.mapping import ColumnMapping, FileMapping, KeyValueLayout
from domain.ports import SourceFingerprint
from domain.records.canonical import KIND_FIELDS

MIN_SCORE = 0.6  # share of a file's columns a profile must recognise to be proposed
FEW_COLUMNS = 3  # fewer known columns than this, and no name the spec matches: no evidence


class ColumnSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target: str | None = None
    custom_field: str | None = None
    type: str = "Text"


def _check_target(target: str | None) -> None:
    if target is None:
        return
    kind, _, name = target.partition(".")
    if kind not in KIND_FIELDS or name not in KIND_FIELDS[kind]:
        raise ValueError(f"unknown canonical field {target!r}")


def _column_spec(value: Any) -> ColumnSpec:
    if value is None or isinstance(value, str):
        return ColumnSpec(target=value)
    if isinstance(value, dict):
        return ColumnSpec.model_validate(value)
    raise ValueError("a column maps to a canonical field, null, or {custom_field, type}")


class FileProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    match: list[str] = Field(default_factory=list)  # file-name globs, case-insensitive
    columns: dict[str, ColumnSpec] = Field(default_factory=dict)
    key_value: KeyValueLayout | None = None
    key_values: dict[str, ColumnSpec] = Field(default_factory=dict)
    date_order: Literal["DMY", "MDY", "YMD"] | None = None

    @field_validator("columns", "key_values", mode="before")
    @classmethod
    def _specs(cls, value: Any) -> dict[str, ColumnSpec]:
        specs = {str(k): _column_spec(v) for k, v in (value or {}).items()}
        for spec in specs.values():
            _check_target(spec.target)
        return specs

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in KIND_FIELDS:
            raise ValueError(f"unknown canonical kind {value!r}")
        return value

    def id_columns(self) -> set[str]:
        if self.key_value is not None:
            return {self.key_value.record_column.casefold()}
        return {name.casefold() for name, spec in self.columns.items()
                if spec.target == f"{self.kind}.source_id"}


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile: str
    description: str = ""
    date_order: Literal["DMY", "MDY", "YMD"] | None = None
    files: dict[str, FileProfile]

    @property
    def name(self) -> str:
        return self.profile


def _parse(text: str, origin: str) -> Profile:
    try:
        data = yaml.safe_load(text)
        return Profile.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        # pydantic's message names fields and our own reasons; YAML's names lines. No PHI here.
        raise SourceError(f"invalid profile: {exc}", file=origin) from exc


def load_profile_file(path: Path) -> Profile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"cannot read profile ({type(exc).__name__})", file=path.name) from exc
    return _parse(text, path.name)


def load_profiles() -> dict[str, Profile]:
    """The bundled profiles by name."""
    found: dict[str, Profile] = {}
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            profile = _parse(entry.read_text(encoding="utf-8"), entry.name)
            found[profile.name] = profile
    return found


NOT_IN_PROFILE = "not in"  # the reason a column the profile does not know starts with


def unknown_columns(mapping: FileMapping) -> set[str]:
    """The columns of a profile's mapping that the profile does not know (a prior only)."""
    return {h for h, c in mapping.columns.items()
            if c.reasons and c.reasons[0].startswith(f"{NOT_IN_PROFILE} profile ")}


def _to_column_mapping(spec: ColumnSpec, reason: str) -> ColumnMapping:
    if spec.target:
        return ColumnMapping(target=spec.target, reasons=[reason])
    if spec.custom_field:
        return ColumnMapping(custom_field=spec.custom_field, custom_field_type=spec.type,
                             reasons=[f"{reason}: no canonical field, proposed as custom field"])
    return ColumnMapping(reasons=[f"{reason}: no canonical field, kept in extra only"])


def file_mapping(profile: Profile, spec: FileProfile, header: Iterable[str],
                 confidence: float = 1.0) -> FileMapping:
    """The FileMapping a profile gives a file with these headers (normalised keys)."""
    by_name = {name.casefold(): col for name, col in spec.columns.items()}
    columns: dict[str, ColumnMapping] = {}
    reason = f"profile {profile.name}"
    for key in normalise_header(list(header)):
        known = by_name.get(key.casefold())
        if known is not None:
            columns[key] = _to_column_mapping(known, reason)
        else:
            columns[key] = ColumnMapping(
                custom_field=key, custom_field_type="Text", confidence=0.5, flagged=True,
                reasons=[f"{NOT_IN_PROFILE} {reason}: proposed as a custom field"])
    return FileMapping(
        kind=spec.kind, profile=profile.name, confidence=round(confidence, 3),
        reasons=[f"headers match {reason}"], columns=columns, key_value=spec.key_value,
        key_values={name: _to_column_mapping(col, reason)
                    for name, col in spec.key_values.items()},
        date_order=spec.date_order or profile.date_order,
    )


def _score(spec: FileProfile, name: str, keys: list[str]) -> float:
    if not keys:
        return 0.0
    folded = {k.casefold() for k in keys}
    if not spec.id_columns() & folded:
        return 0.0
    known = {n.casefold() for n in spec.columns}
    share = len(folded & known) / len(folded)
    lowered = name.casefold()
    named = any(fnmatch.fnmatch(lowered, pattern.casefold()) for pattern in spec.match)
    if len(folded & known) < FEW_COLUMNS and not named:
        return 0.0  # `id` and `name` of a database table say nothing of a vendor
    return share + (0.25 if named else 0.0)


def match_profile(fingerprint: SourceFingerprint,
                  profiles: Mapping[str, Profile] | Iterable[Profile],
                  *, min_score: float = MIN_SCORE) -> tuple[str, FileMapping] | None:
    """The best profile file spec for this file's headers (and name), or None.

    Score: the share of the file's columns the spec knows, plus a bonus when the file name
    matches one of the spec's patterns; the spec's id column must be present.
    """
    candidates = profiles.values() if isinstance(profiles, Mapping) else profiles
    keys = normalise_header(list(fingerprint.header))
    name = fingerprint.name.split("#")[0]
    best: tuple[float, Profile, FileProfile] | None = None
    for profile in candidates:
        for spec in profile.files.values():
            score = _score(spec, name, keys)
            if score >= min_score and (best is None or score > best[0]):
                best = (score, profile, spec)
    if best is None:
        return None
    score, profile, spec = best
    return profile.name, file_mapping(profile, spec, keys, confidence=min(score, 1.0))
