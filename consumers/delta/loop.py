"""The delta window's consume loop: poll a page of changes, apply it, then commit the offsets.

`apply_page` saves the events of the page before it returns; only then are the offsets
committed. A crash in between leaves them uncommitted, so the next member of the group gets the
same messages again, and applying them again changes nothing (ids are deterministic).

The loop stops between pages: on SIGTERM/SIGINT (handlers are installed only on the main
thread), when `should_stop` is set, at the `until` deadline, or after `max_idle_s` without a
message. A page being applied is always finished and committed first.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from consumers.delta.signals import stop_on_signals
from domain.delta import Change, InvalidChange, PageResult, from_message
from domain.errors import TransientError
from domain.ports import ChangeBus, ChangeMessage

__all__ = ["DeltaConsumer", "DeltaStatus", "PageResult"]

log = logging.getLogger(__name__)

ApplyPage = Callable[[list[Change]], PageResult]

RECENT_IDS = 100_000  # change ids remembered to drop redeliveries without calling apply_page
LAG_EVERY_S = 1.0  # lag costs a broker round trip: refreshed at most this often
BACKOFF_MAX_S = 5.0


@dataclass
class DeltaStatus:
    started_at: float  # wall clock, seconds since the epoch
    ends_at: float | None = None  # when the window closes (from `until`), if it does
    pages: int = 0
    received: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    errors: int = 0  # changes apply_page reported failed, plus undecodable messages
    skipped: int = 0  # empty messages (tombstones)
    bus_errors: int = 0  # transient poll/commit failures that were retried
    lag: dict[int, int] = field(default_factory=dict)
    stopped_because: str | None = None
    last_error: str | None = None  # exception class names only, never values

    def time_left(self, now: float | None = None) -> float | None:
        if self.ends_at is None:
            return None
        return max(0.0, self.ends_at - (time.time() if now is None else now))

    def to_json(self) -> dict[str, Any]:
        now = time.time()
        return {"written_at": now, "started_at": self.started_at, "ends_at": self.ends_at,
                "applied_per_s": round(self.applied / max(now - self.started_at, 1e-9), 3),
                "time_left_s": self.time_left(), "pages": self.pages, "received": self.received,
                "applied": self.applied, "duplicates": self.duplicates,
                "conflicts": self.conflicts, "errors": self.errors, "skipped": self.skipped,
                "bus_errors": self.bus_errors,
                "lag": {str(p): n for p, n in sorted(self.lag.items())},
                "lag_total": sum(self.lag.values()), "stopped_because": self.stopped_because,
                "last_error": self.last_error}


class DeltaConsumer:
    def __init__(self, bus: ChangeBus, apply_page: ApplyPage, *, page_size: int = 500,
                 poll_timeout_s: float = 1.0, until: float | None = None,
                 max_idle_s: float | None = None, should_stop: threading.Event | None = None,
                 on_status: Callable[[DeltaStatus], None] | None = None) -> None:
        self.bus = bus
        self.apply_page = apply_page
        self.page_size = page_size
        self.poll_timeout_s = poll_timeout_s
        self.until = until
        self.max_idle_s = max_idle_s
        self.should_stop = should_stop or threading.Event()
        self.on_status = on_status
        self._recent: OrderedDict[str, None] = OrderedDict()
        self._lag_at = float("-inf")
        self.status = DeltaStatus(started_at=time.time())

    def run(self) -> DeltaStatus:
        status = self.status
        if self.until is not None:
            status.ends_at = time.time() + (self.until - time.monotonic())
        last_message = time.monotonic()
        backoff = 0.0
        with stop_on_signals(self.should_stop, "delta consumer"):
            while (reason := self._stop_reason(last_message)) is None:
                try:
                    messages = self.bus.poll(self.page_size, self._poll_timeout())
                except TransientError as exc:
                    backoff = self._note_bus_error(exc, backoff)
                    continue
                backoff = 0.0
                if messages:
                    if not self._handle_page(messages):
                        reason = "stop requested while retrying a page"
                        break
                    # idle counts from the end of the page: applying one may take longer
                    # than the idle limit, with more messages waiting behind it
                    last_message = time.monotonic()
                self._report(force=bool(messages))
            status.stopped_because = reason
        self._report(force=True, fresh_lag=True)
        log.info("delta consumer stopped (%s): applied=%d duplicates=%d conflicts=%d errors=%d",
                 reason, status.applied, status.duplicates, status.conflicts, status.errors)
        return status

    # --- one page -------------------------------------------------------------------------

    def _handle_page(self, messages: list[ChangeMessage]) -> bool:
        """Applies and commits one page; False when asked to stop before it could be applied
        (its offsets then stay uncommitted and the page is delivered again later)."""
        status = self.status
        status.pages += 1
        status.received += len(messages)
        changes = list(self._decode(messages))
        backoff = 0.0
        while changes:
            try:
                result = self.apply_page(changes)
                break
            except TransientError as exc:
                # apply_page is idempotent: the same page is simply tried again
                backoff = self._note_bus_error(exc, backoff)
                if self._stopping():
                    return False
        else:
            result = PageResult()
        status.applied += result.applied
        status.conflicts += result.conflicts
        status.errors += result.errors
        for change in changes:
            self._remember(change.change_id)
        try:
            self.bus.commit()
        except TransientError as exc:
            # The events are saved; whoever gets these messages again finds nothing to do.
            self._note_bus_error(exc, 0.0, wait=False)
        return True

    def _decode(self, messages: list[ChangeMessage]) -> Iterator[Change]:
        in_page: set[str] = set()
        for message in messages:
            if not message.value:
                self.status.skipped += 1
                continue
            try:
                change = from_message(message)
            except InvalidChange as exc:
                self.status.errors += 1
                log.warning("undecodable change at partition %d offset %d: %s",
                            message.partition, message.offset, exc)
                continue
            if change.change_id in in_page or change.change_id in self._recent:
                self.status.duplicates += 1
                continue
            in_page.add(change.change_id)
            yield change

    def _remember(self, change_id: str) -> None:
        self._recent[change_id] = None
        if len(self._recent) > RECENT_IDS:
            self._recent.popitem(last=False)

    # --- stopping, status ---------------------------------------------------------------------

    def _stop_reason(self, last_message: float) -> str | None:
        now = time.monotonic()
        if self.should_stop.is_set():
            return "stop requested"
        if self.until is not None and now >= self.until:
            return "window closed"
        # Idle counts from the last message or the last partition assignment, whichever is
        # later, and not at all before a bus that reports assignments has had one: a member
        # still joining (its dead peers' sessions expiring) is not idle.
        assigned = getattr(self.bus, "assigned_at", None)
        if self.max_idle_s is not None and assigned != 0.0 and \
                now - max(last_message, float(assigned or 0.0)) >= self.max_idle_s:
            return f"no message for {self.max_idle_s:g}s"
        return None

    def _stopping(self) -> bool:
        return self.should_stop.is_set() or (
            self.until is not None and time.monotonic() >= self.until)

    def _poll_timeout(self) -> float:
        if self.until is None:
            return self.poll_timeout_s
        return max(0.0, min(self.poll_timeout_s, self.until - time.monotonic()))

    def _note_bus_error(self, exc: Exception, backoff: float, *, wait: bool = True) -> float:
        self.status.bus_errors += 1
        self.status.last_error = type(exc).__name__
        log.warning("delta consumer: %s", exc)
        backoff = min(BACKOFF_MAX_S, max(0.1, backoff * 2))
        if wait:
            # waiting on the stop event: a signal or a close command ends the wait at once
            self.should_stop.wait(backoff)
        return backoff

    def _report(self, *, force: bool, fresh_lag: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._lag_at < LAG_EVERY_S:
            return
        if fresh_lag or now - self._lag_at >= LAG_EVERY_S:
            self._lag_at = now
            try:
                self.status.lag = self.bus.lag()
            except TransientError as exc:
                self.status.last_error = type(exc).__name__
        if self.on_status is not None:
            self.on_status(self.status)
