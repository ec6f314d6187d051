"""Mapping-file overrides of the default map reach Nutshell: a kind sent to another object,
a kind that does not move at all; the diff stays clean and rollback removes what was made."""

from __future__ import annotations

from pathlib import Path

from consumers.nutshell import migration as svc
from consumers.nutshell.rollback import rollback
from domain.mapping import KindTarget, MappingDocument
from tests.integration.migrate import environment, live, migrate


def appointments_as_tasks_and_no_leads(doc: MappingDocument) -> None:
    doc.nutshell["appointment"] = KindTarget(entity="tasks")
    doc.nutshell["lead"] = KindTarget(enabled=False)


def test_appointments_as_tasks_and_leads_left_out(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, clinical=False, adjust=appointments_as_tasks_and_no_leads)
        counts = engine.store.counts()
        snapshot = live(srv.snapshot())
        assert len(snapshot["tasks"]) == counts["appointment"]["pushed"] > 0
        appointments_as_activities = len(snapshot["activities"]) - counts["communication"]["pushed"]
        assert appointments_as_activities == 0
        assert snapshot["leads"] == {}
        assert counts["lead"]["skipped"] == counts["lead"]["extracted"]
        report, _ = svc.verify(engine, api)
        assert report.differing == 0 and not report.missing_records
        rollback(engine, api, scope="kind:appointment", by="tester")
        assert live(srv.snapshot())["tasks"] == {}
