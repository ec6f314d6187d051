"""The ClinicSource contract, run against the FHIR readers (NDJSON and Bundle).

Each contract row becomes a `Basic` resource whose extensions carry the row's cells, so the
contract's "values come back exactly" means: every resource comes back exactly as written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from adapters.sources.fhir import FhirBundleSource, FhirNdjsonSource, fhir_sources
from domain.ports import ClinicSource, SourceRow
from tests.contract.test_source_port import ClinicSourceContract


def as_resource(number: int, row: Mapping[str, str]) -> dict[str, Any]:
    return {"resourceType": "Basic", "id": f"row-{number}",
            "extension": [{"url": column, "valueString": value} for column, value in row.items()]}


def cells(read: SourceRow) -> dict[str, str]:
    resource = read.values["resource"]
    return {e["url"]: e["valueString"] for e in resource["extension"]}


class TestFhirNdjsonContract(ClinicSourceContract):
    def make_source(self, tmp_path: Path, rows: list[dict[str, str]]) -> ClinicSource:
        path = tmp_path / "Basic.ndjson"
        path.write_text("".join(json.dumps(as_resource(n, row)) + "\n"
                                for n, row in enumerate(rows, start=1)), "utf-8")
        [source] = fhir_sources(path)
        assert isinstance(source, FhirNdjsonSource)
        return source

    def assert_values(self, given: Mapping[str, str], read: SourceRow) -> None:
        assert read.values["fullUrl"] is None
        assert cells(read) == dict(given)


class TestFhirBundleContract(ClinicSourceContract):
    def make_source(self, tmp_path: Path, rows: list[dict[str, str]]) -> ClinicSource:
        path = tmp_path / "bundle.json"
        entries = [{"fullUrl": f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
                    "resource": as_resource(n, row),
                    "request": {"method": "POST", "url": "Basic"}}
                   for n, row in enumerate(rows, start=1)]
        path.write_text(json.dumps({"resourceType": "Bundle", "type": "transaction",
                                    "entry": entries}, indent=1), "utf-8")
        [source] = fhir_sources(path)
        assert isinstance(source, FhirBundleSource)
        return source

    def assert_values(self, given: Mapping[str, str], read: SourceRow) -> None:
        assert read.values["fullUrl"] == f"urn:uuid:00000000-0000-4000-8000-{read.number:012d}"
        assert read.values["request"] == {"method": "POST", "url": "Basic"}
        assert cells(read) == dict(given)
