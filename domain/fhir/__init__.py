"""FHIR R4 (and STU3) resources to canonical records, by the standard: people, care, values.

Imports: `domain.records` and the standard library; never `domain.nutshell`, `domain.proposal` or an adapter.
"""
