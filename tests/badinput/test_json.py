"""FHIR JSON built to exhaust the parser: nesting far past anything a real export holds."""

from __future__ import annotations

import json
import time

import pytest

from tests.badinput.conftest import Hostile

pytestmark = pytest.mark.faults

DEPTH = 100_000  # a 200 kB file; parsed naively it costs minutes (ijson paths are O(depth))


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_deeply_nested_bundle_is_refused_quickly(hostile: Hostile) -> None:
    resource = '{"resourceType":"Patient","id":"p1","x":' + _deep(DEPTH) + "}"
    (hostile.src / "bundle.json").write_text(
        '{"resourceType":"Bundle","type":"collection","entry":[{"resource":' + resource + "}]}")
    started = time.monotonic()
    with hostile.contained():
        done = hostile.run("extract", str(hostile.src), expect=1)  # quarantined whole
    assert time.monotonic() - started < 30
    (message,) = hostile.errors(done)
    assert message.startswith("c2n: bundle.json: ") and "nested" in message


@pytest.mark.parametrize("depth", [300, DEPTH])
def test_deeply_nested_ndjson_line_is_quarantined_and_the_rest_read(hostile: Hostile,
                                                                   depth: int) -> None:
    lines = [json.dumps({"resourceType": "Patient", "id": "p1", "gender": "female",
                         "name": [{"family": "Family", "given": ["Given"]}]}),
             '{"resourceType":"Patient","id":"p2","x":' + _deep(depth) + "}",
             json.dumps({"resourceType": "Patient", "id": "p3", "gender": "male",
                         "name": [{"family": "Other", "given": ["Given"]}]})]
    (hostile.src / "Patient.ndjson").write_text("\n".join(lines) + "\n")
    with hostile.contained():
        (extracted,) = hostile.json("extract", str(hostile.src), expect=1)["files"]
        hostile.run("map", "propose", expect=0)
        confirmed = hostile.json("map", "confirm", "--by", "qa", expect=1)
        quarantines = hostile.quarantines()
    assert (extracted["rows"], extracted["problems"]) == (3, 1)
    balance = confirmed["files"]["Patient.ndjson"]
    assert (balance["read"], balance["derived"], balance["quarantined"]) == (3, 2, 1)
    (q,) = quarantines
    assert (q["file"], q["rows"]) == ("Patient.ndjson", [2]) and q["field"]
    assert hostile.fields("patient", "p3")["last_name"] == "Other"
