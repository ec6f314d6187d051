"""What write planning asks of the executor: Nutshell ids of parents, owners, a patient's
carried records, activity types, other records' fields."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from consumers.bootstrap import Engine
from domain.nutshell.map import CARRIED_BY_PATIENT, activity_type_id
from domain.run.review import Gate


class RunContext:
    def __init__(self, engine: Engine, activity_types: Sequence[Mapping[str, Any]] = ()) -> None:
        self.engine = engine
        self.run_name = engine.settings.run_name
        run = engine.run()
        owners = run.owners or {}
        self.matched: dict[str, str] = dict(owners.get("matched") or {})
        self.fallback: str | None = owners.get("fallback_owner")
        self.ids: dict[tuple[str, str], str | None] = {}
        self.activity_types = list(activity_types)
        self._children: dict[str, list[tuple[str, str]]] | None = None
        self._fields: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._gate: Gate | None = None
        self._sources: dict[str, dict[str, Any]] | None = None
        self._referrers: dict[str, dict[str, Any]] | None = None

    # --- PushContext ----------------------------------------------------------------------

    def nutshell_id(self, kind: str, source_id: str) -> str | None:
        key = (kind, source_id)
        if key not in self.ids:
            found = self.engine.store.xref_by_source(kind, source_id)
            self.ids[key] = found[1] if found else None
        return self.ids[key]

    def owner_for(self, staff_source_id: str | None) -> str | None:
        if staff_source_id and staff_source_id in self.matched:
            return self.matched[staff_source_id]
        return self.fallback

    def children(self, patient_source_id: str) -> Mapping[str, Sequence[dict]]:
        if self._children is None:
            self._children = self._index_children()
        out: dict[str, list[dict]] = {}
        for kind, source_id in self._children.get(patient_source_id, []):
            fields = self.record(kind, source_id)
            if fields is not None:
                out.setdefault(kind, []).append(dict(fields))
        return out

    def activity_type(self, channel_or_kind: str) -> str | None:
        return activity_type_id(channel_or_kind, self.activity_types)

    def now(self) -> int:
        return int(time.time())

    def record(self, kind: str, source_id: str) -> Mapping[str, Any] | None:
        key = (kind, source_id)
        if key not in self._fields:
            if len(self._fields) > 50_000:
                self._fields.clear()  # a cache, not a copy of the run: memory stays flat
            record = self.engine.app.record(self.run_name, kind, source_id)
            self._fields[key] = (dict(record.fields) if record is not None
                                 and record.state != "quarantined" else None)
        return self._fields[key]

    def source_id(self, referral_type: str) -> str | None:
        if self._sources is None:
            self._sources = dict(getattr(self.engine.run(), "sources", {}) or {})
        found = self._sources.get(referral_type.strip().lower())
        return str(found["id"]) if found and not found.get("removed") else None

    def referrer(self, key: str) -> tuple[str, str] | None:
        if self._referrers is None:
            self._referrers = dict(self.engine.run().referrers)
        found = self._referrers.get(key)
        if not found or found.get("removed") or not found.get("id"):
            return None
        return str(found["name"]), str(found["id"])

    def review_hold(self, kind: str, source_id: str) -> str | None:
        if self._gate is None:
            from consumers.services.review import review_gate

            self._gate = review_gate(self.engine)
        return self._gate.hold_reason(kind, source_id)

    # --- executor side --------------------------------------------------------------------

    def created(self, kind: str, source_id: str, nutshell_id: str | None) -> None:
        self.ids[(kind, source_id)] = nutshell_id

    def changed(self, kind: str, source_id: str, *, new: bool = False) -> None:
        """A record's fields changed (a delta revision): read them again; a new carried
        record joins its patient's children."""
        self._fields.pop((kind, source_id), None)
        if new and kind in CARRIED_BY_PATIENT:
            self._children = None

    def _index_children(self) -> dict[str, list[tuple[str, str]]]:
        index: dict[str, list[tuple[str, str]]] = {}
        for kind in sorted(CARRIED_BY_PATIENT):
            for _, source_id, state in self.engine.store.records_in_state(kind):
                if state == "quarantined":
                    continue
                fields = self.record(kind, source_id)
                patient = fields.get("patient_source_id") if fields else None
                if patient:
                    index.setdefault(str(patient), []).append((kind, source_id))
        return index
