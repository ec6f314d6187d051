"""The delta window: producers (a newer export diffed, change envelopes), the apply side and the
consume loop that commits offsets only after the events are saved.

Imports: domain, projections, adapters, `consumers.services`; never `consumers.cli`.
"""
