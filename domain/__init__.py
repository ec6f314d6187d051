"""The pure core: canonical clinic model, events, aggregates, commands and ports.

Imports nothing but the standard library, eventsourcing and pydantic (tests/test_layers.py checks).
"""
