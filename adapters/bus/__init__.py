"""The change bus of the delta window: a Kafka topic (kafka-python) and an in-process twin with Kafka's
semantics for unit tests and the offline demo.

Imports: domain (the ChangeBus port) and kafka; never consumers.
"""
