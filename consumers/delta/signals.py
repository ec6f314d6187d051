"""SIGTERM and SIGINT as a stop request: the delta loops finish what they are doing (a page
applied and committed, a batch published and its position recorded) and end cleanly, so a
service manager's stop never leaves half a page behind. Handlers are installed only on the main
thread (Python allows no other) and the previous ones are put back on the way out."""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator
from types import FrameType

log = logging.getLogger(__name__)


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event, who: str) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("%s: signal %d, finishing the current step", who, signum)
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
