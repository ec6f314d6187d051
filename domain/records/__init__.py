"""Canonical records: the model (kinds, fields, enumerations), validation and normalisation, derivation
from source rows through the confirmed mapping, the record aggregate, the source-file streams and data quality.

Imports: the standard library, pydantic, eventsourcing, `domain` core modules and `domain.fhir`; never `domain.nutshell`
(records know nothing of where they land) and never an adapter.
"""
