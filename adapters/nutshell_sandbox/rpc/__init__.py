"""Nutshell's JSON-RPC API (`/api/v1/json`). Add a method by writing a module that uses
`@method(...)` from `.registry` and importing it below."""

from . import entities, lookups  # noqa: F401  (their methods register on import)
from .registry import METHODS, RPC_PATH, RpcError, dispatch, method, require, service_description

__all__ = ["METHODS", "RPC_PATH", "RpcError", "dispatch", "method", "require",
           "service_description"]
