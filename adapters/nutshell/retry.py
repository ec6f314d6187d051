"""Retry timing: capped exponential backoff with full jitter, and Retry-After parsing.

Full jitter (a uniform draw below the capped exponential) spreads the retries of many threads
that failed together, so they do not return to the server in one wave.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Statuses worth retrying: rate limited, or a server/gateway failure that may be passing.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class Backoff:
    base: float = 0.25
    cap: float = 30.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number `retry` (0 = the first retry)."""
        ceiling = min(self.cap, self.base * (2 ** min(retry, 32)))
        return self.rng.uniform(0.0, ceiling)

    def after_retry_after(self, retry_after: float) -> float:
        """The server's own wait plus a little jitter, so waiting threads do not stampede."""
        return retry_after + self.rng.uniform(0.0, min(self.base, self.cap))


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if absent
    or unreadable. A date in the past means "now" (0)."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is always GMT
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())
