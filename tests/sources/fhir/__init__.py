"""FHIR R4 bundles and NDJSON: the reader, the derivation to the canonical model, its contract."""
