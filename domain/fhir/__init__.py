"""FHIR R4 (and STU3) resources to canonical records, by the standard: people, care, values.

Imports: the standard library only; `domain.records` calls into it, never the reverse.
"""
