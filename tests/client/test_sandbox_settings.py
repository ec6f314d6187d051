"""Where Nutshell's behaviour is not known, the sandbox's choice is a setting (default the
stricter) and the engine's side is tested under both: an unknown custom-field name refused or
silently dropped, a duplicate custom-field name refused or allowed."""

from __future__ import annotations

import pytest

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer, Settings
from domain.errors import TerminalError
from domain.nutshell.compare import compare
from domain.nutshell.paths import actual_values, read_paths
from domain.ports import CustomFieldSpec


@pytest.mark.parametrize("behaviour", ["refuse", "ignore"])
def test_a_value_for_an_unknown_custom_field_never_passes_unnoticed(behaviour):
    record = {"name": "Pat", "customFields": {"Clinic Patient ID": "K1"}}
    with SandboxServer(settings=Settings(unknown_custom_field=behaviour)) as srv, \
            NutshellClient(srv.url, srv.admin_user, srv.admin_key) as api:
        if behaviour == "refuse":
            with pytest.raises(TerminalError, match="Clinic Patient ID"):
                api.create("contacts", record)
            return
        made = api.create("contacts", record)  # accepted, the value dropped
        got = api.get("contacts", str(made["id"]))
        assert got is not None
        expected = read_paths("contacts", record)
        found = compare(expected, actual_values("contacts", got, expected.keys()))
        # the read-back behind verify and the sample diff reports it
        assert [(c.path, c.status) for c in found if c.status != "matched"] == [
            ("contacts.customFields.Clinic Patient ID", "missing")]


@pytest.mark.parametrize("behaviour", ["refuse", "allow"])
def test_a_custom_field_defined_twice(behaviour):
    spec = CustomFieldSpec("contacts", "Clinic Patient ID", "Text")
    with SandboxServer(settings=Settings(duplicate_custom_field=behaviour)) as srv, \
            NutshellClient(srv.url, srv.admin_user, srv.admin_key) as api:
        first = api.create_custom_field(spec)
        if behaviour == "refuse":
            with pytest.raises(TerminalError, match="name"):
                api.create_custom_field(spec)
        else:
            api.create_custom_field(spec)
        named = [d for d in api.custom_fields("contacts") if d["name"] == spec.name]
        assert len(named) == (1 if behaviour == "refuse" else 2)
        assert named[0]["id"] == first["id"]  # the engine's look-up by name finds the first
