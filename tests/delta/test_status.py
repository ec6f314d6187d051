"""`c2n status` on the delta window: its sources and how far each is published, the consumer's
lag per partition and applied rate, and a consumer or watcher that stopped moving reported as
stalled (exit status: something to look at)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import orjson

from consumers.bootstrap import Engine, Settings
from consumers.services.delta_feeds import CONSUMER_FILE, STALE_S, WATCH_FILE, open_feed, stalled
from consumers.services.status import status_document

ROOT = Path(__file__).resolve().parents[2]


def test_a_silent_or_stopped_process_is_stalled_and_a_busy_one_is_not() -> None:
    now = 1_000_000.0
    busy = {"member": "m1", "written_at": now - 1, "lag_total": 40, "stopped_because": None}
    assert stalled({"open": True, "consumer": busy}, now) == []
    silent = {**busy, "written_at": now - STALE_S - 5}
    assert stalled({"open": True, "consumer": silent}, now) == ["consumer m1 silent for 35s (lag 40)"]
    stopped = {**busy, "stopped_because": "no message for 10s"}
    assert stalled({"open": True, "consumer": stopped}, now) == [
        "consumer m1 stopped (no message for 10s) with 40 changes waiting"]
    drained = {**stopped, "lag_total": 0}
    assert stalled({"open": True, "consumer": drained}, now) == []
    assert stalled({"open": False, "consumer": stopped}, now) == []  # the window is closed
    watch = {"source": "mysql://db:3306/od", "position": "bin.000003:120", "written_at": now - 60,
             "stopped_because": None}
    assert stalled({"open": True, "watch": watch}, now) == [
        "source mysql://db:3306/od watcher silent for 60s at bin.000003:120"]


def test_status_names_the_sources_their_positions_and_what_stalled(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Engine(Settings(home=home)) as engine:
        feed = open_feed(engine, kind="binlog", source="mysql://127.0.0.1:3306/od",
                         topic="c2n.default.changes", position=lambda: "bin.000001:4")
        feed.advance(position="bin.000001:900", published=7, transactions=3)
        engine.app.save(feed)
        diff = open_feed(engine, kind="export-diff", source="export-diff:day2", topic="t",
                         position=lambda: "")
        diff.advance(position="day2", published=5, transactions=0)
        engine.app.save(diff)
        (home / CONSUMER_FILE).write_bytes(orjson.dumps({
            "member": "ab12", "written_at": time.time() - 120, "stopped_because": None,
            "applied": 12, "applied_per_s": 0.5, "lag": {"0": 3, "1": 0}, "lag_total": 3}))
        (home / WATCH_FILE).write_bytes(orjson.dumps({
            "source": "mysql://127.0.0.1:3306/od", "position": "bin.000001:900",
            "written_at": time.time(), "stopped_because": None}))
        document = status_document(engine)
    delta = document["delta"]
    assert [(s["kind"], s["source"], s["position"], s["published"]) for s in delta["sources"]] == [
        ("binlog", "mysql://127.0.0.1:3306/od", "bin.000001:900", 7),
        ("export-diff", "export-diff:day2", "day2", 5)]
    assert len(delta["stalled"]) == 1 and delta["stalled"][0].startswith("consumer ab12 silent")

    env = {k: v for k, v in os.environ.items() if not k.startswith("C2N_")}
    done = subprocess.run([sys.executable, "-m", "consumers.cli", "--home", str(home), "status"],
                          cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT), "COLUMNS": "200"},
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0, done.stdout  # something to look at
    out = done.stdout + done.stderr
    assert "source binlog mysql://127.0.0.1:3306/od: position bin.000001:900, 7 changes" in out
    assert "lag p0=3, p1=0" in out and "0.5/s" in out
    assert "stalled" in out
