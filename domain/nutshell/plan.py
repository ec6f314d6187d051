"""Write planning: a canonical record -> the Nutshell operations that put it there.

The executor runs a plan's steps in order through the Nutshell client:
- `create`: POST `step.payload` (the inner record) to `step.entity`; remember the created id.
- `patch`:  JSON Patch `step.payload` (a list of ops) onto the record `step.target` names, or,
            when `target` is None, onto the record created by step `uses_result_of`.
- `put`:    PUT `step.payload` (a whole activity) onto `step.target`.
- `upload`: attach the file `step.payload` describes (path inside the export, name, mime,
            size, sha256) to the record `step.target` names or step `uses_result_of` created,
            unless a file of that name and size is attached already.
- `status`: close a lead through Nutshell's status endpoint (`{"status": "won"|"lost"}`).
Before sending, `bind(step, created_ids)` swaps the "$step:N" placeholders in a payload for the
ids steps 0..N created (a lead links the Person created for its prospect).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from domain.mapping import MappingDocument
from domain.nutshell.paths import read_paths, update_ops
from domain.nutshell.payloads import (
    LEAD_STATUS,
    PLACEHOLDER,
    Blocked,
    Built,
    PushContext,
    Skipped,
    build,
)
from domain.nutshell.values import text
from domain.ports import JSON

Action = Literal["create", "patch", "put", "upload", "status"]


@dataclass(frozen=True)
class Step:
    action: Action
    entity: str
    payload: dict[str, JSON] | list[dict[str, JSON]]
    external_key: tuple[str, str] | None = None  # (custom field, value) to find an ambiguous create
    target: tuple[str, str] | None = None  # (kind, source_id) whose Nutshell id a patch/put hits
    uses_result_of: int | None = None  # earlier step whose created id this step needs
    acting_user: str | None = None  # Nutshell user the write is made as (who logged an activity)

    def to_json(self) -> dict[str, JSON]:
        return {"action": self.action, "entity": self.entity, "payload": self.payload,
                "external_key": list(self.external_key) if self.external_key else None,
                "target": list(self.target) if self.target else None,
                "uses_result_of": self.uses_result_of, "acting_user": self.acting_user}


    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Step:
        key, target = data.get("external_key"), data.get("target")
        return cls(data["action"], data["entity"], data["payload"],
                   (key[0], key[1]) if key else None,
                   (target[0], target[1]) if target else None,
                   data.get("uses_result_of"), data.get("acting_user"))


RecordPlan = Blocked | Skipped | list[Step]


def _creates(built: list[Built]) -> list[Step]:
    steps: list[Step] = []
    index: dict[int, int] = {}  # built position -> its create step's position
    for i, b in enumerate(built):
        refs = [index[j] for j in range(i) if PLACEHOLDER.format(j) in repr(b.record)]
        index[i] = len(steps)
        steps.append(Step("create", b.entity, b.record, b.external_key, None,
                          refs[-1] if refs else None, b.acting_user))
        steps += [Step("upload", b.entity, dict(f), None, None, index[i], b.acting_user)
                  for f in b.files]
    return steps


def _lead_status_step(fields: Mapping[str, Any], lead_step: int,
                      target: tuple[str, str] | None) -> list[Step]:
    status = LEAD_STATUS.get(text(fields.get("status")).lower(), "open")
    if status == "open":
        return []
    return [Step("status", "leads", {"status": status}, None, target,
                 None if target else lead_step)]


def plan_record(kind: str, source_id: str, fields: Mapping[str, Any], ctx: PushContext,
                doc: MappingDocument) -> RecordPlan:
    """Blocked (a parent without an id, no owner), Skipped (disabled, not opted in, carried by
    the patient, held for PHI review, notes already written) or the steps to send. A record that
    already has a Nutshell id is updated in place: every writable path set to the source's value
    (contacts/accounts/leads by JSON Patch, activities by PUT)."""
    built = build(kind, source_id, fields, ctx, doc)
    if isinstance(built, Blocked | Skipped):
        return built
    if built[-1].attach_to is not None:  # files onto a record already there (a lead)
        return [Step("upload", b.entity, dict(f), None, b.attach_to, None, b.acting_user)
                for b in built for f in b.files]
    existing = ctx.nutshell_id(kind, source_id)
    if existing is None:
        steps = _creates(built)
        if kind == "lead":
            steps += _lead_status_step(fields, len(steps) - 1, None)
        return steps
    main = built[-1]
    target = (kind, source_id)
    if main.entity == "notes":
        return Skipped("already in Nutshell; notes cannot be changed through the REST API")
    if main.entity == "activities":
        return [Step("put", main.entity, main.record, None, target, None, main.acting_user),
                *(Step("upload", main.entity, dict(f), None, target, None, main.acting_user)
                  for f in main.files)]
    values = {p: v for p, v in read_paths(main.entity, main.record).items()
              if "$step:" not in repr(v)}
    steps = [Step("patch", main.entity, update_ops(main.entity, values), None, target)]
    if kind == "lead":
        steps += _lead_status_step(fields, 0, target)
    return steps


def expectations(kind: str, source_id: str, fields: Mapping[str, Any], ctx: PushContext,
                 doc: MappingDocument) -> dict[str, JSON]:
    """What Nutshell should hold for this record once written, by path (nutshell_paths).
    Empty for records that produce no write of their own or cannot be planned yet."""
    built = build(kind, source_id, fields, ctx, doc)
    if isinstance(built, Blocked | Skipped):
        return {}
    main = built[-1]
    if main.attach_to is not None:
        return {}  # only files: verify downloads each and compares its SHA-256
    out = {p: v for p, v in read_paths(main.entity, main.record).items()
           if "$step:" not in repr(v)}
    if kind == "lead":
        out["leads.status"] = LEAD_STATUS.get(text(fields.get("status")).lower(), "open")
    return out


def _substitute(value: Any, created: Sequence[str | None]) -> Any:
    if isinstance(value, str) and value.startswith("$step:"):
        index = int(value[len("$step:"):])
        got = created[index] if index < len(created) else None
        if got is None:
            raise ValueError(f"step {index} has no created id yet")
        return got
    if isinstance(value, list):
        return [_substitute(v, created) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, created) for k, v in value.items()}
    return value


def bind(step: Step, created_ids: Sequence[str | None]) -> dict[str, JSON] | list[dict[str, JSON]]:
    """The step's payload with "$step:N" placeholders replaced by the ids created so far
    (`created_ids[i]` = id created by step i, None for steps that created nothing)."""
    bound: dict[str, JSON] | list[dict[str, JSON]] = _substitute(step.payload, created_ids)
    return bound
