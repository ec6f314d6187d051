"""The hostile values pushed through to a Nutshell sandbox: sent as inert text, never opened.

One run over HTTP: formula and markup names, traversal and FIFO attachment paths go through
plan, sample, approve and run; Nutshell receives them verbatim, the HTML sample report escapes
them, and no path from the export is ever opened or written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import yaml

from adapters.nutshell_sandbox import SandboxServer
from tests.badinput.builders import ATTACHMENT_HEADER, PATIENT_HEADER, csv_text, patient
from tests.badinput.conftest import Hostile

pytestmark = [pytest.mark.faults, pytest.mark.slow]

MARKUP = "<script>alert('x')</script>"
FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(data_dir=None) as srv:  # in memory: the tmp tree stays the test's
        srv.start()
        yield srv


def test_hostile_values_reach_nutshell_as_text(hostile: Hostile, sandbox: SandboxServer) -> None:
    hostile.env.update({"C2N_NUTSHELL_URL": sandbox.url, "C2N_NUTSHELL_USER": sandbox.admin_user,
                        "C2N_NUTSHELL_API_KEY": sandbox.admin_key})
    hostile.secrets.extend([MARKUP, FORMULA])
    traversal = "../" * 12 + str(hostile.escape).lstrip("/")
    fifo = hostile.sentinel / "scan.pdf"
    os.mkfifo(fifo)
    (hostile.src / "patients.csv").write_text(csv_text(PATIENT_HEADER, [
        patient(1, First_Name=FORMULA, Address_1=MARKUP), patient(2)]))
    (hostile.src / "attachments.csv").write_text(csv_text(ATTACHMENT_HEADER, [
        {"ID": "11", "Patient ID": "1", "Filename": traversal, "Path": traversal,
         "Description": MARKUP},
        {"ID": "12", "Patient ID": "2", "Filename": fifo.name, "Path": str(fifo)}]))
    with hostile.contained():
        hostile.run("extract", str(hostile.src), expect=0)
        hostile.run("map", "propose", expect=0)
        mapping = hostile.home / "mapping.yaml"
        doc = yaml.safe_load(mapping.read_text())
        doc["settings"]["clinical_content"] = True  # documents are pushed only on opt-in
        mapping.write_text(yaml.safe_dump(doc, sort_keys=False))
        hostile.json("map", "confirm", "--by", "qa", expect=0)
        hostile.json("plan", "--apply", "--fallback-owner", sandbox.admin_user, expect=0)
        hostile.json("sample", "--size", "10", expect=(0, 1))
        hostile.json("approve", "--by", "qa", expect=0)
        done = hostile.run("run", expect=1)  # 1: two documents held, to look at
    # Neither document path is followed: the traversal and the device are held and said so.
    assert done.stderr.count("is not inside the export") == 2
    reports = [p.read_text() for p in (hostile.home / "reports").glob("*.html")]
    assert reports and all(MARKUP not in page for page in reports)
    stored = repr(sandbox.snapshot())
    assert FORMULA in stored  # delivered verbatim, as text
    assert traversal not in stored and fifo.name not in stored
    assert not hostile.escape.exists()
