"""A lead's document goes onto the lead (Nutshell takes files on leads), verified by SHA-256,
detached by rollback with the lead's other files kept; the rollback's reversal uploads the
files again (a re-created "Document" activity's, and the lead's), each checked by SHA-256."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path
from typing import Any

from adapters.samples import sample_path
from consumers.nutshell import migration as svc
from consumers.nutshell.compensate import file_readable
from consumers.nutshell.rollback import rollback, verify_rollback
from consumers.nutshell.undo import undo
from domain.mapping import ColumnMapping, MappingDocument
from tests.integration.migrate import environment, migrate, write_rows

LEAD, DOC = "1010000", "1012900"


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(sample_path("cliniko"), folder)
    path = folder / "attachments.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["Enquiry ID"] = ""
    data = (folder / "documents/living-will.pdf").read_bytes()
    rows.append({**rows[0], "ID": DOC, "Patient ID": "", "Enquiry ID": LEAD,
                 "Filename": "enquiry-letter.pdf", "Content Type": "application/pdf",
                 "Size": str(len(data)), "SHA-256": hashlib.sha256(data).hexdigest(),
                 "Description": "Enquiry letter", "Path": "documents/living-will.pdf",
                 "PHI Review": ""})
    write_rows(path, rows)
    return folder


def _lead_mapped(doc: MappingDocument) -> None:
    doc.files["attachments.csv"].columns["Enquiry ID"] = ColumnMapping(
        target="document.lead_source_id", reasons=["the enquiry the document came with"])


def _sha(api: Any, uri: str) -> str:
    return hashlib.sha256(b"".join(api.read_file(uri))).hexdigest()


def _files(api: Any, entity: str, nid: str) -> dict[str, dict[str, Any]]:
    return {str(f["name"]): f for f in api.files_of(entity, nid) if f.get("rev")}


def _expected(folder: Path) -> dict[str, str]:
    """The oracle: each attachment's file in the export, hashed."""
    with open(folder / "attachments.csv", encoding="utf-8", newline="") as handle:
        return {r["ID"]: hashlib.sha256((folder / r["Path"]).read_bytes()).hexdigest()
                for r in csv.DictReader(handle)}


def test_lead_document_on_the_lead_and_undo_uploads_files_again(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    want = _expected(folder)
    with environment(tmp_path) as (engine, api, _srv):
        migrate(engine, api, folder, adjust=_lead_mapped)
        lead = engine.store.xref_by_source("lead", LEAD)
        assert lead is not None and lead[0] == "leads"
        on_lead = _files(api, "leads", lead[1])
        assert list(on_lead) == ["enquiry-letter.pdf"]
        assert _sha(api, on_lead["enquiry-letter.pdf"]["uri"]) == want[DOC]
        record = engine.app.record(engine.settings.run_name, "document", DOC)
        assert record is not None and record.state == "pushed"
        report, _ = svc.verify(engine, api)
        assert report.ok
        assert report.kinds["document"]["leads.files.sha256"]["matched"] == 1

        plan = rollback(engine, api, dry_run=True)
        [item] = [i for i in plan.items if i.source_id == DOC]
        assert item.action == "detach" and item.paths == [
            f"file {on_lead['enquiry-letter.pdf']['id']}"]
        assert not rollback(engine, api).failed
        assert verify_rollback(engine, api)["ok"]
        assert not file_readable(api, {"uri": on_lead["enquiry-letter.pdf"]["uri"]})

        back = undo(engine, api)
        assert not back.failed
        assert back.done.get("reattach") == 1 and back.done.get("recreate", 0) >= 3
        assert _sha(api, _files(api, "leads", lead[1])["enquiry-letter.pdf"]["uri"]) == \
            want[DOC]
        # every patient document's re-created activity holds its file again, same bytes
        for doc_id, sha in want.items():
            if doc_id == DOC:
                continue
            again = engine.app.record(engine.settings.run_name, "document", doc_id)
            assert again is not None and again.state == "pushed", doc_id
            files = list(_files(api, "activities", str(again.nutshell_id)).values())
            assert [_sha(api, str(f["uri"])) for f in files] == [sha], doc_id
        report, _ = svc.verify(engine, api)
        files_checked = {p: v for p, v in report.kinds["document"].items() if "files" in p}
        assert sum(v["matched"] for v in files_checked.values()) == len(want)
        assert not any(v["differing"] or v["missing"] for v in files_checked.values())

        # and a second rollback takes the files uploaded again away too
        rollback(engine, api)
        assert verify_rollback(engine, api)["ok"]
