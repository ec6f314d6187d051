"""Attachment names and paths from the export are text about a file, never a file to open.

Each export points its documents at traversal paths (`../../../../tmp/...`), at an absolute
FIFO (opening it for reading would block the command until the timeout fails the test) and at
an executable script shipped beside the export (running it would create the escape file).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.badinput.builders import ATTACHMENT_HEADER, PATIENT_HEADER, csv_text, patient
from tests.badinput.conftest import Hostile

pytestmark = pytest.mark.faults


def _traps(hostile: Hostile) -> tuple[str, Path, Path]:
    """(traversal path, FIFO, executable) all aimed at `hostile.escape`."""
    traversal = "../" * 12 + str(hostile.escape).lstrip("/")
    fifo = hostile.sentinel / "attachment.pdf"
    os.mkfifo(fifo)
    script = hostile.src / "documents" / "letter.pdf.sh"
    script.parent.mkdir()
    script.write_text(f"#!/bin/sh\ntouch '{hostile.escape}'\n")
    script.chmod(0o755)
    return traversal, fifo, script


def _documents(hostile: Hostile, name: str) -> dict[str, dict[str, object]]:
    with hostile.contained():
        hostile.run("extract", str(hostile.src), expect=0)
        # 1: most rows are documents, which do not move (clinical content off)
        hostile.run("map", "propose", expect=(0, 1))
        confirmed = hostile.json("map", "confirm", "--by", "qa", expect=1)
        status = hostile.json("status", expect=1)
    balance = confirmed["files"][name]
    assert balance["read"] == balance["derived"] + balance["quarantined"]
    assert status["counts"]["document"]["extracted"] >= 3
    return confirmed["files"]


def test_csv_attachment_paths_are_kept_as_text_and_never_followed(hostile: Hostile) -> None:
    traversal, fifo, script = _traps(hostile)
    (hostile.src / "patients.csv").write_text(csv_text(PATIENT_HEADER, [patient(1)]))
    attachments = [
        {"ID": "11", "Patient ID": "1", "Filename": traversal, "Path": traversal},
        {"ID": "12", "Patient ID": "1", "Filename": str(fifo), "Path": str(fifo)},
        {"ID": "13", "Patient ID": "1", "Filename": script.name,
         "Path": f"documents/{script.name}"},
        {"ID": "14", "Patient ID": "1", "Filename": "C:\\Windows\\System32\\cmd.exe",
         "Path": "\\\\server\\share\\..\\..\\boot.ini"},
    ]
    for row in attachments:
        row.update({"Content Type": "application/pdf", "Size": "10", "Category": "Letter"})
    (hostile.src / "attachments.csv").write_text(csv_text(ATTACHMENT_HEADER, attachments))
    files = _documents(hostile, "attachments.csv")
    assert files["attachments.csv"]["derived"] == 4
    assert hostile.fields("document", "11")["path"] == traversal
    assert hostile.fields("document", "12")["filename"] == str(fifo)
    assert not hostile.escape.exists()


def test_fhir_document_reference_urls_are_kept_as_text_and_never_followed(
        hostile: Hostile) -> None:
    traversal, fifo, script = _traps(hostile)
    def document(rid: str, title: str, url: str) -> dict[str, object]:
        return {"resourceType": "DocumentReference", "id": rid, "status": "current",
                "subject": {"reference": "Patient/p1"},
                "content": [{"attachment": {"contentType": "application/pdf", "title": title,
                                            "url": url}}]}

    resources = [
        {"resourceType": "Patient", "id": "p1", "name": [{"family": "Family", "given": ["Given"]}],
         "gender": "female", "birthDate": "1970-01-02"},
        document("d1", traversal, traversal),
        document("d2", fifo.name, fifo.as_uri()),
        document("d3", script.name, script.as_uri()),
    ]
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources]}
    (hostile.src / "bundle.json").write_text(json.dumps(bundle))
    _documents(hostile, "bundle.json")
    assert hostile.fields("document", "d1")["filename"] == traversal
    assert hostile.fields("document", "d2")["path"] == fifo.as_uri()
    assert not hostile.escape.exists()
