"""Changes of one page applied concurrently: one lane per Nutshell object, lanes side by side.

A lane holds one target record's changes in page order (the bus already keeps one record's
changes in one partition, in order), so one record's changes never overtake each other nor
race on its Nutshell object. Lanes run on as many threads as the Nutshell client lets requests
be in flight at once (its request budget; the client's throttle still spaces them).

Everything but the wait for Nutshell is done under one lock: the event store, the projections
and the run context see one lane at a time, as they did one change at a time. `LockedAPI` lets
the lock go for the duration of each Nutshell request, which is where the time goes (a request
is ~150 ms against the real API), and takes it back before the lane continues.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

# Nutshell calls that are one request each, safe to wait for without the lock. Anything else
# (a helper running its own pool, say) is called with the lock held, as before.
RELEASING = frozenset({"get", "patch", "delete", "create", "undelete", "find_by_custom_field",
                       "find_by_email", "created_since", "users", "custom_fields"})


class OwnedLock:
    """A lock that knows its holder, so a call made by a thread that does not hold it (a worker
    of the client's own pool) passes through untouched."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner: int | None = None

    def __enter__(self) -> OwnedLock:
        self._lock.acquire()
        self._owner = threading.get_ident()
        return self

    def __exit__(self, *_: object) -> None:
        self._owner = None
        self._lock.release()

    def held(self) -> bool:
        return self._owner == threading.get_ident()

    def call_released(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if not self.held():
            return fn(*args, **kwargs)
        self.__exit__()
        try:
            return fn(*args, **kwargs)
        finally:
            self.__enter__()


class LockedAPI:
    """The Nutshell client as the lanes see it: each request waited for without the lock."""

    def __init__(self, api: Any, lock: OwnedLock) -> None:
        self._api = api
        self._lock = lock

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._api, name)
        if name not in RELEASING or not callable(attr):
            return attr

        def released(*args: Any, **kwargs: Any) -> Any:
            return self._lock.call_released(attr, *args, **kwargs)

        return released


def request_budget(api: Any) -> int:
    """How many requests the client lets be in flight at once."""
    budget = getattr(api, "max_in_flight", 1)
    return budget if isinstance(budget, int) and budget > 0 else 1


def run_lanes(lanes: Iterable[list[T]], apply: Callable[[T], None], *, lock: OwnedLock,
              workers: int) -> list[BaseException]:
    """Applies each lane's items in order, lanes concurrently; `apply` runs under the lock.

    A lane stops at its first failure (what follows it in the lane must not overtake it);
    the other lanes go on. Returns the failures, one per failed lane."""
    failures: list[BaseException] = []

    def one(lane: list[T]) -> None:
        for item in lane:
            try:
                with lock:
                    apply(item)
            except Exception as exc:  # noqa: BLE001 - collected; the caller decides
                failures.append(exc)
                return

    todo = [lane for lane in lanes if lane]
    if workers <= 1 or len(todo) <= 1:
        for lane in todo:
            one(lane)
        return failures
    with ThreadPoolExecutor(max_workers=min(workers, len(todo)),
                            thread_name_prefix="delta-lane") as pool:
        list(pool.map(one, todo))
    return failures
