"""The mapping proposal: per file its kind, per column a canonical field, a confidence and reasons,
from headers (the vocabulary is data: `vocabulary/*.json`) and from what the values look like.

Imports: `domain.records` (the canonical model) and `domain.mapping`; never `domain.nutshell`, never an adapter.
"""
