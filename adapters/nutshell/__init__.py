"""The Nutshell client over httpx: transport (throttle, retries, error translation), the REST
resources and the JSON-RPC calls; the one implementation of `domain.ports.NutshellAPI`.

Imports: domain (ports, errors) and httpx/orjson; never projections or consumers.
"""
