"""Documents as Nutshell files: bytes from the export on the patient's timeline (a logged
"Document" activity), held by the PHI review until cleared and signed off, checked by verify
against the export's own SHA-256, and gone after a rollback."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.samples import sample_path
from consumers.nutshell import migration as svc
from consumers.nutshell.rollback import rollback, verify_rollback
from consumers.services import review
from tests.integration.migrate import Premigrated, environment

HELD = "document:1012001"


def _export_documents() -> dict[str, dict[str, str]]:
    """The oracle: the export's attachment table and the files beside it."""
    folder = sample_path("cliniko")
    with open(folder / "attachments.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = {}
    for row in rows:
        data = (folder / row["Path"]).read_bytes()
        out[row["ID"]] = {"patient": row["Patient ID"], "name": row["Filename"],
                          "sha256": hashlib.sha256(data).hexdigest(),
                          "declared": row["SHA-256"]}
    return out


def _landed(srv: Any, engine: Any) -> dict[str, dict[str, Any]]:
    """Per document id: the live file in the sandbox, its bytes' hash and its activity."""
    snap = srv.snapshot()
    live_acts = {str(a["id"]): a for a in snap["activities"] if not a.get("deletedTime")}
    out = {}
    for act in live_acts.values():
        desc = str(act.get("description") or "")
        marker = "Clinic document ID: "
        if marker not in desc:
            continue
        doc_id = desc.split(marker, 1)[1].split(maxsplit=1)[0]
        for fid in act.get("fileIds") or []:
            meta = next(f for f in snap["files"] if f["id"] == fid)
            if meta.get("deletedTime") or not meta.get("rev"):
                continue
            data = (srv.data_dir / "files" / str(fid)).read_bytes()
            out[doc_id] = {"sha256": hashlib.sha256(data).hexdigest(), "name": meta["name"],
                           "participants": act["links"]["participants"]}
    return out


def _not_pushed(summary: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in summary["counts"].items() if v["not_pushed"]}


def test_documents_move_as_files_after_review(tmp_path: Path, premigrated: Premigrated) -> None:
    expected = _export_documents()
    premigrated.prepared_into(tmp_path, signed_off=False)
    with environment(tmp_path) as (engine, api, srv):
        review.clear_all(engine, by="Rita Reviewer", reason="checked in the clinic system")
        review.hold(engine, [HELD], by="Rita Reviewer", reason="consent unclear")
        review.sign_off(engine, by="Olive Officer")
        svc.run_sample(engine, api, 60)
        svc.approve(engine, "tester")
        svc.run_full(engine, api)

        landed = _landed(srv, engine)
        held_id = HELD.split(":")[1]
        assert held_id not in landed
        assert set(landed) == set(expected) - {held_id}
        for doc_id, got in landed.items():
            assert got["sha256"] == expected[doc_id]["sha256"]
            assert got["name"] == expected[doc_id]["name"]
            patient = engine.store.xref_by_source("patient", expected[doc_id]["patient"])
            assert patient is not None and patient[1] in got["participants"]
        report, summary = svc.verify(engine, api)
        # (the export's orphan appointment is never pushed: reported, as before)
        assert report.ok and set(_not_pushed(summary)) <= {"appointment"}
        assert summary["counts"]["document"]["held"] == 1
        files = report.kinds["document"]["activities.files.sha256"]
        assert files["matched"] == len(landed) and files["differing"] == 0

        # the held document moves once cleared and the list signed off again
        review.clear(engine, [HELD], by="Rita Reviewer", reason="consent found")
        review.sign_off(engine, by="Olive Officer")
        svc.run_full(engine, api)
        landed = _landed(srv, engine)
        assert set(landed) == set(expected)
        assert landed[held_id]["sha256"] == expected[held_id]["sha256"]
        report, summary = svc.verify(engine, api)
        assert report.ok and set(_not_pushed(summary)) <= {"appointment"}
        assert summary["counts"]["document"] == {**summary["counts"]["document"], "held": 0,
                                                 "not_pushed": 0}

        uris = [str(f["uri"]) for f in api.files_of(
            "activities", engine.store.xref_by_source("document", held_id)[1])]
        plan = rollback(engine, api, dry_run=True)
        listed = [i for i in plan.items if i.kind == "document"]
        assert len(listed) == len(expected) and all(i.paths for i in listed)
        rollback(engine, api)
        assert verify_rollback(engine, api)["ok"]
        assert _landed(srv, engine) == {}
        for uri in uris:
            assert httpx.get(uri, auth=(srv.admin_user, srv.admin_key)).status_code == 404


def test_oversized_files_are_held_whole_and_the_cli_decides(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            premigrated: Premigrated) -> None:
    import dataclasses

    from consumers.cli import main

    expected = _export_documents()
    limit = 50_000
    sizes = {d: (sample_path("cliniko") / p).stat().st_size for d, p in _paths().items()}
    too_big = {d for d, size in sizes.items() if size > limit}
    assert too_big and len(too_big) < len(expected)
    premigrated.prepared_into(tmp_path, signed_off=False)
    with environment(tmp_path) as (engine, api, srv):
        home = str(engine.settings.home)
        assert main(["--home", home, "review", "list", "--json"]) == 1  # items pending: to look at
        listed = json.loads(capsys.readouterr().out)
        assert {i["decision"] for i in listed["items"]} == {"pending"}
        assert main(["--home", home, "review", "clear", "--all", "--reason", "checked",
                     "--by", "Rita Reviewer"]) == 1  # cleared, not yet signed off
        assert main(["--home", home, "review", "sign-off", "--by", "Olive Officer",
                     "--hash", listed["hash"]]) == 2  # the list changed since it was shown
        assert main(["--home", home, "review", "sign-off", "--by", "Olive Officer"]) == 0
        capsys.readouterr()
        engine.settings = dataclasses.replace(engine.settings, max_file_bytes=limit)
        svc.run_sample(engine, api, 60)
        svc.approve(engine, "tester")
        pushed = svc.run_full(engine, api)
        reasons = pushed.blocked["document"]
        assert len(reasons) == len(too_big)
        assert all(f"over the per-file limit of {limit} bytes: held, not truncated" in r
                   for r in reasons)
        landed = _landed(srv, engine)
        assert set(landed) == set(expected) - too_big  # nothing of a held file was sent
        assert not [f for f in srv.snapshot()["files"] if f["size"] > limit]
        # the operator raises the limit to the account's: they move whole
        engine.settings = dataclasses.replace(engine.settings, max_file_bytes=10 * 1024 * 1024)
        svc.run_full(engine, api)
        landed = _landed(srv, engine)
        assert {d: v["sha256"] for d, v in landed.items()} == {
            d: v["sha256"] for d, v in expected.items()}


def _paths() -> dict[str, str]:
    with open(sample_path("cliniko") / "attachments.csv", encoding="utf-8", newline="") as f:
        return {r["ID"]: r["Path"] for r in csv.DictReader(f)}
