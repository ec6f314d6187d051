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

    def set_rate(self, rate: float) -> None:
        """A new pace from now on (the adaptive pace moves it)."""
        if rate <= 0:
            raise ValueError("rate must be positive")
        with self._lock:
            if self.rate is None:
                self._next = max(self._next, self._clock())
            self.rate = rate

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


class AdaptivePace:
    """Finds an account's request rate from Nutshell's answers, so no limit need be told.

    Nutshell publishes no limit and sends no Retry-After. Until the first 429 nothing is paced
    (only the in-flight limit holds). A 429 sets the pace just under the rate the account was
    accepting over the last `window` seconds; every accepted answer then raises it a little
    (`probe` of itself per second of answers, doubling every ten seconds without a refusal)
    until the next 429 lowers it again by `back_off` (additive increase, multiplicative
    decrease, one decrease per `window`). A latency surge
    (the mean answer time over three times the fastest, and half a second more) is read as an
    overloaded account and lowers the pace the same way. A configured rate is a ceiling.
    """

    def __init__(self, bucket: TokenBucket, *, ceiling: float | None = None,
                 window: float = 1.0, back_off: float = 0.93, probe: float = 0.003,
                 floor: float = 0.2, min_sample: int = 3,
                 clock: Clock = time.monotonic) -> None:
        self.bucket, self.ceiling = bucket, ceiling
        self.window, self.back_off, self.probe, self.floor = window, back_off, probe, floor
        self.min_sample = min_sample
        self._clock = clock
        self._lock = threading.Lock()
        self._accepted: deque[float] = deque()
        self._last_decrease = float("-inf")
        self._fastest = float("inf")
        self._mean: float | None = None
        self.decreases = 0

    @property
    def rate(self) -> float | None:
        return self.bucket.rate

    def answered(self, status: int, seconds: float) -> None:
        now = self._clock()
        with self._lock:
            if status == 429:
                self._decrease(now)
                return
            self._accepted.append(now)
            while self._accepted and self._accepted[0] < now - self.window:
                self._accepted.popleft()
            self._fastest = min(self._fastest, seconds)
            self._mean = seconds if self._mean is None else 0.9 * self._mean + 0.1 * seconds
            if self._mean > 3 * self._fastest and self._mean > self._fastest + 0.5:
                self._decrease(now)
            elif self.bucket.rate is not None:
                # Gentle just after a refusal, faster the longer none comes (a pace set while
                # the client was quiet, or by a passing refusal, does not pin it for long).
                calm = min(6.0, (now - self._last_decrease) / 10)
                self._set(self.bucket.rate + self.probe * 2 ** calm)

    def _decrease(self, now: float) -> None:
        if now - self._last_decrease < self.window:
            return  # one decrease per window: the answers in flight carry the same news
        accepted = sum(1 for t in self._accepted if t >= now - self.window) / self.window
        current = self.bucket.rate
        if accepted * self.window < self.min_sample:
            # Too few answers to say anything of the account's rate (the client was nearly
            # idle, or every answer was a refusal): keep the pace, lower it if there is one.
            if current is None:
                return
            accepted = 0.0
        self._last_decrease = now
        self.decreases += 1
        base = accepted if current is None else min(current, accepted or current)
        # The first estimate counts the burst the account's bucket allowed: go lower once.
        factor = self.back_off ** 2 if current is None else self.back_off
        self._set(max(self.floor, base * factor))

    def _set(self, rate: float) -> None:
        if self.ceiling is not None:
            rate = min(rate, self.ceiling)
        self.bucket.set_rate(rate)
