"""The data behind `c2n status`: counts per kind and the run's state, from the projections."""

from __future__ import annotations

from typing import Any

import orjson

from adapters.stores.mapping_file import load_mapping
from consumers.bootstrap import Engine
from consumers.services.delta_feeds import CONSUMER_FILE, WATCH_FILE, stalled, window_feeds
from consumers.services.quarantine import (
    kept_as_written,
    quarantine_rows,
    reasons_document,
    skip_reasons,
)
from projections.core import METRICS


def status_document(engine: Engine) -> dict[str, Any]:
    engine.catch_up()
    counts = {kind: {metric: values.get(metric, 0) for metric in METRICS}
              for kind, values in sorted(engine.store.counts().items()) if not kind.startswith("_")}
    run = engine.app.find_run(engine.settings.run_name)
    mapping_hash = None
    doc = None
    if engine.settings.mapping_path.exists():
        doc = load_mapping(engine.settings.mapping_path)
        mapping_hash = doc.content_hash()
    document: dict[str, Any] = {
        "counts": counts,
        "run": {
            "name": engine.settings.run_name,
            "state": run.state if run else "new",
            "mapping_hash": mapping_hash,
            "confirmed_mapping_hash": run.confirmed_hash if run else None,
            "approved": bool(run and run.approval and mapping_hash
                             and run.approval["mapping_hash"] == mapping_hash),
            "files": len(run.files) if run else 0,
        },
        "failures": len(engine.store.failures()),
        # what was held back and why, and the kinds that will not be sent
        "quarantine": reasons_document(quarantine_rows(engine, doc, values=False)),
        "skipped_kinds": skip_reasons(doc, [k for k, v in counts.items() if v.get("extracted")]),
        # as the last `map confirm` derived the records: per file and column, masked examples
        "values_kept_as_written": kept_as_written(
            engine, doc, ((run.derivation or {}).get("kept_as_written") if run else None)),
    }
    sources = window_feeds(engine)
    if (run and run.delta) or sources:
        delta: dict[str, Any] = dict(run.delta) if run and run.delta else {"open": None}
        # where the changes come from and how far each source is published
        delta["sources"] = sources
        for key, name in (("consumer", CONSUMER_FILE), ("watch", WATCH_FILE)):
            live = engine.settings.home / name
            if live.exists():
                # the process's own figures: lag per partition, applied and its rate, conflicts,
                # errors, time left; the watcher's position
                delta[key] = orjson.loads(live.read_bytes())
        delta["stalled"] = stalled(delta)
        document["delta"] = delta
    return document
