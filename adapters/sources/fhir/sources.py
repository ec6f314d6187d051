"""FHIR files as ClinicSources: a Bundle, an NDJSON file, or a single resource.

Rows are entries exactly as read, `values = {"fullUrl": ..., "resource": {...}}` (a Bundle
entry keeps its other members too: request, search, response). NDJSON rows are numbered by
line, Bundle rows by entry index, both from 1. The fingerprint pass reads the whole file once
(sha256, FHIR version evidence; a Bundle's top-level members take one more pass of parse
events); reading rows is the last pass; none holds more than one entry. `rows()` refuses
(SourceError) whatever `fingerprint()` refuses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from adapters.sources.fhir.stream import (
    BundleHeader,
    HashingReader,
    entry_row,
    finite_float,
    reject_constant,
    scan_bundle,
    scan_bundle_header,
    scan_ndjson,
)
from adapters.sources.fhir.version import VersionTally
from domain.errors import SourceError
from domain.ports import ClinicSource, SourceFingerprint, SourceRow

# A single-resource document is read whole; anything this big should be a Bundle or NDJSON.
SINGLE_RESOURCE_LIMIT = 64 << 20


class _FhirFile(ClinicSource):
    format = ""

    def __init__(self, path: Path, *, name: str | None = None) -> None:
        self.path = Path(path)
        self.name = name or self.path.name
        self._fingerprint: SourceFingerprint | None = None
        self._rows = 0

    def fingerprint(self) -> SourceFingerprint:
        if self._fingerprint is None:
            self._survey()
            tally = VersionTally(self.name)
            types: set[str] = set()
            self._rows = 0
            for row in self._scan():
                self._rows += 1
                resource = row.values.get("resource")
                if row.problem is None and isinstance(resource, dict):
                    tally.add(resource, row.number)
                    types.add(resource["resourceType"])
            reader = self._reader()
            try:
                sha256 = reader.hexdigest()
            finally:
                reader.close()
            self._fingerprint = SourceFingerprint(
                name=self.name, sha256=sha256, size_bytes=reader.size, format=self.format,
                resource_type=self._resource_type(types), fhir_version=tally.verdict())
        return self._fingerprint

    def rows(self) -> Iterator[SourceRow]:
        self.fingerprint()
        yield from self._scan()

    def expected_rows(self) -> int | None:
        """Exact: the fingerprint pass reads every entry."""
        self.fingerprint()
        return self._rows

    def _reader(self) -> HashingReader:
        try:
            return HashingReader(self.path.open("rb"))
        except OSError as exc:
            raise SourceError(f"cannot read file ({type(exc).__name__})",
                              file=self.name) from None

    def _scan(self) -> Iterator[SourceRow]:
        raise NotImplementedError

    def _survey(self) -> None:
        """A first pass some formats need before their rows can be read."""

    def _resource_type(self, types: set[str]) -> str | None:
        return None


class FhirBundleSource(_FhirFile):
    """A Bundle of any type (transaction, collection, searchset page, batch...), streamed."""

    format = "fhir-bundle"

    def __init__(self, path: Path, *, name: str | None = None) -> None:
        super().__init__(path, name=name)
        self.header = BundleHeader()

    def _scan(self) -> Iterator[SourceRow]:
        return scan_bundle(self._reader, self.name, self.header)

    def _survey(self) -> None:
        self.header = scan_bundle_header(self._reader, self.name)
        if self.header.resource_type != "Bundle":
            raise SourceError("not a FHIR Bundle (resourceType is not Bundle)", file=self.name,
                              field="resourceType")

    @property
    def next_page(self) -> str | None:
        """A searchset page's `next` link (after fingerprint()): the following page is another
        file of the export, read as its own source."""
        self.fingerprint()
        return self.header.next_page()


class FhirNdjsonSource(_FhirFile):
    """Newline-delimited resources (Bulk Data export files)."""

    format = "fhir-ndjson"

    def __init__(self, path: Path, *, name: str | None = None,
                 resource_type: str | None = None) -> None:
        super().__init__(path, name=name)
        self.declared_type = resource_type  # from a Bulk Data manifest's output[].type

    def _scan(self) -> Iterator[SourceRow]:
        reader = self._reader()
        try:
            yield from scan_ndjson(reader, self.name)
        finally:
            reader.close()

    def _resource_type(self, types: set[str]) -> str | None:
        if self.declared_type:
            return self.declared_type
        return next(iter(types)) if len(types) == 1 else None


class FhirResourceSource(_FhirFile):
    """One resource as a JSON document (the way specification examples are published): one
    row. Format "fhir-resource"."""

    format = "fhir-resource"

    def _scan(self) -> Iterator[SourceRow]:
        reader = self._reader()
        try:
            data = reader.read(SINGLE_RESOURCE_LIMIT + 1)
            while len(data) <= SINGLE_RESOURCE_LIMIT and (more := reader.read(1 << 20)):
                data += more
        finally:
            reader.close()
        if len(data) > SINGLE_RESOURCE_LIMIT:
            raise SourceError("a single-resource JSON file over 64 MiB; export a Bundle or "
                              "NDJSON", file=self.name)
        try:
            value = json.loads(data, parse_constant=reject_constant, parse_float=finite_float)
        except (ValueError, RecursionError):
            raise SourceError("not valid JSON", file=self.name) from None
        yield entry_row(self.name, 1, {"fullUrl": None, "resource": value}
                        if isinstance(value, dict) else value, "resource")

    def _resource_type(self, types: set[str]) -> str | None:
        return next(iter(types)) if len(types) == 1 else None

