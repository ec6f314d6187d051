"""The console's people store on its own: sessions end at their expiry, after being left
alone, at logout and when their person is disabled; lock-out lifts after its time."""

from __future__ import annotations

from pathlib import Path

import pytest

from consumers.console.users import (
    IDLE_SECONDS,
    LOCK_SECONDS,
    MAX_FAILURES,
    SESSION_SECONDS,
    LoginRefused,
    UserStore,
)

PASSWORD = "a long enough password"


def test_sessions_end_idle_expired_logged_out_or_disabled(tmp_path: Path) -> None:
    store = UserStore(tmp_path)
    user = store.add("max", "manager", PASSWORD)
    start = 1_000_000.0
    session = store.open_session(user, now=start)
    # Used every 20 minutes, it lives until its absolute expiry.
    t = start
    while t + 20 * 60 < start + SESSION_SECONDS:
        t += 20 * 60
        assert store.session(session.sid, now=t) is not None
    assert store.session(session.sid, now=start + SESSION_SECONDS + 1) is None
    idle = store.open_session(user, now=start)
    assert store.session(idle.sid, now=start + IDLE_SECONDS - 1) is not None
    assert store.session(idle.sid, now=start + 2 * IDLE_SECONDS) is None
    ended = store.open_session(user)
    store.end_session(ended.sid)
    assert store.session(ended.sid) is None and store.session_owner(ended.sid) == "max"
    live = store.open_session(user)
    store.disable("max")
    assert store.session(live.sid) is None
    store.close()


def test_a_lock_lifts_after_its_time(tmp_path: Path) -> None:
    store = UserStore(tmp_path)
    store.add("lou", "operator", PASSWORD)
    now = 2_000_000.0
    reasons = []
    for _ in range(MAX_FAILURES):
        try:
            store.authenticate("lou", "wrong", now=now)
        except LoginRefused as refused:
            reasons.append(refused.reason)
    assert reasons == ["password"] * (MAX_FAILURES - 1) + ["locked"]
    with pytest.raises(LoginRefused) as refused:
        store.authenticate("lou", PASSWORD, now=now + 1)
    assert refused.value.reason == "locked"
    assert store.authenticate("lou", PASSWORD, now=now + LOCK_SECONDS + 1).name == "lou"
    store.close()
