"""Confirming, editing and re-confirming a mapping: the expected events, only what changed is
re-derived, and nothing moves under an unconfirmed (or unapproved) mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from adapters.nutshell_sandbox import SandboxServer
from tests.e2e.conftest import Operator, operator_of
from tests.phi.conftest import InProcessOperator


@pytest.fixture
def operator(sandbox: SandboxServer, tmp_path: Path) -> Operator:
    """`c2n` through its entry point in this process: what these tests hold are the mapping's
    events, exit codes and refusals, not the process boundary (the README's operator path and
    the other e2e tests run `c2n` as a process). Two dozen interpreter start-ups fewer."""
    return InProcessOperator(env=operator_of(sandbox, tmp_path).env, cwd=tmp_path)


def events(op: Operator, **filters: str) -> list[str]:
    args = ["audit", "--format", "json"]
    for key, value in filters.items():
        args += [f"--{key}", value]
    return [a["event"] for a in json.loads(op.run(*args).stdout)]


def test_edit_and_reconfirm(operator: Operator, sandbox: SandboxServer, export: Path) -> None:
    operator.run("extract", str(export))
    again = operator.json("extract", str(export))
    assert all(f["skipped"] for f in again["files"]), "re-extracting appends nothing"
    operator.json("map", "propose")
    shown = operator.json("map", "show")
    assert shown["confirmed"] is False
    # Nothing moves under an unconfirmed mapping.
    refused = operator.run("sample", "--size", "100", expect=2)
    assert "not confirmed" in refused.stderr
    first = operator.json("map", "confirm", "--by", "alice", expect=1)
    assert operator.json("map", "show")["confirmed"] is True
    created = first["records"]["created"]
    assert created > 100

    # The operator moves the patients' "City" column out of the canonical model.
    path = Path(operator.env["C2N_HOME"]) / "mapping.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["files"]["patients.csv"]["columns"]["City"]["target"] = None
    doc["files"]["patients.csv"]["columns"]["City"]["custom_field"] = "Town"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert operator.json("map", "show")["confirmed"] is False
    refused = operator.run("plan", expect=2)
    assert "changed since it was confirmed" in refused.stderr

    second = operator.json("map", "confirm", "--by", "bob", expect=1)
    assert second["mapping_hash"] != first["mapping_hash"]
    assert second["records"]["created"] == 0
    with_city = 30  # patients whose export row has a city (a bad email or date loses no patient)
    assert 0 < second["records"]["rederived"] <= with_city
    assert second["records"]["unchanged"] == created - second["records"]["rederived"]
    confirmations = [e for e in events(operator) if e == "MigrationRun.MappingConfirmed"]
    assert len(confirmations) == 2
    assert events(operator, actor="bob") == ["MigrationRun.MappingConfirmed"]
    rederived = [e for e in events(operator) if e == "ClinicRecord.Rederived"]
    assert len(rederived) == second["records"]["rederived"]


def test_approval_is_bound_to_the_mapping(operator: Operator, sandbox: SandboxServer,
                                          export: Path) -> None:
    operator.run("extract", str(export))
    operator.json("map", "propose")
    operator.json("map", "confirm", "--by", "alice", expect=1)
    refused = operator.run("approve", "--by", "bob", expect=2)
    assert "sample" in refused.stderr
    operator.json("plan", "--apply", "--fallback-owner", "admin@sandbox.test")
    operator.json("sample", "--size", "100", expect=(0, 1))  # 1: values kept as written
    path = Path(operator.env["C2N_HOME"]) / "mapping.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["settings"]["clinical_content"] = True
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    operator.json("map", "confirm", "--by", "alice", expect=1)
    refused = operator.run("approve", "--by", "bob", expect=2)
    assert "another mapping" in refused.stderr
    operator.json("sample", "--size", "100", expect=(0, 1))  # 1: values kept as written
    operator.json("approve", "--by", "bob")
    assert operator.json("status", expect=(0, 1))["run"]["approved"] is True
