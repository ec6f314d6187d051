"""Which vendor profile a source file is read with: recognised from its headers, named, or
written by the operator as a YAML file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adapters.profiles import load_profile_file, load_profiles, match_profile
from domain.errors import TerminalError
from domain.mapping import FileMapping
from domain.ports import ClinicSource, SourceFingerprint


def fingerprint_from_json(data: dict[str, Any]) -> SourceFingerprint:
    return SourceFingerprint(
        name=data["name"], sha256=data["sha256"], size_bytes=data["size_bytes"],
        format=data["format"], encoding=data.get("encoding"), delimiter=data.get("delimiter"),
        header=tuple(data.get("header") or ()), sheet=data.get("sheet"),
        resource_type=data.get("resource_type"), fhir_version=data.get("fhir_version"))


class ProfileChooser:
    def __init__(self, option: str = "auto") -> None:
        self.option = option
        if option.endswith((".yaml", ".yml")):
            self.profiles = [load_profile_file(Path(option))]
        else:
            self.profiles = list(load_profiles().values())
            if option not in {"auto", "fhir"}:
                named = [p for p in self.profiles if getattr(p, "name", None) == option]
                if not named:
                    known = ", ".join(sorted(str(getattr(p, "name", "?")) for p in self.profiles))
                    raise TerminalError(f"unknown profile {option!r} (bundled: {known})")
                self.profiles = named

    def choose(self, source: ClinicSource) -> str | None:
        fingerprint = source.fingerprint()
        if fingerprint.format.startswith("fhir"):
            return "fhir"
        found = match_profile(fingerprint, self.profiles)
        return found[0] if found else None

    def mapping_for(self, fingerprint: SourceFingerprint) -> tuple[str, FileMapping] | None:
        if fingerprint.format.startswith("fhir"):
            return "fhir", FileMapping(kind="fhir", profile="fhir",
                                       reasons=["FHIR R4 resources map by the standard"])
        return match_profile(fingerprint, self.profiles)
