"""A record whose parent the export does not hold (an appointment naming a patient id no
patient row has) can never be sent as the export stands: the run quarantines it with its
reason, naming the parent's kind and never its id, so status and the failures list show it
rather than it sitting unsent with no word."""

from __future__ import annotations

from pathlib import Path

from consumers.nutshell import migration as svc
from tests.integration.migrate import environment, migrate


def test_an_orphan_is_quarantined_with_its_reason(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "patients.csv").write_text("Patient ID,First Name,Last Name,Date of Birth\n" + "".join(
        f"{100 + i},Ann{i},Lee{i},1980-01-{1 + i:02d}\n" for i in range(12)), encoding="utf-8")
    (export / "appointments.csv").write_text(
        "Appointment ID,Patient ID,Start,Duration\n" + "".join(
            f"{500 + j},{100 + j % 12 if j != 7 else 977},2024-03-{1 + j:02d} 09:00,30\n"
            for j in range(20)), encoding="utf-8")
    with environment(tmp_path) as (engine, api, _):
        migrate(engine, api, export, clinical=False, sample=5)
        counts = engine.store.counts()
        assert counts["appointment"].get("pushed") == 19
        assert counts["appointment"].get("quarantined") == 1
        orphan = engine.app.record(engine.settings.run_name, "appointment", "507")
        assert orphan is not None and orphan.state == "quarantined"
        reason = str(orphan.quarantine_reason)
        assert reason.endswith("its patient is not in the export (an orphan)")
        assert "977" not in reason
        failures = [f for f in engine.store.failures() if f["source_id"] == "507"]
        assert failures and "an orphan" in str(failures[0]["reason"])
        _, verified = svc.verify(engine, api)
        assert verified["counts"]["appointment"]["not_pushed"] == 0
