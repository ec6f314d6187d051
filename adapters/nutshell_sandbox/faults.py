"""Injected faults and the per-key rate limit.

A fault spec names what goes wrong with the next `count` matching API requests:

    429[:count=N][:retry_after=S][:match=METHOD /path]
    500|502|503[:count=N][:match=...]
    reset_after_commit[:count=N][:match=POST /contacts]
    latency:ms=MS[:count=N][:match=...]

`match` is "METHOD PATH", "METHOD" or "PATH"; PATH is relative to /rest (or `/api/v1/json`
for the RPC endpoint) and may use shell wildcards (`PATCH /contacts/*`). Faults are consumed
in the order given; each applies to at most one request at a time.
"""

from __future__ import annotations

import fnmatch
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

KINDS = ("429", "500", "502", "503", "reset_after_commit", "latency")


class FaultSpecError(ValueError):
    """A fault spec that cannot be understood."""


@dataclass
class FaultSpec:
    kind: str
    count: int = 1
    retry_after: float | None = None
    match: str | None = None
    ms: int = 0
    remaining: int = field(default=-1, repr=False)

    def __post_init__(self) -> None:
        self.kind = str(self.kind)
        if self.kind not in KINDS:
            raise FaultSpecError(f"unknown fault kind {self.kind!r}; expected one of {KINDS}")
        if not isinstance(self.count, int) or isinstance(self.count, bool) or self.count < 1:
            raise FaultSpecError("fault count must be a positive integer")
        if self.retry_after is not None and (
            isinstance(self.retry_after, bool) or not isinstance(self.retry_after, int | float)
            or self.retry_after < 0
        ):
            raise FaultSpecError("retry_after must be a non-negative number or null")
        if self.kind == "latency" and (not isinstance(self.ms, int) or self.ms < 0):
            raise FaultSpecError("latency faults need ms >= 0")
        if self.match is not None and not isinstance(self.match, str):
            raise FaultSpecError("match must be a string like 'POST /contacts'")
        if self.remaining < 0:
            self.remaining = self.count

    @classmethod
    def from_json(cls, obj: Any) -> FaultSpec:
        if not isinstance(obj, dict) or "kind" not in obj:
            raise FaultSpecError("a fault is an object with at least 'kind'")
        unknown = set(obj) - {"kind", "count", "retry_after", "match", "ms"}
        if unknown:
            raise FaultSpecError(f"unknown fault keys: {sorted(unknown)}")
        return cls(kind=str(obj["kind"]), count=obj.get("count", 1),
                   retry_after=obj.get("retry_after"), match=obj.get("match"),
                   ms=obj.get("ms", 0))

    @classmethod
    def parse(cls, text: str) -> FaultSpec:
        """The `--fault` string form, e.g. `429:count=3:retry_after=1`."""
        kind, *parts = text.split(":")
        values: dict[str, Any] = {}
        for part in parts:
            key, sep, value = part.partition("=")
            if not sep:
                raise FaultSpecError(f"fault option {part!r} is not key=value")
            values[key.strip()] = value.strip()
        unknown = set(values) - {"count", "retry_after", "match", "ms"}
        if unknown:
            raise FaultSpecError(f"unknown fault options: {sorted(unknown)}")
        retry = values.get("retry_after", "none")
        try:
            count, ms = int(values.get("count", 1)), int(values.get("ms", 0))
            retry_after = None if retry.lower() in ("", "none", "null") else float(retry)
        except ValueError as exc:
            raise FaultSpecError(f"bad fault spec {text!r}") from exc
        return cls(kind=kind.strip(), count=count, retry_after=retry_after,
                   match=values.get("match"), ms=ms)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "count": self.count, "remaining": self.remaining,
                "retry_after": self.retry_after, "match": self.match, "ms": self.ms}

    def matches(self, method: str, path: str) -> bool:
        if not self.match:
            return True
        words = self.match.split(None, 1)
        if len(words) == 2:
            want_method, want_path = words
        elif words[0].startswith("/"):
            want_method, want_path = "*", words[0]
        else:
            want_method, want_path = words[0], "*"
        return (want_method in ("*", method.upper())
                and fnmatch.fnmatchcase(path.rstrip("/") or "/", want_path.rstrip("/") or "/"))


class FaultBook:
    """The active faults; `take` consumes one use of the first fault matching a request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[FaultSpec] = []

    def set(self, faults: list[FaultSpec]) -> None:
        with self._lock:
            self._faults = list(faults)

    def take(self, method: str, path: str) -> FaultSpec | None:
        with self._lock:
            for fault in self._faults:
                if fault.remaining > 0 and fault.matches(method, path):
                    fault.remaining -= 1
                    return fault
            return None

    def describe(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.to_json() for f in self._faults]


class RateLimiter:
    """A token bucket per API key: `rate` requests per second, bursts up to max(1, rate)."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate limit must be positive")
        self.rate = rate
        self.capacity = max(1.0, rate)
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def acquire(self, key: str) -> float:
        """0 when the request may go ahead, otherwise the seconds until a token is free."""
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate


def retry_after_header(seconds: float) -> str:
    """Retry-After carries whole seconds; never advertise 0 for a refusal."""
    return str(max(1, math.ceil(seconds)))
