"""Referrers named only by free text become Nutshell People or Companies, over HTTP against the
sandbox: created once for two patients naming the same referrer, found (by email, by exact
name) instead of created when already in Nutshell, linked from the patient by name and id,
checked by verify (a broken link is flagged), deleted by rollback only when created."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

from adapters.nutshell.client import NutshellClient
from adapters.samples import sample_path
from consumers.nutshell import migration as svc
from consumers.nutshell.migration import current_mapping
from consumers.nutshell.oracle import verify_from_source
from consumers.nutshell.plan import make_plan
from consumers.nutshell.rollback import rollback, verify_rollback
from consumers.nutshell.undo import undo
from domain.errors import TransientError
from domain.mapping import ColumnMapping, MappingDocument
from tests.integration.migrate import environment, live, migrate, prepare, write_rows

EMAIL = "jane.smith@harbour.example"
# patient -> (free text, email): two spellings of one physician at one organisation, one
# organisation already in Nutshell (found by name), one physician already in Nutshell under
# another spelling (found by email)
FREE = {"1000000": ("Dr Jane Smith, Harbour Medical", EMAIL),
        "1000002": ("dr. jane  smith, Harbour Medical", ""),
        "1000004": ("Kauri Physiotherapy Clinic", ""),
        "1000006": ("Dr Ana Lee", "ana.lee@kauri.example")}


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(sample_path("cliniko"), folder)
    path = folder / "referrals.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["Referrer Email"] = ""
        if row["Patient ID"] in FREE and row["Referral Type"] == "Physician":
            row["Referrer"], row["Referrer Email"] = FREE[row["Patient ID"]]
            row["Referring Practitioner ID"] = row["Referring Business ID"] = ""
    write_rows(path, rows)
    return folder


def _email_mapped(doc: MappingDocument) -> None:
    doc.files["referrals.csv"].columns["Referrer Email"] = ColumnMapping(
        target="referral.referrer_email", reasons=["the referrer's email address"])


def _link(snap: dict, engine: object, patient: str) -> str:
    xref = engine.store.xref_by_source("patient", patient)  # type: ignore[attr-defined]
    assert xref is not None
    return str(live(snap)["contacts"][xref[1]]["customFields"]["Referred By"])


def test_free_text_referrers_found_or_created_linked_verified_and_rolled_back(
        tmp_path: Path) -> None:
    folder = _export(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        kauri = api.create("accounts", {"name": "Kauri Physiotherapy Clinic"})
        lee = api.create("contacts", {"name": "Ana Lee MD", "emails": [
            {"name": "email", "isPrimary": True, "value": "ana.lee@kauri.example"}]})
        migrate(engine, api, folder, clinical=False, adjust=_email_mapped)
        snap = srv.snapshot()
        run = engine.run()

        # one Person and one Company for the physician written twice, linked to each other
        jane = run.referrers["person:jane smith"]
        harbour = run.referrers["company:harbour medical"]
        assert not jane["reused"] and not harbour["reused"]
        people = [c for c in live(snap)["contacts"].values() if c["name"] == "Dr Jane Smith"]
        assert len(people) == 1 and people[0]["id"] == jane["id"]
        assert people[0]["links"]["accounts"] == [harbour["id"]]
        assert [e["value"] for e in people[0]["emails"]] == [EMAIL]
        assert len([a for a in live(snap)["accounts"].values()
                    if a["name"] == "Harbour Medical"]) == 1
        assert _link(snap, engine, "1000000") == f"Dr Jane Smith [{jane['id']}]"
        assert _link(snap, engine, "1000002") == f"Dr Jane Smith [{jane['id']}]"

        # already in Nutshell: found by exact name, and by email, not created
        assert run.referrers["company:kauri physiotherapy clinic"] == {
            "entity": "accounts", "name": "Kauri Physiotherapy Clinic", "id": kauri["id"],
            "reused": True, "removed": False}
        assert run.referrers["person:ana lee"]["id"] == lee["id"]
        assert run.referrers["person:ana lee"]["reused"] is True
        assert _link(snap, engine, "1000004") == f"Kauri Physiotherapy Clinic [{kauri['id']}]"
        assert _link(snap, engine, "1000006") == f"Ana Lee MD [{lee['id']}]"

        again = make_plan(engine, api, current_mapping(engine), apply=True,
                          fallback_owner_email="admin@sandbox.test", rate=50)
        assert again.referrers == {"people": 2, "companies": 2, "found": 2, "created": 2}

        report, _ = svc.verify(engine, api)
        assert report.ok
        # the oracle from the source finds every patient's referrer link as it should be
        checked = verify_from_source(engine, api, current_mapping(engine))
        assert not [d for d in checked.differences if d.kind == "referral"]

        # a broken link: the linked Person is gone from Nutshell; verify names the patient
        api.delete("contacts", jane["id"])
        broken = verify_from_source(engine, api, current_mapping(engine))
        assert not broken.ok
        flagged = {(d.source_id, d.reason) for d in broken.differences}
        assert {(_first_referral(folder, "1000000"), "wrong link"),
                (_first_referral(folder, "1000002"), "wrong link")} <= flagged
        api.undelete("contacts", jane["id"])

        plan = rollback(engine, api, dry_run=True)
        assert sorted(plan.referrers) == sorted([jane["id"], harbour["id"]])
        rollback(engine, api)
        assert verify_rollback(engine, api)["ok"]
        after = live(srv.snapshot())
        assert jane["id"] not in after["contacts"] and harbour["id"] not in after["accounts"]
        assert kauri["id"] in after["accounts"] and lee["id"] in after["contacts"]

        back = undo(engine, api)
        assert sorted(back.referrers) == sorted([jane["id"], harbour["id"]])
        # the patients' links hold again (the undelete kept the referrers' ids)
        restored = verify_from_source(engine, api, current_mapping(engine))
        assert not [d for d in restored.differences if d.kind == "referral"]


def _first_referral(folder: Path, patient: str) -> str:
    with open(folder / "referrals.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Patient ID"] == patient]
    return min(rows, key=lambda r: (r["Referred On"], r["ID"]))["ID"]


class _AnswerLost(NutshellClient):
    """Creates the Company, then loses Nutshell's answer (the command dies there)."""

    def create(self, entity: str, record: Any, **kwargs: Any) -> dict[str, Any]:
        made = super().create(entity, record, **kwargs)
        if entity == "accounts" and record.get("name") == "Harbour Medical":
            raise TransientError("connection lost after the request was sent")
        return made


def test_a_plan_apply_that_dies_mid_create_is_rolled_back(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        settings = engine.settings
        assert settings.nutshell_url and settings.nutshell_user and settings.nutshell_api_key
        with _AnswerLost(settings.nutshell_url, settings.nutshell_user,
                         settings.nutshell_api_key, max_retries=0) as flaky, \
                pytest.raises(TransientError):
            prepare(engine, flaky, folder, clinical=False, adjust=_email_mapped)
        run = engine.run()
        # the intent is on the log though the answer never came: the run knows it may be ours
        assert "company:harbour medical" in run.referrers_requested
        harbour = [a for a in live(srv.snapshot())["accounts"].values()
                   if a["name"] == "Harbour Medical"]
        assert len(harbour) == 1
        plan = rollback(engine, api, dry_run=True)
        assert plan.referrers == ["(asked for: accounts)"]
        rollback(engine, api)
        assert harbour[0]["id"] not in live(srv.snapshot())["accounts"]
        assert not engine.run().referrers_requested
        assert verify_rollback(engine, api)["ok"]
