"""Stopping a delta consumer as soon as it has done what the test expects, instead of waiting
out its idle limit on the success path. "Drained" means: the consumer has received at least the
changes the test published (or holds the partitions it must hold) and its lag is 0, so nothing
is left for it. The idle limit stays, as the bound of a consumer that never gets there.

In-process, `stop_when_drained` is the loop's `on_status` and sets its `should_stop`; for a
`c2n delta consume` process, `terminate_when_drained` reads the status file the command writes
and sends SIGTERM (the loop finishes and commits its page, then exits as it does when idle)."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import orjson

from consumers.delta.loop import DeltaStatus


def drained(received: int, lag: dict[Any, int], *, expected: int, partitions: int | None) -> bool:
    if received < expected or not lag or sum(lag.values()) != 0:
        return False
    return partitions is None or len(lag) == partitions


def stop_when_drained(stop: threading.Event, expected: int,
                      peers: Sequence[DeltaStatus] = ()) -> Callable[[DeltaStatus], None]:
    """An `on_status` that stops the loop once `expected` changes were received (by this
    consumer and its `peers` in the group together) and this consumer's lag is 0."""

    def on_status(status: DeltaStatus) -> None:
        received = status.received + sum(p.received for p in peers if p is not status)
        if drained(received, status.lag, expected=expected, partitions=None):
            stop.set()

    return on_status


def terminate_when_drained(proc: subprocess.Popen[Any], status_file: Path, *, since: float,
                           expected: int = 0, partitions: int | None = None,
                           member: str | None = None, timeout: float = 120.0) -> bool:
    """Waits (bounded) until the status file, written by a consumer started after `since`
    (wall clock) and, if given, by `member`, says it is drained; then SIGTERMs `proc`. False
    when the process ended by itself first (or the timeout passed: the caller's own wait,
    bounded too, then reports it)."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            status = orjson.loads(status_file.read_bytes())
        except (OSError, ValueError):  # not written yet, or caught mid-write
            status = {}
        if (status.get("started_at", 0.0) >= since
                and (member is None or status.get("member") == member)
                and drained(int(status.get("received", 0)), status.get("lag") or {},
                            expected=expected, partitions=partitions)):
            proc.send_signal(signal.SIGTERM)
            return True
        time.sleep(0.1)
    return False
