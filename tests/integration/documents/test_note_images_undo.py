"""A clinical note's embedded images go as files on an activity beside the note. A rollback
deletes both; its reversal undeletes the note and creates the images activity again, built as
the push built it, its file uploaded again with the source's bytes; a second rollback deletes
them again, and a second reversal brings them back once."""

from __future__ import annotations

import base64
import csv
import hashlib
import shutil
from pathlib import Path
from typing import Any

from adapters.samples import sample_path
from consumers.nutshell.rollback import rollback, verify_rollback
from consumers.nutshell.undo import undo
from tests.integration.migrate import environment, migrate

NOTE = "1004000"
# A 1x1 PNG: the bytes the oracle hashes.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
                       "hgGAWjR9awAAAABJRU5ErkJggg==")


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(sample_path("cliniko"), folder)
    path = folder / "treatment_notes.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    [row] = [r for r in rows if r["ID"] == NOTE]
    row["Content"] = ("<p>Knee better.</p><img src=\"data:image/png;base64,"
                      + base64.b64encode(PNG).decode() + "\">")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def _image_activities(srv: Any) -> dict[str, list[str]]:
    """Live activities holding the note's images, by id: the SHA-256 of each live file's
    bytes as the sandbox keeps them."""
    snap = srv.snapshot()
    out: dict[str, list[str]] = {}
    for act in snap["activities"]:
        if act.get("deletedTime") or act.get("name") != f"Images from clinical note {NOTE}":
            continue
        hashes = out.setdefault(str(act["id"]), [])
        for fid in act.get("fileIds") or []:
            meta = next(f for f in snap["files"] if f["id"] == fid)
            if meta.get("deletedTime") or not meta.get("rev"):
                continue
            data = (srv.data_dir / "files" / str(fid)).read_bytes()
            hashes.append(hashlib.sha256(data).hexdigest())
    return out


def test_undo_brings_back_a_note_and_its_images_activity(tmp_path: Path) -> None:
    want = [hashlib.sha256(PNG).hexdigest()]
    folder = _export(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, folder)
        record = engine.app.record(engine.settings.run_name, "clinical_note", NOTE)
        assert record is not None and record.entity == "notes"
        note = str(record.nutshell_id)
        assert api.get("notes", note) is not None
        [pushed] = _image_activities(srv).values()
        assert pushed == want

        [planned] = [i for i in rollback(engine, api, dry_run=True).items
                     if i.source_id == NOTE]
        assert planned.action == "delete" and len(planned.paths) == 1  # its image file
        assert "re-creates the activity beside it (new id)" in planned.reason
        assert not rollback(engine, api).failed
        assert verify_rollback(engine, api)["ok"]
        assert api.get("notes", note) is None and _image_activities(srv) == {}

        back = undo(engine, api)
        assert not back.failed
        assert api.get("notes", note) is not None  # undeleted: the same note
        again = _image_activities(srv)
        assert list(again.values()) == [want]
        record = engine.app.record(engine.settings.run_name, "clinical_note", NOTE)
        assert record is not None and record.state == "pushed"
        assert record.entity == "notes" and record.nutshell_id == note

        assert not rollback(engine, api).failed
        assert verify_rollback(engine, api)["ok"]
        assert api.get("notes", note) is None and _image_activities(srv) == {}

        # a second reversal brings them back once, not once per earlier reversal
        assert not undo(engine, api).failed
        assert api.get("notes", note) is not None
        third = _image_activities(srv)
        assert list(third.values()) == [want] and set(third) != set(again)
