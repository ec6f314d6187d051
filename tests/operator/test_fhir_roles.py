"""A FHIR PractitionerRole adds the specialty and the organisation to its Practitioner's
provider, wherever the Practitioner comes: later in the same bundle or in another file read
after it. A role whose practitioner is nowhere in the export is quarantined with that reason."""

from __future__ import annotations

import json
from pathlib import Path

from tests.operator.conftest import Cli
from tests.operator.test_output import REPR


def _role(rid: str, practitioner: str) -> dict[str, object]:
    return {"resourceType": "PractitionerRole", "id": rid,
            "practitioner": {"reference": f"Practitioner/{practitioner}"},
            "organization": {"reference": "Organization/north"},
            "specialty": [{"coding": [{"code": "208D00000X",
                                       "display": "General Practice Physician"}]}]}


def _practitioner(pid: str, family: str) -> dict[str, object]:
    return {"resourceType": "Practitioner", "id": pid,
            "name": [{"family": family, "given": ["Alex"]}]}


def _bundle(*resources: dict[str, object]) -> str:
    return json.dumps({"resourceType": "Bundle", "type": "collection",
                       "entry": [{"resource": r} for r in resources]})


def test_roles_reach_their_practitioner_in_any_order(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    # the role before its practitioner in one bundle
    (export / "bundle.json").write_text(_bundle(
        _role("r1", "p1"), _practitioner("p1", "Okafor"),
        {"resourceType": "Organization", "id": "north", "name": "North Clinic"}))
    # a file of roles read before the file of the practitioners they name
    (export / "a_roles.ndjson").write_text(
        json.dumps(_role("r2", "p2")) + "\n" + json.dumps(_role("r3", "nobody")) + "\n")
    (export / "b_practitioners.ndjson").write_text(json.dumps(_practitioner("p2", "Lind")) + "\n")
    cli("extract", str(export), expect=0)
    cli("map", "propose", expect=0)
    confirmed = cli("map", "confirm", "--by", "dana", "--json", expect=1).json()
    assert confirmed["balanced"] is True
    balance = confirmed["files"]["a_roles.ndjson"]
    assert (balance["read"], balance["derived"], balance["quarantined"]) == (2, 1, 1)
    from consumers.bootstrap import Engine, Settings

    with Engine(Settings(home=cli.home)) as engine:
        for pid in ("p1", "p2"):
            record = engine.app.record("default", "provider", pid)
            assert record is not None, pid
            assert record.fields.get("specialty") == "General Practice Physician", pid
            assert record.fields.get("company_source_id") == "north", pid
        assert engine.app.record("default", "provider", "nobody") is None
    held = cli("quarantine", "--json", expect=1).json()
    reasons = {(q["file"], q["reason"]) for q in held["rows"]}
    assert ("a_roles.ndjson", "adds to a provider not in the export") in reasons


def test_the_fhir_demo_verifies_clean_in_plain_words(cli: Cli) -> None:
    # the bundled US Core bundle names its PractitionerRole before its Practitioner
    done = cli("demo", "--sample-set", "fhir", "--size", "40", expect=0)
    assert "differing 0" in done.out + done.err
    assert not REPR.search(done.out) and not REPR.search(done.err)
