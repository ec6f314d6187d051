"""Unit tests (no broker) for domain/delta.py: change detection, Debezium envelopes, ids."""

from __future__ import annotations

from typing import Any

import pytest

from domain.delta import (
    Change,
    InvalidChange,
    change_from_debezium,
    diff_records,
    from_message,
    to_message,
)
from domain.errors import SourceError
from domain.ports import ChangeMessage

OLD: dict[tuple[str, str], dict[str, Any]] = {
    ("patient", "P1"): {"first_name": "Ada", "last_name": "Byron", "email": "ada@example.org"},
    ("patient", "P2"): {"first_name": "Alan", "last_name": "Turing", "email": None},
    ("appointment", "A1"): {"patient_source_id": "P1", "status": "booked"},
}


def by_key(changes: list[Change]) -> dict[str, Change]:
    return {c.key: c for c in changes}


def test_diff_finds_creates_field_level_updates_and_deletes() -> None:
    new = [
        ("patient", "P1", {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.org"}),
        ("patient", "P3", {"first_name": "Grace", "last_name": "Hopper"}),
        ("appointment", "A1", {"patient_source_id": "P1", "status": "booked"}),
    ]
    changes = by_key(list(diff_records(OLD, new, ts_ms=123)))
    assert set(changes) == {"patient:P1", "patient:P3", "patient:P2"}

    update = changes["patient:P1"]
    assert (update.op, update.fields, update.previous) == (
        "update", {"last_name": "Lovelace"}, {"last_name": "Byron"})
    create = changes["patient:P3"]
    assert (create.op, create.fields, create.previous) == (
        "create", {"first_name": "Grace", "last_name": "Hopper"}, {})
    delete = changes["patient:P2"]
    assert (delete.op, delete.fields, delete.previous) == ("delete", {}, OLD[("patient", "P2")])
    assert all(c.origin == "export-diff" and c.ts_ms == 123 for c in changes.values())


def test_a_field_missing_from_the_new_export_counts_as_cleared() -> None:
    new = [("patient", "P1", {"first_name": "Ada", "last_name": "Byron"})]
    change = by_key(list(diff_records(OLD, new)))["patient:P1"]
    assert (change.fields, change.previous) == ({"email": None}, {"email": "ada@example.org"})


def test_an_unchanged_export_produces_nothing_but_deletes_for_missing_records() -> None:
    same = [(k, s, dict(v)) for (k, s), v in OLD.items()]
    assert list(diff_records(OLD, same)) == []
    assert [c.key for c in diff_records(OLD, same[:2])] == ["appointment:A1"]


def test_diff_streams_over_the_new_export() -> None:
    def rows():
        yield ("patient", "P9", {"first_name": "X"})
        raise RuntimeError("the differ read past what it needed")

    first = next(diff_records(OLD, rows()))
    assert first.key == "patient:P9" and first.op == "create"


def test_change_ids_are_deterministic_and_content_bound() -> None:
    new = [("patient", "P1", {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.org"})]
    once = list(diff_records(OLD, new, ts_ms=1))
    twice = list(diff_records(OLD, new, ts_ms=999))  # published again later: same change
    assert once[0].change_id == twice[0].change_id
    other = list(diff_records(OLD, [("patient", "P1", {**new[0][2], "last_name": "King"})]))
    assert other[0].change_id != once[0].change_id


def test_message_round_trip_keeps_the_change_and_keys_by_record() -> None:
    change = Change.make("insurance", "I7", "update", {"member_id": "M-2"}, {"member_id": "M-1"},
                         "export-diff", 5)
    message = to_message(change)
    assert message.key == "insurance:I7"
    assert from_message(message) == change


@pytest.mark.parametrize("value", [
    {"kind": "patient", "source_id": "P1", "op": "update", "origin": "export-diff"},  # no id
    {"change_id": "x", "kind": "spaceship", "source_id": "P1", "op": "update", "origin": "export-diff"},
    {"change_id": "x", "kind": "patient", "source_id": "P1", "op": "upsert", "origin": "export-diff"},
    {"change_id": "x", "kind": "patient", "source_id": "", "op": "update", "origin": "export-diff"},
    {"change_id": "x", "kind": "patient", "source_id": "P1", "op": "update", "origin": "fax"},
])
def test_malformed_messages_are_rejected(value: dict[str, Any]) -> None:
    with pytest.raises(InvalidChange):
        from_message(ChangeMessage(key="", value=value))


def test_a_message_whose_key_disagrees_with_its_change_is_rejected() -> None:
    message = to_message(Change.make("patient", "P1", "delete", {}, {}, "export-diff", 0))
    with pytest.raises(InvalidChange):
        from_message(ChangeMessage(key="patient:P2", value=message.value))


# --- Debezium -----------------------------------------------------------------------------

def patient_row(row: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """A source profile's derivation: one vendor table row -> canonical records."""
    records = [("patient", str(row["PatNum"]), {"first_name": row.get("FName"),
                                                 "last_name": row.get("LName")})]
    if row.get("CarrierName"):
        records.append(("insurance", f"{row['PatNum']}-1", {"carrier_name": row["CarrierName"]}))
    return records


SOURCE = {"connector": "mysql", "db": "opendental", "table": "patient", "ts_ms": 1700000000000,
          "file": "binlog.000003", "pos": 4711}


def envelope(op: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    return {"before": before, "after": after, "op": op, "ts_ms": 1700000000123, "source": SOURCE}


def test_debezium_create_and_snapshot_read_carry_every_field() -> None:
    row = {"PatNum": 5, "FName": "Ada", "LName": "Byron", "CarrierName": "Acme"}
    for op in ("c", "r"):
        changes = by_key(change_from_debezium(envelope(op, None, row), patient_row))
        assert set(changes) == {"patient:5", "insurance:5-1"}
        assert changes["patient:5"].op == "create"
        assert changes["patient:5"].fields == {"first_name": "Ada", "last_name": "Byron"}
        assert changes["patient:5"].origin == "debezium"
        assert changes["patient:5"].ts_ms == 1700000000123


def test_debezium_update_sends_only_changed_fields_with_previous_values() -> None:
    before = {"PatNum": 5, "FName": "Ada", "LName": "Byron", "CarrierName": "Acme"}
    after = {**before, "LName": "Lovelace"}
    changes = change_from_debezium(envelope("u", before, after), patient_row)
    assert [(c.key, c.op, c.fields, c.previous) for c in changes] == [
        ("patient:5", "update", {"last_name": "Lovelace"}, {"last_name": "Byron"})]


def test_debezium_update_that_drops_a_derived_record_deletes_it() -> None:
    before = {"PatNum": 5, "FName": "Ada", "LName": "Byron", "CarrierName": "Acme"}
    after = {**before, "CarrierName": None}
    changes = by_key(change_from_debezium(envelope("u", before, after), patient_row))
    assert changes["insurance:5-1"].op == "delete"
    assert changes["insurance:5-1"].previous == {"carrier_name": "Acme"}
    assert "patient:5" not in changes  # its fields did not change


def test_debezium_update_without_before_image_sends_the_whole_record() -> None:
    after = {"PatNum": 5, "FName": "Ada", "LName": "Lovelace"}
    changes = change_from_debezium(envelope("u", None, after), patient_row)
    assert [(c.op, c.fields, c.previous) for c in changes] == [
        ("update", {"first_name": "Ada", "last_name": "Lovelace"}, {})]


def test_debezium_delete_uses_the_before_image() -> None:
    before = {"PatNum": 5, "FName": "Ada", "LName": "Byron"}
    changes = change_from_debezium(envelope("d", before, None), patient_row)
    assert [(c.key, c.op, c.fields, c.previous) for c in changes] == [
        ("patient:5", "delete", {}, {"first_name": "Ada", "last_name": "Byron"})]
    with pytest.raises(SourceError):
        change_from_debezium(envelope("d", None, None), patient_row)


def test_tombstones_and_wrapped_envelopes() -> None:
    assert change_from_debezium(None, patient_row) == []
    assert change_from_debezium({"schema": {}, "payload": None}, patient_row) == []
    row = {"PatNum": 6, "FName": "Grace", "LName": "Hopper"}
    wrapped = {"schema": {"type": "struct"}, "payload": envelope("c", None, row)}
    assert [c.key for c in change_from_debezium(wrapped, patient_row)] == ["patient:6"]
    with pytest.raises(SourceError):
        change_from_debezium(envelope("x", None, row), patient_row)


def test_a_redelivered_envelope_has_the_same_ids_and_another_position_does_not() -> None:
    before = {"PatNum": 5, "FName": "Ada", "LName": "Byron"}
    after = {**before, "LName": "Lovelace"}
    first = change_from_debezium(envelope("u", before, after), patient_row)
    again = change_from_debezium(envelope("u", before, after), patient_row)
    assert [c.change_id for c in first] == [c.change_id for c in again]
    later = envelope("u", before, after)
    later["source"] = {**SOURCE, "pos": 9999}
    assert change_from_debezium(later, patient_row)[0].change_id != first[0].change_id
