"""The Nutshell side of a run: plan (custom fields, owners, limits), the executor that pushes
records a page at a time, the representative sample, the field-level diff, verification and
rollback by compensating commands. The CLI and the console both call these.

Imports: domain, projections, adapters (through the Engine), `consumers.services`; never
`consumers.cli`, the console or views' printing.
"""
