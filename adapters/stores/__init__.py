"""Storage: the event store's settings, transcoder, reader and per-subject keys (crypto-shredding),
the SQL projection store, the on-disk quality index, and the mapping file in HOME.

Imports: domain, projections, eventsourcing, psycopg/sqlite3, yaml; never consumers.
"""
