"""The canonical -> Nutshell side: the default map, custom fields, payloads, write planning, field
paths and comparison of what Nutshell holds, pre-run checks, roll-ups and the post-migration documents.

Imports: `domain.records`, `domain.run`, `domain.mapping` and the ports; never `domain.proposal` or an adapter.
"""
