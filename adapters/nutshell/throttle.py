"""A thread-safe token bucket shared by every thread that talks to one Nutshell account.

Nutshell limits requests per account, not per connection, so all worker threads draw from one
bucket. The bucket hands out send slots on a schedule (a virtual clock, as in GCRA): a caller
reserves the next slot under the lock and sleeps outside it, so waiting threads never hold the
lock and requests leave evenly spaced instead of in bursts that a server-side bucket would refuse.

`hold_off` lets a 429 with Retry-After pause every thread at once, not only the one that saw it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class TokenBucket:
    """`rate` slots per second with at most `burst` taken back to back; rate None = unlimited
    (the bucket then only applies hold-offs)."""

    def __init__(self, rate: float | None, *, burst: int = 1, clock: Clock = time.monotonic,
                 sleep: Sleep = time.sleep) -> None:
        if rate is not None and rate <= 0:
            raise ValueError("rate must be positive or None")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        # The earliest time the next slot may be used; running `burst` intervals behind "now"
        # is what allows a burst after an idle spell.
        self._next = clock()
        self._blocked_until = 0.0

    def reserve(self) -> float:
        """Takes the next slot and returns how long the caller must wait before using it."""
        with self._lock:
            now = self._clock()
            start = max(now, self._blocked_until)
            if self.rate is None:
                return start - now
            interval = 1.0 / self.rate
            earliest = start - (self.burst - 1) * interval
            slot = max(self._next, earliest)
            self._next = slot + interval
            return max(0.0, slot - now, start - now)

    def acquire(self) -> float:
        """Blocks until the caller may send; returns the time waited."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait

    def hold_off(self, seconds: float) -> None:
        """No slot is handed out before `seconds` from now (a server asked us to back off)."""
        with self._lock:
            until = self._clock() + max(0.0, seconds)
            self._blocked_until = max(self._blocked_until, until)
            if self.rate is not None:
                self._next = max(self._next, until)


class RateMeter:
    """Counts events in a sliding window: the achieved request rate for time estimates."""

    def __init__(self, *, window: float = 10.0, clock: Clock = time.monotonic) -> None:
        self.window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._times: deque[float] = deque()
        self._first: float | None = None

    def mark(self) -> None:
        with self._lock:
            now = self._clock()
            if self._first is None:
                self._first = now
            self._times.append(now)
            self._trim(now)

    def rate(self) -> float:
        """Events per second over the window (or since the first event, if more recent)."""
        with self._lock:
            if self._first is None:
                return 0.0
            now = self._clock()
            self._trim(now)
            span = min(self.window, now - self._first)
            if span <= 0:
                return 0.0
            return len(self._times) / span

    def _trim(self, now: float) -> None:
        horizon = now - self.window
        while self._times and self._times[0] < horizon:
            self._times.popleft()
