"""A representative sample, not a random one: every kind, every mapped field and pick-list
value, patients with and without insurance, every appointment type and status, the longest
notes, companies with branches — plus the parents those records need, so that children are
only sent after their parent has a Nutshell id."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from consumers.bootstrap import Engine
from domain.nutshell.map import RUN_ORDER
from domain.records.canonical import ENUMS, REFERENCES

CANDIDATES_PER_FEATURE = 2
ENUM_LIKE = {("appointment", "appointment_type"), ("insurance", "plan_type"),
             ("allergy_condition", "code_system")}


@dataclass
class Sample:
    keys: list[tuple[str, str]] = field(default_factory=list)
    covered: int = 0
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    uncovered: list[str] = field(default_factory=list)  # feature names: field names, not values

    def coverage(self) -> dict[str, Any]:
        return {"features_covered": self.covered, "features_total": self.total,
                "ratio": round(self.covered / self.total, 3) if self.total else 1.0,
                "records": len(self.keys), "by_kind": self.by_kind,
                "uncovered": self.uncovered[:50]}


def features(kind: str, fields: dict[str, Any], insured: set[str],
             known: set[str] | None = None) -> set[str]:
    out = {f"kind:{kind}"}
    if known is not None:
        for (k, name), target in REFERENCES.items():
            value = fields.get(name)
            if k == kind and value and f"{target}:{value}" not in known:
                out.add(f"{kind}:orphan")  # a reference to a record the export does not hold
    for name, value in fields.items():
        if value not in (None, "", [], {}):
            out.add(f"{kind}.{name}")
        if ((kind, name) in ENUMS or (kind, name) in ENUM_LIKE) and value not in (None, ""):
            out.add(f"{kind}.{name}={str(value).lower()}")
    if kind == "patient":
        out.add("patient:insured" if fields.get("source_id") in insured else "patient:uninsured")
    if kind == "company":
        out.add("company:branch" if fields.get("parent_source_id") else "company:top")
    return out


def _person_keys(fields: dict[str, Any]) -> list[str]:
    keys = []
    if fields.get("first_name") and fields.get("last_name") and fields.get("date_of_birth"):
        keys.append("|".join(str(fields[f]).casefold() for f in
                             ("first_name", "last_name", "date_of_birth")))
    if fields.get("email"):
        keys.append(str(fields["email"]).casefold())
    return keys


def _records(engine: Engine) -> Iterator[tuple[str, str, dict[str, Any]]]:
    run = engine.settings.run_name
    for kind in RUN_ORDER:
        for _, source_id, state in engine.store.records_in_state(kind):
            if state in {"quarantined", "skipped"}:
                continue
            record = engine.app.record(run, kind, source_id)
            if record is not None:
                yield kind, source_id, record.fields


def select_sample(engine: Engine, size: int) -> Sample:
    engine.catch_up()
    insured = {str(f.get("patient_source_id")) for k, _, f in _records(engine) if k == "insurance"}
    known = {f"{k}:{s}" for k, s, state in engine.store.records_in_state() if state != "quarantined"}
    person_keys: dict[int, str] = {}  # hash of name+dob or email -> first patient with it
    candidates: dict[str, list[tuple[str, str]]] = {}
    feature_sets: dict[tuple[str, str], set[str]] = {}
    longest: list[tuple[int, str]] = []  # the longest clinical notes
    per_kind: dict[str, list[str]] = {}
    for kind, source_id, fields in _records(engine):
        key = (kind, source_id)
        feats = features(kind, fields, insured, known)
        if kind == "patient":
            for person in _person_keys(fields):
                first = person_keys.setdefault(hash(person), source_id)
                if first != source_id:
                    feats.add("patient:merge_candidate")
                    candidates.setdefault("patient:merge_candidate_first", []).append(
                        ("patient", first))
        for feat in feats:
            bucket = candidates.setdefault(feat, [])
            if len(bucket) < CANDIDATES_PER_FEATURE:
                bucket.append(key)
                feature_sets[key] = feats
        if kind == "clinical_note":
            heapq.heappush(longest, (len(str(fields.get("body") or "")), source_id))
            if len(longest) > 3:
                heapq.heappop(longest)
        ids = per_kind.setdefault(kind, [])
        if len(ids) < size:
            ids.append(source_id)
    picked: list[tuple[str, str]] = []
    chosen: set[tuple[str, str]] = set()
    covered: set[str] = set()

    def take(key: tuple[str, str]) -> None:
        if key not in chosen and len(picked) < size:
            chosen.add(key)
            picked.append(key)
            covered.update(feature_sets.get(key, set()))

    for _, source_id in sorted(longest, reverse=True):
        take(("clinical_note", source_id))
    for feat in sorted(candidates, key=lambda f: (len(candidates[f]), f)):
        if feat not in covered and candidates[feat]:
            take(candidates[feat][0])
            if len(picked) < size:
                covered.add(feat)
    # Fill the rest evenly across kinds.
    queues = {k: [s for s in v if (k, s) not in chosen] for k, v in per_kind.items()}
    while len(picked) < size and any(queues.values()):
        for kind in RUN_ORDER:
            if queues.get(kind):
                take((kind, queues[kind].pop(0)))
    keys = _with_parents(engine, picked)
    sample = Sample(keys=keys, covered=len(covered), total=len(candidates))
    sample.uncovered = sorted(f.split("=")[0] for f in set(candidates) - covered)
    for kind, _ in keys:
        sample.by_kind[kind] = sample.by_kind.get(kind, 0) + 1
    return sample


def _with_parents(engine: Engine, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Parents first: a child in the sample brings the records it references."""
    run = engine.settings.run_name
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(key: tuple[str, str], depth: int = 0) -> None:
        if key in seen or depth > 5:
            return
        record = engine.app.record(run, *key)
        if record is None or record.state == "quarantined":
            return
        seen.add(key)
        for (kind, name), target in REFERENCES.items():
            if kind == key[0] and record.fields.get(name):
                add((target, str(record.fields[name])), depth + 1)
        out.append(key)

    for key in keys:
        add(key)
    return out
