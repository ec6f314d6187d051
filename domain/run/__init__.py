"""The MigrationRun aggregate (the operator's path as past-tense facts) and the erasure of a patient.

Imports: `domain` core modules and the canonical model (`domain.records`); never an adapter.
"""
