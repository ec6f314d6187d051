"""Writable paths, update operations and the inverse patches rollback sends."""

from __future__ import annotations

import copy
from typing import Any

from domain.nutshell.map import (
    actual_values,
    inverse_patch,
    is_writable,
    read_paths,
    record_from_values,
    update_ops,
    writable_paths,
)


def apply_patch(entity: str, record: dict[str, Any], ops: list[dict[str, Any]]) -> dict:
    """Just enough JSON Patch for the paths the map writes (replace/add/remove)."""
    rec = copy.deepcopy(record)
    for op in ops:
        parts = op["path"].split("/")[3:]
        parts = [p.replace("~1", "/").replace("~0", "~") for p in parts]
        if parts[0] == "addresses" and op["op"] == "replace":
            rec["addresses"] = op["value"]
            continue
        parent: Any = rec
        for p in parts[:-1]:
            parent = parent.setdefault(p, {})
        last = parts[-1]
        if op["op"] == "replace":
            parent[last] = op["value"]
        elif op["op"] == "add" and last == "-":
            if op["value"] not in parent:  # a link is there once, however often it is added
                parent.append(op["value"])
        elif op["op"] == "remove" and isinstance(parent, list):
            parent.remove(last)
        elif op["op"] == "remove":
            del parent[last]
    return rec


BEFORE = {
    "id": "8-contacts", "name": "Ada Byron",
    "emails": [{"name": "email", "isPrimary": True, "value": "old@example.org"}],
    "phones": [],
    "customFields": {"Insurance Carrier": "Aetna"},
    "links": {"accounts": ["3-accounts"], "owner": "1-users"},
}


def test_writable_paths() -> None:
    assert "customFields.*" in writable_paths("contacts")
    assert is_writable("contacts.customFields.Date of Birth")
    assert is_writable("accounts.links.owner")
    assert not is_writable("notes.body")
    assert not is_writable("contacts.createdTime")
    assert writable_paths("notes") == frozenset()


def test_update_then_inverse_restores_what_was_overwritten() -> None:
    written = {
        "contacts.name": "Ada Lovelace",
        "contacts.emails": ["ada@example.org"],
        "contacts.phones": {"mobile": "+16175550123"},
        "contacts.customFields.Insurance Carrier": "Cigna",
        "contacts.customFields.Date of Birth": "1984-02-29",
        "contacts.customFields.A/B ~ test": "x",
        "contacts.links.accounts": ["3-accounts", "4-accounts"],
        "contacts.links.owner": "2-users",
        "contacts.createdTime": 5,  # not writable: ignored both ways
    }
    previous = actual_values("contacts", BEFORE, written)
    after = apply_patch("contacts", BEFORE, update_ops("contacts", written))
    assert after["customFields"]["A/B ~ test"] == "x"
    assert after["links"]["accounts"] == ["3-accounts", "4-accounts"]
    assert after["name"] == "Ada Lovelace"
    undo = inverse_patch("contacts", previous, written)
    assert {"op": "remove", "path": "/contacts/0/links/accounts/4-accounts"} in undo
    assert {"op": "remove", "path": "/contacts/0/customFields/Date of Birth"} in undo
    assert not any(op["path"].endswith("3-accounts") for op in undo)  # it was there before
    assert not any("createdTime" in op["path"] for op in undo)
    restored = apply_patch("contacts", after, undo)
    paths = [p for p in written if p != "contacts.createdTime"]
    assert actual_values("contacts", restored, paths) == actual_values("contacts", BEFORE, paths)
    assert "Date of Birth" not in restored["customFields"]


def test_escaped_custom_field_names_round_trip() -> None:
    ops = update_ops("contacts", {"contacts.customFields.A/B ~ test": "x"})
    assert ops == [{"op": "replace", "path": "/contacts/0/customFields/A~1B ~0 test",
                    "value": "x"}]


def test_accounts_phones_are_strings_contacts_phones_objects() -> None:
    [acc] = update_ops("accounts", {"accounts.phones": {"work": "617-555-0100"}})
    assert acc["value"] == [{"name": "work", "isPrimary": True, "value": "617-555-0100"}]
    [con] = update_ops("contacts", {"contacts.phones": {"work": "+16175550100"}})
    assert con["value"][0]["value"] == {"E164": "+16175550100", "number": "16175550100"}


def test_activity_record_rebuilt_for_put() -> None:
    values = {"activities.name": "Cleaning", "activities.startTime": 10,
              "activities.links.participants": ["7-contacts"], "contacts.name": "x"}
    rec = record_from_values("activities", values)
    assert rec == {"name": "Cleaning", "startTime": 10,
                   "links": {"participants": ["7-contacts"]}}
    assert read_paths("activities", rec) == {k: v for k, v in values.items()
                                             if k.startswith("activities.")}


def test_reads_tolerate_both_address_shapes_and_custom_field_lists() -> None:
    flat = {"addresses": [{"name": "home", "isPrimary": True, "city": "Boston"}],
            "customFields": [{"name": "Sex", "value": "female"}]}
    nested = {"addresses": [{"value": {"city": "Boston", "address_2": None}}],
              "customFields": {"Sex": {"value": "female"}}}
    keys = ["contacts.address", "contacts.customFields.Sex", "contacts.name"]
    assert actual_values("contacts", flat, keys) == actual_values("contacts", nested, keys) == {
        "contacts.address": {"city": "Boston"}, "contacts.customFields.Sex": "female"}


def test_empty_values_clear_fields() -> None:
    ops = update_ops("contacts", {"contacts.customFields.Chart Number": None,
                                  "contacts.description": "", "contacts.emails": [],
                                  "contacts.links.accounts": []})
    assert ops == [
        {"op": "remove", "path": "/contacts/0/customFields/Chart Number"},
        {"op": "remove", "path": "/contacts/0/description"},
        {"op": "replace", "path": "/contacts/0/emails", "value": []},
    ]
