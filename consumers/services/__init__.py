"""What the CLI and the console both call: extract, derive, propose, plan, push, sample, diff,
rollback, forget. Services take an Engine (consumers/bootstrap.py) and return plain data; they print nothing.

Imports: domain, projections, adapters (through the Engine), other services; never `consumers.cli` or views.
"""
