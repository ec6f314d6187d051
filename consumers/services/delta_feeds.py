"""The delta window's change feeds: where its changes come from (an export diff, change
envelopes, a database's binlog), how far each is published, and whether the processes that
feed and drain the topic still report. Read by `c2n status`."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from consumers.bootstrap import Engine
from domain.run.feed import ChangeFeed, DeltaFeeds, feed_id, feeds_id

STALE_S = 30.0  # a running consumer or watcher reports every second or so; this is long silence
CONSUMER_FILE = "delta-status.json"
WATCH_FILE = "delta-watch.json"


def open_feed(engine: Engine, *, kind: str, source: str, topic: str,
              position: Callable[[], str]) -> ChangeFeed:
    """The feed of `source`, started (at `position()`) and listed for the run when new."""
    run, repo = engine.settings.run_name, engine.app.repository
    try:
        feed: ChangeFeed = repo.get(feed_id(run, source))
        return feed
    except AggregateNotFoundError:
        pass
    feed = ChangeFeed.start(run=run, source=source, kind=kind, position=position(), topic=topic)
    try:
        feeds: DeltaFeeds = repo.get(feeds_id(run))
    except AggregateNotFoundError:
        feeds = DeltaFeeds.start(run)
    feeds.add(source)
    engine.app.save(feed, feeds)
    return feed


def window_feeds(engine: Engine) -> list[dict[str, Any]]:
    run, repo = engine.settings.run_name, engine.app.repository
    try:
        feeds: DeltaFeeds = repo.get(feeds_id(run))
    except AggregateNotFoundError:
        return []
    return [repo.get(feed_id(run, source)).to_json() for source in feeds.sources]


def stalled(delta: dict[str, Any], now: float | None = None) -> list[str]:
    """What of the window has stopped moving while it is open: a consumer or a watcher that
    stopped reporting, or stopped with changes still waiting. Ids and counts only."""
    now = time.time() if now is None else now
    found = []
    is_open = bool(delta.get("open", True))
    consumer = delta.get("consumer") or {}
    if consumer:
        silent = now - float(consumer.get("written_at") or now)
        lag = int(consumer.get("lag_total") or 0)
        if not consumer.get("stopped_because") and silent > STALE_S:
            found.append(f"consumer {consumer.get('member', '?')} silent for {silent:.0f}s "
                         f"(lag {lag})")
        elif consumer.get("stopped_because") and is_open and lag > 0:
            found.append(f"consumer {consumer.get('member', '?')} stopped "
                         f"({consumer['stopped_because']}) with {lag} changes waiting")
    watch = delta.get("watch") or {}
    if watch:
        silent = now - float(watch.get("written_at") or now)
        if not watch.get("stopped_because") and silent > STALE_S:
            found.append(f"source {watch.get('source', '?')} watcher silent for {silent:.0f}s "
                         f"at {watch.get('position')}")
        elif watch.get("stopped_because") and is_open:
            found.append(f"source {watch.get('source', '?')} watcher stopped "
                         f"({watch['stopped_because']}) at {watch.get('position')}")
    return found
