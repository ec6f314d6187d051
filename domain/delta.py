"""Changes made in the clinic's old system during the delta window, and how they are detected.

A `Change` is what travels on the change bus: one canonical record's created, updated or deleted
fields. Two producers make them: `diff_records` compares a newer export with what was extracted,
and `change_from_debezium` reads Debezium-style envelopes from a clinic database (files of them,
origin "debezium", or rows read from the database's own binlog, origin "binlog").

`change_id` is a uuid5 of the kind, source id and content (op, fields, previous values, origin,
and for envelopes the source position), never of the time it was published: the same change
published twice, or redelivered, has the same id. A record edited A->B, back to A and to B again
gives the first and third change the same id; dropping by id is therefore only safe within a
window of recent ids, and applying a change must stay idempotent on its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from uuid import uuid5

from domain.errors import SourceError
from domain.ids import NAMESPACE
from domain.ports import ChangeMessage
from domain.records.canonical import KIND_FIELDS

Op = Literal["create", "update", "delete"]
Origin = Literal["export-diff", "debezium", "binlog"]
OPS: tuple[str, ...] = ("create", "update", "delete")
ORIGINS: tuple[str, ...] = ("export-diff", "debezium", "binlog")
SCHEMA_VERSION = 1

# Debezium op letters. A snapshot read ("r") is the whole row as it is now: an upsert.
_DEBEZIUM_OPS: dict[str, Op] = {"c": "create", "r": "create", "u": "update", "d": "delete"}

RowToRecords = Callable[[dict[str, Any]], list[tuple[str, str, dict[str, Any]]]]


class InvalidChange(ValueError):
    """A message on the bus is not a change this engine understands (names fields, never values)."""


def _canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str, ensure_ascii=False)


def change_id_for(kind: str, source_id: str, op: str, fields: Mapping[str, Any],
                  previous: Mapping[str, Any], origin: str, position: str = "") -> str:
    content = _canonical_json([op, fields, previous, origin, position])
    return str(uuid5(NAMESPACE, f"change/{kind}/{source_id}/{content}"))


@dataclass(frozen=True)
class Change:
    change_id: str
    kind: str
    source_id: str
    op: Op
    fields: dict[str, Any]  # new values of the changed fields only; every field for a create
    previous: dict[str, Any]  # old values of those fields (empty for a create)
    origin: Origin
    ts_ms: int

    def __post_init__(self) -> None:
        if self.kind not in KIND_FIELDS:
            raise InvalidChange(f"unknown kind {self.kind!r}")
        if not isinstance(self.source_id, str) or not self.source_id:
            raise InvalidChange(f"{self.kind}: empty source_id")
        if self.op not in OPS:
            raise InvalidChange(f"{self.kind}:{self.source_id}: unknown op")
        if self.origin not in ORIGINS:
            raise InvalidChange(f"{self.kind}:{self.source_id}: unknown origin")
        if not isinstance(self.fields, dict) or not isinstance(self.previous, dict):
            raise InvalidChange(f"{self.kind}:{self.source_id}: fields and previous must be objects")

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.source_id}"

    @classmethod
    def make(cls, kind: str, source_id: str, op: Op, fields: Mapping[str, Any],
             previous: Mapping[str, Any], origin: Origin, ts_ms: int,
             position: str = "") -> Change:
        """A change whose id is derived from its content (the one way producers build them)."""
        return cls(change_id=change_id_for(kind, source_id, op, fields, previous, origin, position),
                   kind=kind, source_id=source_id, op=op, fields=dict(fields),
                   previous=dict(previous), origin=origin, ts_ms=ts_ms)

    def to_json(self) -> dict[str, Any]:
        return {"v": SCHEMA_VERSION, "change_id": self.change_id, "kind": self.kind,
                "source_id": self.source_id, "op": self.op, "fields": self.fields,
                "previous": self.previous, "origin": self.origin, "ts_ms": self.ts_ms}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Change:
        missing = [name for name in ("change_id", "kind", "source_id", "op", "origin")
                   if not isinstance(value.get(name), str)]
        if missing:
            raise InvalidChange(f"change lacks {', '.join(missing)}")
        ts_ms = value.get("ts_ms", 0)
        if not isinstance(ts_ms, int):
            raise InvalidChange("change ts_ms is not an integer")
        return cls(change_id=value["change_id"], kind=value["kind"], source_id=value["source_id"],
                   op=value["op"], fields=value.get("fields", {}),
                   previous=value.get("previous", {}), origin=value["origin"], ts_ms=ts_ms)


def to_message(change: Change) -> ChangeMessage:
    return ChangeMessage(key=change.key, value=change.to_json())


def from_message(message: ChangeMessage) -> Change:
    """The change a bus message carries; InvalidChange when it carries none."""
    change = Change.from_json(message.value)
    if message.key and message.key != change.key:
        raise InvalidChange(f"message key does not match {change.key}")
    return change


@dataclass(frozen=True)
class PageResult:
    """What applying one page of changes did (returned by the apply function the lead wires)."""

    applied: int = 0
    conflicts: int = 0
    errors: int = 0
    details: list[dict[str, Any]] = field(default_factory=list)  # ids and field names only


# --- export differ ------------------------------------------------------------------------------

def diff_records(old: Mapping[tuple[str, str], Mapping[str, Any]],
                 new: Iterable[tuple[str, str, Mapping[str, Any]]], *,
                 ts_ms: int = 0) -> Iterator[Change]:
    """Creates, field-level updates and deletes that turn `old` into `new`.

    Streams over `new` (only its keys are remembered). A field absent from one side counts as
    None there. A key repeated in `new` is compared with `old` each time: the later row wins
    when the changes are applied in order. Deletes follow, for keys `new` never mentioned.
    """
    seen: set[tuple[str, str]] = set()
    for kind, source_id, record in new:
        key = (kind, source_id)
        seen.add(key)
        before = old.get(key)
        if before is None:
            yield Change.make(kind, source_id, "create", record, {}, "export-diff", ts_ms)
            continue
        changed, previous = _changed_fields(before, record)
        if changed:
            yield Change.make(kind, source_id, "update", changed, previous, "export-diff", ts_ms)
    for (kind, source_id), before in old.items():
        if (kind, source_id) not in seen:
            yield Change.make(kind, source_id, "delete", {}, before, "export-diff", ts_ms)


def _changed_fields(before: Mapping[str, Any],
                    after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed: dict[str, Any] = {}
    previous: dict[str, Any] = {}
    for name in (*after, *(n for n in before if n not in after)):
        old_value, new_value = before.get(name), after.get(name)
        if old_value != new_value:
            changed[name] = new_value
            previous[name] = old_value
    return changed, previous


# --- Debezium envelopes -------------------------------------------------------------------------

def change_from_debezium(envelope: Mapping[str, Any] | None,
                         row_to_records: RowToRecords, *,
                         origin: Origin = "debezium") -> list[Change]:
    """The canonical changes one Debezium change event makes.

    Accepts the bare envelope or one wrapped as {"schema": ..., "payload": ...}. A tombstone
    (None, or a null payload) yields nothing. `row_to_records` is the source profile's
    derivation: a table row -> [(kind, source_id, canonical fields)].
    """
    if envelope is None:
        return []
    payload = envelope.get("payload", envelope) if "op" not in envelope else envelope
    if payload is None:
        return []
    letter = payload.get("op")
    if letter not in _DEBEZIUM_OPS:
        raise SourceError("unknown Debezium op", file="debezium", field="op")
    op = _DEBEZIUM_OPS[letter]
    source = payload.get("source") or {}
    ts = payload.get("ts_ms", source.get("ts_ms", 0) if isinstance(source, dict) else 0)
    ts_ms = int(ts) if isinstance(ts, int | float) else 0
    position = _canonical_json(source)
    after_rows = payload.get("after")
    before_rows = payload.get("before")
    after = _records(after_rows, row_to_records) if after_rows is not None else {}
    before = _records(before_rows, row_to_records) if before_rows is not None else {}

    def make(kind: str, sid: str, op_: Op, flds: Mapping[str, Any],
             prev: Mapping[str, Any]) -> Change:
        return Change.make(kind, sid, op_, flds, prev, origin, ts_ms, position)

    if op == "delete":
        if before_rows is None:
            raise SourceError("delete without a before image", file="debezium", field="before")
        return [make(k, s, "delete", {}, rec) for (k, s), rec in before.items()]
    if after_rows is None:
        raise SourceError("create or update without an after image", file="debezium",
                          field="after")
    if op == "create" or before_rows is None:
        # Without a before image (REPLICA IDENTITY DEFAULT) every field is sent as new.
        return [make(k, s, "create" if op == "create" else "update", rec, {})
                for (k, s), rec in after.items()]
    changes: list[Change] = []
    for (kind, sid), rec in after.items():
        if (kind, sid) not in before:
            changes.append(make(kind, sid, "create", rec, {}))
            continue
        changed, previous = _changed_fields(before[(kind, sid)], rec)
        if changed:
            changes.append(make(kind, sid, "update", changed, previous))
    # A row whose key moved: the record under the old key is gone.
    changes.extend(make(k, s, "delete", {}, rec) for (k, s), rec in before.items()
                   if (k, s) not in after)
    return changes


def _records(row: Any, row_to_records: RowToRecords) -> dict[tuple[str, str], dict[str, Any]]:
    if not isinstance(row, dict):
        raise SourceError("row image is not an object", file="debezium")
    return {(kind, sid): dict(fields) for kind, sid, fields in row_to_records(row)}
