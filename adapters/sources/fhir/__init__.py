"""FHIR R4 (and STU3) clinic sources: Bundles, Bulk Data NDJSON with its manifest, single
resources. Rows are entries as read; domain.fhir.resources derives canonical records from them."""

from adapters.sources.fhir.discover import fhir_sources, is_bulk_manifest, manifest_members
from adapters.sources.fhir.sources import FhirBundleSource, FhirNdjsonSource, FhirResourceSource

__all__ = [
    "FhirBundleSource",
    "FhirNdjsonSource",
    "FhirResourceSource",
    "fhir_sources",
    "is_bulk_manifest",
    "manifest_members",
]
