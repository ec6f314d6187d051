"""Builders of canonical records and their histories, for the core tests."""

from __future__ import annotations

from typing import Any

from domain.app import MigrationLog
from domain.records.aggregate import ClinicRecord

SENTINEL_NAME = "Zyxwqvutsrona"  # a name that appears nowhere else


def derived(run: str, source_id: str, kind: str = "patient", **fields: Any) -> ClinicRecord:
    values = {"source_id": source_id, "first_name": f"First{source_id}",
              "last_name": "Example", **fields}
    return ClinicRecord.derive(
        run=run, kind=kind, source_id=source_id, fields=values, extra={}, raw_kept={},
        warnings=[], file=f"{kind}s.csv", rows=[1], mapping_hash="m1", content_hash="c1")


def populate(app: MigrationLog, run: str = "default", n: int = 30) -> None:
    """A small history with every state: derived, quarantined, pushed, failed, rolled back."""
    app.run(run)
    records = [derived(run, f"p{i}") for i in range(n)]
    records.append(ClinicRecord.quarantine(run=run, kind="patient", source_id="bad#1",
                                           file="patients.csv", rows=[99], field="email",
                                           reason="email: not an email address",
                                           mapping_hash="m1"))
    records += [derived(run, f"a{i}", kind="appointment") for i in range(5)]
    app.save_pages(records, page=7)
    for i, record in enumerate(records[:n]):
        record.request_push(op_key=f"k{i}", action="create", steps=[{"entity": "contacts"}],
                            mode="run")
        if i % 5 == 4:
            record.push_failed(op_key=f"k{i}", status=503, transient=True,
                               reason="POST /contacts 503 after retries")
        else:
            record.push_succeeded(op_key=f"k{i}", action="create", entity="contacts",
                                  nutshell_id=f"{i + 1}-contacts", results=[], written={},
                                  overwritten={}, links_added=[], answer={})
        if i % 10 == 3:
            record.request_compensation(comp_key=f"c{i}", op_key=f"k{i}", action="delete",
                                        entity="contacts", nutshell_id=f"{i + 1}-contacts",
                                        ops=[])
            record.compensation_succeeded(comp_key=f"c{i}", op_key=f"k{i}", action="delete")
    app.save_pages(records[:n], page=9)
