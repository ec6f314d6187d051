"""The core projections: counts per kind and state, the ID cross-reference, the audit index and
the failures/quarantine list, computed from a page of logged events.

The log is the audit trail: an auditor's question is answered from it (projections.audit),
a record's events found through its stream id. The projection keeps only what the log cannot
look up: each page's time span and which operator caused which event. Replay stays fast.

Pure: it reads the few rows it needs (the state of the streams the page touches) through the
store, and returns the page's row changes for the store to commit with the position.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.ports import ProjectionPage, ProjectionStore
from projections.events import FORGOTTEN, LoggedEvent, topic_names

RUN, FILE, ERASURE = "_run", "_file", "_erasure"


def record_key(kind: str, source_id: str) -> str | None:
    """How the audit names a stream: "patient:123", "file:patients.csv", and for an erasure
    "patient:<hash>" (the patient's hash, never the id itself); a run's own events: None."""
    if kind == RUN:
        return None
    if kind == FILE:
        return "file:" + source_id
    if kind == ERASURE:
        return "patient:" + source_id
    return kind + ":" + source_id


def stream_of_key(key: str) -> list[tuple[str, str]]:
    """The (kind, source_id) pairs an audit record key may name."""
    prefix, _, rest = key.partition(":")
    if prefix == "file":
        return [(FILE, rest)]
    if prefix == "patient":
        return [("patient", rest), (ERASURE, rest)]
    return [(prefix, rest)]
METRICS = ("extracted", "quarantined", "pushed", "failed", "rolled_back", "skipped")

# Event name -> the record state it leads to, whatever the state before (_state_after: the rest).
STATE_AFTER: dict[str, str] = {
    "Derived": "derived", "Quarantined": "quarantined", "Requarantined": "quarantined",
    "PushRequested": "requested", "PushSucceeded": "pushed", "PushFailed": "failed",
    "Skipped": "skipped",
}


_XREF_OR_FAILURE = frozenset({"PushSucceeded", "CompensationSucceeded", "Quarantined",
                              "Requarantined", "PushFailed", "Rederived", "Skipped"})


def _state_after(name: str, event: LoggedEvent, previous: str) -> str:
    """The record's state after an event that is not in STATE_AFTER."""
    if name == "Rederived":
        return "derived" if previous == "quarantined" else previous
    if name == "CompensationSucceeded":
        return "pushed" if event.state.get("action") == "undelete" else "rolled_back"
    return previous


CACHE_LIMIT = 200_000  # streams remembered between pages (a cache: memory stays bounded)


class _PageWork:
    """What projecting one page gathers before it becomes a ProjectionPage."""

    __slots__ = ("failures", "moves", "page", "span", "streams")

    def __init__(self, page: ProjectionPage, streams: dict[str, list[Any]]) -> None:
        self.page = page
        self.streams = streams  # rid -> [run, kind, source_id, state, born]
        self.failures: dict[tuple[str, str], Any] = {}  # key -> failure row, None: over
        self.moves: dict[tuple[str, str, str], int] = {}  # (kind, from, to) -> records
        self.span: list[Any] = []  # [first seq, last seq, earliest at, latest at]


class CoreProjector:
    """Turns a page of events into a ProjectionPage for one ProjectionStore.

    The state of the streams a page touches is read from the store, except for those a page
    already committed by this projector left in its cache: a replay reads almost none."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, str, str, str, int]] = {}

    def committed(self, page: ProjectionPage) -> None:
        """Called once the store holds the page: its streams' states become the cache's."""
        if len(self._cache) + len(page.streams) > CACHE_LIMIT:
            self._cache.clear()
        for rid, *state in page.streams:
            self._cache[rid] = tuple(state)  # type: ignore[assignment]

    def forget(self) -> None:
        self._cache.clear()

    def project(self, events: Sequence[LoggedEvent], store: ProjectionStore) -> ProjectionPage:
        page = ProjectionPage(position=events[-1].position if events else 0)
        cache = self._cache
        wanted = {e.originator_id for e in events if e.version > 1}
        born_here = {e.originator_id for e in events if e.version == 1}
        streams: dict[str, list[Any]] = {rid: list(cache[rid]) for rid in wanted if rid in cache}
        missing = sorted(wanted - streams.keys() - born_here)
        if missing:
            streams.update((rid, list(v)) for rid, v in store.streams(missing).items())
        work = _PageWork(page, streams)
        apply = self._apply
        for event in events:
            apply(event, work)
        for (kind, before, after), n in work.moves.items():
            for metric, delta in ((before, -n), (after, n)):
                if metric in METRICS:
                    page.counts[(kind, metric)] = page.counts.get((kind, metric), 0) + delta
        if work.span:
            page.spans = [tuple(work.span)]
        touched = wanted | born_here
        # In the order the streams were born: the store's table is kept in that order.
        page.streams = sorted(((rid, *streams[rid]) for rid in touched if rid in streams),
                              key=lambda row: row[5])
        # Within a page only the last change of a key counts (a push then its rollback).
        page.xref = list({(k, s): (k, s, e, n) for k, s, e, n in page.xref}.values())
        page.failures = [row for row in work.failures.values() if row is not None]
        page.resolved = [key for key, row in work.failures.items() if row is None]
        return page

    def _apply(self, event: LoggedEvent, work: _PageWork) -> None:
        # The hot loop of a replay: written for speed (locals, no per-event helper calls on
        # the common path), so it reads a little denser than the rest.
        rid, state = event.originator_id, event.state
        aggregate, name = topic_names(event.topic)
        if FORGOTTEN in state:
            return  # crypto-shredded: nothing of it is left to project
        streams = work.streams
        if event.version == 1:
            if aggregate == "ClinicRecord":
                kind = state["kind"]
                streams[rid] = [state["run"], kind, state["source_id"], "", event.position]
                counts = work.page.counts
                counts[(kind, "extracted")] = counts.get((kind, "extracted"), 0) + 1
            elif aggregate == "Erasure":
                streams[rid] = [state["run"], ERASURE, state["patient_ref"], "forgotten",
                                event.position]
            elif aggregate == "MigrationRun":
                streams[rid] = [state["name"], RUN, state["name"], "started", event.position]
            elif aggregate == "SourceFile":
                streams[rid] = [state["run"], FILE, state["fingerprint"]["name"], "registered",
                                event.position]
        stream = streams.get(rid)
        if stream is None:
            return  # an aggregate type the projections do not follow
        _, kind, source_id, previous, _ = stream
        if kind == RUN:
            stream[3] = state.get("state", stream[3]) if name != "Started" else "started"
        elif kind not in (FILE, ERASURE):
            current = STATE_AFTER.get(name) or _state_after(name, event, previous)
            if current != previous:
                moves = work.moves
                moves[(kind, previous, current)] = moves.get((kind, previous, current), 0) + 1
                stream[3] = current
            if name in _XREF_OR_FAILURE:
                self._xref_and_failures(name, event, kind, source_id, work)
        stamp = state.get("timestamp", "")
        at = stamp if stamp.__class__ is str else stamp.isoformat()
        span = work.span
        if span:
            if at < span[2]:
                span[2] = at
            elif at > span[3]:
                span[3] = at
            span[1] = event.position
        else:
            span.extend((event.position, event.position, at, at))
        by = state.get("by")
        if by:
            work.page.actors.append((event.position, str(by)))

    @staticmethod
    def _xref_and_failures(name: str, event: LoggedEvent, kind: str, source_id: str,
                           work: _PageWork) -> None:
        state, page, failures = event.state, work.page, work.failures
        if name == "PushSucceeded" and state.get("action") in {"create", "adopt"}:
            page.xref.append((kind, source_id, state["entity"], state["nutshell_id"]))
        elif name == "CompensationSucceeded" and state.get("action") == "delete":
            page.xref.append((kind, source_id, "", ""))
        elif name == "CompensationSucceeded" and state.get("action") == "undelete" \
                and state.get("nutshell_id"):
            page.xref.append((kind, source_id, state["entity"], state["nutshell_id"]))
        if name in {"Quarantined", "Requarantined"}:
            rows: list[Any] = state.get("rows") or [None]
            failures[(kind, source_id)] = {
                "kind": kind, "source_id": source_id, "stage": "quarantine",
                "file": state.get("file"), "row": rows[0], "field": state.get("field"),
                "reason": state["reason"], "status": None, "transient": None}
        elif name == "PushFailed":
            failures[(kind, source_id)] = {
                "kind": kind, "source_id": source_id, "stage": "push", "file": None,
                "row": None, "field": None, "reason": state["reason"],
                "status": state.get("status"), "transient": state.get("transient")}
        elif name in {"Rederived", "PushSucceeded", "Skipped"}:
            failures[(kind, source_id)] = None
