"""What the CLI and the console both call on the source side: extract, derive, propose, forget,
the audit rows and the status document. Services take an Engine (consumers/bootstrap.py) and
return plain data; they print nothing.

Imports: domain, projections, adapters (through the Engine), other services; never
`consumers.cli`, the console or views.
"""
