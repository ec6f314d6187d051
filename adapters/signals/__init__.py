"""Implementations of domain.ports.HeaderSimilarity: signals the mapping proposal may be given."""
