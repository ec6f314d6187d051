"""PHI review: decisions are events naming who took them, the sign-off is bound to the list
as it stands, and the gate holds clinical content until both allow it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from adapters.samples import sample_path
from consumers.services import review as svc
from domain.errors import PreconditionFailed
from tests.integration.migrate import Premigrated, environment, prepare


def test_review_list_decisions_sign_off_and_gate(tmp_path: Path, premigrated: Premigrated) -> None:
    premigrated.prepared_into(tmp_path, signed_off=False)
    with environment(tmp_path) as (engine, api, _srv):
        first = svc.review_list(engine)
        # the oracle: the export's own "PHI Review" column
        rows = (Path(__file__).resolve().parents[2] / "adapters/samples/cliniko/attachments.csv"
                ).read_text(encoding="utf-8").splitlines()[1:]
        required = {f"document:{r.split(',')[0]}" for r in rows if r.endswith(",Required")}
        assert required and required <= {i.item for i in first.items}
        assert all(i.decision == "pending" for i in first.items)
        gate = svc.review_gate(engine)
        some = sorted(required)[0]
        kind, sid = some.split(":")
        assert gate.hold_reason(kind, sid) == "held for PHI review (pending)"
        assert gate.hold_reason("patient", "1000000") is None  # not clinical: never held

        with pytest.raises(PreconditionFailed):  # undecided items: no sign-off yet
            svc.sign_off(engine, by="Olive Officer")
        with pytest.raises(PreconditionFailed):
            svc.clear(engine, ["document:nope"], by="Rita Reviewer")

        held = sorted(required)[1]
        after_hold = svc.hold(engine, [held], by="Rita Reviewer", reason="consent unclear",
                              shown_hash=first.hash)
        assert after_hold.hash != first.hash
        with pytest.raises(PreconditionFailed):  # a decision on a list no longer shown
            svc.clear(engine, [some], by="Rita Reviewer", shown_hash=first.hash)
        bulk = svc.clear_all(engine, by="Rita Reviewer", reason="checked in the clinic system")
        assert {i.item: i.decision for i in bulk.items}[held] == "cleared"
        again = svc.hold(engine, [held], by="Rita Reviewer", reason="second look")
        signed = svc.sign_off(engine, by="Olive Officer", shown_hash=again.hash)
        assert signed.signed_off and signed.sign_off["by"] == "Olive Officer"

        gate = svc.review_gate(engine)
        assert gate.signed_off
        assert gate.hold_reason(*held.split(":")) == "held for PHI review (held)"
        assert gate.hold_reason(kind, sid) is None

        # a later change to the list leaves the sign-off behind
        changed = svc.clear(engine, [held], by="Rita Reviewer")
        assert not changed.signed_off
        assert svc.review_gate(engine).hold_reason(kind, sid) == (
            "held for PHI review: the review list has no current sign-off")

        engine.catch_up()
        decided = [a for a in engine.audit() if a["event"] in {
            "MigrationRun.ReviewDecided", "MigrationRun.ReviewSignedOff"}]
        assert [a["actor"] for a in decided] == ["Rita Reviewer"] * 3 + ["Olive Officer",
                                                                          "Rita Reviewer"]


def test_a_note_naming_images_on_the_web_is_listed_with_the_reason(tmp_path: Path) -> None:
    """Images a note names by a web address are not fetched: the operator sees why in the
    review list, and the note is held until a reviewer clears it."""
    folder = tmp_path / "export"
    shutil.copytree(sample_path("cliniko"), folder)
    path = folder / "treatment_notes.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["Content"] = ('<p>Scan reviewed.</p><img src="https://imaging.example/scan-1.png">'
                          '<img src="https://imaging.example/scan-2.png">')
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with environment(tmp_path) as (engine, api, _srv):
        prepare(engine, api, folder)
        items = {i.item: i for i in svc.review_list(engine).items}
        note = items[f"clinical_note:{rows[0]['ID']}"]
        assert note.decision == "pending"
        assert "2 image(s) by a web address: not fetched" in note.reason
        assert "imaging.example" not in note.reason  # the reason names no value
        assert svc.review_gate(engine).hold_reason("clinical_note", rows[0]["ID"]) == \
            "held for PHI review (pending)"
